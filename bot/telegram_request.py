"""The connection to Telegram, patient with Telegram's own failures.

A 5xx from the Bot API, or a dropped connection, happens a few times a day at scale. The resident
who pressed "Oui, je réserve" must still see that they are booked: each request is tried again,
twice, a moment later. A 429 is not handled here: `AIORateLimiter` waits as long as Telegram says.

A request that timed out may have reached Telegram: sending it again could show a message twice,
so only requests that change nothing when repeated (edits, reads) are retried after a timeout.
"""

import asyncio
import logging

from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest, RequestData

logger = logging.getLogger(__name__)

# Seconds before each new try; the resident is waiting, so briefly.
DELAYS = (0.3, 1.0)
_REPEATABLE = ("edit", "get", "answer", "delete", "set")


class PatientRequest(HTTPXRequest):
    def __init__(self, *, delays: tuple[float, ...] = DELAYS) -> None:
        super().__init__(connection_pool_size=256)
        self._delays = delays

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **timeouts
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        for delay in self._delays:
            try:
                code, payload = await super().do_request(url, method, request_data, **timeouts)
            except TimedOut:
                if not api_method.lower().startswith(_REPEATABLE):
                    raise
                failure = "a timeout"
            except NetworkError:  # the connection failed before the request was sent
                failure = "no connection"
            else:
                if code < 500:
                    return code, payload
                failure = f"HTTP {code}"
            logger.warning("%s failed (%s): trying again in %s s", api_method, failure, delay)
            await asyncio.sleep(delay)
        return await super().do_request(url, method, request_data, **timeouts)
