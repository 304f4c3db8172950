"""Who may register, by age: effective-dated limits (``resources/data/age_limits.json``, or
HQ's pushed copy). Pure: the day and the rules are passed in.

A rule covers ``valid_from`` … ``valid_to`` (inclusive; ``None`` = open). On the registration
day the age in whole years must be at least ``minimum_age`` and below ``below_age``; below
``warn_below_age`` (when above the minimum) it is a warning the clerk confirms. A day no rule
covers refuses the registration (``age.no_rule``) rather than guess a limit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

from regdesk.domain.problems import Problem, error, warning

#: The problem codes that make a person ineligible (no fee is quoted for them).
INELIGIBLE_CODES = frozenset({"age.too_old", "age.too_young", "age.no_rule",
                              "birth_date.future"})


def age_on(birth_date: date, day: date) -> int:
    """Whole years completed on ``day`` (a 29 February birthday counts from 1 March)."""
    years = day.year - birth_date.year
    return years - ((day.month, day.day) < (birth_date.month, birth_date.day))


@dataclass(frozen=True, slots=True)
class AgeRule:
    valid_from: date
    valid_to: date | None
    minimum_age: int
    below_age: int
    warn_below_age: int | None = None

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class AgeRules:
    rules: tuple[AgeRule, ...]

    def __post_init__(self) -> None:
        ordered = sorted(self.rules, key=lambda r: r.valid_from)
        for rule in ordered:
            if not 0 <= rule.minimum_age < rule.below_age:
                raise ValueError(f"age rule from {rule.valid_from.isoformat()}: "
                                 "minimum_age must be below below_age")
            if rule.valid_to is not None and rule.valid_to < rule.valid_from:
                raise ValueError(f"age rule from {rule.valid_from.isoformat()}: "
                                 "valid_to is before valid_from")
        for earlier, later in pairwise(ordered):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                raise ValueError(f"age rules from {earlier.valid_from.isoformat()} and "
                                 f"{later.valid_from.isoformat()} overlap")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AgeRules:
        return cls(tuple(
            AgeRule(
                valid_from=date.fromisoformat(r["valid_from"]),
                valid_to=date.fromisoformat(r["valid_to"]) if r.get("valid_to") else None,
                minimum_age=int(r["minimum_age"]),
                below_age=int(r["below_age"]),
                warn_below_age=(int(r["warn_below_age"])
                                if r.get("warn_below_age") is not None else None),
            )
            for r in data["rules"]
        ))

    def rule_for(self, day: date) -> AgeRule | None:
        return next((rule for rule in self.rules if rule.covers(day)), None)


def check_age(birth_date: date, *, today: date, rules: AgeRules,
              field: str = "birth_date") -> list[Problem]:
    """The age problems of someone born on ``birth_date`` registering on ``today``."""
    if birth_date > today:
        return [error(field, "birth_date.future")]
    rule = rules.rule_for(today)
    if rule is None:
        return [error(field, "age.no_rule")]
    age = age_on(birth_date, today)
    if age >= rule.below_age:
        return [error(field, "age.too_old", maximum=rule.below_age, age=age)]
    if age < rule.minimum_age:
        return [error(field, "age.too_young", minimum=rule.minimum_age, age=age)]
    if rule.warn_below_age is not None and age < rule.warn_below_age:
        return [warning(field, "age.young", age=age, warn_below=rule.warn_below_age)]
    return []


def ineligible(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that make the person ineligible (whatever else is wrong)."""
    return [p for p in problems if p.code in INELIGIBLE_CODES]
