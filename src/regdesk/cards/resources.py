"""Where the printing layer finds its fonts and printed texts."""

from __future__ import annotations

from functools import cache
from pathlib import Path


def resources_dir() -> Path:
    """The top-level ``resources/`` folder (from ``regdesk.paths`` once it exists)."""
    try:
        from regdesk.paths import resources_dir as app_resources_dir
    except ImportError:  # paths.py not written yet: src layout fallback
        return Path(__file__).resolve().parents[3] / "resources"
    return app_resources_dir()


@cache
def printed_text(name: str) -> str:
    """A text file from ``resources/text`` (UTF-8), e.g. ``card_back_id.txt``."""
    return (resources_dir() / "text" / name).read_text(encoding="utf-8")


def default_payment_instructions() -> str:
    """The payment instructions printed on receipts unless the caller gives others."""
    return printed_text("payment_instructions_id.txt").strip()
