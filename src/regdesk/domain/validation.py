"""Rules for a whole registration. Pure: the date of "today" and all master data are passed in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from regdesk.domain.eligibility import AgeRules, check_age
from regdesk.domain.fees import PAYMENT_PERIODS, FeeQuote, RateTable, quote
from regdesk.domain.nik import check_kk, normalize_nik, parse_nik
from regdesk.domain.occupations import OccupationList
from regdesk.domain.phone import normalize_mobile
from regdesk.domain.problems import Problem, Severity, error, warning
from regdesk.domain.regions import RegionTable, level_of, normalize_region_code
from regdesk.domain.registration import Funding, Registration
from regdesk.domain.renewal import renewal_problems

NAME_PATTERN = re.compile(r"[^\W\d_](?:[^\W\d_]|[ .,'\-])*", re.UNICODE)
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
SPONSOR_REQUIRED = frozenset(f for f in Funding if f is not Funding.MANDIRI)


@dataclass(frozen=True, slots=True)
class ValidationContext:
    regions: RegionTable
    occupations: OccupationList
    rates: RateTable
    ages: AgeRules  # who may register, by age (effective-dated master data)


def _rt_rw(value: str, name: str, problems: list[Problem]) -> str:
    digits = value.strip().lstrip("0") or "0"
    if not value.strip().isdigit() or len(digits) > 3 or digits == "0":
        problems.append(error(name, "rt_rw.format"))
        return value
    return digits.zfill(3)


def _identity(reg: Registration, today: date, ctx: ValidationContext,
              problems: list[Problem]) -> tuple[str, str]:
    """NIK, KK, name and age; returns the normal NIK and name."""
    nik = normalize_nik(reg.nik)
    _, nik_problems = parse_nik(
        nik, today=today, regions=ctx.regions, birth_date=reg.birth_date, gender=reg.gender.value
    )
    problems += nik_problems
    if reg.kk_number:
        problems += check_kk(reg.kk_number)

    name = " ".join(reg.full_name.split())
    if not 2 <= len(name) <= 100:
        problems.append(error("full_name", "name.length", minimum=2, maximum=100))
    elif not NAME_PATTERN.fullmatch(name):
        problems.append(error("full_name", "name.characters"))

    problems += check_age(reg.birth_date, today=today, rules=ctx.ages)
    return nik, name


def _address(reg: Registration, ctx: ValidationContext,
             problems: list[Problem]) -> dict[str, str]:
    """RT/RW, street, village and postal code; returns their normal forms."""
    rt = _rt_rw(reg.rt, "rt", problems)
    rw = _rt_rw(reg.rw, "rw", problems)
    if not 3 <= len(reg.address.strip()) <= 200:
        problems.append(error("address", "address.length", minimum=3, maximum=200))

    village = normalize_region_code(reg.village_code)
    if village is None or level_of(village) != 4:
        problems.append(error("village_code", "village.format", example="32.16.06.2006"))
        village = reg.village_code
    elif len(ctx.regions) and village not in ctx.regions:
        problems.append(error("village_code", "village.unknown", value=village))

    postal = reg.postal_code.strip()
    if not re.fullmatch(r"\d{5}", postal):
        problems.append(error("postal_code", "postal_code.format"))
    else:
        expected = ctx.regions.postal_code(village)
        if expected and expected != postal:
            problems.append(warning("postal_code", "postal_code.mismatch", expected=expected))
    return {"rt": rt, "rw": rw, "village_code": village, "postal_code": postal}


def _contact(reg: Registration, problems: list[Problem]) -> dict[str, str | None]:
    phone, phone_problems = normalize_mobile(reg.phone)
    problems += phone_problems
    if reg.email and not EMAIL_PATTERN.fullmatch(reg.email.strip()):
        problems.append(error("email", "email.format"))
    return {"phone": phone or reg.phone, "email": reg.email.strip() if reg.email else None}


def _second_occupation(reg: Registration, ctx: ValidationContext,
                       problems: list[Problem]) -> None:
    """Optional; when given, an (active) entry of the list other than the main occupation."""
    second = reg.second_occupation_code
    if second is None:
        return
    if second == reg.occupation_code:
        problems.append(error("second_occupation_code", "occupation.same_as_main", value=second))
    elif ctx.occupations.get(second) is None:
        problems.append(error("second_occupation_code", "occupation.unknown", value=second))


def is_transport(reg: Registration, ctx: ValidationContext) -> bool:
    """Whether the worker is in the transport sector: either occupation carries the flag."""
    return any(o is not None and o.transport
               for o in (ctx.occupations.get(code) for code in reg.occupation_codes))


def _membership(reg: Registration, today: date, ctx: ValidationContext,
                problems: list[Problem]) -> None:
    """Occupation, income, period, funding and consent."""
    if ctx.occupations.get(reg.occupation_code) is None:
        problems.append(error("occupation_code", "occupation.unknown", value=reg.occupation_code))
    _second_occupation(reg, ctx, problems)
    problems += ctx.rates.check_income(reg.income)
    if reg.period_months not in PAYMENT_PERIODS:
        problems.append(error("period_months", "period.invalid", allowed=list(PAYMENT_PERIODS)))

    if reg.funding in SPONSOR_REQUIRED and not reg.sponsor_name:
        problems.append(error("sponsor_name", "required"))
    if reg.funding_start and reg.funding_end and reg.funding_end < reg.funding_start:
        problems.append(error("funding_end", "funding.period_order"))

    if not reg.consent_given:
        problems.append(error("consent_given", "consent.required"))
    if reg.consent_at.date() > today:
        problems.append(error("consent_at", "date.future"))


def validate_registration(
    reg: Registration, *, today: date, ctx: ValidationContext
) -> tuple[Registration, list[Problem]]:
    """Normalise the values and list every problem (errors and warnings)."""
    problems: list[Problem] = []
    nik, name = _identity(reg, today, ctx, problems)
    normal: dict[str, str | None] = {"nik": nik, "full_name": name}
    normal.update(_address(reg, ctx, problems))
    normal.update(_contact(reg, problems))
    _membership(reg, today, ctx, problems)
    problems += renewal_problems(reg, SPONSOR_REQUIRED)
    if all(getattr(reg, key) == value for key, value in normal.items()):
        return reg, problems  # already normal (a saved record, as HQ receives it)
    return reg.replace(**normal), problems


def unconfirmed_warnings(problems: Iterable[Problem], confirmed: Iterable[str]) -> list[Problem]:
    """Warnings whose code the clerk has not explicitly confirmed."""
    ok = set(confirmed)
    return [p for p in problems if p.severity is Severity.WARNING and p.code not in ok]


def fee_quote_for(reg: Registration, *, today: date, ctx: ValidationContext) -> FeeQuote | None:
    """The contribution for the registration's period, or ``None`` if it can't be computed."""
    occupation = ctx.occupations.get(reg.occupation_code)
    if occupation is None or reg.period_months not in PAYMENT_PERIODS:
        return None
    if ctx.rates.check_income(reg.income):
        return None
    return quote(
        ctx.rates,
        start=reg.start_month or today,
        months=reg.period_months,
        income=reg.income,
        transport=is_transport(reg, ctx),
        funding=reg.funding.value,
        jht=reg.jht,
    )
