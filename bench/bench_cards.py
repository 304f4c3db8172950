"""Printing benchmark; prints JSON.

    PYTHONPATH=src .venv/bin/python bench/bench_cards.py [--cards 1000] [--rounds 3]
        [--skip-reference] [--skip-decode]

- cards: N signed member cards on a4-10 (QR as a 1-bit inline image + Code 128), PDF to
  memory; best of ``--rounds``, alternating with
- runs: the same cards with the former QR, one path of dark runs (``draw_qr_runs``);
  ``image_vs_runs`` is cards / runs from the same run (issue 17's goal: <= 0.8)
- floor: the same layout without the QR
- decoded: every QR on page 1 of the timed sheet read back at 300 dpi (pdftoppm + zxing-cpp)
- reference: the QR drawn with ReportLab's QrCodeWidget instead (slow)
- receipt: one A5 receipt, p50/p95 over 50 runs
- rl_accel: whether ReportLab's C accelerator (pip ``rl_accel``) was importable
- loadavg: /proc/loadavg before and after (absolute times on a shared machine vary)
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

import regdesk.cards.card as card_mod
from regdesk.cards import MemberCardData, ReceiptData, get_stock, render_receipt
from regdesk.cards.output import new_canvas
from regdesk.cards.qr import draw_qr_runs
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
            kpj=f"{23010000000 + i:011d}",
            state="active",
            paid_through=date(2027, 1, 31),
            as_of=date(2026, 12, 1),
        )  # a version-2 payload: a card is printed once the KPJ is issued
        out.append(MemberCardData(p, sign_card(p, key), paid_through=p.paid_through))
    return out


def time_sheet(cards: list[MemberCardData], qr: bool = True,
               buf: io.BytesIO | None = None) -> tuple[float, int, int]:
    stock = get_stock("a4-10")
    buf = buf if buf is not None else io.BytesIO()
    t0 = time.perf_counter()
    canv = new_canvas(buf, stock.page_size_pt, "bench")
    pages = draw_cards(canv, cards, stock, qr=qr)
    canv.save()
    return time.perf_counter() - t0, pages, buf.tell()


def with_qr(draw: Callable[..., None], cards: list[MemberCardData]) -> float:
    """One timed sheet with ``draw`` standing in for the card module's ``draw_qr``."""
    original = card_mod.draw_qr
    card_mod.draw_qr = draw
    try:
        return time_sheet(cards)[0]
    finally:
        card_mod.draw_qr = original


def loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text().strip()
    except OSError:
        return "n/a"


def decoded_page_one(pdf: bytes, cards: list[MemberCardData]) -> dict[str, object]:
    """Every QR on page 1 read back at 300 dpi, compared with the signed texts."""
    if shutil.which("pdftoppm") is None or importlib.util.find_spec("zxingcpp") is None:
        return {"skipped": "pdftoppm or zxing-cpp missing"}
    import zxingcpp
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sheet.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "300", "-f", "1", "-l", "1", "-png", "-singlefile",
                        str(path), str(path.with_suffix(""))], check=True)
        with Image.open(path.with_suffix(".png")) as img:
            found = [b.text for b in zxingcpp.read_barcodes(img.convert("L"))
                     if b.format.name == "QRCode"]
    expected = [c.qr_text for c in cards[: get_stock("a4-10").per_page]]
    return {"page": 1, "dpi": 300, "qr_on_page": len(expected), "decoded": len(found),
            "all_match": sorted(found) == sorted(expected)}


def _widget_qr(canv, text, x, y, size, error="m"):  # type: ignore[no-untyped-def]
    widget = QrCodeWidget(text, barLevel=error.upper())
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canv, x, y)


def time_reference(cards: list[MemberCardData]) -> float:
    return with_qr(_widget_qr, cards)


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
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--skip-reference", action="store_true")
    ap.add_argument("--skip-decode", action="store_true")
    args = ap.parse_args()
    load_before = loadavg()
    cards = make_cards(args.cards)
    time_sheet(cards[:10])  # warm-up (font registration, imports)
    with_qr(draw_qr_runs, cards[:10])
    image, runs = [], []
    for _ in range(args.rounds):  # alternate, so that a burst of load hits both forms
        image.append(time_sheet(cards)[0])
        runs.append(with_qr(draw_qr_runs, cards))
    buf = io.BytesIO()
    _, pages, size = time_sheet(cards, buf=buf)
    floor, _, _ = time_sheet(cards, qr=False)
    seconds, runs_seconds = min(image), min(runs)
    result: dict[str, object] = {
        "cards": args.cards,
        "stock": "a4-10",
        "pages": pages,
        "pdf_bytes": size,
        "rounds": args.rounds,
        "seconds": round(seconds, 3),
        "cards_per_s": round(args.cards / seconds, 1),
        "runs_seconds": round(runs_seconds, 3),
        "image_vs_runs": round(seconds / runs_seconds, 3),
        "image_vs_runs_goal": 0.8,
        "all_seconds": {"image": [round(t, 3) for t in image],
                        "runs": [round(t, 3) for t in runs]},
        "floor_no_qr_seconds": round(floor, 3),
        "target_seconds": 2.0,
        "rl_accel": importlib.util.find_spec("_rl_accel") is not None,
        "receipt": time_receipt(),
        "receipt_target_ms": 50,
    }
    if not args.skip_decode:
        result["decoded"] = decoded_page_one(buf.getvalue(), cards)
    if not args.skip_reference:
        ref = time_reference(cards)
        result["reference_qrcodewidget_seconds"] = round(ref, 3)
        result["speedup_vs_reference"] = round(ref / seconds, 1)
    result["loadavg"] = {"before": load_before, "after": loadavg()}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
