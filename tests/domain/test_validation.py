import json
from datetime import date

import pytest
from tests.factories import valid_registration_data

from regdesk import masterdata
from regdesk.domain.canonical import canonical_json, payload_hash
from regdesk.domain.eligibility import AgeRule, AgeRules
from regdesk.domain.occupations import OccupationList
from regdesk.domain.regions import RegionTable
from regdesk.domain.registration import registration_from_dict
from regdesk.domain.validation import (
    ValidationContext,
    fee_quote_for,
    is_transport,
    unconfirmed_warnings,
    validate_registration,
)

TODAY = date(2026, 11, 25)
CTX = ValidationContext(
    regions=RegionTable(masterdata.shipped_region_names(), masterdata.shipped_postal_codes()),
    occupations=masterdata.shipped_occupations(),
    rates=masterdata.shipped_rates(),
    ages=masterdata.shipped_age_rules(),
)


def check(**overrides):
    reg, problems = registration_from_dict(valid_registration_data(**overrides))
    assert reg is not None, problems
    return validate_registration(reg, today=TODAY, ctx=CTX)


def codes(problems):
    return sorted((p.field, p.code, p.severity.value) for p in problems)


def test_valid_registration_is_normalised() -> None:
    reg, problems = check(
        rt="1", rw="02", village_code="3216062006", full_name="  Siti   Nurjanah "
    )
    assert problems == []
    assert (reg.rt, reg.rw, reg.village_code, reg.phone, reg.full_name) == (
        "001",
        "002",
        "32.16.06.2006",
        "+6281234567890",
        "Siti Nurjanah",
    )
    assert reg.kecamatan_code == "32.16.06"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"birth_date": "1990-08-06"}, [("nik", "nik.birth_date_mismatch", "warning")]),
        (
            {"birth_date": "2027-01-01", "nik": "3216064508900001"},
            [
                ("birth_date", "birth_date.future", "error"),
                ("nik", "nik.birth_date_mismatch", "warning"),
            ],
        ),
        (
            {"nik": "3216061708600001", "birth_date": "1960-08-17", "gender": "L"},
            [("birth_date", "age.too_old", "error")],
        ),
        ({"phone": "021 8901234"}, [("phone", "phone.not_mobile", "error")]),
        ({"income": 1_234_567}, [("income", "income.not_a_level", "error")]),
        ({"period_months": 2}, [("period_months", "period.invalid", "error")]),
        ({"occupation_code": "astronot"}, [("occupation_code", "occupation.unknown", "error")]),
        ({"village_code": "32.16.06.9999"}, [("village_code", "village.unknown", "error")]),
        ({"village_code": "32.16"}, [("village_code", "village.format", "error")]),
        ({"postal_code": "1751"}, [("postal_code", "postal_code.format", "error")]),
        ({"postal_code": "17520"}, [("postal_code", "postal_code.mismatch", "warning")]),
        ({"consent_given": False}, [("consent_given", "consent.required", "error")]),
        ({"rt": "abc"}, [("rt", "rt_rw.format", "error")]),
        ({"full_name": "S"}, [("full_name", "name.length", "error")]),
        ({"full_name": "Siti 123"}, [("full_name", "name.characters", "error")]),
        ({"email": "siti@"}, [("email", "email.format", "error")]),
        ({"funding": "csr"}, [("sponsor_name", "required", "error")]),
        (
            {
                "funding": "csr",
                "sponsor_name": "PT X",
                "funding_start": "2026-12-01",
                "funding_end": "2026-01-01",
            },
            [("funding_end", "funding.period_order", "error")],
        ),
        ({"kk_number": "321606170885"}, [("kk_number", "kk.length", "error")]),
    ],
)
def test_each_rule_names_its_field(overrides, expected) -> None:
    _, problems = check(**overrides)
    assert codes(problems) == sorted(expected)


def test_age_limit_is_configurable() -> None:
    reg, _ = registration_from_dict(valid_registration_data())
    assert reg is not None
    strict_ages = AgeRules((AgeRule(date(2000, 1, 1), None, minimum_age=15, below_age=30),))
    strict = ValidationContext(CTX.regions, CTX.occupations, CTX.rates, strict_ages)
    _, problems = validate_registration(reg, today=TODAY, ctx=strict)
    assert [(p.code, p.params["age"]) for p in problems] == [("age.too_old", 36)]


def test_age_boundary_is_below_the_limit() -> None:
    # turns 65 on 2026-11-25: refused; one day younger: accepted
    _, on_birthday = check(nik="3216062511610001", birth_date="1961-11-25", gender="L")
    _, day_before = check(nik="3216062611610001", birth_date="1961-11-26", gender="L")
    assert [p.code for p in on_birthday] == ["age.too_old"]
    assert day_before == []


def test_types_are_checked_before_rules() -> None:
    reg, problems = registration_from_dict(
        valid_registration_data(birth_date="17-08-1985", income="sejuta", gender="X")
    )
    assert reg is None
    assert codes(problems) == [
        ("birth_date", "date.format", "error"),
        ("gender", "choice.invalid", "error"),
        ("income", "type.integer", "error"),
    ]


@pytest.mark.parametrize("income", ["²", "1²", "١٠٠٠"])
def test_non_ascii_digits_in_income_are_a_type_problem(income: str) -> None:
    reg, problems = registration_from_dict(valid_registration_data(income=income))
    assert reg is None
    assert codes(problems) == [("income", "type.integer", "error")]


def test_missing_fields_are_required() -> None:
    reg, problems = registration_from_dict({})
    assert reg is None
    assert ("nik", "required", "error") in codes(problems)
    assert ("full_name", "required", "error") in codes(problems)


def test_warnings_must_be_confirmed_one_by_one() -> None:
    _, problems = check(birth_date="1990-08-06", postal_code="17520")
    assert {p.code for p in unconfirmed_warnings(problems, [])} == {
        "nik.birth_date_mismatch",
        "postal_code.mismatch",
    }
    assert [p.code for p in unconfirmed_warnings(problems, ["nik.birth_date_mismatch"])] == [
        "postal_code.mismatch"
    ]


def test_fee_quote_follows_occupation_sector() -> None:
    reg, _ = check(
        occupation_code="ojek-online", period_months=12, start_month="2026-11-01", jht=True
    )
    quote = fee_quote_for(reg, today=TODAY, ctx=CTX)
    assert quote is not None
    assert quote.first_month == 5_000 + 3_400 + 20_000
    assert sum(1 for m in quote.months if m.discount) == 5


def test_second_occupation_is_optional_and_checked_against_the_list() -> None:
    reg, problems = check()
    assert problems == [] and reg.second_occupation_code is None
    reg, problems = check(second_occupation_code=" ojek-pangkalan ")
    assert problems == [] and reg.second_occupation_code == "ojek-pangkalan"
    assert reg.occupation_codes == ("petani", "ojek-pangkalan")
    assert check(second_occupation_code="")[0].second_occupation_code is None
    _, problems = check(second_occupation_code="astronot")
    assert codes(problems) == [("second_occupation_code", "occupation.unknown", "error")]
    _, problems = check(second_occupation_code="petani")
    assert codes(problems) == [("second_occupation_code", "occupation.same_as_main", "error")]


def test_an_inactive_occupation_is_refused_as_second_one_too() -> None:
    active = [o for o in CTX.occupations if o.code != "nelayan"]  # retired by HQ
    ctx = ValidationContext(regions=CTX.regions, occupations=OccupationList(active),
                            rates=CTX.rates, ages=CTX.ages)
    reg, _ = registration_from_dict(valid_registration_data(second_occupation_code="nelayan"))
    assert reg is not None
    _, problems = validate_registration(reg, today=TODAY, ctx=ctx)
    assert codes(problems) == [("second_occupation_code", "occupation.unknown", "error")]


def test_the_payload_has_the_second_occupation_only_when_set() -> None:
    reg, _ = check()
    assert "second_occupation_code" not in reg.to_dict()
    # a payload frozen before the field existed reads back to the same bytes (same hash)
    frozen = canonical_json(reg.to_dict())
    again, problems = registration_from_dict(json.loads(frozen))
    assert again is not None and not problems
    assert payload_hash(again.to_dict()) == payload_hash(json.loads(frozen))
    with_second = reg.replace(second_occupation_code="kurir").to_dict()
    assert with_second["second_occupation_code"] == "kurir"
    back, _ = registration_from_dict(with_second)
    assert back is not None and back.second_occupation_code == "kurir"


@pytest.mark.parametrize(
    ("main", "second", "discounted"),
    [
        ("petani", None, 2),  # non-transport window ends 2026-12-31
        ("petani", "ojek-online", 5),  # transport window runs to 2027-03-31
        ("ojek-online", "petani", 5),
        ("petani", "pedagang", 2),
    ],
)
def test_transport_discount_counts_either_occupation(main, second, discounted) -> None:
    reg, problems = check(occupation_code=main, second_occupation_code=second,
                          period_months=12, start_month="2026-11-01")
    assert problems == []
    assert is_transport(reg, CTX) is (discounted == 5)
    quote = fee_quote_for(reg, today=TODAY, ctx=CTX)
    assert quote is not None
    assert sum(1 for m in quote.months if m.discount) == discounted
