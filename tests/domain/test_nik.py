from datetime import date

import pytest

from regdesk import masterdata
from regdesk.domain.nik import check_kk, normalize_nik, parse_nik
from regdesk.domain.regions import RegionTable

TODAY = date(2026, 11, 25)
REGIONS = RegionTable(masterdata.shipped_region_names())


def codes(problems):
    return [(p.code, p.severity.value) for p in problems]


@pytest.mark.parametrize(
    ("nik", "birth", "gender"),
    [
        ("3216061708850001", date(1985, 8, 17), "L"),
        ("3216065708850001", date(1985, 8, 17), "P"),  # women: day + 40
        ("3216060502000001", date(2000, 2, 5), "L"),  # stdnum would say 1900
        ("3216064508050001", date(2005, 8, 5), "P"),
        ("3216067112990001", date(1999, 12, 31), "P"),  # day 31 + 40 = 71
        ("3216062902000001", date(2000, 2, 29), "L"),  # leap day exists only in 2000
        ("3171011708450001", date(1945, 8, 17), "L"),  # another province is fine
        ("3216060101260001", date(2026, 1, 1), "L"),  # a baby born this year
        ("3216060101270001", date(1927, 1, 1), "L"),  # 2027 is the future → 1927
    ],
)
def test_birth_date_century_and_gender(nik: str, birth: date, gender: str) -> None:
    info, problems = parse_nik(nik, today=TODAY, regions=REGIONS)
    assert info is not None
    assert (info.birth_date, info.gender) == (birth, gender)
    assert codes(problems) == []


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("", "required"),
        ("321606170885", "nik.length"),
        ("32160617088500011", "nik.length"),
        ("32160617088A0001", "nik.not_digits"),
        ("3216063202850001", "nik.birth_date_invalid"),  # day 32
        ("3216061713850001", "nik.birth_date_invalid"),  # month 13
        ("3216060000850001", "nik.birth_date_invalid"),  # day 0
        ("3216067208850001", "nik.birth_date_invalid"),  # female day 32
    ],
)
def test_malformed_nik_is_an_error(nik: str, code: str) -> None:
    info, problems = parse_nik(nik, today=TODAY, regions=REGIONS)
    assert info is None
    assert codes(problems) == [(code, "error")]


def test_serial_zero_is_an_error_but_the_nik_is_still_read() -> None:
    info, problems = parse_nik("3216061708850000", today=TODAY, regions=REGIONS)
    assert info is not None
    assert codes(problems) == [("nik.serial_zero", "error")]


def test_unknown_kecamatan_is_only_a_warning() -> None:
    # stdnum accepts 32.99 (it checks the province only); the region table does not know it
    info, problems = parse_nik("3299011708850001", today=TODAY, regions=REGIONS)
    assert info is not None
    assert codes(problems) == [("nik.kecamatan_unknown", "warning")]
    assert problems[0].params == {"kecamatan": "32.99.01"}


def test_other_regencies_are_not_refused() -> None:
    """Never require the 32.16 prefix: a NIK is issued where the person first lived."""
    _, problems = parse_nik("3273011708850001", today=TODAY, regions=REGIONS)  # Kota Bandung
    assert problems == []


def test_mismatch_with_typed_birth_date_and_gender_is_a_warning() -> None:
    info, problems = parse_nik(
        "3216064508900001", today=TODAY, regions=REGIONS, birth_date=date(1990, 8, 6), gender="L"
    )
    assert info is not None
    assert codes(problems) == [
        ("nik.birth_date_mismatch", "warning"),
        ("nik.gender_mismatch", "warning"),
    ]
    assert problems[0].params == {"nik_birth_date": "1990-08-05", "birth_date": "1990-08-06"}


def test_matching_typed_values_raise_nothing() -> None:
    _, problems = parse_nik(
        "3216064508900001", today=TODAY, regions=REGIONS, birth_date=date(1990, 8, 5), gender="P"
    )
    assert problems == []


@pytest.mark.parametrize(
    "text", ["'3216064508900001", " 3216 0645 0890 0001 ", "3216.0645.0890.0001"]
)
def test_separators_and_excel_apostrophe_are_dropped(text: str) -> None:
    assert normalize_nik(text) == "3216064508900001"


@pytest.mark.parametrize(
    ("kk", "codes_"),
    [
        ("3216061708850001", []),
        ("3216065708850001", ["kk.date_invalid"]),  # no +40 on a KK
        ("32160617088500", ["kk.length"]),
        ("3216061708850000", ["kk.serial_zero"]),
        ("321606170885000X", ["kk.not_digits"]),
    ],
)
def test_kk_number(kk: str, codes_: list[str]) -> None:
    assert [p.code for p in check_kk(kk)] == codes_


@pytest.mark.parametrize("nik", [
    "6571015508900001",  # Kota Tarakan, Kalimantan Utara (2012)
    "6501011708850001",  # Kab. Malinau
    "9501011708850001",  # Papua Selatan (2022)
    "9671011708850001",  # Kota Sorong, Papua Barat Daya (2022)
])
def test_regencies_newer_than_stdnums_table_are_known_from_the_region_list(nik: str) -> None:
    """Regression: valid NIKs of 30 current regencies were refused as 'province unknown'."""
    info, problems = parse_nik(nik, today=TODAY, regions=REGIONS)
    assert info is not None and "nik.province_unknown" not in [p.code for p in problems]
    assert info.regency == f"{nik[:2]}.{nik[2:4]}"


def test_no_regency_of_the_region_table_is_refused() -> None:
    regencies = [code for code in masterdata.shipped_region_names() if code.count(".") == 1]
    assert len(regencies) > 500
    refused = [code for code in regencies
               if parse_nik(f"{code.replace('.', '')}011708850001", today=TODAY,
                            regions=REGIONS)[0] is None]
    assert refused == []


def test_unknown_province_or_regency_prefix_is_only_a_warning() -> None:
    """The region list may lag behind Dukcapil: the clerk confirms, nothing is refused."""
    info, problems = parse_nik("9916061708850001", today=TODAY, regions=REGIONS)
    assert info is not None and info.birth_date == date(1985, 8, 17)
    assert ("nik.province_unknown", "warning") in codes(problems)
    assert all(p.severity.value == "warning" for p in problems)
