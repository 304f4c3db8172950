"""Sign-in throttling, pure: how long a name must wait after failed attempts, and when it is
locked. The policy is data (``resources/data/signin.json``, sources cited there)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any


@dataclass(frozen=True, slots=True)
class SigninPolicy:
    free_failures: int
    base_delay_seconds: int
    max_delay_seconds: int
    lockout_after: int

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SigninPolicy:
        return cls(int(data["free_failures"]), int(data["base_delay_seconds"]),
                   int(data["max_delay_seconds"]), int(data["lockout_after"]))

    def delay_after(self, failures: int) -> int:
        """Seconds to wait after ``failures`` failed attempts in a row (0 while free)."""
        over = failures - self.free_failures
        if over < 0:
            return 0
        return min(self.max_delay_seconds, self.base_delay_seconds * (1 << min(over, 30)))

    def locked(self, failures: int) -> bool:
        return failures >= self.lockout_after

    def wait_left(self, failures: int, last_failure: datetime | None, now: datetime) -> int:
        """Whole seconds until the next attempt may be tried (0: now)."""
        if last_failure is None:
            return 0
        until = last_failure + timedelta(seconds=self.delay_after(failures))
        left = (until - now).total_seconds()
        return math.ceil(left) if left > 0 else 0  # a wait already over is none, not 1 s
