"""The bot's periodic jobs: derived state, rebuilt at every start under fixed names.

    register_jobs(application, interval=settings.outbox_interval)   # from initialize()

`outbox` runs every `Settings.outbox_interval` (`bot.outbox.deliver_due`: offers
expired, agendas queued, due messages sent once each); `retention` once a day. Jobs
carry nothing but the worker's name: what to do is read from the database when they run, so a
restart, or a second bot on the same database, sends nothing twice.
"""

import logging
import os
import socket
import uuid
from datetime import UTC, time, timedelta

from telegram.ext import Application

from bot.outbox import deliver_due
from handlers import journey
from handlers.context import CustomContext
from scheduling.retention import apply_retention

logger = logging.getLogger(__name__)

OUTBOX_JOB = "outbox"
RETENTION_JOB = "retention"
RETENTION_AT = time(3, 30, tzinfo=UTC)


def worker_name() -> str:
    """Unique per running application: host, process and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


async def send_outbox(context: CustomContext) -> None:
    """The `outbox` job: one pass of `deliver_due`."""
    delivery = await deliver_due(context.application, worker=context.job.data)
    if delivery.sent or delivery.unreachable or delivery.failed or delivery.retried:
        logger.info("outbox: %s", delivery)


async def forget_old_data(context: CustomContext) -> None:
    """The `retention` job: forget what is kept too long."""
    services = context.services
    application = context.application
    forgotten = await services.transaction(
        apply_retention, now=services.clock(), retention=application.settings.retention
    )
    # The drafts too: in the database, and in the application's memory (which would write them
    # back).
    drafts = await application.persistence.forget_drafts(before=forgotten.cutoff)
    for user_id in drafts:
        application.drop_user_data(user_id)
    # A journey left unfinished keeps no point searched from (perhaps a shared location).
    searches = await application.persistence.forget_searches(
        before=services.clock() - journey.TIMEOUT
    )
    logger.info("retention: %s, %d drafts, %d searches", forgotten, len(drafts), searches)


def register_jobs(
    application: Application, *, interval: timedelta, worker: str | None = None
) -> None:
    """(Re)create the jobs under their fixed names; none are duplicated on a second call."""
    queue = application.job_queue
    if queue is None:
        logger.warning("no job queue (python-telegram-bot[job-queue]): nothing will be sent")
        return
    for name in (OUTBOX_JOB, RETENTION_JOB):
        for job in queue.get_jobs_by_name(name):
            job.schedule_removal()
    queue.run_repeating(
        send_outbox,
        interval=interval,
        first=interval,
        name=OUTBOX_JOB,
        data=worker or worker_name(),
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
    queue.run_daily(forget_old_data, time=RETENTION_AT, name=RETENTION_JOB)
