"""Printing from the desk's data: receipt before sync, cards for members (a KPJ) after HQ
accepted, reprints, recap totals, card verification offline — real PDFs parsed back and QR
codes decoded. The membership (KPJ, payments, HQ's member QR) arrives as the pulled change HQ
sends, signed with the real HQ's key."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader
from tests.cards.cards_helpers import decode, rasterize
from tests.factories import valid_registration_data
from tests.services.members import make_member
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


def kpj(i: int) -> str:
    return f"{23010000000 + i:011d}"


@pytest.fixture
def member_desk(synced_desk, hq):
    """Every synced registration made a member by HQ (KPJ, paid Nov 2026 – Jan 2027)."""
    store = synced_desk.store
    views = store.ready_for_cards()
    for i, view in enumerate(views):
        make_member(store, view, hq.runtime.signing_key, seq=1000 + i, kpj=kpj(i),
                    as_of=store.clock().astimezone().date())
    synced_desk.kpjs = {view.uuid: kpj(i) for i, view in enumerate(views)}
    return synced_desk


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
    assert "setelah nomor KPJ terbit" in text  # nothing to pay with yet (payment.json)
    # 6 months from Nov 2026, non-transport, JHT 20.000: 2 months at 28.400 + 4 at 36.800
    assert "Rp 204.000" in text and "Keringanan PP 50/2025" in text
    [qr] = [b for b in decode(rasterize(out, 1)) if b.format.name == "QRCode"]
    assert qr.text == view.local_ref
    trail = [a.action for a in desk.store.audit_trail(view.uuid)]
    assert trail[-1] == "print.receipt"


def test_no_cards_for_accepted_registrations_without_kpj(synced_desk, tmp_path,
                                                         capsys) -> None:
    out = tmp_path / "cards.pdf"
    code = main(["--db", str(synced_desk.store.path), "print", "cards", "--all-ready",
                 "-o", str(out)])
    assert code == 1 and not out.exists()
    capsys.readouterr()
    code = main(["--db", str(synced_desk.store.path), "print", "cards", "--ref",
                 synced_desk.siti.local_ref, "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert "dicetak setelah KPJ terbit; berikan tanda terima pendaftaran" in err
    assert len(err.strip().splitlines()) == 1  # one line, no traceback


def test_member_cards_and_their_qr_verifies(member_desk, tmp_path, capsys) -> None:
    out = tmp_path / "cards.pdf"
    code, data = cli(capsys, member_desk, "print", "cards", "--all-ready", "--stock", "a4-10",
                     "-o", str(out))
    assert code == 0 and data["cards"] == 13
    with member_desk.store.read() as session:
        audited = session.connection().exec_driver_sql(
            "SELECT count(DISTINCT entity_id) FROM audit WHERE action = 'card.print'").scalar()
    assert audited == 13  # every card printed is in the audit log
    text = pdf_text(out)
    assert "No. KPJ" in text and "Berlaku s.d." in text and "31 Januari 2027" in text
    assert "Cetak ulang" not in text
    codes = decode(rasterize(out, 1, dpi=300))
    qrs = [c.text for c in codes if c.format.name == "QRCode"]
    barcodes = [c.text for c in codes if c.format.name == "Code128"]
    assert len(qrs) == 10 and len(barcodes) == 10
    assert set(barcodes) <= set(member_desk.kpjs.values())  # the barcode is the KPJ
    for qr in qrs:
        code, verdict = cli(capsys, member_desk, "verify-card", qr)
        assert code == 0 and verdict["valid"] is True
        assert verdict["kpj"] in barcodes and verdict["state"] == "active"
        assert verdict["paid_through"] == "2027-01-31"
        assert verdict["as_of"] == member_desk.store.clock().astimezone().date().isoformat()
        assert verdict["state_text"] == "Aktif s.d. Januari 2027"
    tampered = qrs[0][:-3] + ("AAA" if not qrs[0].endswith("AAA") else "BBB")
    code, verdict = cli(capsys, member_desk, "verify-card", tampered)
    assert code == 1 and verdict == {"valid": False}


def test_verify_card_says_the_data_is_as_of_its_day(member_desk, capsys) -> None:
    from regdesk.i18n.formats import long_day

    store = member_desk.store
    qr = store.membership(member_desk.siti.uuid).card_qr
    code = main(["--db", str(store.path), "--lang", "id", "verify-card", qr])
    line = capsys.readouterr().out.strip()
    day = long_day(store.clock().astimezone().date(), "id")
    assert code == 0 and line.startswith("SAH: Siti Nurjanah, KPJ ")
    assert "Aktif s.d. Januari 2027" in line and f"Data per {day}" in line
    old = store.get(member_desk.siti.uuid).card_qr  # a card printed before KPJs
    main(["--db", str(store.path), "--lang", "id", "verify-card", old])
    assert "no. registrasi" in capsys.readouterr().out


def test_a_reprint_is_counted_and_marked(member_desk, tmp_path, capsys) -> None:
    ref = member_desk.siti.local_ref
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    for out in (first, second):
        code, data = cli(capsys, member_desk, "print", "cards", "--ref", ref, "--stock", "cr80",
                         "-o", str(out))
        assert code == 0 and data["cards"] == 1
    assert "Cetak ulang" not in pdf_text(first)
    assert "Cetak ulang ke-1" in pdf_text(second)
    trail = [a for a in member_desk.store.audit_trail(ref) if a.action == "card.print"]
    assert len(trail) == 2
    assert member_desk.store.membership(member_desk.siti.uuid).card_prints == 2


def test_receipt_after_kpj_says_pay_with_it(member_desk, tmp_path, capsys) -> None:
    out = tmp_path / "r.pdf"
    siti = member_desk.siti
    code, _ = cli(capsys, member_desk, "print", "receipt", siti.local_ref, "-o", str(out))
    text = " ".join(pdf_text(out).split())
    kpj_of_siti = member_desk.kpjs[siti.uuid]
    assert code == 0 and f"Bayar iuran dengan nomor KPJ {kpj_of_siti} melalui:" in text
    assert "No. registrasi" in text and member_desk.store.get(siti.uuid).member_number in text


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


def test_printer_calibration_is_saved_and_applied(member_desk, tmp_path, capsys) -> None:
    synced_desk = member_desk
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


def test_printer_scale_is_saved_and_named_on_the_page(make_desk, tmp_path, capsys) -> None:
    desk = make_desk()
    page = tmp_path / "cal.pdf"
    code, data = cli(capsys, desk, "print", "calibration", "--printer", "Epson L3110",
                     "--scale", "101", "-o", str(page))
    assert code == 0 and data["scale_percent"] == 101.0
    from regdesk.services.printouts import printer_scale

    assert printer_scale(desk.store, "Epson L3110") == pytest.approx(1.01)
    assert printer_scale(desk.store, "Canon") == 1.0  # never calibrated: true size
    text = PdfReader(page).pages[0].extract_text().replace("\n", " ")
    assert "100 mm" in text and "101.0%" in text

    for argv, rule, exit_code in (
            (("--printer", "Epson L3110", "--scale", "130"), "90% dan 110%", 1),  # the rule
            (("--scale", "101"), "--printer", 2)):  # a usage mistake
        code = main(["--db", str(desk.store.path), "--lang", "id", "print", "calibration",
                     *argv, "-o", str(tmp_path / "x.pdf")])
        err = capsys.readouterr().err
        assert code == exit_code and rule in err and len(err.strip().splitlines()) == 1, err
    assert printer_scale(desk.store, "Epson L3110") == pytest.approx(1.01)  # unchanged
