"""One spreadsheet cell → one field value, with Excel's pitfalls named instead of guessed.

Every parser returns ``(value, problems)`` and never raises. A blank cell gives
``(None, [])``; whether the field is required is decided later by the domain rules.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time

from regdesk.domain.nik import normalize_nik
from regdesk.domain.problems import Problem, error

# Excel shows at most 15 significant digits; a 16-digit NIK typed into a number cell keeps
# the first 15 and ends in 0, or is written in scientific notation (3.21606E+15).
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+")
_EXACT_FLOAT_LIMIT = 2**53


def cell_text(value: object) -> str:
    """The cell as the clerk would read it (for the stored raw row and the report)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.6G}"  # how Excel's General format shows a long number: 3.21606E+15
    return str(value).strip()


def _plain(value: object) -> str:
    """Cell text without Excel's text markers: a leading apostrophe, or ``="…"`` (CSV)."""
    text = str(value).strip()
    if len(text) >= 3 and text.startswith('="') and text.endswith('"'):
        text = text[2:-1]
    return text.lstrip("'").strip()


def parse_nik_cell(value: object, *, field: str = "nik") -> tuple[str | None, list[Problem]]:
    """A NIK must arrive as text. Numbers that lost digits are refused with the reason."""
    if value is None:
        return None, []
    if type(value) is str and len(value) == 16 and value.isascii() and value.isdigit() and \
            not value.endswith("0000"):
        return value, []  # the usual cell, as the general path below would read it
    if isinstance(value, (bool, float, int, date, datetime)):
        return _nik_not_text(value, field)
    text = _plain(value)
    if not text:
        return None, []
    if _SCIENTIFIC.fullmatch(text.replace(" ", "")):
        return None, [error(field, "nik.scientific", value=text)]
    nik = normalize_nik(text)
    if len(nik) == 16 and nik.isdigit() and nik.endswith("0000"):
        # serial 0000 never exists; this is the footprint of a number that lost digits
        return None, [error(field, "nik.number_precision", value=nik)]
    return nik, []


def _nik_not_text(value: bool | float | int | date, field: str
                  ) -> tuple[str | None, list[Problem]]:
    """A number, boolean or date cell: a NIK only if an exact 16-digit integer (written by a
    program); otherwise why not."""
    if isinstance(value, bool):
        return None, [error(field, "nik.not_digits")]
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer() or value >= 1e15:
            return None, [error(field, "nik.scientific", value=cell_text(value))]
        return None, [error(field, "nik.stored_as_number", value=cell_text(value))]
    if isinstance(value, int):
        digits = str(abs(value))
        if len(digits) == 16 and not digits.endswith("0") and value < _EXACT_FLOAT_LIMIT:
            return digits, []  # written exactly by a program; nothing was lost
        if len(digits) == 16:
            return None, [error(field, "nik.number_precision", value=digits)]
        return None, [error(field, "nik.stored_as_number", value=digits)]
    return None, [error(field, "nik.not_digits")]


def parse_phone_cell(value: object, *, field: str = "phone") -> tuple[str | None, list[Problem]]:
    """Phone text for the domain's normaliser. A number cell only loses its leading 0."""
    if value is None:
        return None, []
    if isinstance(value, bool):
        return None, [error(field, "phone.not_digits")]
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer() or value >= 1e15:
            return None, [error(field, "phone.scientific", value=cell_text(value))]
        value = int(value)
    if isinstance(value, int):
        digits = str(abs(value))
        if digits.startswith("8"):
            return "0" + digits, []  # 0812… typed into a number cell shows as 812…
        return digits, []
    text = _plain(value)
    if _SCIENTIFIC.fullmatch(text.replace(" ", "")):
        return None, [error(field, "phone.scientific", value=text)]
    return (text or None), []


_GENDERS = {
    "l": "L",
    "lk": "L",
    "laki": "L",
    "laki-laki": "L",
    "laki laki": "L",
    "lakilaki": "L",
    "pria": "L",
    "m": "L",
    "male": "L",
    "cowok": "L",
    "p": "P",
    "pr": "P",
    "perempuan": "P",
    "wanita": "P",
    "w": "P",
    "f": "P",
    "female": "P",
    "cewek": "P",
}


def parse_gender_cell(value: object, *, field: str = "gender") -> tuple[str | None, list[Problem]]:
    text = cell_text(value).casefold().strip(" .")
    if not text:
        return None, []
    gender = _GENDERS.get(text)
    if gender is None:
        return None, [error(field, "choice.invalid", allowed=["L", "P"])]
    return gender, []


def parse_text_cell(value: object, *, field: str) -> tuple[str | None, list[Problem]]:
    """Plain text: numbers print without ``.0``; a leading apostrophe is Excel's text marker."""
    if type(value) is str and value.isprintable() and " " not in value and value[:1] not in (
            "", "'", "="):
        return value, []  # no whitespace, no marker: the text as it is (the common cell)
    text = _plain(value) if isinstance(value, str) else cell_text(value)
    return (" ".join(text.split()) or None), []


def parse_number_text_cell(value: object, *, field: str) -> tuple[str | None, list[Problem]]:
    """Short codes typed as numbers (RT ``3``, kode pos ``17320``): digits as text."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return parse_text_cell(value, field=field)


_RT_RW = re.compile(r"(?:rt\.?\s*)?(\d{1,3})\s*[/\\\-.]\s*(?:rw\.?\s*)?(\d{1,3})", re.IGNORECASE)


def parse_rt_rw_cell(value: object) -> tuple[tuple[str | None, str | None], list[Problem]]:
    """``"003/005"`` or ``"RT 03 / RW 05"`` → ``("003", "005")``."""
    text = cell_text(value)
    if not text:
        return (None, None), []
    match = _RT_RW.fullmatch(text.strip())
    if match is None:
        return (None, None), [error("rt", "rt_rw.combined_format", example="003/005")]
    return (match[1].zfill(3), match[2].zfill(3)), []


def parse_integer_cell(value: object, *, field: str) -> tuple[object | None, list[Problem]]:
    """Whole numbers: ``1000000``, ``1000000.0``, ``"Rp 1.000.000"`` (domain reads the text)."""
    if value is None:
        return None, []
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None, [error(field, "type.integer")]
        return int(value), []
    if isinstance(value, int) and not isinstance(value, bool):
        return value, []
    text = cell_text(value)
    return (text or None), []
