"""A registration as the clerk enters it, and its plain-dict (JSON) form.

The dict form is what the outbox freezes, what HQ receives and what files import; reading it
back never raises: malformed values become problems naming the field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from regdesk.domain.funding import LEGACY_CODES
from regdesk.domain.problems import Problem, error


class Gender(StrEnum):
    MALE = "L"  # laki-laki
    FEMALE = "P"  # perempuan


class Funding(StrEnum):
    """The funding-source codes of ``resources/data/funding_sources.json`` (a test keeps them
    equal); what each source means for a discount is that data, not this class. The values
    stored before (``self``, ``apbd``, ``apbdes``, ``other``) are read as their codes."""

    MANDIRI = "mandiri"
    APBN = "apbn"
    APBD_PROVINSI = "apbd-provinsi"
    APBD_KABUPATEN = "apbd-kabupaten"
    APBDES_ADD = "apbdes-add"  # APBDes / ADD
    DANA_DESA = "dana-desa"
    CSR = "csr"
    BAZNAS = "baznas"  # BAZNAS / zakat
    DONOR_LAIN = "donor-lain"

    @classmethod
    def _missing_(cls, value: object) -> Funding | None:
        code = LEGACY_CODES.get(str(value))
        return cls(code) if code is not None else None


class Status(StrEnum):
    DRAFT = "draft"
    PENDING = "pending"  # saved, waiting to be synced
    SYNCED = "synced"  # accepted by HQ: has a member number
    NEEDS_ATTENTION = "needs_attention"  # HQ rejected it or called it a duplicate
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Renewal:
    """A further paid period for the same member, e.g. a sponsor paying for next year: the
    months ``start_month`` (first day of its first month) … ``months`` later, and who pays."""

    start_month: date
    months: int
    funding: Funding
    sponsor_name: str | None = None
    budget_reference: str | None = None
    programme_id: int | None = None  # the sponsor programme (HQ's number) that pays it

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start_month": self.start_month.isoformat(),
                               "months": self.months, "funding": self.funding.value}
        if self.sponsor_name:
            out["sponsor_name"] = self.sponsor_name
        if self.budget_reference:
            out["budget_reference"] = self.budget_reference
        if self.programme_id is not None:
            out["programme_id"] = self.programme_id
        return out


@dataclass(frozen=True, slots=True)
class Registration:
    """Everything recorded about one worker's enrolment (values already normalised)."""

    nik: str
    full_name: str
    birth_date: date
    gender: Gender
    address: str
    rt: str
    rw: str
    village_code: str
    postal_code: str
    phone: str  # E.164
    occupation_code: str
    income: int
    period_months: int
    funding: Funding
    consent_given: bool
    consent_recorded_by: str
    consent_at: datetime
    jht: bool = False
    kk_number: str | None = None
    birth_place: str | None = None
    email: str | None = None
    sponsor_name: str | None = None
    budget_reference: str | None = None
    funding_start: date | None = None
    funding_end: date | None = None
    start_month: date | None = None  # first contribution month; defaults to registration month
    second_occupation_code: str | None = None  # e.g. a farmer who also drives an ojek
    renewals: tuple[Renewal, ...] = ()  # later paid periods, oldest first
    programme_id: int | None = None  # the sponsor programme (HQ's number) paying the period

    @property
    def occupation_codes(self) -> tuple[str, ...]:
        """The main occupation, then the second one when there is one."""
        second = self.second_occupation_code
        return (self.occupation_code, second) if second else (self.occupation_code,)

    @property
    def kecamatan_code(self) -> str:
        return self.village_code.rsplit(".", 1)[0]

    @property
    def programmes(self) -> tuple[str, ...]:
        return ("JKK", "JKM", "JHT") if self.jht else ("JKK", "JKM")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value in (None, ()) and f.name in OMITTED_WHEN_UNSET:
                continue  # payloads from before the field existed keep their bytes and hash
            if f.name == "renewals":
                value = [renewal.to_dict() for renewal in value]
            elif isinstance(value, (date, datetime)):
                value = value.isoformat()
            elif isinstance(value, StrEnum):
                value = value.value
            out[f.name] = value
        return out

    def replace(self, **changes: Any) -> Registration:
        return dataclasses.replace(self, **changes)


REQUIRED_TEXT = (
    "nik",
    "full_name",
    "address",
    "rt",
    "rw",
    "village_code",
    "postal_code",
    "phone",
    "occupation_code",
    "consent_recorded_by",
)
OPTIONAL_TEXT = ("kk_number", "birth_place", "email", "sponsor_name", "budget_reference",
                 "second_occupation_code")
#: Fields added after payloads were first frozen: left out of the dict form while unset.
OMITTED_WHEN_UNSET = frozenset({"second_occupation_code", "renewals", "programme_id"})
#: The largest programme number (HQ's programme ids are 32-bit integers).
PROGRAMME_ID_MAX = 2**31 - 1


@dataclass
class _Reader:
    data: Mapping[str, Any]
    problems: list[Problem] = field(default_factory=list)

    def text(self, name: str, *, required: bool) -> str | None:
        value = self.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problems.append(error(name, "required"))
            return None
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            self.problems.append(error(name, "type.text"))
            return None
        return " ".join(str(value).split())

    def day(self, name: str, *, required: bool) -> date | None:
        value = self.data.get(name)
        if value in (None, ""):
            if required:
                self.problems.append(error(name, "required"))
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.problems.append(error(name, "date.format", expected="YYYY-MM-DD"))
            return None

    def moment(self, name: str) -> datetime | None:
        value = self.data.get(name)
        if value in (None, ""):
            self.problems.append(error(name, "required"))
            return None
        if isinstance(value, datetime):
            return value
        try:
            return datetime.fromisoformat(str(value).strip())
        except ValueError:
            self.problems.append(error(name, "datetime.format"))
            return None

    def integer(self, name: str) -> int | None:
        value = self.data.get(name)
        if value in (None, ""):
            self.problems.append(error(name, "required"))
            return None
        if isinstance(value, bool):
            self.problems.append(error(name, "type.integer"))
            return None
        if isinstance(value, int):
            return value
        text = str(value).strip().replace(".", "").replace(",", "").removeprefix("Rp").strip()
        if not (text.isascii() and text.isdigit()):  # "²" is a digit to str.isdigit
            self.problems.append(error(name, "type.integer"))
            return None
        return int(text)

    def programme(self) -> int | None:
        """``programme_id``: absent, or HQ's number of a sponsor programme (1 … 2³¹−1)."""
        value = self.data.get("programme_id")
        if value in (None, ""):
            return None
        text = str(value).strip()
        if isinstance(value, bool) or not (text.isascii() and text.isdigit()) or not (
                1 <= int(text) <= PROGRAMME_ID_MAX):
            self.problems.append(error("programme_id", "type.integer"))
            return None
        return int(text)

    def flag(self, name: str, default: bool) -> bool:
        value = self.data.get(name, default)
        if isinstance(value, bool):
            return value
        text = str(value).strip().casefold()
        if text in ("1", "true", "ya", "y", "yes"):
            return True
        if text in ("0", "false", "tidak", "t", "no", "n", ""):
            return False
        self.problems.append(error(name, "type.boolean"))
        return default

    def renewals(self) -> tuple[Renewal, ...]:
        """The ``renewals`` list: each entry's problems name it (``renewals``, ``n``: 1-based)."""
        raw = self.data.get("renewals") or []
        if not isinstance(raw, list):
            self.problems.append(error("renewals", "renewal.malformed", n=1))
            return ()
        read = [_renewal(item, n) for n, item in enumerate(raw, start=1)]
        for _, problems in read:
            self.problems += problems
        return tuple(renewal for renewal, _ in read if renewal is not None)

    def choice(self, name: str, enum: type[StrEnum]) -> Any:
        value = self.data.get(name)
        if value in (None, ""):
            self.problems.append(error(name, "required"))
            return None
        try:
            return enum(str(value).strip())
        except ValueError:
            self.problems.append(error(name, "choice.invalid", allowed=[e.value for e in enum]))
            return None


def registration_from_dict(data: Mapping[str, Any]) -> tuple[Registration | None, list[Problem]]:
    """Read the dict form; types only (rules are checked by ``validate_registration``)."""
    r = _Reader(data)
    text = {name: r.text(name, required=True) for name in REQUIRED_TEXT}
    optional = {name: r.text(name, required=False) for name in OPTIONAL_TEXT}
    birth_date = r.day("birth_date", required=True)
    gender = r.choice("gender", Gender)
    funding = r.choice("funding", Funding)
    income = r.integer("income")
    period = r.integer("period_months")
    consent_at = r.moment("consent_at")
    jht = r.flag("jht", False)
    consent = r.flag("consent_given", False)
    funding_start = r.day("funding_start", required=False)
    funding_end = r.day("funding_end", required=False)
    start_month = r.day("start_month", required=False)
    renewals = r.renewals()
    programme_id = r.programme()
    if r.problems:
        return None, r.problems
    assert birth_date and gender and funding and income is not None and period is not None
    assert consent_at is not None
    return (
        Registration(
            nik=str(text["nik"]),
            full_name=str(text["full_name"]),
            birth_date=birth_date,
            gender=gender,
            address=str(text["address"]),
            rt=str(text["rt"]),
            rw=str(text["rw"]),
            village_code=str(text["village_code"]),
            postal_code=str(text["postal_code"]),
            phone=str(text["phone"]),
            occupation_code=str(text["occupation_code"]),
            income=income,
            period_months=period,
            funding=funding,
            consent_given=consent,
            consent_recorded_by=str(text["consent_recorded_by"]),
            consent_at=consent_at,
            jht=jht,
            funding_start=funding_start,
            funding_end=funding_end,
            start_month=start_month,
            renewals=renewals,
            programme_id=programme_id,
            **optional,
        ),
        [],
    )


def _renewal(item: Any, n: int) -> tuple[Renewal | None, list[Problem]]:
    """One ``renewals`` entry; a malformed one is one problem naming its number."""
    if not isinstance(item, Mapping):
        return None, [error("renewals", "renewal.malformed", n=n)]
    r = _Reader(item)
    start = r.day("start_month", required=True)
    months = r.integer("months")
    funding = r.choice("funding", Funding)
    sponsor = r.text("sponsor_name", required=False)
    budget = r.text("budget_reference", required=False)
    programme_id = r.programme()
    if r.problems or start is None or months is None or funding is None:
        return None, [error("renewals", "renewal.malformed", n=n)]
    return Renewal(start.replace(day=1), months, funding, sponsor, budget, programme_id), []
