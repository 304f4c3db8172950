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


def ruler_length_mm(stock: Stock) -> int:
    """The scale ruler's length: 100 mm where the page allows, else the longest ten that fits
    with 10 mm to spare on each side."""
    return int(min(100.0, stock.page_w - 20) // 10 * 10)


def _ruler(canv: Canvas, stock: Stock, scale_percent: float | None) -> None:
    """A ruler of :func:`ruler_length_mm` with mm ticks near the foot of the front page, and
    what to measure: the scale direct printing applies per printer."""
    length = ruler_length_mm(stock)
    x0 = (stock.page_w - length) / 2 * mm
    y0 = 3 * mm
    canv.setLineWidth(0.4)
    p = canv.beginPath()
    p.moveTo(x0, y0)
    p.lineTo(x0 + length * mm, y0)
    for k in range(length + 1):
        tick = (2.5 if k % 10 == 0 else 1.2) * mm
        p.moveTo(x0 + k * mm, y0)
        p.lineTo(x0 + k * mm, y0 + tick)
    canv.drawPath(p, stroke=1, fill=0)
    canv.setFont(REGULAR, 5)
    note = printed("print.calibration.ruler", length=length)
    if scale_percent is not None:
        note += " " + printed("print.calibration.scale", percent=scale_percent)
    ty = y0 + 3 * mm
    for line in reversed(wrap(note, REGULAR, 5, (stock.page_w - 20) * mm)):
        canv.drawString(x0, ty, line)
        ty += 6


def draw_calibration(canv: Canvas, stock: Stock, offsets: Offsets | None = None,
                     scale_percent: float | None = None) -> None:
    """Front and back calibration pages for ``stock``; the front has the scale ruler."""
    offsets = offsets or Offsets()
    for back in (False, True):
        _side(canv, stock, offsets, back)
        if not back:
            _ruler(canv, stock, scale_percent)
        canv.showPage()
