"""Rupiah amounts: whole integers, displayed the Indonesian way (``Rp 16.800``)."""

from __future__ import annotations


def format_rupiah(amount: int) -> str:
    """``16800`` → ``"Rp 16.800"``; negative amounts keep their sign before ``Rp``."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", ".")
