"""Where the printing layer finds its fonts and printed texts."""

from __future__ import annotations

from functools import cache

from regdesk.paths import resources_dir


@cache
def printed_text(name: str) -> str:
    """A text file from ``resources/text`` (UTF-8), e.g. ``card_back_id.txt``."""
    return (resources_dir() / "text" / name).read_text(encoding="utf-8")


def default_payment_instructions() -> str:
    """The payment instructions printed on receipts unless the caller gives others."""
    return printed_text("payment_instructions_id.txt").strip()
