"""The recovery code sheet (A4): the code that opens the desk database and its backups on any
PC, for the village head to keep locked away, with signature lines."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from regdesk.cards.fonts import BOLD, REGULAR
from regdesk.cards.output import Out, new_canvas
from regdesk.cards.textfit import wrap
from regdesk.i18n import printed

PAGE_W, PAGE_H = A4
MARGIN = 20 * mm


@dataclass(frozen=True, slots=True)
class RecoverySheetData:
    code: str
    village_code: str
    village_name: str
    created: str  # the date, as printed
    fingerprint: str  # names the desk key, not secret


def _paragraph(canv: Canvas, text: str, y: float, *, font: str = REGULAR,
               size: float = 10.5) -> float:
    canv.setFont(font, size)
    for line in wrap(text, font, size, PAGE_W - 2 * MARGIN):
        canv.drawString(MARGIN, y, line)
        y -= size * 1.45
    return y - 2 * mm


def _signature(canv: Canvas, x: float, y: float, role: str) -> None:
    canv.setFont(REGULAR, 10)
    canv.drawString(x, y, role)
    canv.line(x, y - 22 * mm, x + 70 * mm, y - 22 * mm)
    canv.setFont(REGULAR, 8.5)
    canv.drawString(x, y - 26 * mm, printed("print.recovery.name_date"))


def draw_recovery_sheet(canv: Canvas, data: RecoverySheetData) -> None:
    y = PAGE_H - MARGIN - 6 * mm
    canv.setFont(BOLD, 17)
    canv.drawString(MARGIN, y, printed("print.recovery.title"))
    y -= 9 * mm
    y = _paragraph(canv, printed("print.recovery.village", name=data.village_name,
                                 code=data.village_code), y)
    y = _paragraph(canv, printed("print.recovery.created", date=data.created,
                                 fingerprint=data.fingerprint), y)
    y -= 4 * mm
    box_h = 24 * mm
    canv.setLineWidth(1.2)
    canv.rect(MARGIN, y - box_h, PAGE_W - 2 * MARGIN, box_h, stroke=1, fill=0)
    canv.setFont(BOLD, 24)
    canv.drawCentredString(PAGE_W / 2, y - box_h / 2 - 3 * mm, data.code)
    y -= box_h + 8 * mm
    for key in ("print.recovery.what", "print.recovery.keep", "print.recovery.lost"):
        y = _paragraph(canv, printed(key), y)
    y -= 10 * mm
    _signature(canv, MARGIN, y, printed("print.recovery.sign_head"))
    _signature(canv, PAGE_W / 2 + 5 * mm, y, printed("print.recovery.sign_clerk"))
    canv.showPage()


def render_recovery_sheet(data: RecoverySheetData, out: Out) -> None:
    """One A4 page: the recovery code, what it is for, and signature lines."""
    canv = new_canvas(out, A4, printed("print.recovery.title"))
    draw_recovery_sheet(canv, data)
    canv.save()
