"""Direct printing of a PDF at true size, through Qt's printer support, never a viewer's
fit-to-page.

Each page is rendered by QtPdf at the print resolution and painted full-page from the
paper's corner: one PDF point is one point on paper, times the printer's calibrated scale
(``services.printouts.printer_scale``). Card offsets are already in the PDF (it is drawn for
the chosen printer). One page is printed per turn of the event loop, so the window stays
live, progress shows and Cancel works between pages.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QObject, QRectF, QSize, QSizeF, QTimer, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

PRINT_DPI = 300  # renders sharp 0.3 mm lines and QR modules; an A4 page is ~35 MB at once


def page_layout(points: QSizeF) -> QPageLayout:
    """The paper of one PDF page: its own size in points, no margins, its orientation."""
    w, h = points.width(), points.height()
    landscape = w > h
    size = QPageSize(QSizeF(min(w, h), max(w, h)), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = (QPageLayout.Orientation.Landscape if landscape
                   else QPageLayout.Orientation.Portrait)
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def target_rect(points: QSizeF, dpi: float, scale: float) -> QRectF:
    """Where a page goes on a full-page printer of ``dpi`` device pixels per inch: from the
    paper's corner, at true size times ``scale``."""
    k = dpi / 72.0 * scale
    return QRectF(0.0, 0.0, points.width() * k, points.height() * k)


class DirectPrint(QObject):
    """Print ``document`` on ``printer``; ``finished(pages)`` at the end (also after a
    cancel, with the pages already sent), ``failed(reason)`` if the printer refused."""

    progress = Signal(int, int)
    finished = Signal(int)
    failed = Signal(str)

    def __init__(self, document: QPdfDocument, printer: QPrinter, scale: float = 1.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document, self.printer, self.scale = document, printer, scale
        self.cancelled = False
        self._page = 0
        self._painter: QPainter | None = None

    def start(self) -> None:
        pages = self.document.pageCount()
        if pages < 1:
            self.failed.emit("empty")
            return
        p = self.printer
        p.setFullPage(True)
        p.setResolution(PRINT_DPI)
        p.setPageLayout(page_layout(self.document.pagePointSize(0)))
        painter = QPainter()
        if not painter.begin(p):
            self.failed.emit("printer")
            return
        self._painter = painter
        QTimer.singleShot(0, self._next)

    def cancel(self) -> None:
        self.cancelled = True

    def _next(self) -> None:
        painter, pages = self._painter, self.document.pageCount()
        if painter is None:
            return
        if self.cancelled or self._page >= pages:
            if self.cancelled:
                self.printer.abort()
            painter.end()
            self._painter = None
            self.finished.emit(self._page)
            return
        points = self.document.pagePointSize(self._page)
        if self._page > 0:
            self.printer.setPageLayout(page_layout(points))
            self.printer.newPage()
        rect = target_rect(points, self.printer.resolution(), self.scale)
        image = self.document.render(self._page, QSize(round(rect.width()),
                                                       round(rect.height())))
        painter.drawImage(rect, image)
        self._page += 1
        self.progress.emit(self._page, pages)
        QTimer.singleShot(0, self._next)
