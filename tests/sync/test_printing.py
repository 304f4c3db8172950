"""Printing from the desk's data: receipt before sync, cards after HQ accepted, recap totals,
card verification offline — real PDFs parsed back and QR codes decoded."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader
from tests.cards.cards_helpers import decode, rasterize
from tests.factories import valid_registration_data
from tests.sync.conftest import SETIAMEKAR

from regdesk.cli import main
from regdesk.domain.registration import registration_from_dict
from regdesk.sync.service import engine_for


def cli(capsys, desk, *argv):
    code = main(["--db", str(desk.store.path), "--json", *argv])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


@pytest.fixture
def synced_desk(hq, make_desk):
    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    reg, _ = registration_from_dict(valid_registration_data(period_months=6, jht=True))
    desk.siti = desk.store.add(reg, user=desk.admin)
    desk.add_demo(12)
    engine = engine_for(desk.store)
    assert engine.run_once().all_synced
    engine.client.close()
    return desk


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_receipt_prints_before_any_sync(make_desk, tmp_path, capsys) -> None:
    desk = make_desk()
    reg, _ = registration_from_dict(valid_registration_data(period_months=6, jht=True))
    view = desk.store.add(reg, user=desk.admin)
    out = tmp_path / "receipt.pdf"
    code, data = cli(capsys, desk, "print", "receipt", view.local_ref, "-o", str(out))
    assert code == 0 and data["local_ref"] == view.local_ref
    text = pdf_text(out)
    assert "Siti Nurjanah" in text and "3216********0001" in text
    assert "3216064508900001" not in text  # never the full NIK on paper
    assert "BUKAN KARTU PESERTA" in text
    # 6 months from Nov 2026, non-transport, JHT 20.000: 2 months at 28.400 + 4 at 36.800
    assert "Rp 204.000" in text and "Keringanan PP 50/2025" in text
    [qr] = [b for b in decode(rasterize(out, 1)) if b.format.name == "QRCode"]
    assert qr.text == view.local_ref
    trail = [a.action for a in desk.store.audit_trail(view.uuid)]
    assert trail[-1] == "print.receipt"


def test_cards_only_for_accepted_and_their_qr_verifies(synced_desk, tmp_path, capsys) -> None:
    out = tmp_path / "cards.pdf"
    code, data = cli(capsys, synced_desk, "print", "cards", "--all-ready", "--stock", "a4-10",
                     "-o", str(out))
    assert code == 0 and data["cards"] == 13
    with synced_desk.store.read() as session:
        audited = session.connection().exec_driver_sql(
            "SELECT count(DISTINCT entity_id) FROM audit WHERE action = 'print.card'").scalar()
    assert audited == 13  # every card printed is in the audit log
    codes = decode(rasterize(out, 1, dpi=300))
    qrs = [c.text for c in codes if c.format.name == "QRCode"]
    barcodes = [c.text for c in codes if c.format.name == "Code128"]
    assert len(qrs) == 10 and len(barcodes) == 10
    for text in qrs:
        code, verdict = cli(capsys, synced_desk, "verify-card", text)
        assert code == 0 and verdict["valid"] is True
        assert verdict["member_number"] in barcodes
    tampered = qrs[0][:-3] + ("AAA" if not qrs[0].endswith("AAA") else "BBB")
    code, verdict = cli(capsys, synced_desk, "verify-card", tampered)
    assert code == 1 and verdict == {"valid": False}


def test_card_for_unsynced_registration_is_refused(make_desk, hq, tmp_path, capsys) -> None:
    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    reg, _ = registration_from_dict(valid_registration_data())
    view = desk.store.add(reg, user=desk.admin)
    code = main(["--db", str(desk.store.path), "print", "cards", "--ref", view.local_ref,
                 "-o", str(tmp_path / "x.pdf")])
    assert code == 1
    assert "belum diterima HQ" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_recap_totals_equal_the_database(synced_desk, tmp_path, capsys) -> None:
    from regdesk.domain.validation import fee_quote_for

    month = synced_desk.store.clock().astimezone().strftime("%Y-%m")
    out = tmp_path / "recap.pdf"
    code, data = cli(capsys, synced_desk, "print", "recap", "--month", month, "-o", str(out))
    store = synced_desk.store
    rows = store.search("", limit=100).rows
    expected = sum(
        fee_quote_for(store.get(r.uuid).registration, today=r.created_at.date(),
                      ctx=store.context()).first_month
        for r in rows)
    assert code == 0 and data["rows"] == len(rows) == 13
    assert data["monthly_total"] == expected
    text = pdf_text(out)
    assert "3216********0001" in text and "3216064508900001" not in text
    assert "Kepala Desa" in text


def test_printer_calibration_is_saved_and_applied(synced_desk, tmp_path, capsys) -> None:
    calibration = tmp_path / "cal.pdf"
    code, data = cli(capsys, synced_desk, "print", "calibration", "--stock", "cr80",
                     "--printer", "Epson L3110", "--dx", "1.5", "--dy", "-0.5",
                     "-o", str(calibration))
    assert code == 0 and data["offsets"] == {"dx": 1.5, "dy": -0.5, "back_dx": None,
                                             "back_dy": None}
    plain, shifted = tmp_path / "plain.pdf", tmp_path / "shifted.pdf"
    cli(capsys, synced_desk, "print", "cards", "--all-ready", "--stock", "cr80", "-o",
        str(plain))
    cli(capsys, synced_desk, "print", "cards", "--all-ready", "--stock", "cr80",
        "--printer", "Epson L3110", "-o", str(shifted))

    def ink_left_px(path) -> int:
        from PIL import Image, ImageOps

        with Image.open(rasterize(path, 1, dpi=300)) as page:
            return ImageOps.invert(page.convert("L")).getbbox()[0]

    moved = ink_left_px(shifted) - ink_left_px(plain)
    assert abs(moved - 1.5 / 25.4 * 300) <= 2  # 1.5 mm to the right, at 300 dpi
