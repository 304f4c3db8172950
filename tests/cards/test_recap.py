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
