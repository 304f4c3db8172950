"""Cell parsers: every Excel pitfall by example, and property tests that they never crash."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regdesk.tabular.cells import (
    cell_text,
    parse_gender_cell,
    parse_nik_cell,
    parse_phone_cell,
    parse_rt_rw_cell,
)
from regdesk.tabular.dates import from_serial, parse_date_cell, parse_place_date_cell

NIK = "3216061708850001"


def codes(problems):  # type: ignore[no-untyped-def]
    return [p.code for p in problems]


@pytest.mark.parametrize(
    "value",
    [
        NIK,
        f"'{NIK}",
        f"  {NIK} ",
        "3216 0617 0885 0001",
        "3216.061708.850001",
        f'="{NIK}"',
        int(NIK),
    ],
)
def test_nik_text_forms_are_read_exactly(value: object) -> None:
    assert parse_nik_cell(value) == (NIK, [])


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (3.21606e15, "nik.scientific"),
        (3216061708850001.0, "nik.scientific"),  # a float cell: the file held 3.2…E+15
        ("3.21606E+15", "nik.scientific"),
        ("3,21606E+15", "nik.scientific"),
        (3216061708850000, "nik.number_precision"),  # 15 digits kept, the 16th became 0
        ("3216061708850000", "nik.number_precision"),  # ends 0000: a number that lost digits
        (321606170885, "nik.stored_as_number"),
    ],
)
def test_nik_numbers_that_lost_digits_are_refused_with_the_reason(value: object, code: str) -> None:
    nik, problems = parse_nik_cell(value)
    assert nik is None
    assert codes(problems) == [code]
    assert problems[0].field == "nik"


def test_blank_nik_is_left_to_the_required_rule() -> None:
    assert parse_nik_cell(None) == (None, [])
    assert parse_nik_cell("  ") == (None, [])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(1985, 8, 17), date(1985, 8, 17)),
        (date(1985, 8, 17), date(1985, 8, 17)),
        (31276, date(1985, 8, 17)),  # Excel serial
        (31276.0, date(1985, 8, 17)),
        ("17-08-1985", date(1985, 8, 17)),
        ("17/08/1985", date(1985, 8, 17)),
        ("7/8/1985", date(1985, 8, 7)),
        ("17.08.1985", date(1985, 8, 17)),
        ("17 Agustus 1985", date(1985, 8, 17)),
        ("17 agt 1985", date(1985, 8, 17)),
        ("1 Mei 1990", date(1990, 5, 1)),
        ("02 Desember 2001", date(2001, 12, 2)),
        ("1985-08-17", date(1985, 8, 17)),
        ("'17-08-1985", date(1985, 8, 17)),
    ],
)
def test_dates_in_village_formats(value: object, expected: date) -> None:
    assert parse_date_cell(value) == (expected, [])


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("17-08-85", "date.two_digit_year"),
        ("08/17/1985", "date.month_day_order"),
        ("31-02-1985", "date.invalid"),
        ("17 Agustos 1985", "date.month_name"),
        ("kemarin", "date.format"),
        (0, "date.serial_invalid"),
        (17081985, "date.serial_invalid"),
        (60, "date.serial_invalid"),  # Excel's phantom 1900-02-29
    ],
)
def test_bad_dates_are_refused_not_guessed(value: object, code: str) -> None:
    day, problems = parse_date_cell(value)
    assert day is None
    assert codes(problems) == [code]


def test_excel_serial_epochs() -> None:
    assert from_serial(1) == date(1900, 1, 1)
    assert from_serial(61) == date(1900, 3, 1)
    assert from_serial(0, epoch1904=True) is None
    assert from_serial(29814, epoch1904=True) == date(1985, 8, 17)
    assert from_serial(59) == date(1900, 2, 28)


@pytest.mark.parametrize(
    ("value", "place", "day"),
    [
        ("Bekasi, 17-08-1985", "Bekasi", date(1985, 8, 17)),
        ("BEKASI,17/08/1985", "BEKASI", date(1985, 8, 17)),
        ("Bekasi 17 Agustus 1985", "Bekasi", date(1985, 8, 17)),
        ("Kab. Bekasi, 1 Mei 1990", "Kab. Bekasi", date(1990, 5, 1)),
        ("17-08-1985", None, date(1985, 8, 17)),
        (datetime(1985, 8, 17), None, date(1985, 8, 17)),
    ],
)
def test_place_and_date_in_one_cell(value: object, place: str | None, day: date) -> None:
    assert parse_place_date_cell(value) == (place, day, [])


def test_place_without_date_is_refused() -> None:
    _, day, problems = parse_place_date_cell("Bekasi")
    assert day is None and codes(problems) == ["date.place_date_format"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0812 3456 7890", "0812 3456 7890"),  # separators: the domain normaliser drops them
        ("+62 812-3456-7890", "+62 812-3456-7890"),
        (81234567890, "081234567890"),  # number cell lost the leading 0 only
        (6281234567890, "6281234567890"),
        ("'081234567890", "081234567890"),
    ],
)
def test_phone_cells(value: object, expected: str) -> None:
    assert parse_phone_cell(value) == (expected, [])


def test_phone_in_scientific_notation_is_refused() -> None:
    assert codes(parse_phone_cell(6.28123e12 + 0.5)[1]) == ["phone.scientific"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("L", "L"),
        ("p", "P"),
        ("Laki-laki", "L"),
        ("Perempuan", "P"),
        ("Pria", "L"),
        ("Wanita", "P"),
        (None, None),
    ],
)
def test_gender_cells(value: object, expected: str | None) -> None:
    assert parse_gender_cell(value) == (expected, [])


def test_rt_rw_in_one_cell() -> None:
    assert parse_rt_rw_cell("3/5") == (("003", "005"), [])
    assert parse_rt_rw_cell("RT 03 / RW 05") == (("003", "005"), [])
    assert codes(parse_rt_rw_cell("tiga")[1]) == ["rt_rw.combined_format"]


CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.datetimes(),
    st.dates(),
    st.from_regex(r"\s*'?\d{1,2}[-/. ]\w{0,9}[-/. ]\d{0,5}\s*", fullmatch=True),
    st.from_regex(r"[A-Za-z ,.]{0,12}\d{1,2}[-/ ][A-Za-z0-9]{1,9}[-/ ]\d{2,4}", fullmatch=True),
    st.from_regex(r"'?\s*\d[\d .\-]{10,20}(E\+\d\d)?", fullmatch=True),
)


@given(CELLS)
def test_date_parsers_never_crash(value: object) -> None:
    day, problems = parse_date_cell(value)
    assert (day is None) or isinstance(day, date)
    assert day is None or not problems
    place, day2, problems2 = parse_place_date_cell(value)
    assert place is None or isinstance(place, str)
    assert day2 is None or not problems2


@given(CELLS)
def test_nik_parser_never_crashes_and_never_invents_digits(value: object) -> None:
    nik, problems = parse_nik_cell(value)
    if nik is not None:
        assert not problems
        digits_in = "".join(ch for ch in cell_text(value) if ch.isdigit())
        if not isinstance(value, (int, float)):
            # only separators are dropped: spaces (incl. NBSP, tab), dots, dashes, apostrophes
            separators_dropped = re.sub(r"[ \t\u00a0.\-']", "", cell_text(value))
            assert nik in separators_dropped or digits_in.endswith(nik) or nik == digits_in
    else:
        assert problems or value is None or not cell_text(value).strip("' =\"")


@given(st.integers(min_value=10**15, max_value=10**16 - 1))
def test_a_number_cell_nik_is_accepted_only_when_exact(value: int) -> None:
    nik, problems = parse_nik_cell(value)
    if nik is not None:
        assert int(nik) == value and not nik.endswith("0") and value < 2**53
    else:
        assert codes(problems) == ["nik.number_precision"]
