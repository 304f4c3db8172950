"""The registration form's logic, with no Qt: derive, validate, quote, decide what to show.

The view reports raw edits (``edit(field, text)``) and focus leaving a field (``commit``);
the controller answers through :class:`FormView`. Problems are codes until the last moment,
rendered by :func:`regdesk.i18n.render` in the clerk's language.

Eligibility is live: once a birth date is known (typed, or read from a complete NIK) a person
outside the age limits sees why, beside the birth date and in the fee box, and no fee is
quoted. A complete NIK is looked up on this desk through ``nik_lookup`` (the flow runs it off
the UI thread and calls back); a holder shows as a duplicate with its reference.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from regdesk.domain.eligibility import INELIGIBLE_CODES, ineligible
from regdesk.domain.nik import normalize_nik, parse_nik
from regdesk.domain.phone_text import national_mobile
from regdesk.domain.prefill import prefill
from regdesk.domain.problems import Problem, Severity, error, has_errors
from regdesk.domain.registration import Registration, registration_from_dict
from regdesk.domain.validation import ValidationContext, fee_quote_for, validate_registration
from regdesk.i18n import render, t
from regdesk.i18n.formats import number, rupiah

#: Fields the view edits, in entry order.
FIELDS = ("nik", "full_name", "birth_date", "gender", "birth_place", "kk_number", "address",
          "rt", "rw", "postal_code", "phone", "email", "occupation_code",
          "second_occupation_code", "income", "jht", "period_months", "programme_id", "funding",
          "sponsor_name", "budget_reference", "consent_given")

#: What a sponsor programme decides: read-only in the form while one is picked.
DECIDED = ("funding", "sponsor_name", "budget_reference")

# Stand-ins so every other field still gets checked while some are empty or unreadable.
_PLACEHOLDER: dict[str, Any] = {
    "nik": "3216064508900001", "full_name": "Placeholder", "birth_date": "1990-08-05",
    "gender": "P", "address": "Placeholder", "rt": "1", "rw": "1", "postal_code": "00000",
    "phone": "+6281234567890", "occupation_code": "__placeholder__", "income": 1,
    "period_months": 1, "funding": "mandiri", "village_code": "00.00.00.0000",
    "consent_recorded_by": "-", "consent_at": "2000-01-01T00:00:00",
}


#: ``nik_lookup(nik, exclude_uuid, deliver)``: find the local reference of a live registration
#: holding ``nik`` (other than ``exclude_uuid``) and call ``deliver(ref or None)`` later.
NikLookup = Callable[[str, str | None, Callable[[str | None], None]], None]

#: ``programme_lookup(village, occupations, day, keep, deliver)``: the programmes open and
#: eligible for the person (``keep``: also that one, an edited record's own) as
#: :class:`ProgrammeChoice` entries, delivered later (the flow reads them off the UI thread).
ProgrammeLookup = Callable[[str, tuple[str, ...], date, int | None,
                            Callable[[list["ProgrammeChoice"]], None]], None]


@dataclass(frozen=True)
class ProgrammeChoice:
    """One entry of the programme pick: its id, its line of text, and the form's fields it
    fills (``funding``, ``sponsor_name``, ``budget_reference``, ``jht`` as text)."""

    id: int
    label: str
    fields: Mapping[str, str]


# Problems reported on one field that the clerk fixes in another.
_ALSO_SHOWN_AT = {"nik.birth_date_mismatch": "birth_date", "nik.gender_mismatch": "gender"}


def display_date(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def parse_display_date(text: str) -> str | None:
    """``"05-08-1990"`` → ``"1990-08-05"``; blank → ``None``; anything else is passed on so
    the domain reports ``date.format``."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits:
        return None
    if len(digits) == 8:
        return f"{digits[4:]}-{digits[2:4]}-{digits[:2]}"
    return text


def grouped_amount(text: str, cursor: int, lang: str = "id") -> tuple[str, int]:
    """An amount as it is typed, regrouped (``"1000000"`` → ``"1.000.000"``), and where the
    cursor goes: after the same digits it followed (separators do not count), so typing,
    deleting and pasting in the middle keep their place. Leading zeros go."""
    digits = "".join(ch for ch in text if ch.isdigit())
    before = sum(ch.isdigit() for ch in text[:cursor])
    kept = digits.lstrip("0")
    if digits and not kept:
        kept = "0"
    before = max(0, before - (len(digits) - len(kept)))
    shown = number(int(kept), lang) if kept else ""
    if before == 0:
        return shown, 0
    seen = 0
    for pos, ch in enumerate(shown):
        seen += ch.isdigit()
        if seen == before:
            return shown, pos + 1
    return shown, len(shown)


@dataclass(frozen=True)
class FeeSummary:
    """What the fee box shows; texts already formatted as Rupiah."""

    monthly: str
    period_months: int
    period_total: str
    discount_name: str | None
    discount_total: str | None


@dataclass(frozen=True)
class SaveRequest:
    registration: Registration
    confirmed_warnings: list[str]


class FormView(Protocol):
    """What the controller needs from the form widget."""

    def set_field(self, name: str, value: str) -> None: ...

    def show_field_problems(self, problems: Mapping[str, list[tuple[str, str]]]) -> None:
        """Field → [(severity, sentence)], for every field (empty list clears)."""

    def show_warnings(self, sentences: list[str], confirmed: bool) -> None: ...

    def show_fee(self, fee: FeeSummary | None) -> None: ...

    def show_ineligible(self, reasons: list[str]) -> None:
        """Why the person cannot be registered (empty: eligible, or not known yet)."""

    def show_duplicate(self, local_ref: str | None) -> None:
        """The registration on this desk that already holds the NIK (``None``: none)."""

    def show_office(self, village: str, kecamatan: str, code: str) -> None: ...

    def show_programmes(self, items: list[tuple[str, str]], current: str) -> None:
        """The programme pick's entries (value, text), the first "(no programme)"."""

    def lock_programme_fields(self, locked: bool) -> None:
        """Funding, sponsor name and budget reference come from the programme (read-only)."""


@dataclass
class _State:
    values: dict[str, str] = field(default_factory=dict)
    committed: set[str] = field(default_factory=set)
    manual: set[str] = field(default_factory=set)  # typed by the clerk (not derived)
    attempted: bool = False
    confirmed: bool = False
    confirmed_codes: frozenset[str] = frozenset()
    dirty: bool = False
    before_pick: dict[str, str] | None = None  # the decided fields before a programme


class RegistrationFormController:
    def __init__(self, view: FormView, *, ctx: ValidationContext, office_village: str,
                 recorded_by: str, now: Callable[[], datetime], lang: str = "id",
                 nik_lookup: NikLookup | None = None,
                 programme_lookup: ProgrammeLookup | None = None) -> None:
        self.view = view
        self.nik_lookup = nik_lookup
        self.programme_lookup = programme_lookup
        self._choices: dict[str, ProgrammeChoice] = {}
        self._asked: tuple[str, ...] | None = None  # the occupations of the last lookup
        self.ctx = ctx
        self.office_village = office_village
        self.recorded_by = recorded_by
        self.now = now
        self.lang = lang
        self.editing: tuple[str, int] | None = None  # (uuid, version) when editing
        self._base: Registration | None = None
        self._s = _State()
        self.problems: list[Problem] = []
        self._external: list[Problem] = []
        self.duplicate_of: str | None = None  # local reference holding the typed NIK

    # -- lifecycle ------------------------------------------------------------------------
    def new(self) -> None:
        """A blank form with the office's defaults."""
        self.editing, self._base = None, None
        self._set_duplicate(None)
        self._s = _State(values={"period_months": "1", "funding": "mandiri", "jht": "0",
                                 "consent_given": "0", "income": "", "programme_id": ""})
        postal = self.ctx.regions.postal_code(self.office_village) or ""
        self._s.values["postal_code"] = postal
        for name, value in self._s.values.items():
            self.view.set_field(name, value)
        for name in ("nik", "full_name", "birth_date", "gender", "birth_place", "kk_number",
                     "address", "rt", "rw", "phone", "email", "occupation_code",
                     "second_occupation_code", "sponsor_name", "budget_reference"):
            self.view.set_field(name, "")
        self._show_office()
        self._lock(False)
        self.ask_programmes(force=True)
        self._refresh()

    def new_from(self, fields: Mapping[str, str]) -> None:
        """A new form started from someone on a worklist: ``fields`` (registration field →
        value, e.g. ``services.prospects.prefill``) count as typed, so the NIK fills the
        birth date and gender and is checked for a holder. Fields the form has no input for
        (the village: always the office's) are left out."""
        self.new()
        for name, value in fields.items():
            if name in FIELDS and value:
                text = national_mobile(value) if name == "phone" else str(value)
                self.view.set_field(name, text)
                self.edit(name, text)

    def load(self, reg: Registration, *, uuid: str, version: int) -> None:
        """Edit an existing registration (its values count as typed)."""
        self.editing, self._base = (uuid, version), reg
        self._set_duplicate(None)
        d = reg.to_dict()
        values = {name: "" if d.get(name) is None else str(d[name]) for name in FIELDS}
        values["birth_date"] = display_date(reg.birth_date)
        values["phone"] = national_mobile(reg.phone)  # stored E.164, shown as clerks write it
        values["jht"] = "1" if reg.jht else "0"
        values["consent_given"] = "1" if reg.consent_given else "0"
        self._s = _State(values=values, committed=set(FIELDS), manual=set(FIELDS))
        if reg.programme_id is not None:
            self._s.before_pick = {name: "" for name in DECIDED}
            self._s.before_pick["funding"] = "mandiri"
        for name, value in values.items():
            self.view.set_field(name, value)
        self._show_office()
        self._lock(reg.programme_id is not None)
        self.ask_programmes(force=True)  # another record: keep its own programme
        self._refresh()

    @property
    def dirty(self) -> bool:
        return self._s.dirty

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self._show_office()
        self.ask_programmes(force=True)
        self._refresh()

    # -- edits from the view --------------------------------------------------------------
    def edit(self, name: str, text: str) -> None:
        if self._s.values.get(name, "") == text:
            return
        self._s.values[name] = text
        self._s.manual.add(name)
        self._s.dirty = True
        self._external = [p for p in self._external if p.field != name]
        if name == "nik":
            self._set_duplicate(None)
            self._derive_from_nik()
        elif name == "programme_id":
            self._pick(text)
        elif name in ("occupation_code", "second_occupation_code"):
            self.ask_programmes()
        self._refresh()

    def commit(self, name: str) -> None:
        """The clerk left the field: from now on its problems show."""
        if name not in self._s.committed:
            self._s.committed.add(name)
            self._refresh()

    def confirm_warnings(self, confirmed: bool) -> None:
        self._s.confirmed = confirmed
        self._s.confirmed_codes = frozenset(self._warning_codes()) if confirmed else frozenset()
        self._refresh()

    def attempt_save(self) -> SaveRequest | None:
        """Show every problem; return what to save, or ``None`` if something blocks it."""
        self._s.attempted = True
        reg = self._refresh()
        if reg is None or has_errors(self.problems):
            return None
        codes = self._warning_codes()
        if codes and not (self._s.confirmed and set(codes) <= self._s.confirmed_codes):
            return None
        return SaveRequest(reg, codes)

    def store_rejected(self, problems: list[Problem]) -> None:
        """Problems the store found (duplicate NIK, …) shown next to their fields."""
        self._external = list(problems)
        self._s.attempted = True
        self._refresh()

    def saved(self) -> None:
        self._s.dirty = False

    # -- sponsor programmes ---------------------------------------------------------------
    @property
    def programme_id(self) -> int | None:
        value = self._s.values.get("programme_id", "")
        return int(value) if value.isdigit() else None

    def _occupations(self) -> tuple[str, ...]:
        return tuple(v for v in (self._s.values.get("occupation_code", ""),
                                 self._s.values.get("second_occupation_code", ""))
                     if v and v in self.ctx.occupations)

    def ask_programmes(self, *, force: bool = False) -> None:
        """Ask again which programmes the person can be registered under (the occupations
        changed, new programmes were pulled, another language); the answer comes later."""
        occupations = self._occupations()
        if self.programme_lookup is None or (occupations == self._asked and not force):
            return
        self._asked = occupations
        village = self._base.village_code if self._base else self.office_village
        keep = self._base.programme_id if self._base else None
        self.programme_lookup(village, occupations, self.now().date(), keep,
                              lambda found: self._programmes_found(occupations, found))

    def _programmes_found(self, occupations: tuple[str, ...],
                          found: list[ProgrammeChoice]) -> None:
        """The lookup's answer; dropped if the occupations changed meanwhile. A picked
        programme no longer offered is given up (the fields are the clerk's again)."""
        if occupations != self._occupations():
            return
        self._choices = {str(c.id): c for c in found}
        current = self._s.values.get("programme_id", "")
        if current and current not in self._choices:
            self._s.values["programme_id"] = current = ""
            self._pick("")
        self.view.show_programmes(
            [("", t("ui.programme.none", lang=self.lang)),
             *((str(c.id), c.label) for c in found)], current)
        self._refresh()

    def _pick(self, value: str) -> None:
        """A programme fills the fields it decides (read-only); "(no programme)" gives back
        what they held before."""
        choice = self._choices.get(value)
        if choice is None:
            if self._s.before_pick is not None:
                self._set_values(self._s.before_pick)
                self._s.before_pick = None
            self._s.values["programme_id"] = ""
            self._lock(False)
            return
        if self._s.before_pick is None:
            self._s.before_pick = {name: self._s.values.get(name, "") for name in DECIDED}
        self._set_values(choice.fields)
        self._lock(True)

    def _set_values(self, values: Mapping[str, str]) -> None:
        for name, text in values.items():
            self._s.values[name] = text
            self._external = [p for p in self._external if p.field != name]
            self.view.set_field(name, text)

    def _lock(self, locked: bool) -> None:
        self.view.lock_programme_fields(locked)

    # -- internals ------------------------------------------------------------------------
    def _derive_from_nik(self) -> None:
        nik = normalize_nik(self._s.values.get("nik", ""))
        if len(nik) == 16:
            self._s.committed.add("nik")
        info, _ = parse_nik(nik, today=self.now().date())
        if info is None:
            return
        self._ask_holder(info.nik)
        for name, value in (("birth_date", display_date(info.birth_date)),
                            ("gender", info.gender)):
            if name not in self._s.manual or not self._s.values.get(name):
                self._s.values[name] = value
                self._s.manual.discard(name)
                self.view.set_field(name, value)

    def _ask_holder(self, nik: str) -> None:
        if self.nik_lookup is None:
            return
        exclude = self.editing[0] if self.editing else None
        self.nik_lookup(nik, exclude, lambda ref: self._holder_found(nik, ref))

    def _holder_found(self, nik: str, local_ref: str | None) -> None:
        """The lookup's answer; dropped if the clerk has typed another NIK meanwhile."""
        if normalize_nik(self._s.values.get("nik", "")) != nik:
            return
        self._set_duplicate(local_ref)
        self._refresh()

    def _set_duplicate(self, local_ref: str | None) -> None:
        if local_ref != self.duplicate_of:
            self.duplicate_of = local_ref
            self.view.show_duplicate(local_ref)

    def _data(self) -> dict[str, Any]:
        v = self._s.values
        data: dict[str, Any] = {name: v.get(name, "") for name in FIELDS}
        data["birth_date"] = parse_display_date(v.get("birth_date", ""))
        income = "".join(ch for ch in v.get("income", "") if ch.isdigit())
        data["income"] = int(income) if income else None
        data["jht"] = v.get("jht") == "1"
        data["consent_given"] = v.get("consent_given") == "1"
        if self._base is not None:
            data["village_code"] = self._base.village_code
            data["consent_recorded_by"] = self._base.consent_recorded_by
            data["consent_at"] = self._base.consent_at.isoformat()
            data["start_month"] = self._base.start_month
        return data

    def _refresh(self) -> Registration | None:
        now = self.now()
        data = prefill(self._data(), office_village=self.office_village,
                       regions=self.ctx.regions, recorded_by=self.recorded_by, now=now)
        _, read_problems = registration_from_dict(data)
        stand_in = {p.field for p in read_problems}
        filled = {**data, **{f: _PLACEHOLDER[f] for f in stand_in if f in _PLACEHOLDER}}
        reg, more = registration_from_dict(filled)
        problems = list(read_problems) + list(more)
        fee = None
        final: Registration | None = None
        if reg is not None:
            normalised, checked = validate_registration(reg, today=now.date(), ctx=self.ctx)
            if "nik" in stand_in:
                checked = [p for p in checked if p.field != "nik"]
            problems += [p for p in checked if p.field not in stand_in]
            if not stand_in:
                final = normalised
            if not stand_in & {"occupation_code", "income", "period_months", "funding"}:
                quote = fee_quote_for(normalised, today=now.date(), ctx=self.ctx)
                fee = self._summary(quote, normalised.period_months) if quote else None
        if self.duplicate_of and not any(p.code == "nik.duplicate" for p in self._external):
            problems.append(error("nik", "nik.duplicate", local_ref=self.duplicate_of))
        problems += self._external
        self.problems = problems
        self._show(problems)
        reasons = ineligible(problems)
        self.view.show_ineligible([render(p, self.lang) for p in reasons])
        self.view.show_fee(None if reasons else fee)
        return final

    def _summary(self, quote: Any, months: int) -> FeeSummary:
        first = quote.months[0]
        discount = next((m.discount for m in quote.months if m.discount), None)
        return FeeSummary(
            monthly=rupiah(first.total + first.saved), period_months=months,
            period_total=rupiah(quote.total), discount_name=discount,
            discount_total=rupiah(quote.saved) if quote.saved else None)

    def _warning_codes(self) -> list[str]:
        return sorted({p.code for p in self.problems if p.severity is Severity.WARNING})

    def _visible(self, problem: Problem) -> bool:
        if problem.severity is Severity.WARNING or self._s.attempted:
            return True
        if problem.code in INELIGIBLE_CODES or problem.code == "nik.duplicate":
            return True  # as soon as it is known, not only when the field is left
        return problem.field in self._s.committed

    def _show(self, problems: list[Problem]) -> None:
        by_field: dict[str, list[tuple[str, str]]] = {name: [] for name in FIELDS}
        for p in problems:
            if self._visible(p):
                entry = (p.severity.value, render(p, self.lang))
                by_field.setdefault(p.field, []).append(entry)
                also = _ALSO_SHOWN_AT.get(p.code)
                if also:
                    by_field.setdefault(also, []).append(entry)
        self.view.show_field_problems(by_field)
        codes = set(self._warning_codes())
        if self._s.confirmed and not codes <= self._s.confirmed_codes:
            self._s.confirmed = False  # a new warning needs a new confirmation
        warnings = [render(p, self.lang) for p in problems if p.severity is Severity.WARNING]
        self.view.show_warnings(warnings, self._s.confirmed)

    def _show_office(self) -> None:
        village = self._base.village_code if self._base else self.office_village
        regions = self.ctx.regions
        kecamatan = village.rsplit(".", 1)[0]
        self.view.show_office(regions.name(village) or village, regions.name(kecamatan) or "",
                              village)
