"""The in-app print preview and direct printing at true size (QtPdf → QPrinter).

A PDF-format QPrinter stands in for the office printer: what it writes is rasterised with
poppler and compared with the original, so a fit-to-page, a margin or a lost scale shows as
moved or resized ink; QR codes printed that way are decoded with a real decoder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from tests.cards.cards_helpers import cards, decode, rasterize
from uihelpers import sign_in

from regdesk.cards import render_calibration, render_cards
from regdesk.transfer.signing import generate_private_key
from regdesk.ui.app import DeskApp
from regdesk.ui.views.print_preview import Printout, PrintPreviewDialog

KEY = generate_private_key()


def _pdf_printer(out: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


def _dialog(qtbot, printout: Printout, printers: list[str] | None = None  # type: ignore[no-untyped-def]
            ) -> PrintPreviewDialog:
    opened: list[Path] = []
    dialog = PrintPreviewDialog(printout, scale_for=lambda _name: 1.0,
                                open_external=opened.append,
                                printers=[] if printers is None else printers)
    qtbot.addWidget(dialog)
    dialog.opened = opened  # type: ignore[attr-defined]
    return dialog


def _print(qtbot, dialog: PrintPreviewDialog, out: Path, scale: float = 1.0) -> int:  # type: ignore[no-untyped-def]
    done: list[int] = []
    job = dialog.print_to(_pdf_printer(out), scale)
    job.finished.connect(done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    return done[0]


def _ink_box(png: Path) -> tuple[int, int, int, int]:
    with Image.open(png) as img:
        box = img.convert("L").point(lambda v: 255 if v < 235 else 0).getbbox()  # any ink
    assert box is not None
    return box


def test_direct_print_keeps_true_size_and_scale(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "kalibrasi.pdf"
    render_calibration("a4-10", source)
    dialog = _dialog(qtbot, Printout(source, "kalibrasi"))
    assert dialog.pages() == 2

    printed = tmp_path / "printed.pdf"
    assert _print(qtbot, dialog, printed) == 2
    original, copy = PdfReader(source).pages[0], PdfReader(printed).pages[0]
    assert abs(float(copy.mediabox.width) - float(original.mediabox.width)) < 1.0
    assert abs(float(copy.mediabox.height) - float(original.mediabox.height)) < 1.0
    want = _ink_box(rasterize(source, 1, dpi=72))
    got = _ink_box(rasterize(printed, 1, dpi=72))
    assert all(abs(a - b) <= 3 for a, b in zip(want, got, strict=True)), (want, got)

    scaled = tmp_path / "scaled.pdf"
    _print(qtbot, dialog, scaled, scale=1.05)
    big = _ink_box(rasterize(scaled, 1, dpi=72))
    # drawn from the paper's corner: each edge moves out by 5% of its distance to it (the
    # ruler near the foot then runs off the paper, which ends the ink there)
    assert all(abs(b - 1.05 * a) <= 3 for a, b in zip(want[:3], big[:3], strict=True)), big
    assert big[3] >= min(1.05 * want[3], 842) - 3


def test_cards_printed_directly_still_decode(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "kartu.pdf"
    render_cards(cards(10, KEY), "a4-10", source)
    dialog = _dialog(qtbot, Printout(source, "kartu", cards=10))
    printed = tmp_path / "printed.pdf"
    _print(qtbot, dialog, printed)
    found = decode(rasterize(printed, 1, dpi=300))
    assert len([c for c in found if c.text.startswith("RD")]) == 10


def test_preview_counts_pages_and_cards_and_saves(qtbot, desk: DeskApp,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    sign_in(qtbot, desk)  # the desk's language (Indonesian) is installed
    source = tmp_path / "kartu.pdf"
    render_cards(cards(12, KEY), "a4-10", source)
    dialog = _dialog(qtbot, Printout(source, "kartu peserta", cards=12))
    assert dialog.summary.text() == "4 halaman · 12 kartu akan dicetak"  # fronts and backs
    assert "kartu peserta" in dialog.windowTitle()
    assert not dialog.print_button.isEnabled()  # no printer here: saving stays
    assert dialog.printer.currentText() == "Belum ada printer terpasang: simpan sebagai PDF"
    copy = tmp_path / "salinan.pdf"
    dialog.save_as(copy)
    assert copy.read_bytes() == source.read_bytes()
    dialog.viewer_button.click()
    assert dialog.opened == [source]  # type: ignore[attr-defined]


def test_cards_for_one_printer_print_only_there(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "kartu.pdf"
    render_cards(cards(1, KEY), "cr80", source)
    dialog = _dialog(qtbot, Printout(source, "kartu", cards=1, printer="Kartu-Zebra"),
                     printers=["Kantor-HP", "Kartu-Zebra"])
    assert dialog.printer.count() == 1 and dialog.printer.currentText() == "Kartu-Zebra"
    assert not dialog.printer.isEnabled() and dialog.print_button.isEnabled()
    gone = _dialog(qtbot, Printout(source, "kartu", cards=1, printer="Dicabut"),
                   printers=["Kantor-HP"])
    assert not gone.print_button.isEnabled()  # that printer is not installed any more


def test_cancel_stops_between_pages(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "kartu.pdf"
    render_cards(cards(30, KEY), "a4-10", source)  # 6 pages
    dialog = _dialog(qtbot, Printout(source, "kartu", cards=30))
    done: list[int] = []
    job = dialog.print_to(_pdf_printer(tmp_path / "out.pdf"))
    job.finished.connect(done.append)
    assert dialog.close_button.text() in ("Cancel", "Batal")
    dialog.close_button.click()  # Close is Cancel while printing
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    assert done[0] < dialog.pages()
    assert dialog.job is None and dialog.close_button.text() in ("Close", "Tutup")


def test_receipt_from_the_desk_opens_the_preview(qtbot, desk: DeskApp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from test_actions import add_one, select_first

    sign_in(qtbot, desk)
    add_one(desk)
    select_first(qtbot, desk)
    desk.work.printing.out_dir = tmp_path / "print"
    desk.window.detail.print_button.click()
    qtbot.waitUntil(lambda: desk.window.findChild(PrintPreviewDialog) is not None,
                    timeout=20_000)
    dialog = desk.window.findChild(PrintPreviewDialog)
    assert dialog.pages() == 1 and dialog.summary.text() == "1 halaman"
    assert dialog.printout.path.parent == tmp_path / "print"
    assert "tanda bukti pendaftaran" in dialog.windowTitle()
    dialog.reject()


@pytest.mark.parametrize("stock", ["a4-10", "cr80"])
def test_calibration_page_has_a_ruler_to_measure(tmp_path: Path, stock: str) -> None:
    from regdesk.cards.calibration import ruler_length_mm
    from regdesk.cards.stocks import get_stock

    out = tmp_path / "kalibrasi.pdf"
    render_calibration(stock, out, scale_percent=101.0)
    text = PdfReader(out).pages[0].extract_text().replace("\n", " ")
    length = ruler_length_mm(get_stock(stock))
    assert f"{length} mm" in text and "101.0%" in text
    assert length == (100 if stock == "a4-10" else 60)
