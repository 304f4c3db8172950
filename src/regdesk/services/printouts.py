"""From stored registrations to what the printers draw: fills the ``regdesk.cards`` read
models (the cards package never touches the database) and audits every print."""

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
from regdesk.domain.masking import mask_nik
from regdesk.domain.problems import error
from regdesk.domain.registration import Status
from regdesk.domain.validation import fee_quote_for
from regdesk.i18n import PRINT_LANG, funding_label, status_label
from regdesk.services.errors import NothingToPrint
from regdesk.store import RegistrationView, Store, UserInfo
from regdesk.store.errors import StoreError
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
    "cards_to_print",
    "hq_public_key",
    "print_cards",
    "print_recap",
    "print_receipt",
    "printer_offsets",
    "recap_data",
    "receipt_data",
    "save_printer_offsets",
    "verify_card_text",
]



class NotPrintable(StoreError):
    """A card was asked for a registration HQ has not accepted (or with a bad signature)."""

    def __init__(self, local_ref: str, reason: str):
        super().__init__([error("record", f"print.{reason}", value=local_ref)])


def _occupation_name(store: Store, code: str) -> str:
    occupation = store.context().occupations.get(code)
    return occupation.name_id if occupation else code


def receipt_data(store: Store, view: RegistrationView, clerk: UserInfo) -> ReceiptData:
    reg = view.registration
    ctx = store.context()
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
        registered_at=view.created_at.astimezone(),
        cancelled_reason=(view.cancel_reason or "") if view.status == Status.CANCELLED else None,
        second_occupation_name=(_occupation_name(store, reg.second_occupation_code)
                                if reg.second_occupation_code else None),
    )


def print_receipt(store: Store, key: str, out: Path, *, user: UserInfo) -> RegistrationView:
    view = store.get(key)
    render_receipt(receipt_data(store, view, user), out)
    store.record_audit(action="print.receipt", entity="registration", entity_id=view.uuid,
                       user=user, detail={"local_ref": view.local_ref})
    return view


def card_data(view: RegistrationView, public_key: bytes) -> MemberCardData:
    if not view.card_qr or not view.member_number:
        raise NotPrintable(view.local_ref, "not_accepted")
    try:
        payload = verify_card(view.card_qr, public_key)
    except InvalidCard as exc:
        raise NotPrintable(view.local_ref, "bad_signature") from exc
    return MemberCardData(payload=payload, qr_text=view.card_qr)


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


def print_cards(store: Store, views: Sequence[RegistrationView], out: Path, *, stock: str,
                user: UserInfo, progress: Callable[[int, int], None] | None = None,
                printer: str | None = None) -> int:
    """Member cards for ``views`` (all must be accepted by HQ), shifted by ``printer``'s
    saved calibration. Returns the page count."""
    key = hq_public_key(store)
    cards = [card_data(view, key) for view in views]
    pages = render_cards(cards, stock, out, offsets=printer_offsets(store, printer, stock),
                         progress=progress)
    store.record_audits(action="print.card", entity="registration", user=user,
                        entries=[(view.uuid, {"local_ref": view.local_ref, "stock": stock})
                                 for view in views])
    return pages


def cards_to_print(store: Store, refs: Sequence[str] | None) -> list[RegistrationView]:
    """The registrations named by ``refs``, else every one HQ accepted (``NothingToPrint``
    when there are none)."""
    views = store.ready_for_cards() if refs is None else [store.get(r) for r in refs]
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


def calibration_page(out: Path, *, stock: str, offsets: Offsets | None) -> None:
    """Draw the calibration page for ``stock`` shifted by ``offsets``."""
    render_calibration(stock, out, offsets)


def verify_card_text(store: Store, text: str) -> CardPayload:
    """The card read from its QR text, checked against HQ's key (``InvalidCard`` if not)."""
    return verify_card(text.strip(), hq_public_key(store))


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
        return cls(start, end, start.strftime("%m/%Y"))

    @classmethod
    def day(cls, day: date) -> Period:
        return cls(day, day + timedelta(days=1), day.strftime("%d-%m-%Y"))


def recap_data(store: Store, period: Period, clerk: UserInfo) -> RecapData:
    tz = datetime.now().astimezone().tzinfo
    views = store.created_between(datetime.combine(period.start, time.min, tz),
                                  datetime.combine(period.end, time.min, tz))
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
            registered_on=view.created_at.astimezone().date(), local_ref=view.local_ref,
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
