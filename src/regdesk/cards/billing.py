"""A sponsor programme's billing list for one month (A4 landscape): who, which months, how
much, and the total; header with the sponsor, funding source, budget reference and the month
in words, page numbers. Every value arrives already in words (no ISO dates, no codes, masked
NIKs); texts in the printouts' language. Imports only ReportLab, the catalogue and the
drawing helpers of this package (HQ prints it: no desk store behind it)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table
from reportlab.platypus.flowables import Flowable

from regdesk.cards.fonts import BOLD, REGULAR
from regdesk.cards.listing_doc import CellFit, esc, fitted_cell, listing_table, render_listing
from regdesk.cards.output import Out
from regdesk.i18n import printed

__all__ = ["BillingSheetData", "BillingSheetRow", "build_story", "render_billing_list"]

TITLE = ParagraphStyle("bill-title", fontName=BOLD, fontSize=13, leading=16)
SUB = ParagraphStyle("bill-sub", fontName=REGULAR, fontSize=9, leading=12, spaceAfter=6)
EMPTY = ParagraphStyle("bill-empty", fontName=REGULAR, fontSize=11, leading=14,
                       spaceBefore=12)

# (catalogue key of the header, width in mm): 273 mm, the page inside its margins
_COLUMNS = (("print.billing.col.no", 12), ("print.billing.col.registration_number", 32),
            ("print.billing.col.name", 62), ("print.billing.col.nik", 34),
            ("print.billing.col.village", 40), ("print.billing.col.period", 58),
            ("print.billing.col.amount", 35))
_RIGHT = (0, 6)


@dataclass(frozen=True, slots=True)
class BillingSheetRow:
    registration_number: str
    name: str
    nik: str  # masked
    village: str
    period: str  # "November 2026 – Januari 2027"
    amount: str  # "Rp 8.400"


@dataclass(frozen=True, slots=True)
class BillingSheetData:
    sponsor: str
    funding: str
    budget_reference: str
    month: str  # "November 2026"
    rows: tuple[BillingSheetRow, ...]
    total: str


_FIT = CellFit(8.5, 5.5, 3, "bill")


def _cell(text: str, width_mm: float, *, font: str = REGULAR, align: int = 0) -> Paragraph:
    return fitted_cell(_FIT, text, width_mm, font=font, align=align)


def _table(data: BillingSheetData) -> Table:
    widths = [w for _, w in _COLUMNS]
    head = [_cell(printed(key), w, font=BOLD) for key, w in _COLUMNS]
    body = [[_cell(v, w, align=2 if c in _RIGHT else 0)
             for c, (v, w) in enumerate(zip(
                 (str(i), r.registration_number, r.name, r.nik, r.village, r.period,
                  r.amount), widths, strict=True))]
            for i, r in enumerate(data.rows, start=1)]
    total = ["", "", _cell(printed("print.billing.total", count=len(data.rows)), widths[2],
                           font=BOLD), "", "", "", _cell(data.total, widths[6], font=BOLD,
                                                         align=2)]
    return listing_table([head, *body, total], widths)


def build_story(data: BillingSheetData) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(esc(printed("print.billing.title", month=data.month)), TITLE),
        Paragraph(esc(printed("print.billing.programme", sponsor=data.sponsor,
                               funding=data.funding, budget=data.budget_reference)), SUB),
    ]
    if not data.rows:
        story.append(Paragraph(esc(printed("print.billing.empty", month=data.month)), EMPTY))
        return story
    story.append(_table(data))
    return story


def render_billing_list(data: BillingSheetData, out: Out) -> None:
    title = printed("print.billing.doc_title", sponsor=data.sponsor, month=data.month)
    render_listing(out, lambda: build_story(data), title=title,
                   page_label=lambda n: printed("print.billing.page", n=n))
