"""Words, numbers and dates as a clerk reads them: the one formatting module of the desk's
screens, its printouts and the CLI's text.

Everything comes from Babel's CLDR data (month names, the time separator, the grouping
symbol), read once per language and cached, so a 1M-row recap formats its days at f-string
speed::

    short_day(date(2026, 12, 2))          # "2 Des 2026"        (en: "2 Dec 2026")
    long_day(date(1990, 8, 15))           # "15 Agustus 1990"   (en: "15 August 1990")
    month_year(date(2027, 3, 1))          # "Maret 2027"
    clock_time(moment)                    # "10.14"             (en: "10:14")
    moment_text(moment)                   # "2 Des 2026 10.14"  in the PC's time zone
    number(1_000_000)                     # "1.000.000"         (en: "1,000,000")
    percent(Fraction(41, 100))            # "41,0%"             (en: "41.0%")
    rupiah(16_800)                        # "Rp 16.800"         (both languages)

``lang`` defaults to the process language (:func:`regdesk.i18n.set_language`); the
pseudo-locale formats like Indonesian. Amounts of rupiah are written the Indonesian way in
both languages (``Rp 1.000.000``): it is the currency's own notation, the one on BPJS's
tables the clerk compares with; counts follow the language.

**Zones.** Screens show moments in the PC's time zone (:func:`local`; WIB in Bekasi).
Printouts are official papers that must agree with HQ's signed member card, which HQ dates
in Western Indonesia Time whatever zone a desk's PC is set to: so a printout's day and time
are taken in :data:`PRINT_ZONE` (:func:`print_day`, :func:`printed_moment`) and say so
("2 Desember 2026, 10.14 WIB"); a receipt and a card of one registration then carry the
same day on a PC set to any zone.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from fractions import Fraction
from functools import cache
from typing import Literal

from regdesk.i18n.state import current_language

__all__ = [
    "PRINT_ZONE",
    "clock_time",
    "local",
    "local_day",
    "long_day",
    "moment_text",
    "month_year",
    "number",
    "parse_number",
    "percent",
    "print_day",
    "printed_moment",
    "rupiah",
    "short_day",
    "word_list",
]

PRINT_ZONE = timezone(timedelta(hours=7), "WIB")  # the zone HQ dates members and cards in

_BABEL_LOCALES = {"en": "en"}  # every other language (id, the pseudo-locale) formats as id


def _locale(lang: str | None) -> str:
    return _BABEL_LOCALES.get(lang or current_language(), "id")


@cache
def _months(locale: str, width: Literal["abbreviated", "wide"]) -> tuple[str, ...]:
    from babel.dates import get_month_names  # only when a day is shown: start-up stays light

    names = get_month_names(width, context="format", locale=locale)
    return tuple(str(names[m]) for m in range(1, 13))


@cache
def _time_separator(locale: str) -> str:
    """``.`` for Indonesian (``10.14``), ``:`` for English: the locale's short time pattern."""
    from babel import Locale

    pattern = str(Locale.parse(locale).time_formats["short"].pattern)
    found = re.search(r"[Hh]+(\W)mm", pattern)
    return found.group(1) if found else ":"


@cache
def _group(locale: str) -> str:
    from babel.numbers import get_group_symbol

    return str(get_group_symbol(locale))


def short_day(day: date, lang: str | None = None) -> str:
    """``2 Des 2026`` (``2 Dec 2026``): a day in a list, a history line, a status."""
    return f"{day.day} {_months(_locale(lang), 'abbreviated')[day.month - 1]} {day.year}"


def long_day(day: date, lang: str | None = None) -> str:
    """``15 Agustus 1990`` (``15 August 1990``): a day in a sentence or on paper."""
    return f"{day.day} {_months(_locale(lang), 'wide')[day.month - 1]} {day.year}"


def month_year(day: date, lang: str | None = None) -> str:
    """``Maret 2027`` (``March 2027``)."""
    return f"{_months(_locale(lang), 'wide')[day.month - 1]} {day.year}"


def clock_time(moment: datetime | time, lang: str | None = None) -> str:
    """``10.14`` (Indonesian), ``10:14`` (English), 24-hour, of the moment as given (pass
    :func:`local` of a stored moment)."""
    return f"{moment.hour:02d}{_time_separator(_locale(lang))}{moment.minute:02d}"


def local(moment: datetime) -> datetime:
    """A stored moment in the PC's time zone (a naive one is taken as UTC, as stored)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def local_day(moment: datetime) -> date:
    """The PC's calendar day of a moment."""
    return local(moment).date()


def moment_text(moment: datetime, lang: str | None = None) -> str:
    """``2 Des 2026 10.14``: a moment on screen, in the PC's time zone."""
    shown = local(moment)
    return f"{short_day(shown.date(), lang)} {clock_time(shown, lang)}"


def print_day(moment: datetime) -> date:
    """The day of a moment on paper: in :data:`PRINT_ZONE`, whatever the PC's zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(PRINT_ZONE).date()


def printed_moment(moment: datetime, lang: str | None = None) -> str:
    """``2 Desember 2026, 10.14 WIB``: a moment on paper (in :data:`PRINT_ZONE`)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    shown = moment.astimezone(PRINT_ZONE)
    return f"{long_day(shown.date(), lang)}, {clock_time(shown, lang)} {shown.tzname()}"


def number(value: int, lang: str | None = None) -> str:
    """``1.000.000`` (``1,000,000``): a whole number with the language's grouping."""
    return f"{value:,}".replace(",", _group(_locale(lang)))


@cache
def _decimal(locale: str) -> str:
    from babel.numbers import get_decimal_symbol

    return str(get_decimal_symbol(locale))


def percent(share: Fraction | float, lang: str | None = None, digits: int = 1) -> str:
    """``41,0%`` (``41.0%``): a share (``0.41``) as a percentage with the language's decimal
    sign, rounded half away from zero to ``digits`` places."""
    scaled = Fraction(share) * 100 * 10**digits
    whole = int(scaled + (Fraction(1, 2) if scaled >= 0 else Fraction(-1, 2)))
    sign, body = ("-" if whole < 0 else ""), str(abs(whole)).rjust(digits + 1, "0")
    text = body if digits == 0 else f"{body[:-digits]}{_decimal(_locale(lang))}{body[-digits:]}"
    return f"{sign}{text}%"


def parse_number(text: str, lang: str | None = None) -> int:
    """The inverse of :func:`number`: ``"1.000.000"`` → ``1000000`` (``ValueError`` when
    ``text`` is not a grouped or plain whole number)."""
    group = _group(_locale(lang))
    body = text.strip()
    sign = -1 if body.startswith("-") else 1
    digits = body.removeprefix("-")
    if not re.fullmatch(rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})*|\d+", digits):
        raise ValueError(f"not a whole number: {text!r}")
    return sign * int(digits.replace(group, ""))


def rupiah(amount: int, lang: str | None = None) -> str:
    """``Rp 16.800``; a negative amount keeps its sign before ``Rp`` (``-Rp 25.200``).
    Written the Indonesian way in every language (see the module's note); ``lang`` is
    accepted so call sites read alike."""
    del lang
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {number(abs(amount), 'id')}"



def word_list(words: list[str], lang: str | None = None) -> str:
    """``alamat dan nomor HP``; ``alamat, nomor HP, dan pekerjaan`` (English: ``address,
    phone, and job``): Babel's list pattern of the language."""
    from babel.lists import format_list

    return str(format_list(words, locale=_locale(lang))) if words else ""
