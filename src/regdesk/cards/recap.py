"""Village recap (Rekapitulasi Pendaftaran BPU) as an A4 landscape PDF, streamed.

Page 1 is the sheet the village head signs: the summary by status, by funding source and by
occupation (counts and monthly amounts) and the signature lines. The listing follows, one row
per registration, drawn page by page straight onto the canvas from an iterable of rows, so a
recap of a million registrations never holds its rows (or its pages' drawing operators) in
memory:

- the summary is a form XObject placed on page 1 and drawn at the end, once every row has
  been seen (its totals are the listing's own);
- each finished page's content stream is compressed at once
  (:func:`regdesk.cards.output.spool_page`) and kept in a temporary spool file, and the
  file is written object by object (:func:`regdesk.cards.output.long_document`);
- after each row the thread lets others run (:func:`regdesk.cards.sheet.yield_gil`): while
  a save is written on the GUI's DB thread the drawing waits, so the save never queues
  behind it for the interpreter lock;
- every cell is fitted to its column with :func:`regdesk.cards.textfit.fit_text` (shrink to
  :data:`MIN_SIZE`, then wrap onto up to :data:`MAX_LINES` lines, then an ellipsis): no
  text runs into the next column or row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from regdesk.cards.data import CountLine, FundingLine, RecapData, RecapRow
from regdesk.cards.fonts import BOLD, REGULAR
from regdesk.cards.output import Out, long_document, spool_page
from regdesk.cards.sheet import Pause, yield_gil
from regdesk.cards.textfit import fit_text
from regdesk.domain.masking import mask_nik
from regdesk.i18n import PRINT_LANG, printed
from regdesk.i18n.formats import number, printed_moment, rupiah, short_day

PAGE = landscape(A4)
MARGIN = 12 * mm
SIZE, MIN_SIZE, MAX_LINES, LEADING = 7.5, 5.5, 3, 1.18
PAD = 1.6  # points inside each cell
SUMMARY_FORM = "recapSummary"
TOP_LINES = 10  # per summary table; the rest is one "others" line
_FULL_NIK = re.compile(r"[0-9]{16}")

TITLE = ParagraphStyle("title", fontName=BOLD, fontSize=13, leading=16)
SUB = ParagraphStyle("sub", fontName=REGULAR, fontSize=8.5, leading=11)
H2 = ParagraphStyle("h2", fontName=BOLD, fontSize=10, leading=13)
CELL = ParagraphStyle("cell", fontName=REGULAR, fontSize=7.5, leading=9)

_COLUMNS = ("print.recap.col.no", "print.recap.col.date", "print.recap.col.reference",
            "print.recap.col.registration_number", "print.recap.col.name",
            "print.recap.col.nik", "print.recap.col.occupation", "print.recap.col.programmes",
            "print.recap.col.funding", "print.recap.col.status", "print.recap.col.monthly")
_WIDTHS_MM = (11, 18, 30, 26, 42, 27, 27, 19, 27, 22, 24)  # 273 mm: the page inside margins
_RIGHT = frozenset({0, 10})  # numbers, right-aligned
_REPEATED = frozenset({1, 6, 7, 8, 9, 10})  # columns whose values repeat: fits are cached


def _nik(value: str) -> str:
    if "*" in value:
        return value  # masked already
    digits = re.sub(r"\D", "", value)
    return mask_nik(digits) if _FULL_NIK.fullmatch(digits) and "*" not in value else value


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_DAYS: dict[date, str] = {}
_AMOUNTS: dict[int, str] = {}


def _day(day: date) -> str:
    found = _DAYS.get(day)
    if found is None:
        found = _DAYS[day] = short_day(day, PRINT_LANG)
    return found


def _amount(value: int) -> str:
    found = _AMOUNTS.get(value)
    if found is None:
        found = rupiah(value)
        if len(_AMOUNTS) < 10_000:
            _AMOUNTS[value] = found
    return found


class _Writer:
    """Text and rules as PDF operators (one ``BT…ET`` per line of a cell): ten times faster
    than ``drawString`` for the million cells of a big recap, same fonts and subsets."""

    def __init__(self, canv: Canvas) -> None:
        self.canv = canv
        self.doc = canv._doc
        self.escape = canv._escape
        self.fonts = {name: pdfmetrics.getFont(name) for name in (REGULAR, BOLD)}
        # ReportLab keeps printable ASCII as itself in a TrueType font's first subset
        # (``ttfAsciiReadable``): such text needs no subset bookkeeping, only escaping.
        self.ascii_name = {}
        for name, font in self.fonts.items():
            font.splitString(_PRINTABLE, self.doc)
            self.ascii_name[name] = font.getSubsetInternalName(0, self.doc)
        self.ops: list[str] = []

    def show(self, font_name: str, size: float, text: str) -> str:
        """``text`` in ``font_name`` at ``size`` as ``Tf … Tj`` operators (inside ``BT``)."""
        if text.isascii() and text.isprintable():
            return f"{self.ascii_name[font_name]} {size:g} Tf ({text.translate(_ESCAPES)}) Tj"
        font, doc = self.fonts[font_name], self.doc
        return " ".join(f"{font.getSubsetInternalName(subset, doc)} {size:g} Tf "
                        f"({self.escape(chunk)}) Tj"
                        for subset, chunk in font.splitString(text, doc))

    def text(self, font_name: str, size: float, x: float, y: float, text: str) -> None:
        self.ops.append(f"BT 1 0 0 1 {x:.2f} {y:.2f} Tm {self.show(font_name, size, text)} ET")

    def flush(self) -> None:
        if self.ops:
            self.canv.addLiteral("\n".join(self.ops))
            self.ops = []


Fit = tuple[float, list[str]]
_PRINTABLE = "".join(chr(c) for c in range(32, 127))
_ESCAPES = str.maketrans({"(": "\\(", ")": "\\)", "\\": "\\\\"})


class _Widths:
    """String widths at 1 pt from the font's own metrics, with a table for ASCII."""

    def __init__(self, font_name: str) -> None:
        self.name = font_name
        self.ascii = tuple(pdfmetrics.stringWidth(chr(c), font_name, 1000) / 1000
                           for c in range(128))
        self.other: dict[str, float] = {}

    def __call__(self, text: str, size: float) -> float:
        if text.isascii():
            return float(sum(map(self.ascii.__getitem__, text.encode("ascii")))) * size
        found = self.other.get(text)
        if found is None:
            found = float(pdfmetrics.stringWidth(text, self.name, 1))
            if len(self.other) < 20_000:
                self.other[text] = found
        return found * size


class _Listing:
    """The listing's pages: a header row on each, rows fitted to their cells.

    Each cell becomes its text operators relative to the row's top (cached for the columns
    whose values repeat; one ``BT … ET`` per line of a cell), and a row is one ``q … cm … Q``
    block placed at its top: one string per row, whatever its cells."""

    def __init__(self, canv: Canvas) -> None:
        self.canv = canv
        self.out = _Writer(canv)
        self.widths = [w * mm for w in _WIDTHS_MM]
        self.lefts = [MARGIN + sum(self.widths[:i]) for i in range(len(self.widths))]
        self.right = MARGIN + sum(self.widths)
        self.top = PAGE[1] - MARGIN
        self.bottom = MARGIN + 6 * mm  # the page number sits below
        self._cache: dict[tuple[int, str, str], tuple[float, str]] = {}
        self._tails: dict[tuple[Any, ...], tuple[float, str]] = {}
        self.width_of = {name: _Widths(name) for name in (REGULAR, BOLD)}
        self.y = self.top
        self.page_top = self.top
        self.head = tuple(printed(c) for c in _COLUMNS)
        self._first = f"{-(PAD + SIZE * 0.93):.2f}"  # a one-line cell's baseline, from the top
        self._one_line = SIZE * LEADING
        self._ascii = self.width_of[REGULAR].ascii.__getitem__
        self._room = [w - 2 * PAD for w in self.widths]
        self._prefix = [f"BT 1 0 0 1 {left + PAD:.2f} {self._first} Tm "
                        f"{self.out.ascii_name[REGULAR]} {SIZE:g} Tf " for left in self.lefts]

    def fit(self, col: int, text: str, font: str = REGULAR) -> Fit:
        if self.width_of[font](text, SIZE) <= self.widths[col] - 2 * PAD \
                and " " * 2 not in text and "\n" not in text:
            return SIZE, [text]  # fits on one line as it is (most cells)
        return fit_text(text, font, self.widths[col] - 2 * PAD, SIZE, MIN_SIZE, MAX_LINES,
                        leading=LEADING)

    def _x(self, col: int, font: str, size: float, line: str) -> float:
        if col in _RIGHT:
            return float(self.lefts[col] + self.widths[col] - PAD
                         - self.width_of[font](line, size))
        return float(self.lefts[col] + PAD)

    def plain(self, col: int, text: str) -> tuple[float, str]:
        """:meth:`cell` in the regular font, for a left-aligned column whose values do not
        repeat: printable ASCII that fits on one line is written with the column's prefix."""
        if text.isascii() and text.isprintable() and "  " not in text \
                and sum(map(self._ascii, text.encode("ascii"))) * SIZE <= self._room[col]:
            return self._one_line, f"{self._prefix[col]}({text.translate(_ESCAPES)}) Tj ET"
        return self.cell(col, text)

    def cell(self, col: int, text: str, font: str = REGULAR) -> tuple[float, str]:
        """The height ``text`` needs in column ``col`` and its operators (text space: the
        row's top at y = 0)."""
        key = (col, font, text)
        repeated = col in _REPEATED
        found = self._cache.get(key) if repeated else None
        if found is not None:
            return found
        if not repeated and text.isascii() and text.isprintable() and "  " not in text:
            width = self.width_of[font](text, SIZE)  # the common case: one line as it is
            if width <= self.widths[col] - 2 * PAD:
                x = (self.lefts[col] + self.widths[col] - PAD - width if col in _RIGHT
                     else self.lefts[col] + PAD)
                return self._one_line, (f"BT 1 0 0 1 {x:.2f} {self._first} Tm "
                                        f"{self.out.ascii_name[font]} {SIZE:g} Tf "
                                        f"({text.translate(_ESCAPES)}) Tj ET")
        size, lines = self.fit(col, text, font)
        ops, y = [], -PAD - size * 0.93
        for line in lines:
            ops.append(f"BT 1 0 0 1 {self._x(col, font, size, line):.2f} {y:.2f} Tm "
                       f"{self.out.show(font, size, line)} ET")
            y -= size * LEADING
        found = (len(lines) * size * LEADING, " ".join(ops))
        if repeated and len(self._cache) < 20_000:
            self._cache[key] = found
        return found

    def _row(self, cells: tuple[str, ...], font: str, fill: bool = False) -> None:
        height, ops = 0.0, []
        for i, text in enumerate(cells):
            need, op = self.cell(i, text, font)
            height = max(height, need)
            ops.append(op)
        self._emit(height, ops, fill)

    def _emit(self, height: float, ops: list[str], fill: bool = False) -> None:
        """A row of cells ``height`` tall (their text operators ``ops``) below the last."""
        height += 2 * PAD
        if self.y - height < self.bottom:
            self.end_page()
            self.start_page()
        top = self.y
        if fill:
            self.out.ops.append(f"q 0.88 0.93 0.9 rg {MARGIN:.2f} {top - height:.2f} "
                                f"{self.right - MARGIN:.2f} {height:.2f} re f Q")
        self.y = top - height
        self.out.ops.append(f"q 1 0 0 1 0 {top:.2f} cm {' '.join(ops)} Q "
                            f"{MARGIN:.2f} {self.y:.2f} m {self.right:.2f} {self.y:.2f} l S")

    def _tail(self, row: RecapRow) -> tuple[float, str]:
        """The cells from occupation to amount (values that repeat), fitted once per
        combination: their height and operators."""
        key = (row.occupation, row.programmes, row.funding, row.status,
               row.monthly_contribution)
        found = self._tails.get(key)
        if found is None:
            cells = [self.cell(col, text) for col, text in enumerate(
                (row.occupation, ", ".join(row.programmes), row.funding, row.status,
                 _amount(row.monthly_contribution)), start=6)]
            found = (max(need for need, _ in cells), " ".join(op for _, op in cells))
            if len(self._tails) < 20_000:
                self._tails[key] = found
        return found

    def start_page(self, top: float | None = None) -> None:
        self.y = self.page_top = self.top if top is None else top
        self.out.ops.append(f"0.5 G 0.4 w {MARGIN:.2f} {self.y:.2f} m {self.right:.2f} "
                            f"{self.y:.2f} l S")
        self._row(self.head, BOLD, fill=True)

    def end_page(self) -> None:
        xs = [*self.lefts, self.right]
        self.out.ops.append(" ".join(f"{x:.2f} {self.page_top:.2f} m {x:.2f} {self.y:.2f} l"
                                     for x in xs) + " S")
        label = printed("print.recap.page", n=self.canv.getPageNumber())
        self.out.text(REGULAR, 7, self.right - pdfmetrics.stringWidth(label, REGULAR, 7),
                      7 * mm, label)
        self.out.flush()
        self.canv.showPage()
        spool_page(self.canv)

    def row(self, index: int, row: RecapRow) -> None:
        """One registration: the columns in order, those whose values repeat (day,
        occupation to amount) from the caches."""
        cell = self.cell
        plain = self.plain
        cells = (cell(0, number(index)), cell(1, _day(row.registered_on)),
                 plain(2, row.local_ref), plain(3, row.member_number or "-"),
                 plain(4, row.name), plain(5, _nik(row.nik_masked)), self._tail(row))
        self._emit(max(need for need, _ in cells), [op for _, op in cells])


def _style(n_rows: int, numeric_cols: tuple[int, ...]) -> TableStyle:
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 7.5),
        ("FONT", (0, 0), (-1, 0), BOLD, 7.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.93, 0.9)),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, n_rows - 1), (-1, n_rows - 1), BOLD, 7.5),
    ]
    cmds += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in numeric_cols]
    return TableStyle(cmds)


def _top(lines: tuple[CountLine, ...]) -> list[CountLine]:
    """The :data:`TOP_LINES` biggest, then one line for the rest."""
    ordered = sorted(lines, key=lambda c: (-c.count, c.label))
    if len(ordered) <= TOP_LINES:
        return ordered
    rest = ordered[TOP_LINES - 1:]
    amounts = [c.amount for c in rest if c.amount is not None]
    return [*ordered[:TOP_LINES - 1],
            CountLine(printed("print.recap.others", count=len(rest)), sum(c.count for c in rest),
                      sum(amounts) if amounts else None)]


def _counts(title: str, lines: tuple[CountLine, ...]) -> Table:
    with_amounts = any(c.amount is not None for c in lines)
    head = [title, printed("print.recap.count")]
    if with_amounts:
        head.append(printed("print.recap.col.cost"))
    rows: list[list[Any]] = [head]
    for c in _top(lines):
        rows.append([Paragraph(_esc(c.label), CELL), number(c.count),
                     *([rupiah(c.amount or 0)] if with_amounts else [])])
    total = [printed("print.recap.total"), number(sum(c.count for c in lines))]
    if with_amounts:
        total.append(rupiah(sum(c.amount or 0 for c in lines)))
    rows.append(total)
    widths = [36 * mm, 14 * mm, *([22 * mm] if with_amounts else [])]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(_style(len(rows), (1, 2) if with_amounts else (1,)))
    return table


def _funding(data: RecapData) -> Table:
    head = [printed(c) for c in ("print.recap.col.funding", "print.recap.col.sponsor",
                                 "print.recap.col.members", "print.recap.col.cost",
                                 "print.recap.col.period_cost")]
    lines = sorted(data.by_funding, key=lambda f: (-f.count, f.label, f.sponsor))
    if len(lines) > TOP_LINES:
        rest = lines[TOP_LINES - 1:]
        lines = [*lines[:TOP_LINES - 1],
                 FundingLine(printed("print.recap.others", count=len(rest)), "",
                             sum(f.count for f in rest), sum(f.monthly_cost for f in rest),
                             sum(f.period_cost for f in rest))]
    rows: list[list[Any]] = [head]
    rows += [[Paragraph(_esc(f.label), CELL), Paragraph(_esc(f.sponsor or "-"), CELL),
              number(f.count), rupiah(f.monthly_cost), rupiah(f.period_cost)] for f in lines]
    rows.append([printed("print.recap.total"), "", number(data.total_funded_count),
                 rupiah(data.total_funded_monthly), rupiah(data.total_funded_period)])
    table = Table(rows, colWidths=[24 * mm, 32 * mm, 13 * mm, 20 * mm, 22 * mm],
                  hAlign="LEFT")
    table.setStyle(_style(len(rows), (2, 3, 4)))
    return table


def _coverage(data: RecapData) -> Table:
    """The village's coverage as HQ last reported it: one row of figures."""
    rows = [[Paragraph(_esc(label), CELL) for label, _ in data.coverage],
            [Paragraph(_esc(figure), CELL) for _, figure in data.coverage]]
    table = Table(rows, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 7.5), ("FONT", (0, 0), (-1, 0), BOLD, 7.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.93, 0.9)),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("ALIGN", (0, 1), (-1, 1), "RIGHT")]))
    return table


def _signatures(data: RecapData) -> Table:
    blank = "(........................................)"
    rows = [
        [printed("print.recap.acknowledged"), ""],
        [printed("print.recap.village_head"), printed("print.recap.clerk")],
        ["", ""],
        ["", ""],
        [data.head_name or blank, data.clerk_name or blank],
    ]
    table = Table(rows, colWidths=[90 * mm, 90 * mm], rowHeights=[11, 11, 22, 22, 11])
    table.setStyle(
        TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 9), ("ALIGN", (0, 0), (-1, -1), "CENTER")])
    )
    return table


def _heading(data: RecapData) -> list[Paragraph]:
    place = printed("print.recap.place", village=data.village_name,
                    village_code=data.village_code, kecamatan=data.kecamatan_name)
    if data.printed_at:
        period = printed("print.recap.period_printed", place=place, period=data.period_label,
                         printed=printed_moment(data.printed_at, PRINT_LANG))
    else:
        period = printed("print.recap.period", place=place, period=data.period_label)
    return [Paragraph(printed("print.recap.title"), TITLE), Paragraph(_esc(period), SUB)]


def _place(canv: Canvas, flowable: Any, x: float, y: float, width: float) -> float:
    """Draw ``flowable`` with its top at ``y``; returns its bottom."""
    _, height = flowable.wrapOn(canv, width, PAGE[1])
    flowable.drawOn(canv, x, y - height)
    return float(y - height)


def _draw_summary(canv: Canvas, data: RecapData, top: float) -> None:
    """The form placed on page 1: totals, the three summaries side by side, signatures."""
    width = PAGE[0] - 2 * MARGIN
    y = _place(canv, Paragraph(printed("print.recap.summary"), H2), MARGIN, top, width) - 4
    y = _place(canv, Paragraph(_esc(printed("print.recap.people",
                                            count=number(data.total_registrations))
                                    + " · " + rupiah(data.total_monthly)), SUB),
               MARGIN, y, width) - 6
    tables = [
        _counts(printed("print.recap.col.status"), data.by_status),
        _funding(data),
        _counts(printed("print.recap.col.occupation"), data.by_occupation),
    ]
    bottoms, x = [], MARGIN
    for table in tables:
        w, _ = table.wrapOn(canv, width, PAGE[1])
        bottoms.append(_place(canv, table, x, y, w))
        x += w + 6 * mm
    y = min(bottoms) - 6
    if data.coverage:
        y = _place(canv, Paragraph(_esc(printed("print.recap.coverage.title")
                                        + " — " + data.coverage_note), SUB),
                   MARGIN, y, width) - 2
        y = _place(canv, _coverage(data), MARGIN, y, width) - 6
    for note in data.notes:
        y = _place(canv, Paragraph(_esc(note), SUB), MARGIN, y, width) - 2
    _place(canv, _signatures(data), MARGIN, max(y - 8 * mm, MARGIN + 80), 180 * mm)


def _page_number(canv: Canvas, n: int) -> None:
    canv.setFont(REGULAR, 7)
    canv.drawRightString(PAGE[0] - MARGIN, 7 * mm, printed("print.recap.page", n=n))


Step = Callable[[int], None]  # rows drawn so far; may raise to stop (a cancel)


def stream_recap(head: RecapData, rows: Iterable[RecapRow], summary: Callable[[], RecapData],
                 out: Out, step: Step | None = None, every: int = 500,
                 pause: Pause | None = None) -> int:
    """The recap: ``head`` gives the heading, ``rows`` the listing (consumed once, in order),
    then ``summary()`` the finished summary (its counts and amounts are those of the rows
    just drawn). ``step(n)`` is called every ``every`` rows, ``pause()`` after each (see
    :func:`regdesk.cards.sheet.yield_gil`). Returns the page count."""
    with long_document(out, PAGE, printed("print.recap.doc_title", village=head.village_name,
                                          period=head.period_label)) as canv:
        pages = _draw(canv, head, rows, summary, step, every, pause)
        canv.save()
    return pages


def _draw(canv: Canvas, head: RecapData, rows: Iterable[RecapRow],
          summary: Callable[[], RecapData], step: Step | None, every: int,
          pause: Pause | None) -> int:
    y = PAGE[1] - MARGIN
    for paragraph in _heading(head):
        y = _place(canv, paragraph, MARGIN, y, PAGE[0] - 2 * MARGIN) - 2
    summary_top = y - 4
    canv.doForm(SUMMARY_FORM)  # drawn at the end, when the totals are known
    _page_number(canv, 1)
    canv.showPage()
    listing = _Listing(canv)
    listing.start_page(listing.top - 2 - H2.leading)
    listing.out.text(BOLD, H2.fontSize, MARGIN, listing.top - H2.fontSize,
                     printed("print.recap.new"))
    count = 0
    for count, row in enumerate(rows, start=1):
        listing.row(count, row)
        yield_gil(pause)
        if step is not None and count % every == 0:
            step(count)
    pages = canv.getPageNumber()
    listing.end_page()
    if step is not None:
        step(count)
    canv.beginForm(SUMMARY_FORM)
    _draw_summary(canv, summary(), summary_top)
    canv.endForm()
    return int(pages)


def draw_recap(data: RecapData, out: Out) -> None:
    """The recap of a :class:`RecapData` holding its rows (small recaps, tests)."""
    stream_recap(data, data.rows, lambda: data, out)
