"""The one formatting module: days, months, times, moments, numbers and rupiah."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime, timedelta, timezone
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regdesk.i18n import PSEUDO, set_language
from regdesk.i18n.formats import (
    PRINT_ZONE,
    clock_time,
    local,
    long_day,
    moment_text,
    month_year,
    number,
    parse_number,
    percent,
    print_day,
    printed_moment,
    rupiah,
    short_day,
)

LANGS = st.sampled_from(["id", "en"])
DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
MOMENTS = st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 1, 1),
                       timezones=st.just(UTC))
AMOUNTS = st.integers(min_value=-10**15, max_value=10**15)


def test_the_clerks_examples() -> None:
    assert short_day(date(2026, 12, 2), "id") == "2 Des 2026"
    assert short_day(date(2026, 8, 17), "id") == "17 Agu 2026"
    assert long_day(date(1990, 8, 15), "id") == "15 Agustus 1990"
    assert month_year(date(2027, 3, 1), "id") == "Maret 2027"
    assert clock_time(datetime(2026, 12, 2, 10, 14), "id") == "10.14"
    assert number(1_000_000, "id") == "1.000.000"
    assert rupiah(16_800, "id") == "Rp 16.800"


def test_english() -> None:
    assert short_day(date(2026, 12, 2), "en") == "2 Dec 2026"
    assert long_day(date(1990, 8, 15), "en") == "15 August 1990"
    assert month_year(date(2027, 3, 1), "en") == "March 2027"
    assert clock_time(datetime(2026, 12, 2, 9, 5), "en") == "09:05"
    assert number(1_234, "en") == "1,234"


@pytest.mark.parametrize(("amount", "text"), [
    (16_800, "Rp 16.800"), (0, "Rp 0"), (1_000_000, "Rp 1.000.000"), (-500, "-Rp 500"),
    (-25_200, "-Rp 25.200")])
def test_rupiah_is_written_the_indonesian_way_in_both_languages(amount: int, text: str) -> None:
    assert rupiah(amount, "id") == rupiah(amount, "en") == text


def test_the_process_language_is_the_default_and_the_pseudo_locale_formats_as_indonesian(
) -> None:
    try:
        set_language("en")
        assert short_day(date(2026, 12, 2)) == "2 Dec 2026" and number(3000) == "3,000"
        set_language(PSEUDO)
        assert short_day(date(2026, 12, 2)) == "2 Des 2026" and number(3000) == "3.000"
    finally:
        set_language("id")
    assert month_year(date(2027, 3, 1)) == "Maret 2027"


@settings(max_examples=200, deadline=None)
@given(DAYS, LANGS)
def test_any_day_reads_as_day_month_year_in_words(day: date, lang: str) -> None:
    for text in (short_day(day, lang), long_day(day, lang)):
        shown_day, month, year = text.split(" ")
        assert int(shown_day) == day.day and int(year) == day.year
        assert month.isalpha() and not re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert month_year(day, lang) == long_day(day, lang).split(" ", 1)[1]
    assert long_day(day, lang).startswith(short_day(day, lang).split(" ")[0] + " "
                                          + short_day(day, lang).split(" ")[1][:3])


@settings(max_examples=50, deadline=None)
@given(LANGS)
def test_twelve_different_month_names(lang: str) -> None:
    for shown in (short_day, long_day):
        names = {shown(date(2026, m, 1), lang).split(" ")[1] for m in range(1, 13)}
        assert len(names) == 12


@settings(max_examples=300, deadline=None)
@given(AMOUNTS, LANGS)
def test_grouping_round_trips(value: int, lang: str) -> None:
    text = number(value, lang)
    assert parse_number(text, lang) == value
    group = "." if lang == "id" else ","
    digits = text.removeprefix("-").split(group)
    assert all(len(g) == 3 for g in digits[1:]) and 1 <= len(digits[0]) <= 3
    assert rupiah(value).removeprefix("-").removeprefix("Rp ") == number(abs(value), "id")


@pytest.mark.parametrize("text", ["1.00.000", "1,000", "", "12a", "1..000", ".100"])
def test_parse_number_refuses_what_is_not_a_grouped_number(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text, "id")


@settings(max_examples=200, deadline=None)
@given(MOMENTS, LANGS)
def test_any_moment_on_screen_is_the_pcs_local_day_and_time(moment: datetime,
                                                          lang: str) -> None:
    shown = local(moment)  # the process zone is WIB (tests/conftest.py)
    assert shown.utcoffset() == timedelta(hours=7)
    text = moment_text(moment, lang)
    sep = "." if lang == "id" else ":"
    assert text == f"{short_day(shown.date(), lang)} {shown:%H}{sep}{shown:%M}"


@settings(max_examples=200, deadline=None)
@given(MOMENTS)
def test_any_moment_on_paper_is_in_wib(moment: datetime) -> None:
    wib = moment.astimezone(PRINT_ZONE)
    assert print_day(moment) == wib.date()
    assert printed_moment(moment, "id") == f"{long_day(wib.date(), 'id')}, {wib:%H.%M} WIB"


@pytest.mark.parametrize("zone", ["WIB-7", "UTC0", "PST8PDT"])
def test_a_moment_on_paper_does_not_depend_on_the_pcs_zone(
        zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    moment = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)  # 2 Dec 06.30 WIB
    assert printed_moment(moment, "id") == "2 Desember 2026, 06.30 WIB"
    assert print_day(moment) == date(2026, 12, 2)
    naive_utc = moment.replace(tzinfo=None)  # stored moments without a zone are UTC
    assert print_day(naive_utc) == date(2026, 12, 2)


def test_a_moment_on_screen_follows_the_pcs_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    moment = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    assert moment_text(moment, "id") == "2 Des 2026 06.30"  # WIB, the suite's zone
    monkeypatch.setenv("TZ", "WITA-8")
    time.tzset()
    assert moment_text(moment, "id") == "2 Des 2026 07.30"
    assert moment_text(moment.astimezone(timezone(timedelta(hours=-5))), "id") == (
        "2 Des 2026 07.30")


def test_percent_uses_the_languages_decimal_sign_and_rounds_the_exact_share() -> None:
    assert percent(Fraction(41, 100), "id") == "41,0%"
    assert percent(Fraction(41, 100), "en") == "41.0%"
    assert percent(Fraction(883, 2000), "id") == "44,2%"  # 44.15 exactly: half up
    assert percent(Fraction(1, 3), "en", digits=2) == "33.33%"
    assert percent(Fraction(13, 8), "id", digits=0) == "163%"
    assert percent(0.0, "id") == "0,0%" and percent(Fraction(-1, 1000), "id") == "-0,1%"
