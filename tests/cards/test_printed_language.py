"""Printouts are official papers: their texts come from the catalogue (``print.*`` keys) and
are printed in Indonesian whatever language the screen shows."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from tests.cards.cards_helpers import receipt

from regdesk import i18n
from regdesk.cards import render_receipt


@pytest.fixture
def english_screen() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("id")


def test_receipt_stays_indonesian_when_the_process_speaks_english(english_screen) -> None:
    out = io.BytesIO()
    render_receipt(receipt(), out)
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert i18n.current_language() == "en"
    for key in ("print.receipt.title", "print.receipt.not_a_card", "print.receipt.member",
                "print.receipt.how_to_pay"):
        assert i18n.printed(key) in text
        assert i18n.t(key, lang="en") not in text
    assert "TANDA BUKTI PENDAFTARAN" in text and "3 bulan" in text


def test_status_labels_exist_once_in_both_languages() -> None:
    assert i18n.status_label("pending", i18n.PRINT_LANG) == "Menunggu sinkron"
    assert i18n.status_label("pending", "en") == "Waiting for sync"
    assert i18n.status_label("needs_attention", "id") == "Perlu perhatian"
    assert i18n.status_label("no-such-status") == "no-such-status"
