"""Age limits as effective-dated data: the shipped table, and properties of the rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.factories import valid_registration_data

from regdesk import masterdata
from regdesk.domain.eligibility import AgeRule, AgeRules, age_on, check_age, ineligible
from regdesk.domain.regions import RegionTable
from regdesk.domain.registration import registration_from_dict
from regdesk.domain.validation import ValidationContext, fee_quote_for, validate_registration

SHIPPED = masterdata.shipped_age_rules()
# Two periods: until 2026-12-31 the limits are 15..65, from 2027 on 18..60 (warn below 21).
TWO = AgeRules((
    AgeRule(date(2015, 7, 1), date(2026, 12, 31), minimum_age=15, below_age=65,
            warn_below_age=15),
    AgeRule(date(2027, 1, 1), None, minimum_age=18, below_age=60, warn_below_age=21),
))
DAYS = st.dates(min_value=date(2016, 1, 1), max_value=date(2035, 12, 31))
BIRTHS = st.dates(min_value=date(1940, 1, 1), max_value=date(2035, 12, 31))


def codes(problems):  # type: ignore[no-untyped-def]
    return [p.code for p in problems]


def test_the_shipped_table_names_its_sources_and_open_question() -> None:
    data = masterdata.age_limits_dict()
    rule = data["rules"][0]  # type: ignore[index]
    assert (rule["minimum_age"], rule["below_age"]) == (15, 65)
    assert {"below_age", "minimum_age", "open_question"} <= set(rule["sources"])
    assert "UU 13/2003" in rule["sources"]["minimum_age"]
    assert SHIPPED.rule_for(date(2026, 11, 25)) is not None


@pytest.mark.parametrize(("born", "expected"), [
    (date(2011, 11, 26), ["age.too_young"]),  # 14, turns 15 tomorrow
    (date(2011, 11, 25), []),  # 15 today
    (date(1961, 11, 26), []),  # 64, turns 65 tomorrow
    (date(1961, 11, 25), ["age.too_old"]),  # 65 today
    (date(2026, 11, 26), ["birth_date.future"]),
])
def test_shipped_limits_at_their_edges(born: date, expected: list[str]) -> None:
    assert codes(check_age(born, today=date(2026, 11, 25), rules=SHIPPED)) == expected


@settings(max_examples=300, deadline=None)
@given(BIRTHS, DAYS)
def test_the_rule_of_the_day_decides(born: date, day: date) -> None:
    problems = check_age(born, today=day, rules=TWO)
    rule = TWO.rule_for(day)
    assert rule is not None
    if born > day:
        assert codes(problems) == ["birth_date.future"]
        return
    age = age_on(born, day)
    if age >= rule.below_age:
        expected = ["age.too_old"]
    elif age < rule.minimum_age:
        expected = ["age.too_young"]
    elif rule.warn_below_age is not None and age < rule.warn_below_age:
        expected = ["age.young"]
    else:
        expected = []
    assert codes(problems) == expected
    assert bool(ineligible(problems)) == (expected not in ([], ["age.young"]))


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2010, 12, 31)))
def test_age_grows_by_one_on_each_birthday(born: date) -> None:
    for years in (15, 40, 65):
        try:
            birthday = born.replace(year=born.year + years)
        except ValueError:  # 29 February: the birthday counts from 1 March
            birthday = date(born.year + years, 3, 1)
        assert age_on(born, birthday) == years
        assert age_on(born, birthday - timedelta(days=1)) == years - 1


def test_a_new_period_changes_the_verdict_for_the_same_person() -> None:
    born = date(1966, 6, 1)  # 60 on 2026-06-01
    assert codes(check_age(born, today=date(2026, 12, 31), rules=TWO)) == []
    assert codes(check_age(born, today=date(2027, 1, 1), rules=TWO)) == ["age.too_old"]
    teen = date(2010, 1, 1)  # 16 in 2026, 17 on 2027-01-01
    assert codes(check_age(teen, today=date(2026, 12, 31), rules=TWO)) == []
    assert codes(check_age(teen, today=date(2027, 1, 1), rules=TWO)) == ["age.too_young"]
    young = date(2005, 1, 1)  # 22 in 2027
    assert codes(check_age(young, today=date(2027, 1, 1), rules=TWO)) == []
    assert codes(check_age(date(2008, 1, 1), today=date(2027, 1, 1), rules=TWO)) == [
        "age.young"]


def test_a_day_no_rule_covers_refuses() -> None:
    rules = AgeRules((AgeRule(date(2020, 1, 1), date(2020, 12, 31), 15, 65),))
    assert codes(check_age(date(1990, 1, 1), today=date(2021, 1, 1), rules=rules)) == [
        "age.no_rule"]


@pytest.mark.parametrize("rules", [
    {"rules": [{"valid_from": "2020-01-01", "valid_to": None, "minimum_age": 70,
                "below_age": 65}]},
    {"rules": [{"valid_from": "2020-01-01", "valid_to": None, "minimum_age": 15,
                "below_age": 65},
               {"valid_from": "2025-01-01", "valid_to": None, "minimum_age": 15,
                "below_age": 60}]},
    {"rules": [{"valid_from": "2020-01-01", "valid_to": "2019-01-01", "minimum_age": 15,
                "below_age": 65}]},
])
def test_malformed_tables_are_refused(rules: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        AgeRules.from_dict(rules)


def test_validation_uses_the_limits_it_is_given() -> None:
    base = ValidationContext(
        regions=RegionTable({}, {}),
        occupations=masterdata.shipped_occupations(), rates=masterdata.shipped_rates(),
        ages=TWO)
    # a boy of 14 (NIK 3216061203120001: 12-03-2012)
    reg, problems = registration_from_dict(valid_registration_data(
        nik="3216061203120001", birth_date="2012-03-12", gender="L"))
    assert reg is not None, problems
    _, problems = validate_registration(reg, today=date(2026, 11, 25), ctx=base)
    assert [(p.field, p.code, p.params) for p in problems] == [
        ("birth_date", "age.too_young", {"minimum": 15, "age": 14})]
    assert fee_quote_for(reg, today=date(2026, 11, 25), ctx=base) is not None  # fees: pure
