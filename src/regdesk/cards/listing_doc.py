"""A landscape A4 listing (due list, billing list): a story of flowables with the page number
at the foot of every page, and the table those listings share (cells fitted to their
columns, the header repeated on every page)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from regdesk.cards.fonts import REGULAR, register_fonts, text_width
from regdesk.cards.output import Out, configure_reportlab
from regdesk.cards.textfit import fit_text, wrap

PAGE = landscape(A4)
MARGIN = 12 * mm


def render_listing(out: Out, story: Callable[[], list[Flowable]], *, title: str,
                   page_label: Callable[[int], str]) -> None:
    """Build the flowables ``story()`` makes (after the fonts are registered) into ``out``
    (a path or a binary file); ``page_label(n)`` is printed bottom right on page n."""
    configure_reportlab()
    register_fonts()

    def foot(canv: Any, doc: Any) -> None:
        canv.setFont(REGULAR, 7)
        canv.drawRightString(PAGE[0] - MARGIN, 7 * mm, page_label(doc.page))

    target = str(out) if not hasattr(out, "write") else out
    doc = SimpleDocTemplate(target, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN, title=title,
                            author="RegDesk", invariant=1)
    doc.build(story(), onFirstPage=foot, onLaterPages=foot)


PAD = 2  # points of cell padding each side (ReportLab's default is 6)


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True, slots=True)
class CellFit:
    """How a listing's cells fit their column: the full size, the smallest, the most lines."""

    max_size: float
    min_size: float
    max_lines: int
    name: str  # style-name prefix


def fitted_cell(fit: CellFit, text: str, width_mm: float, *, font: str = REGULAR,
                align: int = 0) -> Paragraph:
    """``text`` wrapped into the column at the full size when every word fits in at most
    ``max_lines`` lines; else shrunk (down to ``min_size``, one line first: a NIK or a phone
    number is never broken) with an ellipsis as the last resort (``textfit``)."""
    width = width_mm * mm - 2 * PAD
    lines = wrap(text, font, fit.max_size, width)
    size = fit.max_size
    if len(lines) > fit.max_lines or any(text_width(w, font, fit.max_size) > width
                                         for w in text.split()):
        size, lines = fit_text(text, font, width, fit.max_size, fit.min_size, fit.max_lines)
    style = ParagraphStyle(f"{fit.name}-cell-{size}-{font}-{align}", fontName=font,
                           fontSize=size, leading=size * 1.2, alignment=align)
    return Paragraph("<br/>".join(esc(line) for line in lines), style)


def listing_table(rows: list[list[Any]], widths_mm: list[float]) -> Table:
    """Header row repeated on every page, a grid, cells top-aligned with :data:`PAD`."""
    table = Table(rows, colWidths=[w * mm for w in widths_mm], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.93, 0.9)),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return table
