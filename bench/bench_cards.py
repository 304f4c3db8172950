"""Printing benchmark; prints JSON.

    PYTHONPATH=src .venv/bin/python bench/bench_cards.py [--cards 1000] [--skip-reference]

- cards: N signed member cards on a4-10 (QR via segno runs + Code 128), PDF to memory
- floor: the same layout without the QR
- reference: the QR drawn with ReportLab's QrCodeWidget instead (slow)
- receipt: one A5 receipt, p50/p95 over 50 runs
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import time
from datetime import date, datetime

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

import regdesk.cards.card as card_mod
from regdesk.cards import MemberCardData, ReceiptData, get_stock, render_receipt
from regdesk.cards.output import new_canvas
from regdesk.cards.sheet import draw_cards
from regdesk.domain.cardpayload import CardPayload
from regdesk.transfer.signing import generate_private_key, sign_card


def make_cards(n: int) -> list[MemberCardData]:
    key = generate_private_key()
    out = []
    for i in range(n):
        p = CardPayload(
            f"{26040100000 + i:011d}",
            f"Peserta Contoh Nomor {i}",
            "3216********0001",
            ("JKK", "JKM", "JHT"),
            "32.16.06.2006",
            "Setiamekar",
            date(2026, 4, 1),
            date(2026, 4, 1),
        )
        out.append(MemberCardData(p, sign_card(p, key)))
    return out


def time_sheet(cards: list[MemberCardData], qr: bool = True) -> tuple[float, int, int]:
    stock = get_stock("a4-10")
    buf = io.BytesIO()
    t0 = time.perf_counter()
    canv = new_canvas(buf, stock.page_size_pt, "bench")
    pages = draw_cards(canv, cards, stock, qr=qr)
    canv.save()
    return time.perf_counter() - t0, pages, buf.tell()


def _widget_qr(canv, text, x, y, size, error="m"):  # type: ignore[no-untyped-def]
    widget = QrCodeWidget(text, barLevel=error.upper())
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canv, x, y)


def time_reference(cards: list[MemberCardData]) -> float:
    original = card_mod.draw_qr
    card_mod.draw_qr = _widget_qr
    try:
        return time_sheet(cards)[0]
    finally:
        card_mod.draw_qr = original


def time_receipt(runs: int = 50) -> dict[str, float]:
    data = ReceiptData(
        "STM-2026-000123",
        "Budi Hartono",
        "3216061204900001",
        date(1990, 4, 12),
        "Setiamekar",
        "Tambun Selatan",
        "Ojek pangkalan",
        ("JKK", "JKM"),
        16800,
        3,
        25200,
        25200,
        "Mandiri",
        "Dewi Lestari",
        datetime(2026, 4, 2, 9, 30),
    )
    render_receipt(data, io.BytesIO())  # warm-up: font loading happens once per process
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        render_receipt(data, io.BytesIO())
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (runs - 1))], 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", type=int, default=1000)
    ap.add_argument("--skip-reference", action="store_true")
    args = ap.parse_args()
    cards = make_cards(args.cards)
    time_sheet(cards[:10])  # warm-up (font registration, imports)
    seconds, pages, size = time_sheet(cards)
    floor, _, _ = time_sheet(cards, qr=False)
    result: dict[str, object] = {
        "cards": args.cards,
        "stock": "a4-10",
        "pages": pages,
        "pdf_bytes": size,
        "seconds": round(seconds, 3),
        "cards_per_s": round(args.cards / seconds, 1),
        "floor_no_qr_seconds": round(floor, 3),
        "target_seconds": 2.0,
        "receipt": time_receipt(),
        "receipt_target_ms": 50,
    }
    if not args.skip_reference:
        ref = time_reference(cards)
        result["reference_qrcodewidget_seconds"] = round(ref, 3)
        result["speedup_vs_reference"] = round(ref / seconds, 1)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
