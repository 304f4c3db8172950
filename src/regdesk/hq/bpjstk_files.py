"""Reading the files BPJS Ketenagakerjaan sends HQ — members (KPJ per person) and payments —
through the desk import's tolerant header mapping and Excel-pitfall cell readers
(:mod:`regdesk.tabular`). Pure apart from reading the file: each row becomes a typed value
with its problems (codes, never sentences). Column layouts: ``docs/hq-files.md``.

The file is read as a stream, in chunks of rows (:meth:`ReadFile.chunks`), so a 100,000-row
file is never held whole; the import keeps the cells, as text, only of the rows its report
shows (:meth:`ReadFile.keep`). Cells that repeat down a column (months, dates, amounts,
channels) are parsed once per file: the parsers are pure functions of the cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any

from regdesk.domain.problems import Problem, error
from regdesk.tabular.cells import cell_text, parse_integer_cell, parse_nik_cell, parse_text_cell
from regdesk.tabular.dates import parse_date_cell, parse_month_cell
from regdesk.tabular.headers import HeaderMap, map_headers, normalise_header
from regdesk.tabular.reader import SheetError, SheetStream, is_blank, stream_sheet

_MEMO_MAX = 4096  # parsed cells remembered per file (cleared when full)

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


@dataclass(slots=True)  # not frozen: built 100,000 times a file, frozen costs 4× as much
class RowBase:
    row: int
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class MemberRow(RowBase):
    nik: str | None = None
    registration_number: str | None = None
    kpj: str | None = None
    ended_on: date | None = None
    ended_reason: str | None = None


@dataclass(slots=True)
class PaymentRow(RowBase):
    nik: str | None = None
    kpj: str | None = None
    first_month: date | None = None
    last_month: date | None = None
    amount: int | None = None
    channel: str = ""
    reference: str = ""
    paid_on: date | None = None


Cells = tuple[object, ...]


def _digits(value: object, *, field: str, length: int) -> tuple[str | None, list[Problem]]:
    if type(value) is str and len(value) == length and value.isdigit():
        return value, []  # the usual cell, as the general path below would read it
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)  # an 11-digit number cell is exact: Excel keeps 15 digits
    text, _ = parse_text_cell(value, field=field)
    if text is None:
        return None, []
    text = text.replace(" ", "").replace(".", "").replace("-", "")
    if len(text) != length or not text.isdigit():
        return None, [error(field, "membership.digits", length=length)]
    return text, []


def _nik(value: object, *, field: str) -> tuple[str | None, list[Problem]]:
    nik, problems = parse_nik_cell(value, field=field)
    if nik is not None and not (len(nik) == 16 and nik.isdigit()):
        return None, [*problems, error(field, "membership.nik_format")]
    return nik, problems


def _amount(value: object, *, field: str) -> tuple[int | None, list[Problem]]:
    parsed, problems = parse_integer_cell(value, field=field)
    if parsed is None or isinstance(parsed, int):
        return parsed, problems
    text = str(parsed).casefold().replace("rp", "").replace(" ", "").replace(".", "")
    text = text.removesuffix(",00").removesuffix(",-")
    if not text.isdigit():
        return None, [*problems, error(field, "type.integer")]
    return int(text), problems


_TAKE: Any = object()
_PAYMENT_CELLS = ("nik", "kpj", "first_month", "last_month", "amount", "channel", "reference",
                  "paid_on")
_KPJ = partial(_digits, length=11)


class _Cells:
    """The cells of the current row by target field, collecting problems. One per file:
    the column of each field is looked up once, and :meth:`memo` remembers parsed cells.
    (Rows arrive padded to the header's width, and every mapped column lies within it.)"""

    def __init__(self, hmap: HeaderMap, epoch1904: bool) -> None:
        self.columns = dict(hmap.field_columns)
        self.width = len(hmap.headers)
        self.epoch1904 = epoch1904
        self.cells: Cells = ()
        self.problems: list[Problem] = []
        self._memo: dict[tuple[Any, ...], tuple[Any, list[Problem]]] = {}
        self._getters: dict[tuple[str, ...], Callable[[Cells], Any]] = {}
        self.day_parser = partial(parse_date_cell, epoch1904=epoch1904)
        self.month_parser = partial(parse_month_cell, epoch1904=epoch1904)

    def start(self, cells: Cells) -> _Cells:
        self.cells, self.problems = cells, []
        return self

    def get(self, target: str) -> object:
        index = self.columns.get(target)
        return None if index is None or index >= len(self.cells) else self.cells[index]

    def read(self, target: str, parse: Callable[..., tuple[Any, list[Problem]]],
             **kw: Any) -> Any:
        value, problems = parse(self.get(target), field=target, **kw)
        if problems:
            self.problems.extend(problems)
        return value

    def take(self, targets: tuple[str, ...]) -> tuple[object, ...]:
        """The cells of ``targets`` at once (``None`` for a column the file lacks)."""
        getter = self._getters.get(targets)
        if getter is None:
            getter = self._getters[targets] = itemgetter(
                *(self.columns.get(t, self.width) for t in targets))
        cells: tuple[object, ...] = getter((*self.cells, None))
        return cells

    def parsed(self, target: str, cell: object,
               parse: Callable[..., tuple[Any, list[Problem]]]) -> Any:
        """``parse`` of a cell taken with :meth:`take`, its problems collected."""
        value, problems = parse(cell, field=target)
        if problems:
            self.problems.extend(problems)
        return value

    def memo(self, target: str, parse: Callable[..., tuple[Any, list[Problem]]],
             cell: object = _TAKE) -> Any:
        """:meth:`read` (or :meth:`parsed`) for cells that repeat down a column (the cell's
        type is part of the key: ``1 == 1.0 == True``)."""
        if cell is _TAKE:
            cell = self.get(target)
        key = (target, type(cell), cell)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= _MEMO_MAX:
                self._memo.clear()
            found = self._memo[key] = parse(cell, field=target)
        value, problems = found
        if problems:
            self.problems.extend(problems)
        return value

    def text(self, target: str) -> str | None:
        value: str | None = self.read(target, parse_text_cell)
        return value

    def digits(self, target: str, length: int) -> str | None:
        value: str | None = self.read(target, _digits, length=length)
        return value

    def nik(self) -> str | None:
        value: str | None = self.read("nik", _nik)
        return value

    def day(self, target: str) -> date | None:
        value: date | None = self.memo(target, self.day_parser)
        return value

    def month(self, target: str) -> date | None:
        value: date | None = self.memo(target, self.month_parser)
        return value

    def amount(self) -> int | None:
        value: int | None = self.memo("amount", _amount)
        return value


def _required(cells: _Cells, value: object, target: str) -> None:
    if value is None and not any(p.field == target for p in cells.problems):
        cells.problems.append(error(target, "membership.required"))


def _member_row(row: int, cells: _Cells) -> MemberRow:
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
    return MemberRow(row, cells.problems, nik, number, kpj, ended_on, reason)


def _payment_row(row: int, cells: _Cells) -> PaymentRow:
    nik_c, kpj_c, first_c, last_c, amount_c, channel_c, ref_c, paid_c = cells.take(
        _PAYMENT_CELLS)  # (one row of many: the cells at once, the repeating ones memoised)
    nik, kpj = cells.parsed("nik", nik_c, _nik), cells.parsed("kpj", kpj_c, _KPJ)
    first = cells.memo("first_month", cells.month_parser, first_c)
    last = cells.memo("last_month", cells.month_parser, last_c)
    amount = cells.memo("amount", _amount, amount_c)
    paid_on = cells.memo("paid_on", cells.day_parser, paid_c)
    channel = cells.memo("channel", parse_text_cell, channel_c) or ""
    reference = cells.parsed("reference", ref_c, parse_text_cell) or ""
    if nik is None and kpj is None and not cells.problems:
        cells.problems.append(error("kpj", "membership.no_key"))
    if last is None and first is not None and last_c is None:
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
    return PaymentRow(row, cells.problems, nik, kpj, first, last, amount, channel, reference,
                      paid_on)


@dataclass
class ReadFile:
    """A members or payments file being read: where its header is, how its columns map, and
    the rows kept for the report. :meth:`chunks` reads the body once, in order."""

    path: Path
    stream: SheetStream
    header_map: HeaderMap
    build: Callable[[int, _Cells], Any]
    raw: dict[int, tuple[str, ...]] = field(default_factory=dict)  # rows kept for the report
    rows_read: int = 0

    @property
    def header_row(self) -> int:
        return self.stream.header_row

    def chunks(self, size: int) -> Iterator[list[tuple[Any, Cells]]]:
        """The non-blank rows as ``(MemberRow | PaymentRow, cells)``, ``size`` at a time.
        Damage found part-way raises :class:`FileProblem` naming the file."""
        cells = _Cells(self.header_map, self.stream.epoch1904)
        batch: list[tuple[Any, Cells]] = []
        try:
            for number, values in self.stream.rows:
                first = values[0] if values else None
                if (first is None or (isinstance(first, str) and not first.strip())) and \
                        is_blank(values):  # (most rows: decided by their first cell)
                    continue
                self.rows_read += 1
                batch.append((self.build(number, cells.start(values)), values))
                if len(batch) >= size:
                    yield batch
                    batch = []
        except SheetError as exc:
            raise _file_problem(self.path, exc) from exc
        if batch:
            yield batch

    def keep(self, row: int, values: Cells) -> None:
        """Keep a row's cells, as the clerk reads them, for the problems report."""
        self.raw[row] = tuple(cell_text(c) for c in values)


def _file_problem(path: Path, exc: SheetError) -> FileProblem:
    detail = ", ".join(f"{k}={v}" for k, v in exc.params.items())
    return FileProblem(f"{path}: {exc.code}" + (f" ({detail})" if detail else ""))


def _open(path: Path, needed: tuple[str, ...], keys: tuple[str, str],
          build: Callable[[int, _Cells], Any]) -> ReadFile:
    try:
        stream = stream_sheet(path, remembered=ALIASES)
    except SheetError as exc:
        raise _file_problem(path, exc) from exc
    hmap = map_headers(stream.headers, ALIASES)
    for missing in ([t for t in needed if hmap.column_of(t) is None],
                    [] if any(hmap.column_of(k) is not None for k in keys) else list(keys)):
        if missing:
            raise FileProblem(f"{path}: row {stream.header_row}: no column for "
                              f"{' / '.join(missing)} (headers: docs/hq-files.md)")
    return ReadFile(path, stream, hmap, build)


def read_members(path: Path) -> ReadFile:
    """The members file: NIK and/or registration number, KPJ, optional end date/reason."""
    return _open(path, ("kpj",), ("nik", "registration_number"), _member_row)


def read_payments(path: Path) -> ReadFile:
    """The payments file: NIK or KPJ, months from–to, amount, channel, reference, paid on."""
    return _open(path, ("first_month", "amount", "paid_on"), ("nik", "kpj"), _payment_row)


def column_header(rf: ReadFile, target: str) -> str:
    index = rf.header_map.column_of(target)
    return target if index is None else rf.header_map.headers[index]


def aliases_of(target: str) -> tuple[str, ...]:
    return _ALIASES.get(target, ())


__all__ = ["ALIASES", "ENDED_REASONS", "FileProblem", "MemberRow", "PaymentRow", "ReadFile",
           "column_header", "read_members", "read_payments"]

