"""The QR as a 1-bit inline image: it decodes with a real decoder at 300 and 200 dpi, to
exactly the signed text, and sits where the path of runs used to (same size on paper)."""

import re

import pytest
from pypdf import PdfReader
from tests.cards.cards_helpers import cards, decode, rasterize, receipt

from regdesk.cards import render_cards, render_receipt
from regdesk.cards.qr import QUIET_MODULES, draw_qr, draw_qr_runs, packed_hex, qr_matrix
from regdesk.transfer.signing import generate_private_key, public_key_of, verify_card

KEY = generate_private_key()
NAMES = ("Siti Aminah", "Ŋgurah Ayu Déwi Çahyani", "Raden Roro Siti Nurjanah Kusumawardhani")


class _Recorder:
    def __init__(self) -> None:
        self.code: list[str] = []

    def addLiteral(self, s: str) -> None:
        self.code.append(s)


def _unpack(hexdata: str, n: int) -> list[bytes]:
    data = bytes.fromhex(hexdata)
    width = (n + 7) // 8
    rows = []
    for r in range(n):
        bits = "".join(f"{b:08b}" for b in data[r * width:(r + 1) * width])[:n]
        rows.append(bytes(int(c) for c in bits))
    return rows


@pytest.mark.parametrize("text", ["STM-2026-000123", "RD1." + "A" * 72 + "." + "b" * 86, "Désa"])
def test_image_bits_are_the_matrix(text):
    matrix = qr_matrix(text)
    assert _unpack(packed_hex(matrix), len(matrix)) == matrix


def test_image_covers_exactly_the_runs_square():
    """The image's unit square is mapped onto the same modules the path of runs filled."""
    text = "STM-2026-000123"
    n = len(qr_matrix(text))
    image, runs = _Recorder(), _Recorder()
    draw_qr(image, text, 100.0, 200.0, 73.7)
    draw_qr_runs(runs, text, 100.0, 200.0, 73.7)
    a, b, c, d, e, f = map(float, image.code[0].split("\n")[0].split()[3:9])
    module, _, _, _, rx, ry = map(float, runs.code[0].split("\n")[0].split()[3:9])
    assert module == pytest.approx(73.7 / (n + 2 * QUIET_MODULES), abs=1e-5)
    assert (b, c) == (0, 0) and a == d == pytest.approx(n * module, abs=1e-4)
    assert (e, f) == (rx, ry) == (pytest.approx(100 + 4 * module, abs=1e-3),
                                  pytest.approx(200 + 4 * module, abs=1e-3))
    head = image.code[0].split("\n")[1]
    assert f"/W {n} /H {n} /IM true" in head and "/I false" in head and "/F /AHx" in head


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    path = tmp_path_factory.mktemp("qrimage") / "sheet.pdf"
    batch = cards(10, KEY, NAMES)
    assert render_cards(batch, "a4-10", path) == 2
    return path, batch


def test_sheet_draws_inline_images_not_paths(sheet):
    path, _ = sheet
    content = PdfReader(path).pages[0].get_contents().get_data()
    assert len(re.findall(rb"\bBI /W \d+ /H \d+ /IM true", content)) == 10


@pytest.mark.parametrize("dpi", [300, 200])
def test_every_qr_on_a_card_sheet_decodes_to_the_signed_text(sheet, dpi):
    path, batch = sheet
    found = [b.text for b in decode(rasterize(path, 1, dpi=dpi)) if b.format.name == "QRCode"]
    assert sorted(found) == sorted(card.qr_text for card in batch)
    pub = public_key_of(KEY)
    assert sorted(verify_card(t, pub).kpj for t in found) == sorted(c.payload.kpj for c in batch)


@pytest.mark.parametrize("dpi", [300, 200])
def test_receipt_qr_decodes(tmp_path, dpi):
    path = tmp_path / f"r{dpi}.pdf"
    render_receipt(receipt(), path)
    found = [b.text for b in decode(rasterize(path, 1, dpi=dpi)) if b.format.name == "QRCode"]
    assert found == ["STM-2026-000123"]
