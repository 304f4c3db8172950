import io
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from tests.cards.cards_helpers import LONG_NAME, cards, decode, kpj, payload, rasterize

from regdesk.cards import Offsets, get_stock, render_calibration, render_cards
from regdesk.cards.card import CARD_H, CARD_W, NAME_H, TEXT_W
from regdesk.cards.fonts import BOLD, register_fonts, text_width
from regdesk.cards.textfit import fit_text
from regdesk.transfer.signing import generate_private_key, public_key_of, verify_card

KEY = generate_private_key()
PUB = public_key_of(KEY)
NAMES = ("Siti Aminah", LONG_NAME, "Ŋgurah Ayu Déwi Çahyani")


@pytest.fixture(scope="module")
def sheet_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("cards") / "sheet.pdf"
    seen = []
    pages = render_cards(
        cards(12, KEY, NAMES),
        "a4-10",
        path,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert pages == 4
    assert seen == [(10, 12), (12, 12)]
    return path


def test_a4_sheet_pages_and_text(sheet_pdf):
    reader = PdfReader(sheet_pdf)
    assert len(reader.pages) == 4  # front, back, front, back
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(210 * mm, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(297 * mm, abs=0.01)
    front = reader.pages[0].extract_text()
    assert "Siti Aminah" in front
    assert "3216********0001" in front
    assert "23010000000" in front and "23010000009" in front  # the KPJ is the number
    assert "No. KPJ" in front and "No. Peserta" not in front
    assert "26040100000" not in front  # HQ's registration number is not a member number
    assert "Berlaku s.d." in front and "31 Januari 2027" in front
    assert "Cetak ulang" not in front  # first prints carry no mark
    assert "Ŋgurah Ayu Déwi Çahyani" in front
    assert "JKK · JKM · JHT" in front
    assert "23010000010" in reader.pages[2].extract_text()
    assert "MANFAAT PROGRAM" in reader.pages[1].extract_text()


def test_every_qr_and_code128_decodes_and_verifies(sheet_pdf):
    found = decode(rasterize(sheet_pdf, 1))
    qrs = [b.text for b in found if b.format.name == "QRCode"]
    bars = sorted(b.text for b in found if b.format.name == "Code128")
    assert len(qrs) == 10
    assert bars == [kpj(i) for i in range(10)]  # the barcode is the KPJ
    verified = [verify_card(text, PUB) for text in qrs]
    assert sorted(str(v.kpj) for v in verified) == bars
    assert {(v.state, v.paid_through, v.as_of) for v in verified} == {
        ("active", date(2027, 1, 31), date(2026, 12, 1))}


def test_a4_geometry_and_mirrored_backs():
    stock = get_stock("a4-10")
    stock.check()
    page_w = stock.page_w * mm
    for i in range(stock.per_page):
        x, y = stock.slot_pt(i)
        bx, by = stock.slot_pt(i, back=True)
        assert x >= 0 and x + CARD_W <= page_w + 1e-6 and y >= 0
        assert bx == pytest.approx(page_w - x - CARD_W) and by == pytest.approx(y)
    # front left column sits behind the back right column
    assert stock.slot_pt(0, back=True)[0] == pytest.approx(stock.slot_pt(1)[0])
    assert stock.slot_pt(1)[0] - stock.slot_pt(0)[0] == pytest.approx((85.6 + stock.gap_x) * mm)
    assert stock.slot_pt(0)[1] - stock.slot_pt(2)[1] == pytest.approx((54 + stock.gap_y) * mm)


def test_offsets_move_print():
    stock = get_stock("a4-10")
    x0, y0 = stock.slot_pt(0)
    x1, y1 = stock.slot_pt(0, offsets=Offsets(dx=1.5, dy=2.0))
    assert x1 - x0 == pytest.approx(1.5 * mm) and y0 - y1 == pytest.approx(2.0 * mm)


def _text_boxes(page):
    boxes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            boxes.append((text, x, y, size))

    page.extract_text(visitor_text=visit)
    return boxes


def test_long_name_stays_inside_the_card(tmp_path):
    out = io.BytesIO()
    render_cards(cards(1, KEY, (LONG_NAME + " " + LONG_NAME,)), "cr80", out)
    page = PdfReader(out).pages[0]
    assert float(page.mediabox.width) == pytest.approx(CARD_W, abs=0.01)
    assert float(page.mediabox.height) == pytest.approx(CARD_H, abs=0.01)
    boxes = _text_boxes(page)
    register_fonts()
    name_parts = [b for b in boxes if b[3] <= 9 and any(w in b[0] for w in ("Raden", "Roro"))]
    assert name_parts
    for text, x, y, size in boxes:
        width = text_width(text.rstrip("\n"), BOLD, size)  # bold is the wider face
        assert x >= 2 * mm and x + width <= CARD_W - 2 * mm, text
        assert 2 * mm <= y <= CARD_H - 2 * mm, text


@pytest.mark.parametrize("n", [20, 60, 61, 90, 200])
def test_name_fit_by_construction(n):
    register_fonts()
    name = ("Muhammad Abdurrahman " * 20)[:n]
    size, lines = fit_text(name, BOLD, TEXT_W, 9.0, 6.0, 3, height=NAME_H, leading=1.2)
    assert 6.0 <= size <= 9.0
    assert all(text_width(line, BOLD, size) <= TEXT_W + 1e-6 for line in lines)
    assert len(lines) * size * 1.2 <= NAME_H + 1e-6
    if n <= 90:
        assert " ".join(lines).replace("…", "") == " ".join(name.split())


def test_cr80_pages_and_decoding(tmp_path):
    path = tmp_path / "cr80.pdf"
    assert render_cards(cards(2, KEY), "cr80", path) == 4
    found = decode(rasterize(path, 3))
    qr = [b.text for b in found if b.format.name == "QRCode"]
    assert len(qr) == 1 and verify_card(qr[0], PUB).kpj == kpj(1)


def test_no_cards_is_an_error(tmp_path):
    with pytest.raises(ValueError):
        render_cards([], "a4-10", tmp_path / "x.pdf")
    with pytest.raises(ValueError):
        get_stock("a3-99")


@pytest.mark.parametrize("stock", ["a4-10", "cr80"])
def test_calibration_pages(stock):
    out = io.BytesIO()
    render_calibration(stock, out, Offsets(dx=1.0, dy=-0.5))
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    st = get_stock(stock)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(st.page_w * mm, abs=0.01)
    assert "dx = +1.0 mm" in reader.pages[0].extract_text()


def test_a_reprint_is_marked_with_its_number(tmp_path):
    out = io.BytesIO()
    render_cards(cards(1, KEY, print_number=3), "cr80", out)
    front = PdfReader(out).pages[0].extract_text()
    assert "Cetak ulang ke-2" in front  # the third card of a member is its second reprint


def test_without_payment_the_card_says_so(tmp_path):
    from dataclasses import replace

    from regdesk.cards import MemberCardData
    from regdesk.transfer.signing import sign_card

    p = replace(cards(1, KEY)[0].payload, state="waiting_for_payment", paid_through=None)
    out = io.BytesIO()
    render_cards([MemberCardData(p, sign_card(p, KEY))], "cr80", out)
    front = PdfReader(out).pages[0].extract_text()
    assert "Menunggu pembayaran" in front and "Berlaku s.d." in front


def test_a_card_without_kpj_cannot_be_drawn():
    from regdesk.cards import MemberCardData
    from regdesk.transfer.signing import sign_card

    with pytest.raises(ValueError, match="KPJ"):
        MemberCardData(payload(), sign_card(payload(), KEY))
