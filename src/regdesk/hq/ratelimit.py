"""ASGI middleware: rate limits with the ``limits`` library, before any body is read.

- ``/push`` and ``/changes``: per device token (its SHA-256; without a token, per client
  address), at ``Limits.rate_api``;
- ``/enrol``: per client address, at ``Limits.rate_enrol``;
- ``/verify``: per client address, at ``Limits.rate_verify``.

Over a limit: 429 with ``Retry-After`` (whole seconds), which the desk's sync honours. The
counters live in the worker's memory (a sliding window per key), so with N workers a
client may get up to N times a rate; behind a reverse proxy, uvicorn takes the client
address from ``X-Forwarded-For`` of the trusted proxy (``--forwarded-allow-ips``).
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Mapping
from typing import Any

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import SlidingWindowCounterRateLimiter

from regdesk.hq.body import reply
from regdesk.hq.settings import Limits

API, ADDRESS = "token", "address"


def parse_rates(name: str, text: str) -> list[RateLimitItem]:
    """``10/minute;100/hour`` as limits' items; a ValueError names the setting."""
    try:
        items = parse_many(text)
    except ValueError:
        items = []
    if not items:
        raise ValueError(f"REGDESK_HQ_{name.upper()}={text!r}: not a rate such as 10/minute")
    return items


def check_rates(limits: Limits) -> None:
    """Fail early (at app creation) on a rate that does not parse."""
    for name in ("rate_api", "rate_enrol", "rate_verify"):
        parse_rates(name, getattr(limits, name))


class RateLimitMiddleware:
    def __init__(self, app: Any, *, prefix: str, limits: Limits) -> None:
        self.app = app
        self.limiter = SlidingWindowCounterRateLimiter(MemoryStorage())
        api = parse_rates("rate_api", limits.rate_api)
        self.routes: dict[str, tuple[str, str, list[RateLimitItem]]] = {
            f"{prefix}/push": ("api", API, api),
            f"{prefix}/changes": ("api", API, api),
            f"{prefix}/enrol": ("enrol", ADDRESS, parse_rates("rate_enrol", limits.rate_enrol)),
            f"{prefix}/verify": ("verify", ADDRESS,
                                 parse_rates("rate_verify", limits.rate_verify)),
        }

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        route = self.routes.get(scope.get("path", "")) if scope["type"] == "http" else None
        if route is not None:
            name, by, rates = route
            wait = self._over(f"{name}:{_key(scope, by)}", rates)
            if wait is not None:
                await reply(send, 429, "rate.limited", f"too many requests; retry in {wait} s",
                            {"Retry-After": str(wait)})
                return
        await self.app(scope, receive, send)

    def _over(self, key: str, rates: list[RateLimitItem]) -> int | None:
        """None when ``key`` may go on (the hit is counted), else seconds to wait."""
        refused = [item for item in rates if not self.limiter.hit(item, key)]
        if not refused:
            return None
        now = time.time()
        resets = [self.limiter.get_window_stats(item, key).reset_time for item in refused]
        return max(1, math.ceil(max(resets) - now))


def _key(scope: Mapping[str, Any], by: str) -> str:
    if by == API:
        for name, value in scope.get("headers") or ():
            if name == b"authorization":
                scheme, _, token = value.partition(b" ")
                if scheme.lower() == b"bearer" and token.strip():
                    return hashlib.sha256(token.strip()).hexdigest()[:32]
    client = scope.get("client")
    return f"ip:{client[0]}" if client else "ip:?"
