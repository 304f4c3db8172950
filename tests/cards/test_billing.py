"""The sponsor programme's billing list (PDF, parsed back): Indonesian whatever the screen
speaks, every row and the total on paper, page numbers, one sentence when nobody is funded."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from regdesk import i18n
from regdesk.cards.billing import BillingSheetData, BillingSheetRow, render_billing_list


@pytest.fixture
def english_screen() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("id")


def _text(data: BillingSheetData) -> tuple[int, str]:
    out = io.BytesIO()
    render_billing_list(data, out)
    reader = PdfReader(out)
    return len(reader.pages), re.sub(r"\s+", " ", " ".join(p.extract_text()
                                                           for p in reader.pages))


def _data(rows: int) -> BillingSheetData:
    return BillingSheetData(
        "Pemdes Setiamekar", "Dana Desa", "DPA 412/7 / 2026", "Desember 2026",
        tuple(BillingSheetRow(f"3216{i:07d}", f"Peserta {i}", f"3216********{i:04d}",
                              "Setiamekar", "November 2026 s.d. Januari 2027", "Rp 8.400")
              for i in range(1, rows + 1)), f"Rp {8_400 * rows:,}".replace(",", "."))


def test_every_row_and_the_total_over_several_pages(english_screen: None) -> None:
    pages, text = _text(_data(80))
    assert pages >= 2 and "Halaman 2" in text
    assert "Daftar Tagihan Iuran Program Sponsor — Desember 2026" in text
    assert "Peserta 80" in text and "3216********0080" in text
    assert "Jumlah: 80 orang" in text and "Rp 672.000" in text


def test_nobody_funded_is_one_sentence() -> None:
    _, text = _text(_data(0))
    assert "Tidak ada peserta yang dibiayai program ini pada Desember 2026." in text
