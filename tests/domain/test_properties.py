"""Property tests: validators and parsers never crash; fees are monotone in income."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.factories import valid_registration_data

from regdesk import masterdata
from regdesk.domain.fees import quote
from regdesk.domain.nik import parse_nik
from regdesk.domain.phone import normalize_mobile
from regdesk.domain.regions import RegionTable, normalize_region_code
from regdesk.domain.registration import registration_from_dict
from regdesk.domain.validation import ValidationContext, validate_registration

RATES = masterdata.shipped_rates()
TODAY = date(2026, 11, 25)


@given(st.text(max_size=30))
def test_parse_nik_never_crashes(text: str) -> None:
    info, problems = parse_nik(text, today=TODAY)
    assert info is not None or problems


@given(
    st.dates(min_value=date(1927, 1, 1), max_value=TODAY),
    st.booleans(),
    st.integers(1, 9999),
    st.sampled_from(["3216", "3171", "3273", "1101"]),
    st.integers(1, 40),
)
def test_nik_roundtrip_birth_date_and_gender(
    born: date, female: bool, serial: int, regency: str, kecamatan: int
) -> None:
    day = born.day + (40 if female else 0)
    nik = f"{regency}{kecamatan:02d}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    info, problems = parse_nik(nik, today=TODAY)
    assert info is not None, problems
    assert info.gender == ("P" if female else "L")
    # the century is the latest one not in the future
    assert info.birth_date.year % 100 == born.year % 100
    assert info.birth_date <= TODAY
    assert info.birth_date.year >= born.year


@given(st.text(max_size=25))
def test_phone_never_crashes(text: str) -> None:
    phone, problems = normalize_mobile(text)
    assert (phone is None) == bool(problems)
    if phone:
        assert phone.startswith("+62")


@given(st.text(max_size=20))
def test_region_code_never_crashes(text: str) -> None:
    code = normalize_region_code(text)
    assert code is None or code.replace(".", "").isdigit()


@given(
    st.dictionaries(
        st.sampled_from(
            [
                "nik",
                "birth_date",
                "income",
                "gender",
                "jht",
                "consent_at",
                "period_months",
                "full_name",
            ]
        ),
        st.one_of(
            st.none(), st.text(max_size=12), st.integers(), st.booleans(), st.floats(allow_nan=True)
        ),
    )
)
def test_registration_from_any_dict_never_raises(data) -> None:
    reg, problems = registration_from_dict(data)
    assert reg is None and problems


@settings(max_examples=200)
@given(
    st.sampled_from(RATES.income_levels),
    st.sampled_from(RATES.income_levels),
    st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)),
    st.booleans(),
    st.sampled_from(["self", "apbd", "csr"]),
    st.booleans(),
    st.sampled_from([1, 3, 6, 12]),
)
def test_fees_are_monotone_in_income(
    a: int, b: int, start: date, transport: bool, funding: str, jht: bool, months: int
) -> None:
    low, high = sorted((a, b))
    kwargs = {
        "start": start,
        "months": months,
        "transport": transport,
        "funding": funding,
        "jht": jht,
    }
    q_low = quote(RATES, income=low, **kwargs)
    q_high = quote(RATES, income=high, **kwargs)
    assert q_low.total <= q_high.total
    assert all(m.total > 0 and m.saved >= 0 for m in q_low.months)
    assert len(q_low.months) == months


_OCCUPATIONS = masterdata.shipped_occupations()
_CODES = [o.code for o in _OCCUPATIONS]


@settings(max_examples=150)
@given(st.sampled_from(_CODES),
       st.one_of(st.none(), st.sampled_from(_CODES), st.text(max_size=15)))
def test_second_occupation_is_refused_exactly_when_unknown_or_same(main: str,
                                                                   second: str | None) -> None:
    ctx = ValidationContext(regions=RegionTable({}, {}), occupations=_OCCUPATIONS, rates=RATES,
                            ages=masterdata.shipped_age_rules())
    reg, problems = registration_from_dict(
        valid_registration_data(occupation_code=main, second_occupation_code=second))
    assert reg is not None, problems
    _, problems = validate_registration(reg, today=TODAY, ctx=ctx)
    flagged = [p.code for p in problems if p.field == "second_occupation_code"]
    given_code = reg.second_occupation_code
    if given_code is None:
        assert flagged == []
    elif given_code == main:
        assert flagged == ["occupation.same_as_main"]
    else:
        assert flagged == ([] if given_code in _OCCUPATIONS else ["occupation.unknown"])
    assert ("second_occupation_code" in reg.to_dict()) is (given_code is not None)
