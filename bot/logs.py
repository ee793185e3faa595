"""The processes' logs: one line per event, plain text by default, JSON with `--log-format json`.

    configure_logging("json")          # once, by the command that starts a process
    with handling(update.update_id):   # bot.application, around each update
        ...

Each line carries the id of the update being handled, if any (`update_id`: Telegram's counter, no
personal data), so that the lines of one update can be found across the processes' logs. What a
resident is (name, id, what they typed) is never logged: the handlers log ids of rows and kinds of
errors, and the database engine hides statement parameters (`bot.database`).
"""

import contextlib
import json
import logging
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import TextIO

FORMATS = ("text", "json")

_update_id: ContextVar[int | None] = ContextVar("update_id", default=None)


@contextlib.contextmanager
def handling(update_id: int | None) -> Iterator[None]:
    """The lines logged inside (and in the tasks started inside) name `update_id`."""
    token = _update_id.set(update_id)
    try:
        yield
    finally:
        _update_id.reset(token)


class _UpdateId(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.update_id = _update_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, update_id, and the traceback."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "update_id": getattr(record, "update_id", None),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s%(update)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        update_id = getattr(record, "update_id", None)
        record.update = f" [update {update_id}]" if update_id is not None else ""
        return super().format(record)


def configure_logging(log_format: str = "text", stream: TextIO | None = None) -> None:
    """The root logger at INFO, to `stream` (stderr), in `log_format` ("text" or "json")."""
    handler = logging.StreamHandler(stream)
    handler.addFilter(_UpdateId())
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    # httpx logs each request URL at INFO, and the URL holds the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
