"""From registered to covered and back, through a real HQ on 127.0.0.1: the desk registers and
syncs; HQ imports BPJS Ketenagakerjaan's members file (KPJ) and payments file; the desk pulls,
shows Aktif and prints the member card with the KPJ (PDF parsed back, QR decoded and
verified); with HQ's and the desk's day moved past paid-through plus the grace months, both
read Tidak aktif."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import time_machine
from pypdf import PdfReader
from tests.cards.cards_helpers import decode, rasterize
from tests.clock import instant
from tests.factories import valid_registration_data
from tests.sync.conftest import SETIAMEKAR, hq, make_desk  # noqa: F401 (fixtures)

from regdesk.cli import main as desk_main
from regdesk.domain.registration import registration_from_dict
from regdesk.hq.changes import changes_since
from regdesk.hq.cli import main as hq_main
from regdesk.sync.service import engine_for
from regdesk.transfer.signing import verify_card

KPJ = "23010000042"


def _csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def _sync(store) -> None:
    engine = engine_for(store)
    try:
        assert engine.run_once().all_synced
    finally:
        engine.client.close()


def _show(capsys, store, ref: str) -> dict:
    assert desk_main(["--db", str(store.path), "--json", "show", ref]) == 0
    return json.loads(capsys.readouterr().out)


def test_registered_synced_imported_active_card_then_lapsed(hq, make_desk, tmp_path,  # noqa: F811
                                                           capsys) -> None:
    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    reg, _ = registration_from_dict(valid_registration_data())
    view = desk.store.add(reg, user=desk.admin)
    _sync(desk.store)
    assert _show(capsys, desk.store, view.local_ref)["state"] == "waiting_for_kpj"

    members = _csv(tmp_path / "peserta.csv", [["NIK", "No KPJ"], [reg.nik, KPJ]])
    assert hq_main(["--db", hq.db_url, "import-members", str(members)]) == 0
    capsys.readouterr()
    # Nov 2026 – Jan 2027 (PP 50/2025 for November and December: 8.400, January 16.800)
    payments = _csv(tmp_path / "iuran.csv", [
        ["KPJ", "Bulan Awal", "Bulan Akhir", "Jumlah Iuran", "Kanal", "Referensi",
         "Tanggal Bayar"],
        [KPJ, "2026-11", "2027-01", "33600", "Kantor Pos", "KP-77", "25-11-2026"]])
    assert hq_main(["--db", hq.db_url, "import-payments", str(payments), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["applied"], summary["warnings"], summary["errors"]) == (1, 0, 0)

    _sync(desk.store)
    shown = _show(capsys, desk.store, view.local_ref)
    assert (shown["state"], shown["kpj"], shown["paid_through"]) == ("active", KPJ,
                                                                     "2027-01-31")
    assert shown["state_text"] == "Aktif s.d. Januari 2027"

    card = tmp_path / "kartu.pdf"
    assert desk_main(["--db", str(desk.store.path), "print", "cards", "--ref", view.local_ref,
                      "-o", str(card)]) == 0
    capsys.readouterr()
    text = "\n".join(p.extract_text() for p in PdfReader(card).pages)
    assert KPJ in text and "Berlaku s.d." in text and "31 Januari 2027" in text
    codes = decode(rasterize(card, 1, dpi=300))
    (qr,) = [c.text for c in codes if c.format.name == "QRCode"]
    payload = verify_card(qr, hq.runtime.public_key)
    assert (payload.kpj, payload.state, str(payload.paid_through)) == (KPJ, "active",
                                                                       "2027-01-31")

    # February, March and April unpaid; by 20 April 2027 four due days have passed
    with time_machine.travel(instant("2027-04-20T10:00"), tick=True):
        _sync(desk.store)
        lapsed = _show(capsys, desk.store, view.local_ref)
        assert (lapsed["state"], lapsed["paid_through"]) == ("inactive", "2027-01-31")
        assert lapsed["state_text"].startswith("Tidak aktif")
        seq = int(hq.scalar("SELECT seq FROM hq_membership"))
        device = str(hq.scalar("SELECT id FROM hq_device"))
        page = changes_since(hq.runtime.engine, village_code=SETIAMEKAR, device_id=device,
                             since=seq - 1, limit=10, feed=hq.runtime.membership_feed())
        (hq_view,) = [c for c in page["changes"] if c["kind"] == "membership"]
        assert (hq_view["state"], hq_view["as_of"]) == ("inactive", "2027-04-20")
        assert verify_card(hq_view["card_qr"], hq.runtime.public_key).state == "inactive"
