"""Dates as villages type them in Excel: real date cells, Excel serial numbers, ``17-08-1985``,
``17/08/1985``, ``17 Agustus 1985`` (Indonesian or English month names, full or short) and
ISO ``1985-08-17``. Two-digit years and month/day orders that only fit the US style are
refused, never guessed. Parsers never raise: bad input becomes a problem.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

from regdesk.domain.problems import Problem, error

EXPECTED = "dd-mm-yyyy"
# Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for (serial 60 does
# not exist as a real date); the 1904 system starts at 1904-01-01.
_EPOCH_1900 = date(1899, 12, 30)
_EPOCH_1904 = date(1904, 1, 1)
_MAX_SERIAL = 2_958_465  # 9999-12-31

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("januari", "january", "jan"),
        ("februari", "pebruari", "february", "feb", "peb"),
        ("maret", "march", "mar"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("agustus", "august", "agu", "agt", "ags", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nopember", "nov", "nop"),
        ("desember", "december", "des", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

_NUMERIC = re.compile(r"(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{2,4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_WORDS = re.compile(r"(\d{1,2})[\s\-.]*([^\W\d_]+)\.?[\s\-.,]*(\d{2,4})", re.UNICODE)
# A date at the end of "Bekasi, 17-08-1985" / "BEKASI 17 Agustus 1985".
DATE_AT_END = re.compile(
    r"(?P<date>\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}"
    r"|\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[\s\-.]*[^\W\d_]+\.?[\s\-.,]*\d{2,4})\s*$",
    re.UNICODE,
)


def from_serial(value: float, *, epoch1904: bool = False) -> date | None:
    """An Excel serial day number as a date (``None`` when it cannot be one)."""
    if not math.isfinite(value) or value < 1 or value > _MAX_SERIAL:
        return None
    whole = int(value)
    if epoch1904:
        return _EPOCH_1904 + timedelta(days=whole)
    if whole == 60:  # 1900-02-29 does not exist
        return None
    if whole < 60:
        whole += 1  # before the phantom leap day the offset is one less
    return _EPOCH_1900 + timedelta(days=whole)


def _build(year: int, month: int, day: int, field: str) -> tuple[date | None, list[Problem]]:
    try:
        return date(year, month, day), []
    except ValueError:
        return None, [error(field, "date.invalid", expected=EXPECTED)]


def _from_text(text: str, field: str) -> tuple[date | None, list[Problem]]:
    compact = " ".join(text.replace("\u00a0", " ").split()).strip(" ,'")
    if m := _ISO.fullmatch(compact):
        return _build(int(m[1]), int(m[2]), int(m[3]), field)
    if m := _NUMERIC.fullmatch(compact):
        day, month, year_text = int(m[1]), int(m[3]), m[4]
        if len(year_text) != 4:
            return None, [error(field, "date.two_digit_year", expected=EXPECTED)]
        if month > 12 and day <= 12:  # 08/17/1985: a US-style date; don't swap silently
            return None, [error(field, "date.month_day_order", expected=EXPECTED)]
        return _build(int(year_text), month, day, field)
    if m := _WORDS.fullmatch(compact):
        month_number = MONTHS.get(m[2].casefold())
        if month_number is None:
            return None, [error(field, "date.month_name", value=m[2])]
        if len(m[3]) != 4:
            return None, [error(field, "date.two_digit_year", expected=EXPECTED)]
        return _build(int(m[3]), month_number, int(m[1]), field)
    return None, [error(field, "date.format", expected=EXPECTED)]


def parse_date_cell(
    value: object, *, field: str = "birth_date", epoch1904: bool = False
) -> tuple[date | None, list[Problem]]:
    """Read one cell as a date. Blank → ``(None, [])`` (the caller decides if it's required)."""
    if value is None:
        return None, []
    if isinstance(value, datetime):
        return value.date(), []
    if isinstance(value, date):
        return value, []
    if isinstance(value, bool):
        return None, [error(field, "date.format", expected=EXPECTED)]
    if isinstance(value, (int, float)):
        day = from_serial(float(value), epoch1904=epoch1904)
        if day is None:
            return None, [error(field, "date.serial_invalid", value=str(value))]
        return day, []
    if isinstance(value, timedelta):
        return None, [error(field, "date.format", expected=EXPECTED)]
    text = str(value).strip().lstrip("'").strip()
    if not text:
        return None, []
    return _from_text(text, field)


def parse_place_date_cell(
    value: object,
    *,
    field: str = "birth_date",
    place_field: str = "birth_place",
    epoch1904: bool = False,
) -> tuple[str | None, date | None, list[Problem]]:
    """``"Bekasi, 17-08-1985"`` → ``("Bekasi", 1985-08-17)``. A bare date has no place."""
    if value is None or isinstance(value, (datetime, date, int, float)):
        day, problems = parse_date_cell(value, field=field, epoch1904=epoch1904)
        return None, day, problems
    text = " ".join(str(value).replace("\u00a0", " ").split()).strip().lstrip("'").strip()
    if not text:
        return None, None, []
    match = DATE_AT_END.search(text)
    if match is None:
        return None, None, [error(field, "date.place_date_format", expected=f"Bekasi, {EXPECTED}")]
    place = text[: match.start()].strip(" ,;/-") or None
    day, problems = parse_date_cell(match["date"], field=field)
    if place is not None and not any(ch.isalpha() for ch in place):
        return (
            None,
            None,
            [error(place_field, "date.place_date_format", expected=f"Bekasi, {EXPECTED}")],
        )
    return place, day, problems


MONTH_EXPECTED = "yyyy-mm"
_YEAR_MONTH = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{4})")
_NAME_YEAR = re.compile(r"([^\W\d_]+)\.?[\s\-.,/]*(\d{2,4})", re.UNICODE)


def _month_from_text(text: str, field: str) -> tuple[date | None, list[Problem]]:
    compact = " ".join(text.replace("\u00a0", " ").split()).strip(" ,'")
    for pattern, year_at, month_at in ((_YEAR_MONTH, 1, 2), (_MONTH_YEAR, 2, 1)):
        if m := pattern.fullmatch(compact):
            month = int(m[month_at])
            if not 1 <= month <= 12:
                return None, [error(field, "month.format", expected=MONTH_EXPECTED)]
            return date(int(m[year_at]), month, 1), []
    if m := _NAME_YEAR.fullmatch(compact):
        number = MONTHS.get(m[1].casefold())
        if number is None:
            return None, [error(field, "date.month_name", value=m[1])]
        if len(m[2]) != 4:
            return None, [error(field, "date.two_digit_year", expected=MONTH_EXPECTED)]
        return date(int(m[2]), number, 1), []
    day, problems = _from_text(compact, field)  # a whole date: its month
    if day is None:
        return None, [error(field, "month.format", expected=MONTH_EXPECTED)]
    return day.replace(day=1), problems


def parse_month_cell(
    value: object, *, field: str, epoch1904: bool = False
) -> tuple[date | None, list[Problem]]:
    """A contribution month: ``2026-04``, ``04/2026``, ``April 2026``, ``Apr 2026``, a date
    (Excel turns ``2026-04`` into 1 April 2026) or its serial → the first day of that month.
    Blank → ``(None, [])``."""
    if isinstance(value, str):
        text = value.strip().lstrip("'").strip()
        return _month_from_text(text, field) if text else (None, [])
    day, problems = parse_date_cell(value, field=field, epoch1904=epoch1904)
    return (None if day is None else day.replace(day=1)), problems
