"""From stored registrations to what the printers draw: fills the ``regdesk.cards`` read
models (the cards package never touches the database) and audits every print.

A member card is printed only for a member: a registration HQ accepted whose membership has
a KPJ from BPJS Ketenagakerjaan. Before that the worker gets the registration receipt, whose
payment instructions come from ``resources/data/payment.json``. Every card printed is
counted (``Store.count_card_print``, audited as ``card.print``); the n-th card of a member is
marked "Cetak ulang ke-(n-1)"."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from regdesk.cards import (
    CountLine,
    FundingLine,
    MemberCardData,
    Offsets,
    RecapData,
    RecapRow,
    ReceiptData,
    render_calibration,
    render_cards,
    render_receipt,
)
from regdesk.cards.recap import stream_recap
from regdesk.domain.cardpayload import CardPayload
from regdesk.domain.lifecycle import LifecycleRules, Standing, State
from regdesk.domain.masking import mask_nik
from regdesk.domain.problems import error
from regdesk.domain.programme_use import funded_periods, period_cost
from regdesk.domain.registration import Funding, Registration, Status, registration_from_dict
from regdesk.domain.validation import fee_quote_for, is_transport
from regdesk.i18n import PRINT_LANG, funding_label, printed, status_label
from regdesk.i18n.formats import PRINT_ZONE, long_day, month_year, print_day
from regdesk.masterdata import payment_instructions
from regdesk.services.errors import NothingToPrint
from regdesk.services.jobs import NO_JOB, Job, atomic_output
from regdesk.services.membership import standing_of, state_text
from regdesk.services.recap_coverage import coverage_lines
from regdesk.store import RegistrationView, Store, UserInfo
from regdesk.store.errors import StoreError
from regdesk.store.membership import MembershipView
from regdesk.transfer.signing import InvalidCard, decode_public_key, verify_card

__all__ = [
    "PRINTER_OFFSETS",
    "InvalidCard",
    "NotPrintable",
    "Offsets",
    "Period",
    "calibration_offsets",
    "calibration_page",
    "card_data",
    "card_standing",
    "cards_to_print",
    "hq_public_key",
    "payment_text",
    "print_cards",
    "print_recap",
    "print_receipt",
    "printer_offsets",
    "printer_scale",
    "recap_data",
    "receipt_data",
    "save_printer_offsets",
    "save_printer_scale",
    "verify_card_text",
]



class NotPrintable(StoreError):
    """A card was asked for a registration HQ has not accepted, without a KPJ yet, or with a
    bad signature."""

    def __init__(self, local_ref: str, reason: str):
        super().__init__([error("record", f"print.{reason}", value=local_ref)])


def _occupation_name(store: Store, code: str) -> str:
    occupation = store.context().occupations.get(code)
    return occupation.name_id if occupation else code


def _desk_day(store: Store) -> date:
    return store.clock().astimezone().date()


def _due_day(rules: LifecycleRules, day: date) -> int | None:
    try:
        return rules.rule_for(day).due_day
    except ValueError:  # no rule in force: say nothing rather than guess
        return None


def payment_text(reg: Registration, kpj: str | None, due_day: int | None) -> str:
    """How this worker pays, printed in :data:`PRINT_LANG` from ``payment.json``: a sponsor
    (not mandiri) pays; else with the KPJ through BPJS Ketenagakerjaan's channels; before a
    KPJ, to wait for it. Never with a reference only RegDesk knows."""
    data = payment_instructions()
    lang = PRINT_LANG
    if reg.funding is not Funding.MANDIRI:
        sponsor = reg.sponsor_name or funding_label(reg.funding.value, lang)
        return str(data[f"sponsored_{lang}"]).format(sponsor=sponsor)
    if not kpj:
        return str(data[f"before_kpj_{lang}"])
    channels = [str(c) for c in data[f"channels_{lang}"]]  # type: ignore[attr-defined]
    lines = [printed("print.receipt.pay_with_kpj", kpj=kpj), *(f"- {c}" for c in channels)]
    if due_day is not None:
        lines.append(printed("print.receipt.due_day", day=due_day))
    return "\n".join(lines)


def receipt_data(store: Store, view: RegistrationView, clerk: UserInfo) -> ReceiptData:
    reg = view.registration
    ctx = store.context()
    member = store.membership(view.uuid)
    kpj = member.kpj if member else None
    due_day = _due_day(store.lifecycle_rules(), _desk_day(store))
    quote = fee_quote_for(reg, today=view.created_at.astimezone().date(), ctx=ctx)
    return ReceiptData(
        local_ref=view.local_ref,
        name=reg.full_name,
        nik=reg.nik,
        birth_date=reg.birth_date,
        village_name=ctx.regions.name(reg.village_code) or reg.village_code,
        kecamatan_name=ctx.regions.name(reg.kecamatan_code) or reg.kecamatan_code,
        occupation_name=_occupation_name(store, reg.occupation_code),
        programmes=reg.programmes,
        monthly_contribution=quote.months[0].total + quote.months[0].saved if quote else 0,
        period_months=reg.period_months,
        period_total=quote.total if quote else 0,
        discount_total=quote.saved if quote else 0,
        funding_label=funding_label(reg.funding.value, PRINT_LANG)
        + (f" — {reg.sponsor_name}" if reg.sponsor_name else ""),
        clerk_name=clerk.full_name or clerk.username,
        registered_at=view.created_at,
        cancelled_reason=(view.cancel_reason or "") if view.status == Status.CANCELLED else None,
        payment_instructions=payment_text(reg, kpj, due_day),
        registration_number=view.member_number or (member.registration_number
                                                   if member else None),
        kpj=kpj,
        second_occupation_name=(_occupation_name(store, reg.second_occupation_code)
                                if reg.second_occupation_code else None),
    )


def print_receipt(store: Store, key: str, out: Path, *, user: UserInfo) -> RegistrationView:
    view = store.get(key)
    render_receipt(receipt_data(store, view, user), out)
    store.record_audit(action="print.receipt", entity="registration", entity_id=view.uuid,
                       user=user, detail={"local_ref": view.local_ref})
    return view


def _check_member(view: RegistrationView, membership: MembershipView | None) -> None:
    """Refuse a card for a registration HQ has not accepted, or without a KPJ yet."""
    if view.status == Status.CANCELLED or not view.member_number:
        raise NotPrintable(view.local_ref, "not_accepted")
    if membership is None or not membership.kpj:
        raise NotPrintable(view.local_ref, "no_kpj")


def card_data(view: RegistrationView, membership: MembershipView | None, public_key: bytes, *,
              day: date, rules: LifecycleRules) -> MemberCardData:
    """The card of a member as of ``day`` (the desk's printing day): HQ's signed member QR
    (version 2, with KPJ, state and paid-through) if HQ sent one, else the registration's
    older signed QR; "Berlaku s.d." from the lifecycle rules on ``day``."""
    _check_member(view, membership)
    assert membership is not None and membership.kpj
    qr_text = membership.card_qr or view.card_qr
    if not qr_text:
        raise NotPrintable(view.local_ref, "not_accepted")
    try:
        payload = verify_card(qr_text, public_key)
    except InvalidCard as exc:
        raise NotPrintable(view.local_ref, "bad_signature") from exc
    if payload.kpj is not None and payload.kpj != membership.kpj:
        raise NotPrintable(view.local_ref, "bad_signature")  # HQ's QR is of another KPJ
    standing = standing_of(view, membership, day, rules).standing
    return MemberCardData(payload=payload, qr_text=qr_text, kpj=membership.kpj,
                          paid_through=standing.paid_through,
                          standing_text=state_text(standing, PRINT_LANG),
                          print_number=membership.card_prints + 1)


def hq_public_key(store: Store) -> bytes:
    from regdesk.store import sync_state

    with store.read() as session:
        device = sync_state.get_device(session)
    if device is None:
        raise StoreError([error("record", "print.not_enrolled")])
    return decode_public_key(device.signing_public_key)


PRINTER_OFFSETS = "print.offsets"  # setting: {printer name: {stock: {dx, dy, back_dx, back_dy}}}


def printer_offsets(store: Store, printer: str | None, stock: str) -> Offsets | None:
    """The calibration saved for ``printer`` and ``stock`` (mm), if any."""
    if not printer:
        return None
    saved = (store.get_setting(PRINTER_OFFSETS, {}) or {}).get(printer, {}).get(stock)
    return Offsets(**saved) if saved else None


def save_printer_offsets(store: Store, printer: str, stock: str, offsets: Offsets, *,
                         user: UserInfo) -> None:
    table = dict(store.get_setting(PRINTER_OFFSETS, {}) or {})
    table.setdefault(printer, {})[stock] = {
        "dx": offsets.dx, "dy": offsets.dy, "back_dx": offsets.back_dx,
        "back_dy": offsets.back_dy}
    store.set_setting(PRINTER_OFFSETS, table, user=user)


PRINTER_SCALE = "print.scale"  # setting: {printer name: percent} (the 100 mm ruler's length)
SCALE_LIMITS = (90, 110)  # a printer further off than 10% is broken, not calibrated


def printer_scale(store: Store, printer: str | None) -> float:
    """The factor direct printing applies for ``printer`` (1.0 when never calibrated)."""
    if not printer:
        return 1.0
    saved = (store.get_setting(PRINTER_SCALE, {}) or {}).get(printer)
    return float(saved) / 100 if saved else 1.0


def save_printer_scale(store: Store, printer: str, percent: float, *, user: UserInfo) -> None:
    """Remember ``printer``'s scale (``percent`` of true size that corrects it; 101 when its
    100 mm line measures 99 mm). Outside :data:`SCALE_LIMITS` is refused with one line."""
    low, high = SCALE_LIMITS
    if not low <= percent <= high:
        raise StoreError([error("scale", "print.scale_range", low=low, high=high)])
    table = dict(store.get_setting(PRINTER_SCALE, {}) or {})
    table[printer] = round(percent, 2)
    store.set_setting(PRINTER_SCALE, table, user=user)


def print_cards(store: Store, views: Sequence[RegistrationView] | None, out: Path, *,
                stock: str, user: UserInfo, progress: Callable[[int, int], None] | None = None,
                printer: str | None = None, job: Job = NO_JOB) -> int:
    """Member cards for ``views`` (all must be members: a KPJ), or with ``views=None`` for
    every member :func:`cards_to_print` would give, read page by page; shifted by
    ``printer``'s saved calibration, as of the desk's day. A long job: ``job.step`` after
    each sheet (a cancel stops there), the PDF is written under a temporary name and put
    at ``out`` only when whole, then every card is counted and audited in short
    transactions (none for a cancelled run). Returns the page count."""
    key = hq_public_key(store)
    rules, day = store.lifecycle_rules(), _desk_day(store)
    if views is None:
        total = store.count_ready_for_cards()
        chunks: Iterable[Sequence[RegistrationView]] = (
            [v for v in page if (m := found.get(v.uuid)) is not None and m.kpj
             and (m.ended_on is None or m.ended_on > day)]
            for page in store.iter_ready_for_cards()
            for found in (store.memberships([v.uuid for v in page]),))
    else:
        total, chunks = len(views), [views]
    printed_uuids: list[str] = []

    def cards() -> Iterator[MemberCardData]:
        for chunk in chunks:
            found = store.memberships([view.uuid for view in chunk])
            for view in chunk:
                store.give_way()  # a sheet's cards are checked back to back: not before a save
                card = card_data(view, found.get(view.uuid), key, day=day, rules=rules)
                printed_uuids.append(view.uuid)
                yield card

    def step(done: int, _total: int) -> None:
        job.step(done, total)
        if progress is not None:
            progress(done, total)

    with atomic_output(out) as tmp:
        try:
            pages = render_cards(cards(), stock, tmp, offsets=printer_offsets(store, printer,
                                                                              stock),
                                 progress=step, total=total, pause=store.give_way)
        except ValueError as exc:  # no card at all (every ready one ended meanwhile)
            raise NothingToPrint() from exc
    store.count_card_prints(printed_uuids, user=user)
    return pages


def cards_to_print(store: Store, refs: Sequence[str] | None) -> list[RegistrationView]:
    """The members named by ``refs`` (``NotPrintable`` for one HQ has not accepted or
    without a KPJ: give the registration receipt), else every member with a KPJ whose
    membership has not ended (``NothingToPrint`` when there are none)."""
    if refs is not None:
        views = list({v.uuid: v for v in (store.get(r) for r in refs)}.values())
        found = store.memberships([v.uuid for v in views])
        for view in views:
            _check_member(view, found.get(view.uuid))
    else:
        day = _desk_day(store)
        found = store.memberships()
        views = [v for v in store.ready_for_cards()
                 if (m := found.get(v.uuid)) is not None and m.kpj
                 and (m.ended_on is None or m.ended_on > day)]
    if not views:
        raise NothingToPrint()
    return views


def calibration_offsets(store: Store | None, *, stock: str, printer: str | None,
                        offsets: Offsets | None, user: UserInfo | None = None
                        ) -> Offsets | None:
    """The offsets a calibration page is drawn with. Given ``offsets`` and ``printer``, they
    are remembered for that printer's cards; given only ``printer``, its saved ones."""
    if offsets is not None:
        if printer:
            assert store is not None and user is not None
            save_printer_offsets(store, printer, stock, offsets, user=user)
        return offsets
    if printer:
        assert store is not None
        return printer_offsets(store, printer, stock)
    return None


def calibration_page(out: Path, *, stock: str, offsets: Offsets | None,
                     scale_percent: float | None = None) -> None:
    """Draw the calibration page for ``stock`` shifted by ``offsets`` (and naming the
    printer's saved ``scale_percent``)."""
    render_calibration(stock, out, offsets, scale_percent)


def verify_card_text(store: Store, text: str) -> CardPayload:
    """The card read from its QR text, checked against HQ's key (``InvalidCard`` if not)."""
    return verify_card(text.strip(), hq_public_key(store))


def card_standing(store: Store, card: CardPayload) -> Standing | None:
    """The membership facts a member card (version 2) carries, as of ``card.as_of``, for
    :func:`regdesk.services.membership.state_text`; None for a card without a KPJ."""
    if card.kpj is None or card.state is None or card.as_of is None:
        return None
    next_due = None
    due_day = _due_day(store.lifecycle_rules(), card.as_of)
    if card.paid_through is not None and due_day is not None:
        # paid_through is a month's last day: the next month's contribution is due next
        next_due = (card.paid_through + timedelta(days=1)).replace(day=due_day)
    return Standing(State(card.state), card.paid_through, next_due)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # exclusive
    label: str

    @classmethod
    def month(cls, text: str) -> Period:
        year, month = (int(x) for x in text.split("-"))
        start = date(year, month, 1)
        end = date(year + month // 12, month % 12 + 1, 1)
        return cls(start, end, month_year(start, PRINT_LANG))

    @classmethod
    def day(cls, day: date) -> Period:
        return cls(day, day + timedelta(days=1), long_day(day, PRINT_LANG))


def _recap_head(store: Store, period: Period, clerk: UserInfo) -> RecapData:
    ctx = store.context()
    village = store.office_village()
    return RecapData(
        village_name=ctx.regions.name(village) or village,
        village_code=village,
        kecamatan_name=ctx.regions.name(village.rsplit(".", 1)[0]) or "",
        period_label=period.label,
        rows=(),
        printed_at=store.clock().astimezone(),  # the desk's clock, as every other day on paper
        clerk_name=clerk.full_name or clerk.username,
    )


def _bounds(period: Period) -> tuple[datetime, datetime]:
    # the period's days are days on paper (PRINT_ZONE), as each row's day below
    return (datetime.combine(period.start, time.min, PRINT_ZONE),
            datetime.combine(period.end, time.min, PRINT_ZONE))


_WITH_JHT, _WITHOUT_JHT = ("JKK", "JKM", "JHT"), ("JKK", "JKM")


class _RecapTally:
    """Turns raw rows into :class:`RecapRow` and keeps the summary's counts and amounts by
    status, funding (with sponsor) and occupation: memory by group, never by row.

    A row's monthly contribution depends only on the fee inputs (occupations, period,
    income, start month or registration day, funding, JHT); those seen before are not
    computed again, and the payload becomes a :class:`Registration` only for new ones."""

    def __init__(self, store: Store) -> None:
        self.ctx = store.context()
        self.occupation_names: dict[str, str] = {}
        self.store = store
        self.fees: dict[tuple[Any, ...], tuple[int, int]] = {}
        self.statuses: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.occupations: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.funding: defaultdict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        self.count = 0
        self.monthly = 0
        self.labels: dict[tuple[str, str], str] = {}
        self.days: dict[str, tuple[date, date]] = {}

    def _label(self, kind: str, code: str) -> str:
        found = self.labels.get((kind, code))
        if found is None:
            found = (status_label(code, PRINT_LANG) if kind == "status"
                     else funding_label(code, PRINT_LANG))
            self.labels[(kind, code)] = found
        return found

    def _occupation(self, code: str) -> str:
        found = self.occupation_names.get(code)
        if found is None:
            found = self.occupation_names[code] = _occupation_name(self.store, code)
        return found

    def _fee(self, key: tuple[Any, ...], payload: str, day: date) -> tuple[int, int]:
        """(the first month's contribution, all its paid periods month by month), by the
        row's fee inputs ``key``: the payload is parsed only for inputs not seen before."""
        found = self.fees.get(key)
        if found is None:
            reg, _problems = registration_from_dict(json.loads(payload))
            quote = fee_quote_for(reg, today=day, ctx=self.ctx) if reg else None
            found = (quote.first_month if quote else 0,
                     self._periods_cost(reg) if reg else 0)
            if len(self.fees) < 50_000:
                self.fees[key] = found
        return found

    def _periods_cost(self, reg: Registration) -> int:
        transport = is_transport(reg, self.ctx)
        return sum(period_cost(self.ctx.rates, p)
                   for p in funded_periods(reg, transport=transport))

    def _days(self, stamp: str) -> tuple[date, date]:
        """(the PC's day, the day on paper) of a stored ``created_at`` (UTC text), by its
        minute: every zone's offset is whole minutes."""
        found = self.days.get(stamp[:16])
        if found is None:
            moment = datetime.fromisoformat(stamp).replace(tzinfo=UTC)
            found = (moment.astimezone().date(), print_day(moment))
            if len(self.days) < 50_000:
                self.days[stamp[:16]] = found
        return found

    def row(self, raw: Any) -> RecapRow:
        """One row of ``streams.RECAP_COLUMNS`` as a :class:`RecapRow`, counted."""
        (_seq, _uuid, local_ref, status, member_number, created_at, name, nik, occupation_code,
         funding, sponsor, jht, start_month, consent_month, inputs, payload) = raw
        desk_day, paper_day = self._days(created_at)
        # the fee inputs as the store gives them (one JSON text); without a start month,
        # the registration day and the consent month count too
        monthly, whole = self._fee((inputs, None, None) if start_month
                                   else (inputs, desk_day, consent_month), payload, desk_day)
        occupation = self._occupation(occupation_code or "")
        status_text = self._label("status", status)
        paid_by = self._label("funding", funding or "")
        self.count += 1
        self.monthly += monthly
        for bucket in (self.statuses[status_text], self.occupations[occupation]):
            bucket[0] += 1
            bucket[1] += monthly
        if status != Status.CANCELLED.value:
            bucket = self.funding[(paid_by, sponsor or "")]
            bucket[0] += 1
            bucket[1] += monthly
            bucket[2] += whole
        return RecapRow(
            registered_on=paper_day, local_ref=local_ref, name=name or "",
            nik_masked=mask_nik(nik), occupation=occupation,
            programmes=_WITH_JHT if jht else _WITHOUT_JHT,
            funding=paid_by, status=status_text, monthly_contribution=monthly,
            member_number=member_number or "")

    def summary(self, head: RecapData, rows: tuple[RecapRow, ...] = ()) -> RecapData:
        def lines(table: dict[str, list[int]]) -> tuple[CountLine, ...]:
            return tuple(CountLine(k, n, amount) for k, (n, amount)
                         in sorted(table.items(), key=lambda kv: (-kv[1][0], kv[0])))

        return replace(
            head, rows=rows, count=self.count, monthly=self.monthly,
            by_status=lines(self.statuses), by_occupation=lines(self.occupations),
            by_funding=tuple(FundingLine(label, sponsor, n, cost, whole)
                             for (label, sponsor), (n, cost, whole)
                             in sorted(self.funding.items())),
            **coverage_lines(self.store))


def recap_rows(store: Store, period: Period, tally: _RecapTally, job: Job = NO_JOB
               ) -> Iterator[RecapRow]:
    """The period's registrations as recap rows, oldest first, page by page."""
    start, end = _bounds(period)
    total = store.count_created_between(start, end) if job is not NO_JOB else 0
    done = 0
    for page in store.iter_created_between(start, end):
        for raw in page:
            yield tally.row(raw)
        done += len(page)
        job.step(done, total)


def recap_data(store: Store, period: Period, clerk: UserInfo) -> RecapData:
    """The whole recap in memory (its rows included): for small periods and tests; printing
    streams (:func:`print_recap`)."""
    tally = _RecapTally(store)
    rows = tuple(recap_rows(store, period, tally))
    return tally.summary(_recap_head(store, period, clerk), rows)


def print_recap(store: Store, period: Period, out: Path, *, user: UserInfo,
                job: Job = NO_JOB) -> RecapData:
    """The village recap of ``period`` at ``out``, streamed: rows are read page by page on
    the job's own connection and drawn as they come (bounded memory). A long job: a cancel
    stops at the next page, leaves no file and no audit entry. Returns the summary (its
    ``rows`` empty, ``count``/``monthly`` the totals)."""
    head = _recap_head(store, period, user)
    tally = _RecapTally(store)
    start, end = _bounds(period)
    total = store.count_created_between(start, end)

    def step(done: int) -> None:
        job.step(done, total)

    with atomic_output(out) as tmp:
        stream_recap(head, recap_rows(store, period, tally), lambda: tally.summary(head), tmp,
                     step=step, pause=store.give_way)
    summary = tally.summary(head)
    store.record_audit(action="print.recap", entity="recap", entity_id=period.label, user=user,
                       detail={"rows": summary.total_registrations})
    return summary


def clear_print_dir(folder: Path | None = None) -> int:
    """Delete the printouts left in the private print folder (at exit, and at start after a
    crash); a file a PDF viewer still holds open (Windows) stays for the next time. Returns
    how many went."""
    from regdesk.paths import print_dir

    folder = folder or print_dir()
    gone = 0
    for path in folder.glob("*.pdf"):
        try:
            path.unlink()
            gone += 1
        except OSError:
            continue
    return gone


def unique_output(folder: Path, name: str) -> Path:
    """``folder/name``, or ``stem-2.pdf``, ``stem-3.pdf`` … if taken: a default printout name
    never overwrites an earlier file (which a PDF viewer may still hold open)."""
    folder.mkdir(parents=True, exist_ok=True)
    candidate = folder / name
    stem, suffix = candidate.stem, candidate.suffix
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = folder / f"{stem}-{counter}{suffix}"
    return candidate


def receipt_name(store: Store, key: str) -> str:
    """The default file name of a registration's receipt (its local reference in it)."""
    return f"tanda-bukti-{store.get(key).local_ref}.pdf"


def stamped_name(store: Store, prefix: str) -> str:
    """A default printout name with the desk clock's time, e.g. ``kartu-a4-10-20261201-0930…``."""
    return f"{prefix}-{store.clock():%Y%m%d-%H%M%S}.pdf"
