"""Member numbers: 11 digits = 10-digit serial (from the ``member`` counter) + Luhn digit."""

from __future__ import annotations

_BASE = 1_000_000_000  # serial 1 → 1000000001…, so numbers never start with 0
_MAX_SERIAL = 8_999_999_999


def luhn_digit(body: str) -> str:
    """The Luhn check digit for a string of digits."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def member_number(serial: int) -> str:
    """The member number for a counter value (1, 2, …)."""
    if not 1 <= serial <= _MAX_SERIAL:
        raise ValueError("member serial out of range")
    body = str(_BASE + serial)
    return body + luhn_digit(body)


def is_valid_member_number(text: str) -> bool:
    return len(text) == 11 and text.isdigit() and luhn_digit(text[:10]) == text[10]
