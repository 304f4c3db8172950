import io

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A5
from tests.cards.cards_helpers import LONG_NAME, decode, rasterize, receipt

from regdesk.cards import render_receipt


def _text(data) -> tuple[str, int]:
    out = io.BytesIO()
    render_receipt(data, out)
    reader = PdfReader(out)
    page = reader.pages[0]
    assert float(page.mediabox.width) == pytest.approx(A5[0], abs=0.01)
    assert float(page.mediabox.height) == pytest.approx(A5[1], abs=0.01)
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


def test_receipt_content_without_discount():
    text, pages = _text(receipt())
    assert pages == 1
    assert "BUKAN KARTU PESERTA" in text
    assert "TANDA BUKTI PENDAFTARAN" in text
    assert "3216********0001" in text and "3216061204900001" not in text
    assert "Rp 16.800" in text and "Rp 50.400" in text
    assert "Keringanan" not in text
    assert "STM-2026-000123" in text and "Dewi Lestari" in text
    assert "No. tanda bukti: STM-2026-000123" in text  # its own number, labelled as such
    assert "Nomor referensi" not in text and "referensi" not in text.lower()
    # no instructions given: before a KPJ there is nothing to pay with (payment.json)
    assert "setelah nomor KPJ terbit" in text
    assert "No. registrasi" not in text  # HQ has not accepted it yet


def test_receipt_shows_registration_number_and_kpj_when_known():
    text, pages = _text(receipt(registration_number="10000000017", kpj="23012345678"))
    assert pages == 1
    assert "No. registrasi" in text and "10000000017" in text
    assert "No. KPJ" in text and "23012345678" in text


def test_receipt_discount_line():
    text, _ = _text(receipt(discount=25200))
    assert "Keringanan PP 50/2025" in text
    assert "-Rp 25.200" in text
    assert "Rp 50.400" in text  # before relief
    assert "Rp 25.200" in text  # total due


def test_receipt_long_name_and_custom_instructions():
    text, pages = _text(receipt(name=LONG_NAME, payment_instructions="Bayar di loket desa.\n" * 3))
    assert pages == 1
    assert "Bayar di loket desa." in text
    assert "setelah nomor KPJ terbit" not in text


def test_receipt_qr_holds_local_ref(tmp_path):
    path = tmp_path / "r.pdf"
    render_receipt(receipt(), path)
    texts = [b.text for b in decode(rasterize(path, 1, dpi=200)) if b.format.name == "QRCode"]
    assert texts == ["STM-2026-000123"]


def test_cancelled_registration_receipt_is_marked_and_asks_for_no_payment():
    """Regression: a cancelled registration's receipt looked like a live one."""
    from dataclasses import replace

    text, pages = _text(replace(receipt(), cancelled_reason="data ganda"))
    assert pages == 1
    assert text.count("DIBATALKAN") >= 2  # the status line and the stamp across the page
    assert "data ganda" in text
    assert "Cara Pembayaran" not in text  # no payment instructions on a cancelled one
    assert "setelah nomor KPJ terbit" not in text
    live, _ = _text(receipt())
    assert "DIBATALKAN" not in live


def test_receipt_shows_a_second_occupation_only_when_there_is_one():
    text, pages = _text(receipt(occupation_name="Petani / pekebun",
                                second_occupation_name="Ojek pangkalan"))
    assert pages == 1
    assert "Pekerjaan kedua" in text and "Ojek pangkalan" in text
    plain, _ = _text(receipt())
    assert "Pekerjaan kedua" not in plain
