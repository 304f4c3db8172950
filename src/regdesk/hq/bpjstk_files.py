"""Reading the files BPJS Ketenagakerjaan sends HQ — members (KPJ per person) and payments —
through the desk import's tolerant header mapping and Excel-pitfall cell readers
(:mod:`regdesk.tabular`). Pure apart from reading the file: each row becomes a typed value
with its problems (codes, never sentences). Column layouts: ``docs/hq-files.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from regdesk.domain.problems import Problem, error
from regdesk.tabular.cells import parse_integer_cell, parse_nik_cell, parse_text_cell
from regdesk.tabular.dates import parse_date_cell, parse_month_cell
from regdesk.tabular.headers import HeaderMap, map_headers, normalise_header
from regdesk.tabular.reader import Sheet, is_blank, read_sheet

ENDED_REASONS = ("died", "moved", "cancelled", "wage_earner", "other")

_ALIASES: dict[str, tuple[str, ...]] = {
    "kpj": ("kpj", "no kpj", "nomor kpj", "no peserta", "nomor peserta", "no kartu peserta",
            "nomor kartu peserta", "nomor kepesertaan", "no kepesertaan", "kpj number"),
    "registration_number": ("no registrasi", "nomor registrasi", "no reg", "noreg",
                            "registration number", "member number", "no anggota"),
    "ended_on": ("tanggal berhenti", "tgl berhenti", "tanggal nonaktif", "tgl nonaktif",
                 "tanggal non aktif", "tanggal keluar", "tgl keluar", "ended on"),
    "ended_reason": ("alasan berhenti", "alasan", "sebab berhenti", "alasan keluar",
                     "ended reason"),
    "first_month": ("bulan awal", "periode awal", "dari bulan", "periode dari", "bulan dari",
                    "mulai periode", "iuran dari", "first month"),
    "last_month": ("bulan akhir", "periode akhir", "sampai bulan", "periode sampai",
                   "bulan sampai", "s d bulan", "sd bulan", "iuran sampai", "last month"),
    "amount": ("jumlah", "jumlah iuran", "nominal", "iuran", "jumlah bayar", "total iuran",
               "total bayar", "amount"),
    "channel": ("kanal", "kanal pembayaran", "saluran", "saluran pembayaran", "cara bayar",
                "tempat bayar", "channel"),
    "reference": ("referensi", "no referensi", "nomor referensi", "kode bayar",
                  "no transaksi", "nomor transaksi", "kode billing", "reference"),
    "paid_on": ("tanggal bayar", "tgl bayar", "tanggal pembayaran", "tgl pembayaran",
                "tanggal transaksi", "tgl transaksi", "paid on"),
}
#: extra header aliases, passed to the desk's header mapping as its "remembered" mapping
ALIASES: dict[str, str] = {normalise_header(a): target for target, names in _ALIASES.items()
                           for a in names}
_REASONS = {"meninggal": "died", "meninggal dunia": "died", "wafat": "died", "died": "died",
            "pindah": "moved", "pindah domisili": "moved", "moved": "moved",
            "batal": "cancelled", "dibatalkan": "cancelled", "cancelled": "cancelled",
            "penerima upah": "wage_earner", "pu": "wage_earner", "wage earner": "wage_earner",
            "wage_earner": "wage_earner", "lainnya": "other", "lain lain": "other",
            "other": "other"}


class FileProblem(ValueError):
    """The file cannot be read as a list at all (message names the file and why)."""


@dataclass(frozen=True, slots=True)
class RowBase:
    row: int
    raw: tuple[str, ...]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MemberRow(RowBase):
    nik: str | None = None
    registration_number: str | None = None
    kpj: str | None = None
    ended_on: date | None = None
    ended_reason: str | None = None


@dataclass(frozen=True, slots=True)
class PaymentRow(RowBase):
    nik: str | None = None
    kpj: str | None = None
    first_month: date | None = None
    last_month: date | None = None
    amount: int | None = None
    channel: str = ""
    reference: str = ""
    paid_on: date | None = None


@dataclass(frozen=True)
class ReadFile:
    path: Path
    sheet: Sheet
    header_map: HeaderMap
    rows: list[Any]


class _Cells:
    """The cells of one row by target field, collecting problems."""

    def __init__(self, cells: tuple[object, ...], hmap: HeaderMap, epoch1904: bool) -> None:
        self.cells, self.hmap, self.epoch1904 = cells, hmap, epoch1904
        self.problems: list[Problem] = []

    def get(self, target: str) -> object:
        index = self.hmap.column_of(target)
        return None if index is None or index >= len(self.cells) else self.cells[index]

    def read(self, target: str, parse: Callable[..., tuple[Any, list[Problem]]],
             **kw: Any) -> Any:
        value, problems = parse(self.get(target), field=target, **kw)
        self.problems.extend(problems)
        return value

    def text(self, target: str) -> str | None:
        value: str | None = self.read(target, parse_text_cell)
        return value

    def digits(self, target: str, length: int) -> str | None:
        raw = self.get(target)
        if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
            raw = int(raw)  # an 11-digit number cell is exact: Excel keeps 15 digits
        value, _ = parse_text_cell(raw, field=target)
        if value is None:
            return None
        value = value.replace(" ", "").replace(".", "").replace("-", "")
        if len(value) != length or not value.isdigit():
            self.problems.append(error(target, "membership.digits", length=length))
            return None
        return value

    def nik(self) -> str | None:
        nik: str | None = self.read("nik", parse_nik_cell)
        if nik is not None and not (len(nik) == 16 and nik.isdigit()):
            self.problems.append(error("nik", "membership.nik_format"))
            return None
        return nik

    def day(self, target: str) -> date | None:
        value: date | None = self.read(target, parse_date_cell, epoch1904=self.epoch1904)
        return value

    def month(self, target: str) -> date | None:
        value: date | None = self.read(target, parse_month_cell, epoch1904=self.epoch1904)
        return value

    def amount(self) -> int | None:
        value = self.read("amount", parse_integer_cell)
        if value is None or isinstance(value, int):
            return value
        text = str(value).casefold().replace("rp", "").replace(" ", "").replace(".", "")
        text = text.removesuffix(",00").removesuffix(",-")
        if not text.isdigit():
            self.problems.append(error("amount", "type.integer"))
            return None
        return int(text)


def _required(cells: _Cells, value: object, target: str) -> None:
    if value is None and not any(p.field == target for p in cells.problems):
        cells.problems.append(error(target, "membership.required"))


def _member_row(row: int, raw: tuple[str, ...], cells: _Cells) -> MemberRow:
    nik, number = cells.nik(), cells.digits("registration_number", 11)
    kpj = cells.digits("kpj", 11)
    ended_on, reason_text = cells.day("ended_on"), cells.text("ended_reason")
    if nik is None and number is None and not cells.problems:
        cells.problems.append(error("nik", "membership.no_key"))
    _required(cells, kpj, "kpj")
    reason = None
    if reason_text is not None:
        reason = _REASONS.get(" ".join(reason_text.casefold().replace("_", " ").split()))
        if reason is None:
            cells.problems.append(error("ended_reason", "choice.invalid",
                                        allowed=list(ENDED_REASONS)))
    if ended_on is not None and reason_text is None:
        reason = "other"
    if reason is not None and ended_on is None:
        cells.problems.append(error("ended_on", "membership.required"))
    return MemberRow(row, raw, cells.problems, [], nik, number, kpj, ended_on, reason)


def _payment_row(row: int, raw: tuple[str, ...], cells: _Cells) -> PaymentRow:
    nik, kpj = cells.nik(), cells.digits("kpj", 11)
    first, last = cells.month("first_month"), cells.month("last_month")
    amount, paid_on = cells.amount(), cells.day("paid_on")
    channel, reference = cells.text("channel") or "", cells.text("reference") or ""
    if nik is None and kpj is None and not cells.problems:
        cells.problems.append(error("kpj", "membership.no_key"))
    if last is None and first is not None and cells.get("last_month") is None:
        last = first  # one month
    for value, target in ((first, "first_month"), (amount, "amount"), (paid_on, "paid_on")):
        _required(cells, value, target)
    if first is not None and last is not None and last < first:
        cells.problems.append(error("last_month", "payment.months_reversed",
                                    first=first.isoformat()[:7]))
    if amount is not None and amount <= 0:
        cells.problems.append(error("amount", "payment.amount_positive"))
    if len(reference) > 64 or len(channel) > 40:
        cells.problems.append(error("reference" if len(reference) > 64 else "channel",
                                    "membership.too_long", max=64 if len(reference) > 64 else 40))
    return PaymentRow(row, raw, cells.problems, [], nik, kpj, first, last, amount,
                      channel, reference, paid_on)


def _read(path: Path, needed: tuple[str, ...],
          build: Callable[[int, tuple[str, ...], _Cells], Any]) -> ReadFile:
    from regdesk.tabular.cells import cell_text
    from regdesk.tabular.reader import SheetError

    try:
        sheet = read_sheet(path, remembered=ALIASES)
    except SheetError as exc:
        detail = ", ".join(f"{k}={v}" for k, v in exc.params.items())
        raise FileProblem(f"{path}: {exc.code}" + (f" ({detail})" if detail else "")) from exc
    hmap = map_headers(sheet.headers, ALIASES)
    missing = [t for t in needed if hmap.column_of(t) is None]
    if missing:
        raise FileProblem(f"{path}: row {sheet.header_row}: no column for "
                          f"{' / '.join(missing)} (headers: docs/hq-files.md)")
    rows = []
    for number, cells in sheet.rows:
        if is_blank(cells):
            continue
        raw = tuple(cell_text(c) for c in cells)
        rows.append(build(number, raw, _Cells(cells, hmap, sheet.epoch1904)))
    return ReadFile(path, sheet, hmap, rows)


def read_members(path: Path) -> ReadFile:
    """The members file: NIK and/or registration number, KPJ, optional end date/reason."""
    rf = _read(path, ("kpj",), _member_row)
    if rf.header_map.column_of("nik") is None and \
            rf.header_map.column_of("registration_number") is None:
        raise FileProblem(f"{path}: row {rf.sheet.header_row}: no column for nik / "
                          "registration_number (headers: docs/hq-files.md)")
    return rf


def read_payments(path: Path) -> ReadFile:
    """The payments file: NIK or KPJ, months from–to, amount, channel, reference, paid on."""
    rf = _read(path, ("first_month", "amount", "paid_on"), _payment_row)
    if rf.header_map.column_of("nik") is None and rf.header_map.column_of("kpj") is None:
        raise FileProblem(f"{path}: row {rf.sheet.header_row}: no column for nik / kpj "
                          "(headers: docs/hq-files.md)")
    return rf


def column_header(rf: ReadFile, target: str) -> str:
    index = rf.header_map.column_of(target)
    return target if index is None else rf.header_map.headers[index]


def aliases_of(target: str) -> tuple[str, ...]:
    return _ALIASES.get(target, ())


__all__ = ["ALIASES", "ENDED_REASONS", "FileProblem", "MemberRow", "PaymentRow", "ReadFile",
           "column_header", "read_members", "read_payments"]

