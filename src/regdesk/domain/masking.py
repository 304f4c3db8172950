"""Masking personal data for printouts, exports and screens of roles that don't need it."""

from __future__ import annotations


def mask_nik(nik: str) -> str:
    """Keep the region prefix (4) and the serial (4): ``3216********0001``."""
    if len(nik) == 16 and nik.isdigit() and nik.isascii():
        return nik[:4] + "********" + nik[12:]  # the common case, without the scan below
    digits = "".join(ch for ch in nik if ch.isdigit())
    if len(digits) != 16:
        return "*" * len(digits)
    return digits[:4] + "*" * 8 + digits[12:]
