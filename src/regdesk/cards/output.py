"""Canvases that write to a path or a binary file object; long documents written as they go.

ReportLab keeps every page of a document in memory until ``save()``, then builds the whole
file as one byte string before writing it: a recap of a million rows (some 25,000 pages)
held its pages and, at the end, two copies of the file. A long document instead
(:func:`long_document`): each finished page's content goes to a temporary spool file
(:func:`spool_page`), and at ``save()`` the PDF's objects are written to the output one by
one as ReportLab formats them (:class:`_StreamedFile`). The bytes are the same.
"""

from __future__ import annotations

import tempfile
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas

from regdesk.cards.fonts import register_fonts

Out = str | Path | BinaryIO

_SINK = threading.local()  # the file a long document on this thread is being saved to


class _StreamedFile(pdfdoc.PDFFile):  # type: ignore[misc]
    """ReportLab's output collector; while this thread saves a long document, each piece
    goes straight to that file (ReportLab only needs the running offset)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.sink: IO[bytes] | None = getattr(_SINK, "file", None)
        super().__init__(*args, **kwargs)

    def add(self, s: str | bytes) -> int:
        if self.sink is None:
            return int(super().add(s))
        data = pdfdoc.pdfdocEnc(s)
        at = self.offset
        self.offset = at + len(data)
        self.sink.write(data)
        return int(at)

    def format(self, document: Any) -> bytes:
        return b"" if self.sink is not None else bytes(super().format(document))


pdfdoc.PDFFile = _StreamedFile  # PDFDocument.format() builds its collector by this name


class _SpooledStream(PDFStream):  # type: ignore[misc]
    """A page's compressed content kept in the document's spool file until it is written."""

    def __init__(self, spool: IO[bytes], at: int, size: int) -> None:
        super().__init__(PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])}), b"")
        self.spool, self.at, self.size = spool, at, size

    def format(self, document: Any) -> bytes:
        self.spool.seek(self.at)
        self.content = self.spool.read(self.size)
        try:
            return bytes(super().format(document))
        finally:
            self.content = b""


def configure_reportlab() -> None:
    """Binary (Flate-only) streams: ASCII85 is pure Python here and was the slowest step."""
    rl_config.useA85 = 0


def new_canvas(out: Out, pagesize: tuple[float, float], title: str) -> Canvas:
    """A canvas with our fonts registered and PDF metadata set."""
    configure_reportlab()
    register_fonts()
    target = str(out) if isinstance(out, str | Path) else out
    canv = Canvas(target, pagesize=pagesize, pageCompression=1, invariant=1)
    canv.setTitle(title)
    canv.setAuthor("RegDesk")
    canv.setCreator("RegDesk")
    return canv


@contextmanager
def long_document(out: Out, pagesize: tuple[float, float], title: str) -> Iterator[Canvas]:
    """A canvas for a document of many pages: draw on it, :func:`spool_page` after each
    ``showPage()``, then ``save()`` it inside the block; its objects are written to ``out``
    as they are formatted, with a temporary spool of page contents (both closed after)."""
    with opened(out) as target, tempfile.TemporaryFile(prefix="regdesk-") as spool:
        canv = new_canvas(target, pagesize, title)
        canv._regdesk_spool = spool
        save = canv.save

        def save_streamed() -> None:  # only while this document is saved, on this thread
            _SINK.file = target
            try:
                save()
            finally:
                _SINK.file = None

        canv.save = save_streamed
        yield canv


@contextmanager
def opened(out: Out) -> Iterator[BinaryIO]:
    """``out`` as an open binary file (opened and closed here when a path; removed again
    when the block fails, as ReportLab never creates a file it did not save)."""
    if not isinstance(out, str | Path):
        yield out
        return
    try:
        with open(out, "wb") as handle:
            yield handle
    except BaseException:
        Path(out).unlink(missing_ok=True)
        raise


def spool_page(canv: Canvas) -> None:
    """Compress the page just finished now, not at ``save()``: ReportLab keeps every page's
    operators as text until the end, which for a long run is most of its memory. On a
    :func:`long_document` the compressed bytes go to its spool file."""
    page = canv._doc.Pages.pages[-1]
    stream = page.stream
    if not isinstance(stream, str) or not stream:
        return
    data = zlib.compress(stream.encode("utf-8"), 6)
    spool: IO[bytes] | None = getattr(canv, "_regdesk_spool", None)
    if spool is None:
        page.Contents = PDFStream(PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])}),
                                  data)
    else:
        at = spool.seek(0, 2)
        spool.write(data)
        page.Contents = _SpooledStream(spool, at, len(data))
    page.stream = None
