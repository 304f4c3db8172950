"""Printing: receipts, member cards on label stocks, village recaps, the district coverage report
(the only ReportLab user).

``out`` is a path or a binary file object. Callers fill the dataclasses from ``data``; this
package never touches the database.
"""

from __future__ import annotations

from collections.abc import Iterable

from regdesk.cards.calibration import draw_calibration
from regdesk.cards.data import (
    CountLine,
    FundingLine,
    MemberCardData,
    RecapData,
    RecapRow,
    ReceiptData,
)
from regdesk.cards.dues import DueSheetData, DueSheetRow, draw_due_list
from regdesk.cards.output import Out, long_document, new_canvas
from regdesk.cards.recap import draw_recap, stream_recap
from regdesk.cards.receipt import PAGE_H as A5_H
from regdesk.cards.receipt import PAGE_W as A5_W
from regdesk.cards.receipt import draw_receipt
from regdesk.cards.recovery import RecoverySheetData, render_recovery_sheet
from regdesk.cards.sheet import Pause, Progress, draw_cards
from regdesk.cards.stocks import STOCKS, Offsets, Stock, get_stock

__all__ = [
    "STOCKS",
    "CountLine",
    "DueSheetData",
    "DueSheetRow",
    "FundingLine",
    "MemberCardData",
    "Offsets",
    "RecapData",
    "RecapRow",
    "ReceiptData",
    "RecoverySheetData",
    "Stock",
    "get_stock",
    "render_calibration",
    "render_cards",
    "render_due_list",
    "render_recap",
    "render_receipt",
    "render_recovery_sheet",
    "stream_recap",
]


def render_receipt(data: ReceiptData, out: Out) -> None:
    """A5 Tanda Bukti Pendaftaran for one registration."""
    canv = new_canvas(out, (A5_W, A5_H), f"Tanda Bukti Pendaftaran {data.local_ref}")
    draw_receipt(canv, data)
    canv.save()


def render_cards(
    cards: Iterable[MemberCardData],
    stock: str | Stock,
    out: Out,
    offsets: Offsets | None = None,
    progress: Progress | None = None,
    total: int | None = None,
    pause: Pause | None = None,
) -> int:
    """Member cards on ``stock`` (``"a4-10"`` or ``"cr80"``), fronts then backs per sheet.

    ``cards`` may be a stream (consumed once, sheet by sheet; ``total`` is then how many
    are expected, for progress). ``progress(done, total)`` is called after each sheet (it
    may raise to stop the run: nothing is written); ``pause()`` after each card (see
    :func:`regdesk.cards.sheet.yield_gil`). Returns the number of pages.
    """
    if total is None:
        cards = list(cards)
        total = len(cards)
    st = get_stock(stock)
    with long_document(out, st.page_size_pt, f"Kartu peserta ({total})") as canv:
        pages = draw_cards(canv, cards, st, offsets, progress, total=total, pause=pause)
        if not pages:
            raise ValueError("no cards to print")
        canv.save()
    return pages


def render_recap(data: RecapData, out: Out) -> None:
    """Village recap PDF (A4 landscape) with signature lines for Kepala Desa and Petugas."""
    draw_recap(data, out)


def render_due_list(data: DueSheetData, out: Out) -> None:
    """The village's due and lapsed list (A4 landscape), page-numbered, phones for call rounds."""
    draw_due_list(data, out)


def render_calibration(stock: str | Stock, out: Out, offsets: Offsets | None = None,
                       scale_percent: float | None = None) -> None:
    """Front and back calibration pages for ``stock`` with ``offsets`` applied; the front's
    ruler names ``scale_percent`` when the printer has one saved."""
    st = get_stock(stock)
    canv = new_canvas(out, st.page_size_pt, f"Kalibrasi {st.name}")
    draw_calibration(canv, st, offsets, scale_percent)
    canv.save()
