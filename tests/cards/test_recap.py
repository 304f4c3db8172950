import io
import re
from datetime import date, datetime

from pypdf import PdfReader
from tests.cards.cards_helpers import LONG_NAME

from regdesk.cards import CountLine, FundingLine, RecapData, RecapRow, render_recap
from regdesk.i18n.formats import rupiah


def _data(n: int) -> RecapData:
    rows = tuple(
        RecapRow(
            date(2026, 4, 1 + i % 28),
            f"STM-2026-{i:06d}",
            LONG_NAME if i == 3 else f"Warga {i}",
            f"321606120490{i + 1:04d}",
            "Petani" if i % 2 else "Ojek pangkalan",
            ("JKK", "JKM"),
            "APBDes" if i % 3 else "Mandiri",
            "Aktif",
            16800 if i % 2 else 8400,
        )
        for i in range(n)
    )
    occ = (
        CountLine("Petani", sum(1 for r in rows if r.occupation == "Petani")),
        CountLine("Ojek pangkalan", sum(1 for r in rows if r.occupation != "Petani")),
    )
    fund = (
        FundingLine(
            "APBDes",
            "Dana Desa 2026, DPA 12/2026",
            sum(1 for r in rows if r.funding == "APBDes"),
            sum(r.monthly_contribution for r in rows if r.funding == "APBDes"),
        ),
        FundingLine(
            "Mandiri",
            "",
            sum(1 for r in rows if r.funding == "Mandiri"),
            sum(r.monthly_contribution for r in rows if r.funding == "Mandiri"),
        ),
    )
    return RecapData(
        "Setiamekar",
        "32.16.06.2006",
        "Tambun Selatan",
        "April 2026",
        rows,
        occ,
        fund,
        (CountLine("Aktif", n),),
        datetime(2026, 4, 30, 16, 0),
        "Dewi Lestari",
    )


def test_recap_totals_match_input():
    data = _data(45)
    out = io.BytesIO()
    render_recap(data, out)
    reader = PdfReader(out)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) >= 2  # long table continues
    assert f"Jumlah: {len(data.rows)} orang" in text
    expected = sum(r.monthly_contribution for r in data.rows)
    assert data.total_monthly == expected == data.total_funded_monthly
    assert rupiah(expected) in text
    assert data.total_by_occupation == len(data.rows) == data.total_funded_count
    assert "Kepala Desa" in text and "Petugas" in text
    assert "Dewi Lestari" in text
    assert not re.search(r"\d{16}", text.replace("\n", " "))  # every NIK masked
    assert "3216********0001" in text
    assert "Warga 44" in text


def _text_boxes(pdf: bytes) -> dict[int, list[tuple[float, float, float, float, str]]]:
    """Each page's text runs as boxes (x0, y0, x1, y1, text), from the text matrix and the
    font's own widths (pypdf's visitor)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from regdesk.cards.fonts import BOLD, REGULAR, register_fonts

    register_fonts()
    boxes: dict[int, list[tuple[float, float, float, float, str]]] = {}
    reader = PdfReader(io.BytesIO(pdf))
    for number, page in enumerate(reader.pages):
        found: list[tuple[float, float, float, float, str]] = []

        def visit(text, cm, tm, font, size, found=found):  # type: ignore[no-untyped-def]
            if not text.strip():
                return
            name = BOLD if font and "Bold" in str(font.get("/BaseFont", "")) else REGULAR
            height = size * tm[3]
            x, y = tm[4] + cm[4], tm[5] + cm[5]
            found.append((x, y - 0.2 * height, x + stringWidth(text, name, height),
                          y + 0.75 * height, text))

        page.extract_text(visitor_text=visit)
        boxes[number] = found
    return boxes


def test_recap_text_boxes_never_overlap_with_long_names_and_references() -> None:
    rows = tuple(
        RecapRow(date(2026, 4, 2), "3216062006-00000110000000017" + "9" * (i % 3),
                 LONG_NAME + " Binti Abdurrahman Wahid" * (i % 2), f"321606120490{i:04d}",
                 "Pengemudi ojek daring dan kurir paket antar kota", ("JKK", "JKM", "JHT"),
                 "APBDes (Dana Desa 2026)", "Menunggu sinkron", 1_234_567,
                 "3216062006-000001100000000170")
        for i in range(60))
    data = RecapData("Setiamekar", "32.16.06.2006", "Tambun Selatan", "April 2026", rows,
                     (CountLine("Pengemudi ojek daring", 60, 60 * 1_234_567),),
                     (FundingLine("APBDes", "Dana Desa 2026", 60, 60 * 1_234_567),),
                     (CountLine("Menunggu sinkron", 60, 60 * 1_234_567),),
                     datetime(2026, 4, 30, 16, 0), "Dewi Lestari")
    out = io.BytesIO()
    render_recap(data, out)
    pages = _text_boxes(out.getvalue())
    listing = [b for n, found in pages.items() if n >= 1 for b in found]
    assert sum(b[4].startswith("3216062006") for b in listing) >= 120  # refs, numbers
    for n, found in pages.items():
        if n == 0:
            continue  # the summary form is drawn by ReportLab's own tables
        for i, a in enumerate(found):
            for b in found[i + 1:]:
                overlap = (min(a[2], b[2]) - max(a[0], b[0]) > 0.3
                           and min(a[3], b[3]) - max(a[1], b[1]) > 0.3)
                assert not overlap, f"page {n + 1}: {a[4]!r} overlaps {b[4]!r}"
