"""HQ's numbers, 11 digits each with a Luhn check digit (python-stdnum's ``luhn``):

- the **registration number** HQ gives a registration it accepts: a 10-digit serial from the
  ``registration`` counter (``1000000001``, …; never starts with 0) + the check digit. Until
  revision 0002 it was called the "member number"; the wire field keeps that name
  (``member_number``) so desks already in the field keep working.
- a **KPJ-format number**, only when HQ itself is the issuing office
  (``membership_authority = local``): ``9`` + a 9-digit serial from the ``kpj`` counter + the
  check digit. BPJS Ketenagakerjaan's own KPJs arrive by import and are never made here.
"""

from __future__ import annotations

from stdnum import luhn

_BASE = 1_000_000_000  # serial 1 → 1000000001…, so numbers never start with 0
_MAX_SERIAL = 8_999_999_999
_KPJ_PREFIX = "9"
_MAX_KPJ_SERIAL = 999_999_999


def registration_number(serial: int) -> str:
    """The registration number for a counter value (1, 2, …)."""
    if not 1 <= serial <= _MAX_SERIAL:
        raise ValueError("registration serial out of range")
    body = str(_BASE + serial)
    return body + luhn.calc_check_digit(body)


def local_kpj(serial: int) -> str:
    """A KPJ-format number HQ issues as the issuing office (``local`` authority)."""
    if not 1 <= serial <= _MAX_KPJ_SERIAL:
        raise ValueError("KPJ serial out of range")
    body = _KPJ_PREFIX + str(serial).zfill(9)
    return body + luhn.calc_check_digit(body)


def is_valid_registration_number(text: str) -> bool:
    return len(text) == 11 and text.isdigit() and luhn.is_valid(text)


def is_kpj_format(text: str) -> bool:
    """11 digits: the shape of a KPJ (BPJS Ketenagakerjaan's own carry no check we know of)."""
    return len(text) == 11 and text.isdigit()
