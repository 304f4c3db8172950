"""Plain read models the renderers take; callers fill them, so printing never sees the DB."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from regdesk.domain.cardpayload import CardPayload


@dataclass(frozen=True)
class ReceiptData:
    """One registration's Tanda Bukti Pendaftaran (A5).

    ``nik`` is the full NIK; it is masked when printed. Amounts are whole Rupiah:
    ``monthly_contribution`` is the regular monthly fee, ``period_total`` the amount due for
    ``period_months`` after any PP 50/2025 relief, ``discount_total`` that relief (0 = none).
    """

    local_ref: str
    name: str
    nik: str
    birth_date: date
    village_name: str
    kecamatan_name: str
    occupation_name: str
    programmes: tuple[str, ...]
    monthly_contribution: int
    period_months: int
    period_total: int
    discount_total: int
    funding_label: str
    clerk_name: str
    registered_at: datetime
    payment_instructions: str = ""  # empty: "pay once the KPJ is issued" (payment.json)
    cancelled_reason: str | None = None  # set: the registration was cancelled (DIBATALKAN)
    registration_number: str | None = None  # HQ's number, once HQ accepted it
    kpj: str | None = None  # BPJS Ketenagakerjaan's number, once issued
    second_occupation_name: str | None = None  # printed only when the worker has one


@dataclass(frozen=True)
class MemberCardData:
    """A member card: the signed payload and the QR text HQ produced for it, and what the
    desk read on the printing day.

    ``kpj`` is printed as the member number (and in the barcode). ``paid_through`` set:
    "Berlaku s.d." that day; else ``standing_text`` (e.g. "Menunggu pembayaran") is printed
    in its place. ``print_number`` counts this member's cards: 1 is the first print, n >= 2
    is marked "Cetak ulang ke-(n-1)".
    """

    payload: CardPayload
    qr_text: str
    kpj: str | None = None  # None: the payload's KPJ
    paid_through: date | None = None
    standing_text: str = ""
    print_number: int = 1

    def __post_init__(self) -> None:
        if not self.member_kpj:
            raise ValueError("a member card needs a KPJ")
        if self.print_number < 1:
            raise ValueError("print_number counts from 1")

    @property
    def member_kpj(self) -> str:
        """The number printed as "No. KPJ" and in the barcode."""
        return self.kpj or self.payload.kpj or ""

    @property
    def reprint(self) -> int:
        """0 for the first print, n for the n-th reprint."""
        return max(0, self.print_number - 1)


@dataclass(frozen=True)
class RecapRow:
    """One new registration in the recap; ``nik_masked`` is masked again if given in full."""

    registered_on: date
    local_ref: str
    name: str
    nik_masked: str
    occupation: str
    programmes: tuple[str, ...]
    funding: str
    status: str
    monthly_contribution: int
    member_number: str = ""


@dataclass(frozen=True)
class CountLine:
    """One group of a summary: how many, and (when given) their monthly amount."""

    label: str
    count: int
    amount: int | None = None


@dataclass(frozen=True)
class FundingLine:
    """Registrations paid by one source/sponsor, what they cost per month, and what their
    paid periods cost in all (month by month, with the rules in force each month)."""

    label: str
    sponsor: str
    count: int
    monthly_cost: int
    period_cost: int = 0


@dataclass(frozen=True)
class RecapData:
    """Village recap for a period. Totals are computed here so they always match the rows."""

    village_name: str
    village_code: str
    kecamatan_name: str
    period_label: str
    rows: tuple[RecapRow, ...]
    by_occupation: tuple[CountLine, ...] = ()
    by_funding: tuple[FundingLine, ...] = ()
    by_status: tuple[CountLine, ...] = ()
    printed_at: datetime | None = None
    clerk_name: str = ""
    head_name: str = ""  # Kepala Desa, printed under the signature line when known
    notes: tuple[str, ...] = field(default=())
    # the village's coverage as HQ last reported it: (label, figure) pairs in words, its date
    coverage: tuple[tuple[str, str], ...] = ()
    coverage_note: str = ""
    # a streamed recap holds no rows: its totals, counted while they were drawn
    count: int | None = None
    monthly: int | None = None

    @property
    def total_registrations(self) -> int:
        return len(self.rows) if self.count is None else self.count

    @property
    def total_monthly(self) -> int:
        """Sum of the monthly contributions of the listed registrations."""
        if self.monthly is not None:
            return self.monthly
        return sum(r.monthly_contribution for r in self.rows)

    @property
    def total_funded_monthly(self) -> int:
        return sum(f.monthly_cost for f in self.by_funding)

    @property
    def total_funded_period(self) -> int:
        return sum(f.period_cost for f in self.by_funding)

    @property
    def total_funded_count(self) -> int:
        return sum(f.count for f in self.by_funding)

    @property
    def total_by_occupation(self) -> int:
        return sum(c.count for c in self.by_occupation)

    @property
    def total_by_status(self) -> int:
        return sum(c.count for c in self.by_status)
