"""The in-app print preview: the PDF's pages as they will print, how many pages and cards,
the printer, and Print (direct, at true size), Save as PDF, or the system viewer.

Opened by :class:`regdesk.ui.controllers.printing.PrintFlow` for every printout. Enter
prints, Esc closes. With no printer installed, Print is off and saving stays.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from regdesk.ui.pdf_print import DirectPrint


@dataclass(frozen=True)
class Printout:
    """A written PDF waiting for the clerk: ``cards`` when it is a card run; ``printer`` when
    it was drawn for one printer's calibration (the preview then prints only there)."""

    path: Path
    title: str
    cards: int | None = None
    printer: str | None = None


def printer_names() -> list[str]:
    """Installed printers, the system default first."""
    names = list(QPrinterInfo.availablePrinterNames())
    default = QPrinterInfo.defaultPrinterName()
    if default in names:
        names.remove(default)
        names.insert(0, default)
    return names


class PrintPreviewDialog(QDialog):
    """``scale_for(printer)``: that printer's calibrated scale (1.0 when none);
    ``open_external(path)``: the system viewer."""

    def __init__(self, printout: Printout, *, scale_for: Callable[[str], float],
                 open_external: Callable[[Path], None], printers: list[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.printout, self.scale_for, self.open_external = printout, scale_for, open_external
        self.setWindowTitle(self.tr("Print preview: %1").replace("%1", printout.title))
        self.document = QPdfDocument(self)
        self.document.load(str(printout.path))
        self.view = QPdfView(self)
        self.view.setObjectName("previewPages")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.summary = QLabel(self.summary_text())
        self.summary.setObjectName("previewSummary")
        self.printer = QComboBox()
        self.printer.setObjectName("previewPrinter")
        self.printer.setAccessibleName(self.tr("Printer"))
        self.has_printer = self._fill_printers(printer_names() if printers is None
                                               else printers)
        self.progress = QProgressBar()
        self.progress.hide()
        self.print_button = QPushButton(self.tr("&Print"))
        self.print_button.setObjectName("previewPrint")
        self.print_button.setDefault(True)
        self.print_button.setEnabled(self.has_printer)
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.viewer_button = QPushButton(self.tr("Open in PDF &viewer"))
        self.close_button = QPushButton(self.tr("Close"))
        self.print_button.clicked.connect(self._print_chosen)
        self.save_button.clicked.connect(self._ask_save)
        self.viewer_button.clicked.connect(lambda: self.open_external(printout.path))
        self.close_button.clicked.connect(self._close_or_cancel)
        QShortcut(QKeySequence.StandardKey.Print, self, self._print_chosen)
        self.job: DirectPrint | None = None
        self._layout()
        self.resize(760, 640)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel(self.tr("Printer:")))
        top.addWidget(self.printer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        for b in (self.print_button, self.save_button, self.viewer_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def _fill_printers(self, names: list[str]) -> bool:
        """The printer choice; whether there is one to print on."""
        fixed = self.printout.printer
        if fixed:  # cards drawn with this printer's offsets print only there
            self.printer.addItem(fixed)
            self.printer.setEnabled(False)
            self.printer.setToolTip(self.tr("The cards were placed for this printer's "
                                            "calibration."))
            return fixed in names
        for name in names:
            self.printer.addItem(name)
        if not names:
            self.printer.addItem(self.tr("No printer installed: save as PDF"))
            self.printer.setEnabled(False)
        return bool(names)

    def pages(self) -> int:
        return self.document.pageCount()

    def summary_text(self) -> str:
        pages = self.tr("%n page(s)", "", self.pages())
        cards = self.printout.cards
        if cards is None:
            return pages
        return self.tr("%1 · %n card(s) will print", "", cards).replace("%1", pages)

    # -- printing ------------------------------------------------------------------------
    def _print_chosen(self) -> None:
        if not self.print_button.isEnabled() or self.job is not None:
            return
        name = self.printer.currentText()
        printer = QPrinter(QPrinterInfo.printerInfo(name), QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.printout.path.name)
        self.print_to(printer, self.scale_for(name))

    def print_to(self, printer: QPrinter, scale: float = 1.0) -> DirectPrint:
        """Send every page to ``printer`` at true size times ``scale`` (tests pass a PDF
        printer). Close turns into Cancel while it runs."""
        job = DirectPrint(self.document, printer, scale, self)
        self.job = job
        self.progress.setRange(0, self.pages())
        self.progress.setValue(0)
        self.progress.show()
        self.print_button.setEnabled(False)
        self.close_button.setText(self.tr("Cancel"))
        job.progress.connect(lambda done, _total: self.progress.setValue(done))
        job.finished.connect(self._printed)
        job.failed.connect(self._print_failed)
        job.start()
        return job

    def _printed(self, pages: int) -> None:
        cancelled = self.job is not None and self.job.cancelled
        self.job = None
        self.progress.hide()
        self.close_button.setText(self.tr("Close"))
        self.print_button.setEnabled(self.has_printer)
        self.summary.setText(self.tr("Cancelled after %n page(s).", "", pages) if cancelled
                             else self.tr("Sent to the printer: %n page(s).", "", pages))

    def _print_failed(self, _reason: str) -> None:
        self.job = None
        self.progress.hide()
        self.close_button.setText(self.tr("Close"))
        self.print_button.setEnabled(self.has_printer)
        self.summary.setText(self.tr("The printer could not be opened. Check that it is on, "
                                     "or save as PDF."))

    def _close_or_cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            return
        self.reject()

    # -- saving --------------------------------------------------------------------------
    def _ask_save(self) -> None:
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"),
                                                self.printout.path.name, "PDF (*.pdf)")
        if target:
            self.save_as(Path(target))

    def save_as(self, target: Path) -> None:
        """A copy of the printout at ``target`` (the preview's file stays private)."""
        shutil.copyfile(self.printout.path, target)
        self.summary.setText(self.tr("Saved: %1").replace("%1", target.name))
