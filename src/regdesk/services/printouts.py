"""From stored registrations to what the printers draw: fills the ``regdesk.cards`` read
models (the cards package never touches the database) and audits every print.

A member card is printed only for a member: a registration HQ accepted whose membership has
a KPJ from BPJS Ketenagakerjaan. Before that the worker gets the registration receipt, whose
payment instructions come from ``resources/data/payment.json``. Every card printed is
counted (``Store.count_card_print``, audited as ``card.print``); the n-th card of a member is
marked "Cetak ulang ke-(n-1)"."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

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
    render_recap,
    render_receipt,
)
from regdesk.domain.cardpayload import CardPayload
from regdesk.domain.lifecycle import LifecycleRules, Standing, State
from regdesk.domain.masking import mask_nik
from regdesk.domain.problems import error
from regdesk.domain.registration import Funding, Registration, Status
from regdesk.domain.validation import fee_quote_for
from regdesk.i18n import PRINT_LANG, funding_label, printed, status_label
from regdesk.i18n.formats import PRINT_ZONE, long_day, month_year, print_day
from regdesk.masterdata import payment_instructions
from regdesk.services.errors import NothingToPrint
from regdesk.services.membership import standing_of, state_text
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
    if reg.funding is not Funding.SELF:
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


def print_cards(store: Store, views: Sequence[RegistrationView], out: Path, *, stock: str,
                user: UserInfo, progress: Callable[[int, int], None] | None = None,
                printer: str | None = None) -> int:
    """Member cards for ``views`` (all must be members: a KPJ), shifted by ``printer``'s
    saved calibration, as of the desk's day. Each card printed is counted and audited once
    the PDF is written. Returns the page count."""
    key = hq_public_key(store)
    found = store.memberships([view.uuid for view in views])
    rules, day = store.lifecycle_rules(), _desk_day(store)
    cards = [card_data(view, found.get(view.uuid), key, day=day, rules=rules)
             for view in views]
    pages = render_cards(cards, stock, out, offsets=printer_offsets(store, printer, stock),
                         progress=progress)
    for view in views:
        store.count_card_print(view.uuid, user=user)
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


def recap_data(store: Store, period: Period, clerk: UserInfo) -> RecapData:
    # the period's days are days on paper (PRINT_ZONE), as each row's day below
    views = store.created_between(datetime.combine(period.start, time.min, PRINT_ZONE),
                                  datetime.combine(period.end, time.min, PRINT_ZONE))
    ctx = store.context()
    village = store.office_village()
    rows = []
    occupations: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    funding: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for view in views:
        reg = view.registration
        quote = fee_quote_for(reg, today=view.created_at.astimezone().date(), ctx=ctx)
        monthly = quote.first_month if quote else 0
        occupation = _occupation_name(store, reg.occupation_code)
        status = status_label(view.status.value, PRINT_LANG)
        paid_by = funding_label(reg.funding.value, PRINT_LANG)
        rows.append(RecapRow(
            registered_on=print_day(view.created_at), local_ref=view.local_ref,
            name=reg.full_name, nik_masked=mask_nik(reg.nik), occupation=occupation,
            programmes=reg.programmes, funding=paid_by, status=status,
            monthly_contribution=monthly, member_number=view.member_number or "",
        ))
        occupations[occupation] += 1
        statuses[status] += 1
        if view.status.value != "cancelled":
            bucket = funding[(paid_by, reg.sponsor_name or "")]
            bucket[0] += 1
            bucket[1] += monthly
    return RecapData(
        village_name=ctx.regions.name(village) or village,
        village_code=village,
        kecamatan_name=ctx.regions.name(village.rsplit(".", 1)[0]) or "",
        period_label=period.label,
        rows=tuple(rows),
        by_occupation=tuple(CountLine(k, v) for k, v in occupations.most_common()),
        by_funding=tuple(FundingLine(label, sponsor, count, cost)
                         for (label, sponsor), (count, cost) in sorted(funding.items())),
        by_status=tuple(CountLine(k, v) for k, v in statuses.most_common()),
        printed_at=datetime.now().astimezone(),
        clerk_name=clerk.full_name or clerk.username,
    )


def print_recap(store: Store, period: Period, out: Path, *, user: UserInfo) -> RecapData:
    data = recap_data(store, period, user)
    render_recap(data, out)
    store.record_audit(action="print.recap", entity="recap", entity_id=period.label, user=user,
                       detail={"rows": len(data.rows)})
    return data


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
