"""Shared builders and PDF/raster helpers for the printing tests."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from regdesk.cards import MemberCardData, ReceiptData
from regdesk.domain.cardpayload import CardPayload
from regdesk.transfer.signing import sign_card

LONG_NAME = "Raden Roro Siti Nurjanah Kusumawardhani Puspitasari binti Haji Abdurrahman Wahid"
assert len(LONG_NAME) > 60


def payload(i: int = 0, name: str = "Siti Aminah") -> CardPayload:
    return CardPayload(
        member_number=f"{26040100000 + i:011d}",
        name=name,
        nik_masked="3216********0001",
        programmes=("JKK", "JKM", "JHT"),
        village_code="32.16.06.2006",
        village_name="Setiamekar",
        registered_on=date(2026, 4, 1),
        valid_from=date(2026, 4, 2),
    )


def kpj(i: int = 0) -> str:
    return f"{23010000000 + i:011d}"


def member_payload(i: int = 0, name: str = "Siti Aminah") -> CardPayload:
    """Version 2: what HQ signs once BPJS Ketenagakerjaan issued the KPJ."""
    return replace(payload(i, name), kpj=kpj(i), state="active",
                   paid_through=date(2027, 1, 31), as_of=date(2026, 12, 1))


def cards(n: int, key: bytes, names: tuple[str, ...] = ("Siti Aminah",), *,
          print_number: int = 1) -> list[MemberCardData]:
    out = []
    for i in range(n):
        p = member_payload(i, names[i % len(names)])
        out.append(MemberCardData(p, sign_card(p, key), paid_through=p.paid_through,
                                  print_number=print_number))
    return out


def receipt(discount: int = 0, **kw: object) -> ReceiptData:
    base = dict(
        local_ref="STM-2026-000123",
        name="Budi Hartono",
        nik="3216061204900001",
        birth_date=date(1990, 4, 12),
        village_name="Setiamekar",
        kecamatan_name="Tambun Selatan",
        occupation_name="Ojek pangkalan",
        programmes=("JKK", "JKM"),
        monthly_contribution=16800,
        period_months=3,
        period_total=50400 - discount,
        discount_total=discount,
        funding_label="Mandiri",
        clerk_name="Dewi Lestari",
        registered_at=datetime(2026, 4, 2, 9, 30),
        payment_instructions="",
    )
    base.update(kw)
    return ReceiptData(**base)  # type: ignore[arg-type]


def rasterize(pdf: Path, page: int, dpi: int = 300) -> Path:
    """PNG of one page via pdftoppm (skips the test when poppler is missing)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) not installed")
    prefix = pdf.with_name(f"{pdf.stem}-p{page}")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-png",
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    return prefix.with_suffix(".png")


def decode(png: Path) -> list:
    zxingcpp = pytest.importorskip("zxingcpp")
    image_mod = pytest.importorskip("PIL.Image")
    with image_mod.open(png) as img:
        return list(zxingcpp.read_barcodes(img.convert("L")))
