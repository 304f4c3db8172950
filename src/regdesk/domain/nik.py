"""NIK (16-digit population number) and KK (family card) checks.

Builds on ``stdnum.id.nik`` (length, digits, date, province) and adds what it lacks:
regencies newer than stdnum's table are known from the region table when one is given, and
an unknown province or regency prefix is a *warning* (the list may lag behind Dukcapil);
serial ``0000`` is invalid; the kecamatan must be in the region table (a *warning*: old
codes survive region splits); the century is chosen so the person is not born in the
future; gender comes from the day (+40 for women); a disagreement with the typed birth
date or gender is a *warning* the clerk confirms, never a refusal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from stdnum.id import nik as stdnum_nik

from regdesk.domain.problems import Problem, error, warning
from regdesk.domain.regions import RegionTable

FEMALE_DAY_OFFSET = 40
# spaces (incl. Excel's no-break space), dots, dashes, the apostrophe Excel uses for text
_SEPARATORS = re.compile(r"[ \t\u00a0.\-']")


def normalize_nik(text: str) -> str:
    """Drop spaces, dots, dashes and a leading apostrophe (Excel text marker)."""
    return _SEPARATORS.sub("", text or "")


@dataclass(frozen=True, slots=True)
class NikInfo:
    """What a NIK says about its holder."""

    nik: str
    province: str
    regency: str
    kecamatan: str
    birth_date: date
    gender: str  # "L" (laki-laki) or "P" (perempuan)
    serial: str


def _date_in_plausible_century(day: int, month: int, yy: int, today: date) -> date | None:
    """The latest of 20yy / 19yy that is a real date and not after ``today``."""
    for century in (2000, 1900):
        try:
            candidate = date(century + yy, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return None


@lru_cache(maxsize=4096)
def _stdnum_knows_place(prefix: str) -> bool:
    """stdnum's region check (it knows provinces/regencies), asked once per 4-digit prefix
    with a known-good date and serial; the date and serial rules are checked here."""
    return bool(stdnum_nik.is_valid(prefix + "01" + "010100" + "0001"))


def _place_known(prefix: str, regions: RegionTable | None) -> bool:
    """A regency in the region table (Kemendagri 2025: Kalimantan Utara, the new Papua
    provinces), or one stdnum knows (older codes stay on people's cards after splits)."""
    if regions is not None and len(regions) and f"{prefix[:2]}.{prefix[2:]}" in regions:
        return True
    return _stdnum_knows_place(prefix)


def parse_nik(
    text: str,
    *,
    today: date,
    regions: RegionTable | None = None,
    birth_date: date | None = None,
    gender: str | None = None,
    field: str = "nik",
) -> tuple[NikInfo | None, list[Problem]]:
    """Check a NIK; return what it encodes (when readable) and the problems found."""
    nik = normalize_nik(text)
    if not nik:
        return None, [error(field, "required")]
    if not nik.isdigit():
        return None, [error(field, "nik.not_digits")]
    if len(nik) != 16:
        return None, [error(field, "nik.length", expected=16, actual=len(nik))]
    raw_day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    female = raw_day > FEMALE_DAY_OFFSET
    day = raw_day - FEMALE_DAY_OFFSET if female else raw_day
    born = _date_in_plausible_century(day, month, yy, today)
    if born is None:
        return None, [error(field, "nik.birth_date_invalid", date_part=nik[6:12])]
    problems: list[Problem] = []
    if not _place_known(nik[:4], regions):  # a warning: the region list may lag behind
        problems.append(warning(field, "nik.province_unknown", province=nik[:2]))
    if nik[12:] == "0000":
        problems.append(error(field, "nik.serial_zero"))
    info = NikInfo(
        nik=nik,
        province=nik[0:2],
        regency=f"{nik[0:2]}.{nik[2:4]}",
        kecamatan=f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}",
        birth_date=born,
        gender="P" if female else "L",
        serial=nik[12:],
    )
    if regions is not None and len(regions) and info.kecamatan not in regions:
        problems.append(warning(field, "nik.kecamatan_unknown", kecamatan=info.kecamatan))
    if birth_date is not None and birth_date != born:
        problems.append(
            warning(
                field,
                "nik.birth_date_mismatch",
                nik_birth_date=born.isoformat(),
                birth_date=birth_date.isoformat(),
            )
        )
    if gender is not None and gender != info.gender:
        problems.append(
            warning(field, "nik.gender_mismatch", nik_gender=info.gender, gender=gender)
        )
    return info, problems


def check_kk(text: str, *, field: str = "kk_number") -> list[Problem]:
    """KK: 16 digits = 6-digit region + recording date DDMMYY (no +40) + 4-digit serial."""
    kk = normalize_nik(text)
    if not kk.isdigit():
        return [error(field, "kk.not_digits")]
    if len(kk) != 16:
        return [error(field, "kk.length", expected=16, actual=len(kk))]
    day, month, yy = int(kk[6:8]), int(kk[8:10]), int(kk[10:12])
    valid_in_some_century = False
    for century in (1900, 2000):
        try:
            date(century + yy, month, day)
        except ValueError:
            continue
        valid_in_some_century = True
    if not valid_in_some_century:
        return [error(field, "kk.date_invalid", date_part=kk[6:12])]
    if kk[12:] == "0000":
        return [error(field, "kk.serial_zero")]
    return []
