"""Calibration page: card outlines and mm crosshairs to measure a printer's offset."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from regdesk.cards.fonts import BOLD, REGULAR
from regdesk.cards.stocks import Offsets, Stock
from regdesk.cards.textfit import wrap
from regdesk.i18n import printed


def _crosshair(canv: Canvas, cx: float, cy: float) -> None:
    p = canv.beginPath()
    p.moveTo(cx - 6 * mm, cy)
    p.lineTo(cx + 6 * mm, cy)
    p.moveTo(cx, cy - 6 * mm)
    p.lineTo(cx, cy + 6 * mm)
    for k in range(-5, 6):
        t = (1.2 if k % 5 == 0 else 0.6) * mm
        p.moveTo(cx + k * mm, cy - t)
        p.lineTo(cx + k * mm, cy + t)
        p.moveTo(cx - t, cy + k * mm)
        p.lineTo(cx + t, cy + k * mm)
    canv.drawPath(p, stroke=1, fill=0)


def _side(canv: Canvas, stock: Stock, offsets: Offsets, back: bool) -> None:
    canv.setLineWidth(0.3)
    canv.setFont(REGULAR, 6)
    for i in range(stock.per_page):
        x, y = stock.slot_pt(i, back, offsets)
        w, h = stock.card_w * mm, stock.card_h * mm
        canv.rect(x, y, w, h, stroke=1, fill=0)
        _crosshair(canv, x + w / 2, y + h / 2)
        side = printed("print.calibration.back" if back else "print.calibration.front", n=i + 1)
        canv.drawString(x + 2 * mm, y + h - 4 * mm, side)
    dx, dy = offsets.for_side(back)
    note = printed("print.calibration.note", stock=stock.label, dx=dx, dy=dy)
    x, y = stock.slot_pt(0, back, offsets)
    width = (stock.card_w - 4) * mm
    ty = y + (stock.card_h - 7) * mm
    canv.setFont(BOLD, 5.5)
    for line in wrap(note, BOLD, 5.5, width):
        canv.drawString(x + 2 * mm, ty, line)
        ty -= 6.5
    if not back:  # below the crosshair
        canv.setFont(REGULAR, 5)
        ty = y + (stock.card_h / 2 - 8) * mm
        for line in wrap(printed("print.calibration.instructions"), REGULAR, 5, width)[:7]:
            canv.drawString(x + 2 * mm, ty, line)
            ty -= 6


def draw_calibration(canv: Canvas, stock: Stock, offsets: Offsets | None = None) -> None:
    """Front and back calibration pages for ``stock``."""
    offsets = offsets or Offsets()
    for back in (False, True):
        _side(canv, stock, offsets, back)
        canv.showPage()
