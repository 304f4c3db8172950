"""Human-friendly local references for receipts: ``3216062006-000123``."""

from __future__ import annotations


def local_ref_for(village_code: str, serial: int) -> str:
    """``32.16.06.2006`` + 123 → ``3216062006-000123`` (short, readable on a receipt)."""
    return f"{village_code.replace('.', '')}-{serial:06d}"
