"""Who is due for the desk's day: the due and lapsed list of the village, with a ready text to
send each person (SMS/WhatsApp), as data for the CLI, the GUI, the xlsx export and the PDF.

Qt-free. One read of the registrations that can owe a contribution, one of their memberships,
one of the lifecycle rules; no query per row.

What a row owes (``months_due``, ``amount_due``): the unpaid months whose due day falls on or
before the end of the window, priced month by month with the rates in force for each month
(:func:`regdesk.domain.fees.month_fee`, discount windows included):

- ``active`` and ``waiting_for_payment``: from the first unpaid month;
- ``grace``: from the oldest month in arrears (paying them keeps the cover unbroken);
- ``inactive``: from the desk's month (paying again makes the paid months active; the lapsed
  months before it stay unpaid, :mod:`regdesk.domain.lifecycle`);
- ``waiting_for_kpj``: nothing yet (there is nothing to pay with before a KPJ).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regdesk.domain.fees import add_months, month_fee
from regdesk.domain.lifecycle import LifecycleRules, Standing, State, paid_months
from regdesk.domain.registration import Funding, Registration
from regdesk.domain.validation import ValidationContext, is_transport
from regdesk.i18n import funding_label, t
from regdesk.i18n.formats import long_day, month_year, rupiah
from regdesk.masterdata import payment_instructions
from regdesk.services.membership import MemberStanding, standing_of, state_text
from regdesk.services.personal_data import NikRule, nik_rule, personal_file
from regdesk.store import RegistrationView, Role, Store, UserInfo
from regdesk.store.users import require_role

if TYPE_CHECKING:
    from regdesk.cards import DueSheetData

__all__ = ["DUE_STATES", "DueList", "DueRow", "due_list", "reminder_text",
           "window_end"]

# the states a due list can ask for; without a choice, all but waiting_for_kpj (nothing to pay)
DUE_STATES = (State.GRACE, State.INACTIVE, State.WAITING_FOR_PAYMENT, State.WAITING_FOR_KPJ,
              State.ACTIVE)
_DEFAULT_STATES = frozenset(DUE_STATES) - {State.WAITING_FOR_KPJ}
_MAX_MONTHS = 240  # a window never asks for more (a bound, not a rule)


@dataclass(frozen=True, slots=True)
class DueRow:
    """One person on the due list (``nik`` already masked or whole: the file rule)."""

    uuid: str
    local_ref: str
    name: str
    nik: str
    phone: str
    kpj: str | None
    registration_number: str | None
    state: State
    state_text: str
    next_due: date | None
    months_due: tuple[date, ...]  # first day of each month owed in the window
    pay_by: date | None  # the due day of the first month owed
    amount_due: int | None  # None: no rate covers a month (never guessed)
    days_overdue: int
    funding: Funding
    sponsor_name: str | None
    standing: Standing

    def as_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid, "local_ref": self.local_ref, "name": self.name, "nik": self.nik,
            "phone": self.phone, "kpj": self.kpj,
            "registration_number": self.registration_number, "state": self.state.value,
            "state_text": self.state_text,
            "next_due": self.next_due.isoformat() if self.next_due else None,
            "months_due": [m.strftime("%Y-%m") for m in self.months_due],
            "pay_by": self.pay_by.isoformat() if self.pay_by else None,
            "amount_due": self.amount_due, "days_overdue": self.days_overdue,
            "funding": self.funding.value, "sponsor_name": self.sponsor_name,
        }


@dataclass(frozen=True, slots=True)
class DueList:
    day: date  # the desk's day the states are computed for
    until: date  # last day of the window
    village_code: str
    village_name: str
    rows: tuple[DueRow, ...]
    nik_masked: bool

    @property
    def total_due(self) -> int:
        return sum(r.amount_due or 0 for r in self.rows)


def window_end(day: date, within_days: int | None) -> date:
    """``day + within_days``; without a number, the last day of ``day``'s month."""
    if within_days is None:
        return add_months(day.replace(day=1), 1) - timedelta(days=1)
    if within_days < 0:
        raise ValueError("within_days must be 0 or more")
    return day + timedelta(days=within_days)


def _due_day(rules: LifecycleRules, month: date, fallback: int) -> int:
    try:
        return rules.rule_for(month).due_day
    except ValueError:  # no rule for that month: the day's rule
        return fallback


def _months_due(found: MemberStanding, rules: LifecycleRules, until: date) -> tuple[date, ...]:
    standing, day = found.standing, found.day
    if standing.next_due is None or found.membership is None:
        return ()
    first = day.replace(day=1) if standing.state is State.INACTIVE else \
        standing.next_due.replace(day=1)
    paid = paid_months(found.membership.payments, as_of=day)
    fallback = rules.rule_for(day).due_day
    months: list[date] = []
    month = first
    for _ in range(_MAX_MONTHS):  # at least the first unpaid month, then all due by ``until``
        if months and month.replace(day=_due_day(rules, month, fallback)) > until:
            break
        if month.year * 12 + month.month - 1 not in paid:
            months.append(month)
        month = add_months(month, 1)
    return tuple(months)


def _amount(reg: Registration, months: Sequence[date], ctx: ValidationContext) -> int | None:
    if ctx.rates.check_income(reg.income):
        return None
    transport = is_transport(reg, ctx)
    try:
        return sum(month_fee(ctx.rates, m, income=reg.income, transport=transport,
                             funding=reg.funding.value, jht=reg.jht).total for m in months)
    except ValueError:  # no rate covers one of the months
        return None


def _wanted(found: MemberStanding, states: Collection[State], until: date) -> bool:
    standing = found.standing
    if standing.state not in states:
        return False
    if standing.state is State.WAITING_FOR_KPJ:
        return True  # no due day yet: listed when asked for
    return standing.next_due is not None and (standing.state is State.INACTIVE
                                              or standing.next_due <= until)


def due_list(store: Store, *, user: UserInfo, day: date | None = None,
             within_days: int | None = None, states: Collection[State] | None = None,
             full_nik: bool = False) -> DueList:
    """Everyone due by the end of the window (``within_days`` from ``day``, default: the end
    of the desk's month), in grace or inactive, oldest due first. ``states`` narrows the list
    (``waiting_for_kpj`` only when asked for). NIKs are masked unless ``full_nik`` is asked
    for by a supervisor or admin (the list goes to files and JSON: the file rule)."""
    require_role(user, Role.OPERATOR)
    rule = nik_rule(user, full_nik=full_nik)
    day = day or store.clock().astimezone().date()
    until = window_end(day, within_days)
    wanted = frozenset(states) if states else _DEFAULT_STATES
    views = store.member_candidates()
    memberships = store.memberships()  # all of them: one query whatever the list's length
    rules = store.lifecycle_rules()
    ctx = store.context()
    rows = []
    for view in views:
        found = standing_of(view, memberships.get(view.uuid), day, rules)
        if _wanted(found, wanted, until):
            rows.append(_row(view, found, rules, until, ctx, rule))
    rows.sort(key=lambda r: (r.next_due or date.max, r.name.casefold(), r.local_ref))
    village = store.office_village()
    return DueList(day, until, village, ctx.regions.name(village) or village, tuple(rows),
                   rule.masked)


def _row(view: RegistrationView, found: MemberStanding, rules: LifecycleRules, until: date,
         ctx: ValidationContext, nik: NikRule) -> DueRow:
    reg = view.registration
    months = _months_due(found, rules, until)
    pay_by = None
    if months:
        pay_by = months[0].replace(
            day=_due_day(rules, months[0], rules.rule_for(found.day).due_day))
    membership = found.membership
    return DueRow(
        uuid=view.uuid, local_ref=view.local_ref, name=reg.full_name,
        nik=nik(reg.nik), phone=reg.phone, kpj=found.kpj,
        registration_number=view.member_number or (membership.registration_number
                                                   if membership else None),
        state=found.state, state_text=state_text(found.standing),
        next_due=found.standing.next_due, months_due=months, pay_by=pay_by,
        amount_due=_amount(reg, months, ctx) if months else None,
        days_overdue=found.standing.days_overdue, funding=reg.funding,
        sponsor_name=reg.sponsor_name, standing=found.standing,
    )


def months_text(months: Sequence[date], lang: str | None = None) -> str:
    """``Desember 2026`` or ``2 bulan, November 2026 s.d. Desember 2026``."""
    if not months:
        return ""
    if len(months) == 1:
        return month_year(months[0], lang)
    return t("dues.months.range", lang=lang, n=len(months), first=month_year(months[0], lang),
             last=month_year(months[-1], lang))


def _how_to_pay(row: DueRow, lang: str) -> str:
    data = payment_instructions()
    if row.funding is not Funding.MANDIRI:
        sponsor = row.sponsor_name or funding_label(row.funding.value, lang)
        return str(data[f"sponsored_{lang}"]).format(sponsor=sponsor)
    if not row.kpj:
        return str(data[f"before_kpj_{lang}"])
    channels = "; ".join(str(c) for c in data[f"channels_{lang}"])  # type: ignore[attr-defined]
    return t("dues.reminder.pay_with_kpj", lang=lang, kpj=row.kpj, channels=channels)


def _what_is_due(row: DueRow, lang: str) -> str:
    amount = (rupiah(row.amount_due) if row.amount_due is not None
              else t("dues.amount.unknown", lang=lang))
    months = months_text(row.months_due, lang)
    due = long_day(row.next_due, lang) if row.next_due else ""
    if row.state is State.GRACE:
        return t("dues.reminder.grace", lang=lang, amount=amount, months=months, due=due)
    if row.state is State.INACTIVE:
        since = month_year(row.next_due, lang) if row.next_due else ""
        pay_by = long_day(row.pay_by, lang) if row.pay_by else ""
        return t("dues.reminder.inactive", lang=lang, amount=amount, months=months,
                 since=since, due=pay_by)
    if row.state is State.WAITING_FOR_KPJ:
        return t("dues.reminder.waiting_for_kpj", lang=lang)
    return t("dues.reminder.due", lang=lang, amount=amount, months=months, due=due)


def reminder_text(row: DueRow, lang: str = "id", *, village: str | None = None) -> str:
    """A ready SMS/WhatsApp text for ``row`` (Indonesian; English with ``lang="en"``): the
    amount, the due date in words, how to pay with the KPJ (``payment.json``), or before a KPJ
    what that file says. Never a reference only RegDesk knows."""
    lang = "en" if lang == "en" else "id"
    parts = [t("dues.reminder.greeting", lang=lang, name=row.name), _what_is_due(row, lang),
             _how_to_pay(row, lang)]
    if village:
        parts.append(t("dues.reminder.signature", lang=lang, village=village))
    return " ".join(p for p in parts if p)


def local_phone(phone: str) -> str:
    """``+6281234567890`` → ``081234567890`` (how a village dials it); others as they are."""
    return "0" + phone[3:] if phone.startswith("+62") else phone


def _kecamatan(store: Store, village: str) -> str:
    return store.context().regions.name(village.rsplit(".", 1)[0]) or ""


def due_sheet(store: Store, dues: DueList) -> DueSheetData:
    """The printable sheet (``cards.DueSheetData``) of ``dues``, every value in words."""
    from regdesk.cards import DueSheetData, DueSheetRow
    from regdesk.i18n import PRINT_LANG, printed

    lang = PRINT_LANG
    rows = tuple(
        DueSheetRow(
            name=r.name, nik=r.nik, phone=local_phone(r.phone), kpj=r.kpj or "-",
            state=state_text(r.standing, lang),
            due=long_day(r.next_due, lang) if r.next_due else "-",
            months=months_text(r.months_due, lang) or "-",
            amount=rupiah(r.amount_due) if r.amount_due is not None else "-",
            overdue=printed("print.due.days", n=r.days_overdue) if r.days_overdue else "-",
        )
        for r in dues.rows
    )
    return DueSheetData(village_name=dues.village_name,
                        kecamatan_name=_kecamatan(store, dues.village_code),
                        day=long_day(dues.day, lang), until=long_day(dues.until, lang),
                        rows=rows, total_amount=rupiah(dues.total_due))


KIND = "due_list"


def _rule(dues: DueList) -> NikRule:
    return NikRule(full=not dues.nik_masked)


def print_due_list(store: Store, dues: DueList, out: Path, *, user: UserInfo) -> int:
    """The due list as a PDF (A4 landscape), owner-only; audited (how many rows, masked or
    full). Returns the row count."""
    from regdesk.cards import render_due_list

    with personal_file(store, out, user=user, kind=KIND, fmt="pdf", rule=_rule(dues)) as staged:
        render_due_list(due_sheet(store, dues), staged.path)
        staged.rows = len(dues.rows)
        staged.detail["until"] = dues.until.isoformat()
    return len(dues.rows)


XLSX_COLUMNS = (("print.due.col.reference", "text"), ("print.due.col.name", "text"),
                ("print.due.col.nik", "text"), ("print.due.col.phone", "text"),
                ("print.due.col.kpj", "text"), ("print.due.col.registration_number", "text"),
                ("print.due.col.state", "text"), ("print.due.col.due", "date"),
                ("print.due.col.months", "text"), ("print.due.col.amount", "int"),
                ("print.due.col.overdue", "int"), ("print.due.col.reminder", "text"))


def export_due_list(store: Store, dues: DueList, out: Path, *, user: UserInfo,
                    lang: str = "id") -> int:
    """The due list as .xlsx (NIK, phone, KPJ as text; due as a real date), with the reminder
    text to copy per person in ``lang``; owner-only, audited. Returns the row count."""
    from regdesk.i18n import printed
    from regdesk.tabular.writer import write_xlsx

    headers = [printed(key) for key, _ in XLSX_COLUMNS]
    kinds = [kind for _, kind in XLSX_COLUMNS]
    village = dues.village_name
    rows = ([r.local_ref, r.name, r.nik, local_phone(r.phone), r.kpj or "",
             r.registration_number or "", state_text(r.standing, "id"), r.next_due,
             months_text(r.months_due, "id"), r.amount_due, r.days_overdue,
             reminder_text(r, lang, village=village)] for r in dues.rows)
    with personal_file(store, out, user=user, kind=KIND, fmt="xlsx",
                       rule=_rule(dues)) as staged:
        staged.rows = write_xlsx(staged.path, headers, kinds, rows, sheet="Jatuh tempo")
        staged.detail["until"] = dues.until.isoformat()
    return staged.rows


def due_document(dues: DueList, lang: str = "id") -> dict[str, object]:
    """The due list as one JSON document (``regdesk --json due``), a reminder text per row."""
    return {
        "day": dues.day.isoformat(), "until": dues.until.isoformat(),
        "village": dues.village_code, "village_name": dues.village_name,
        "count": len(dues.rows), "total_due": dues.total_due,
        "nik_masked": dues.nik_masked,
        "rows": [r.as_dict() | {"reminder": reminder_text(r, lang, village=dues.village_name)}
                 for r in dues.rows],
    }


def write_due_json(store: Store, dues: DueList, out: Path, *, user: UserInfo,
                   lang: str = "id") -> int:
    """The due list's JSON document written to ``out``, owner-only; audited."""
    import json

    text = json.dumps(due_document(dues, lang), ensure_ascii=False, indent=1)
    with personal_file(store, out, user=user, kind=KIND, fmt="json",
                       rule=_rule(dues)) as staged:
        staged.path.write_text(text, encoding="utf-8")
        staged.rows = len(dues.rows)
        staged.detail["until"] = dues.until.isoformat()
    return staged.rows
