"""The card's smallest text is at least 6 pt, on the front and the back, for a short and a
very long name, a long village and a reprint, on A4 sheets and single CR80 cards; read from
the PDF's characters with pdfplumber (sizes as printed: font size times the text matrix)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from tests.cards.cards_helpers import LONG_NAME, cards

from regdesk.cards import render_cards
from regdesk.cards.card import MIN_PT
from regdesk.transfer.signing import generate_private_key

KEY = generate_private_key()
LONG_VILLAGE = "Sukamekar Karangsentosa Jayamukti Tengah"


def sizes(pdf: Path) -> list[tuple[float, str]]:
    """(size, text) of every character with a glyph, on every page."""
    found = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            found += [(round(float(c["size"]), 2), c["text"]) for c in page.chars
                      if c["text"].strip()]
    return found


def card_run(tmp_path: Path, stock: str) -> Path:
    run = cards(4, KEY, ("Siti Aminah", LONG_NAME))
    run[1] = replace(run[1], payload=replace(run[1].payload, village_name=LONG_VILLAGE))
    run[2] = replace(run[2], print_number=3)  # "Cetak ulang ke-2"
    path = tmp_path / f"{stock}.pdf"
    render_cards(run, stock, path)
    return path


@pytest.mark.parametrize("stock", ["a4-10", "cr80"])
def test_no_text_on_a_card_is_smaller_than_6_pt(tmp_path: Path, stock: str) -> None:
    found = sizes(card_run(tmp_path, stock))
    assert len(found) > 400  # front and back were read, forms included
    text = "".join(ch for _, ch in found)  # without spaces
    assert "Cetakulangke-2" in text and "MANFAATPROGRAM" in text
    assert "Pindai" in text and "Berlakus.d." in text
    smallest = min(size for size, _ in found)
    small = sorted({ch for size, ch in found if size < MIN_PT - 0.01})
    assert smallest >= MIN_PT - 0.01, f"text below {MIN_PT} pt: {small} at {smallest} pt"


def test_the_check_sees_small_text(tmp_path: Path) -> None:
    """The reading is real: a 5 pt line is reported as 5 pt."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "small.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("Helvetica", 5)
    canvas.drawString(72, 72, "kecil")
    canvas.save()
    assert {size for size, _ in sizes(path)} == {5.0}
