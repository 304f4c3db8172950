"""Member cards laid out on a stock: per sheet a front page, then its (mirrored) back page.

Pages alternate front/back so a duplex printer (long-edge flip) puts each back behind
its front; on ``a4-10`` the back columns are mirrored for that flip.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from itertools import islice

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from regdesk.cards.card import draw_back, draw_front, ensure_forms
from regdesk.cards.data import MemberCardData
from regdesk.cards.output import spool_page
from regdesk.cards.stocks import Offsets, Stock

Progress = Callable[[int, int], None]


def crop_mark_operators(stock: Stock, offsets: Offsets | None = None) -> str:
    """PDF path operators for crop marks in the page margins (front side)."""
    dx, dy = (offsets or Offsets()).for_side(False)
    xs = sorted(
        {round(stock.slot_mm(c)[0] + e, 4) for c in range(stock.cols) for e in (0.0, stock.card_w)}
    )
    ys = sorted(
        {
            round(stock.slot_mm(r * stock.cols)[1] + e, 4)
            for r in range(stock.rows)
            for e in (0.0, stock.card_h)
        }
    )
    left, top = stock.margin_left, stock.margin_top
    right = stock.page_w - xs[-1]
    bottom = stock.page_h - ys[-1]
    ops = []

    def line(x1: float, y1: float, x2: float, y2: float) -> None:
        pts = [
            (x1 + dx) * mm,
            (stock.page_h - y1 - dy) * mm,
            (x2 + dx) * mm,
            (stock.page_h - y2 - dy) * mm,
        ]
        ops.append("{:.2f} {:.2f} m {:.2f} {:.2f} l".format(*pts))

    for x in xs:
        if top > 2:
            line(x, ys[0] - 1, x, ys[0] - min(6, top - 1))
        if bottom > 2:
            line(x, ys[-1] + 1, x, ys[-1] + min(6, bottom - 1))
    for y in ys:
        if left > 2:
            line(xs[0] - 1, y, xs[0] - min(6, left - 1), y)
        if right > 2:
            line(xs[-1] + 1, y, xs[-1] + min(6, right - 1), y)
    return "\n".join(ops)


_last_yield = [0.0]
YIELD_EVERY = 0.001  # seconds of drawing between two yields


Pause = Callable[[], bool]  # waits while a save is on (True if it did): Store.give_way


def yield_gil(pause: Pause | None = None) -> None:
    """Let another thread run. First ``pause()``: while a save is being written it blocks
    until the save is done (the save then never waits for the interpreter lock). Else at
    most every :data:`YIELD_EVERY`: drawing is pure Python, and without this any other
    thread (the GUI) waits up to the switch interval (5 ms) each time it wants the lock.
    Not after every row: on a busy PC ``time.sleep(0)`` gives the CPU to another process
    (about 0.1 ms each)."""
    if pause is not None and pause():
        _last_yield[0] = time.perf_counter()
        return
    now = time.perf_counter()
    if now - _last_yield[0] >= YIELD_EVERY:
        time.sleep(0)
        _last_yield[0] = time.perf_counter()


def draw_cards(
    canv: Canvas,
    cards: Iterable[MemberCardData],
    stock: Stock,
    offsets: Offsets | None = None,
    progress: Progress | None = None,
    qr: bool = True,
    total: int | None = None,
    pause: Pause | None = None,
) -> int:
    """Draw all cards, a sheet at a time from ``cards`` (a sequence or a stream); returns
    the number of pages. ``qr=False`` is for benchmarks only."""
    ensure_forms(canv)
    marks = crop_mark_operators(stock, offsets) if stock.crop_marks else ""
    if total is None:
        total = len(cards) if isinstance(cards, Sequence) else 0
    per_page, pages, done = stock.per_page, 0, 0
    stream = iter(cards)
    while chunk := list(islice(stream, per_page)):
        for i, card in enumerate(chunk):
            draw_front(canv, card, *stock.slot_pt(i, False, offsets), qr=qr)
            yield_gil(pause)
        if marks:
            canv.addLiteral(f"q 0 G 0.25 w\n{marks}\nS Q")
        canv.showPage()
        spool_page(canv)
        for i in range(len(chunk)):
            draw_back(canv, *stock.slot_pt(i, True, offsets))
        canv.showPage()
        spool_page(canv)
        pages += 2
        done += len(chunk)
        if progress is not None:
            progress(done, max(total, done))
    return pages
