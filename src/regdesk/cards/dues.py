"""The village's due and lapsed list (A4 landscape) for call rounds: who owes what, since when,
with phone numbers; header with the village and the day in words, page numbers, and one
sentence when nobody is due. Texts in the printouts' language; columns wrap, then shrink."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table
from reportlab.platypus.flowables import Flowable

from regdesk.cards.fonts import BOLD, REGULAR
from regdesk.cards.listing_doc import CellFit, esc, fitted_cell, listing_table, render_listing
from regdesk.cards.output import Out
from regdesk.i18n import printed

TITLE = ParagraphStyle("due-title", fontName=BOLD, fontSize=13, leading=16)
SUB = ParagraphStyle("due-sub", fontName=REGULAR, fontSize=9, leading=12, spaceAfter=6)
EMPTY = ParagraphStyle("due-empty", fontName=REGULAR, fontSize=11, leading=14, spaceBefore=12)

# (catalogue key of the header, width in mm); the widths add up to the A4 landscape text width
_COLUMNS = (("print.due.col.no", 9), ("print.due.col.name", 42), ("print.due.col.nik", 28),
            ("print.due.col.phone", 27), ("print.due.col.kpj", 23),
            ("print.due.col.state", 38), ("print.due.col.due", 28),
            ("print.due.col.months", 36), ("print.due.col.amount", 22),
            ("print.due.col.overdue", 20))
_RIGHT = (0, 8, 9)


@dataclass(frozen=True, slots=True)
class DueSheetRow:
    """One printed line, every value already in words (no ISO dates, no codes)."""

    name: str
    nik: str
    phone: str
    kpj: str
    state: str
    due: str
    months: str
    amount: str
    overdue: str


@dataclass(frozen=True, slots=True)
class DueSheetData:
    village_name: str
    kecamatan_name: str
    day: str  # "16 November 2026"
    until: str
    rows: tuple[DueSheetRow, ...]
    total_amount: str


_FIT = CellFit(8.0, 5.5, 4, "due")


def _cell(text: str, width_mm: float, *, font: str = REGULAR, align: int = 0) -> Paragraph:
    return fitted_cell(_FIT, text, width_mm, font=font, align=align)


def _table(data: DueSheetData) -> Table:
    widths = [w for _, w in _COLUMNS]
    head = [_cell(printed(key), w, font=BOLD) for key, w in _COLUMNS]
    body = []
    for i, r in enumerate(data.rows, start=1):
        values = (str(i), r.name, r.nik, r.phone, r.kpj, r.state, r.due, r.months, r.amount,
                  r.overdue)
        body.append([_cell(v, w, align=2 if c in _RIGHT else 0)
                     for c, (v, w) in enumerate(zip(values, widths, strict=True))])
    total = ["", _cell(printed("print.due.total", count=len(data.rows)), widths[1], font=BOLD),
             "", "", "", "", "", "", _cell(data.total_amount, widths[8], font=BOLD, align=2), ""]
    return listing_table([head, *body, total], widths)


def build_story(data: DueSheetData) -> list[Flowable]:
    place = printed("print.due.place", village=data.village_name,
                    kecamatan=data.kecamatan_name) if data.kecamatan_name else data.village_name
    story: list[Flowable] = [
        Paragraph(esc(printed("print.due.title")), TITLE),
        Paragraph(esc(place) + " · " + esc(printed("print.due.as_of", day=data.day,
                                                     until=data.until)), SUB),
    ]
    if not data.rows:
        story.append(Paragraph(esc(printed("print.due.empty", until=data.until)), EMPTY))
        return story
    story.append(_table(data))
    return story


def draw_due_list(data: DueSheetData, out: Out) -> None:
    title = printed("print.due.doc_title", village=data.village_name, day=data.day)
    render_listing(out, lambda: build_story(data), title=title,
                   page_label=lambda n: printed("print.due.page", n=n))
