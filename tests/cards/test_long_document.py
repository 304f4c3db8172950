"""Long documents (recap, card runs) are written object by object, page contents spooled:
the bytes are those ReportLab's own save gives, and a failed run leaves no file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.cards.test_recap import _data

from regdesk.cards.output import new_canvas
from regdesk.cards.recap import PAGE, stream_recap


def test_a_streamed_recap_is_the_same_file_to_a_path_and_to_a_file(tmp_path: Path) -> None:
    data = _data(300)
    buffer = io.BytesIO()
    pages = stream_recap(data, data.rows, lambda: data, buffer)
    stream_recap(data, data.rows, lambda: data, tmp_path / "r.pdf")
    assert (tmp_path / "r.pdf").read_bytes() == buffer.getvalue()
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    assert len(reader.pages) == pages
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Warga 299" in text and "STM-2026-000150" in text


def test_a_failed_long_document_leaves_no_file(tmp_path: Path) -> None:
    data = _data(100)

    def rows():  # type: ignore[no-untyped-def]
        yield from data.rows[:60]
        raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError):
        stream_recap(data, rows(), lambda: data, tmp_path / "r.pdf")
    assert list(tmp_path.iterdir()) == []


def test_other_documents_are_saved_by_reportlab_as_before(tmp_path: Path) -> None:
    canv = new_canvas(tmp_path / "p.pdf", PAGE, "t")
    canv.drawString(100, 100, "hello")
    canv.save()
    assert PdfReader(tmp_path / "p.pdf").pages[0].extract_text().strip() == "hello"
