"""Offline transfer end to end: desk → bundle → ``regdesk-hq import-bundle`` → receipt → desk."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

from tests.sync.conftest import CIBENING, SETIAMEKAR
from tests.transfer.conftest import desk_rows, hq_counts, run, run_hq

from regdesk.hq import devices
from regdesk.hq.bundles import import_bundle
from regdesk.hq.keys import load_encryption_key
from regdesk.sync.credentials import load_token
from regdesk.transfer.bundle import build_bundle, read_bundle
from regdesk.transfer.crypto import x25519_public_of


def export(capsys, desk, path: Path) -> dict:
    code, out, err = run(capsys, "--db", desk.store.path, "--json", "transfer", "export",
                         "-o", path)
    assert code == 0, err
    return json.loads(out)


def desk_state(desk) -> list[tuple]:
    return (desk_rows(desk, "SELECT uuid, status, member_number, card_qr, hq_answer "
                            "FROM registration ORDER BY uuid")
            + desk_rows(desk, "SELECT id, state, batch_id FROM outbox ORDER BY id")
            # every CLI call signs in, and that is audited; the data's own audit must not move
            + desk_rows(desk, "SELECT count(*) FROM audit WHERE action NOT LIKE 'user.signin%'"))


def test_round_trip_through_the_command_lines(hq, desk, capsys, tmp_path) -> None:
    bundle, receipt = tmp_path / "usb" / "desa.bundle", tmp_path / "usb" / "desa.receipt"
    bundle.parent.mkdir()
    assert export(capsys, desk, bundle) == {"batches": 1, "records": 5, "file": str(bundle)}
    assert desk_rows(desk, "SELECT DISTINCT state FROM outbox") == [("in_flight",)]
    assert not list(bundle.parent.glob(".*.tmp"))
    assert sys.platform == "win32" or stat.S_IMODE(bundle.stat().st_mode) == 0o600
    (audited,) = desk_rows(desk, "SELECT detail FROM audit WHERE action = 'export.personal_data'")
    assert json.loads(audited[0]) == {"kind": "transfer_bundle", "format": "bundle", "rows": 5,
                                      "nik": "full", "file": "desa.bundle", "encrypted": True,
                                      "batches": 1}  # encrypted to HQ: audited, not asked
    niks = [n for (n,) in desk_rows(desk, "SELECT nik FROM registration")]
    assert len(niks) == 5 and not any(n.encode() in bundle.read_bytes() for n in niks)

    code, out, err = run_hq(capsys, "--db", hq.db_url, "import-bundle", bundle, "-o", receipt)
    assert code == 0, err
    assert "1 batch(es)" in out and "5 accepted" in out
    assert hq_counts(hq)[:2] == (5, 5)

    code, out, err = run(capsys, "--db", desk.store.path, "--json", "transfer",
                         "import-receipt", receipt)
    assert code == 0, err
    assert json.loads(out) == {"batches": 1, "applied": 5, "outcomes": {"accepted": 5},
                               "pending": 0}
    rows = desk_rows(desk, "SELECT status, member_number, card_qr FROM registration")
    assert len(rows) == 5 and all(s == "synced" and m and c for s, m, c in rows)
    members = {r[0] for r in hq.rows("SELECT registration_number FROM hq_member")}
    assert {m for _, m, _ in rows} == members


def test_default_receipt_name_and_text_output(hq, desk, capsys, tmp_path) -> None:
    bundle = tmp_path / "desa.bundle"
    code, out, _ = run(capsys, "--db", desk.store.path, "--lang", "en", "transfer", "export",
                       "-o", bundle)
    assert code == 0 and "5 registration(s) in 1 batch(es)" in out
    assert run_hq(capsys, "--db", hq.db_url, "import-bundle", bundle)[0] == 0
    assert (tmp_path / "desa.receipt.json").exists()


def test_nothing_pending_writes_no_file(hq, make_desk, capsys, tmp_path) -> None:
    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    assert export(capsys, desk, tmp_path / "b") == {"batches": 0, "records": 0, "file": None}
    assert not (tmp_path / "b").exists()


def test_same_bundle_twice_gives_the_same_receipt_and_changes_nothing(hq, desk, capsys,
                                                                      tmp_path) -> None:
    bundle = tmp_path / "b"
    export(capsys, desk, bundle)
    first = import_bundle(hq.runtime, bundle, tmp_path / "r1")
    counts = hq_counts(hq)
    seq = hq.scalar("SELECT value FROM hq_counter WHERE name = 'seq'")
    second = import_bundle(hq.runtime, bundle, tmp_path / "r2")
    assert (tmp_path / "r1").read_bytes() == (tmp_path / "r2").read_bytes()
    assert first.outcomes == second.outcomes == {"accepted": 5}
    assert hq_counts(hq) == counts == (5, 5, 1)
    assert hq.scalar("SELECT value FROM hq_counter WHERE name = 'seq'") == seq


def test_same_receipt_twice_changes_nothing(hq, desk, capsys, tmp_path) -> None:
    bundle, receipt = tmp_path / "b", tmp_path / "r"
    export(capsys, desk, bundle)
    import_bundle(hq.runtime, bundle, receipt)
    assert run(capsys, "--db", desk.store.path, "transfer", "import-receipt", receipt)[0] == 0
    before = desk_state(desk)
    code, out, _ = run(capsys, "--db", desk.store.path, "--json", "transfer", "import-receipt",
                       receipt)
    assert code == 0 and json.loads(out)["applied"] == 0
    assert desk_state(desk) == before


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


def test_tampered_bundle_is_refused_and_nothing_applied(hq, desk, capsys, tmp_path) -> None:
    bundle = tmp_path / "b"
    export(capsys, desk, bundle)
    raw = bundle.read_bytes()
    tampered = tmp_path / "t"
    positions = [raw.index(b'"ciphertext":"') + 40, raw.index(b'"device_id":"') + 15,
                 raw.index(b'"hmac":"') + 10, raw.index(b'"village_code":"') + 18,
                 raw.index(b'"created_at":"') + 16, len(raw) // 2, 0, len(raw) - 1]
    for at in positions:
        tampered.write_bytes(_flip(raw, at))
        code, out, err = run_hq(capsys, "--db", hq.db_url, "import-bundle", tampered,
                                "-o", tmp_path / "r")
        assert code == 1 and out == ""
        assert err.startswith("regdesk-hq: error: ") and err.count("\n") == 1, err
        assert "refused" in err
    tampered.write_bytes(raw + b"\n")  # even a harmless-looking extra byte
    assert run_hq(capsys, "--db", hq.db_url, "import-bundle", tampered)[0] == 1
    assert hq_counts(hq) == (0, 0, 0) and not (tmp_path / "r").exists()


def test_unknown_and_revoked_devices_are_refused(hq, desk, capsys, tmp_path) -> None:
    bundle = tmp_path / "b"
    export(capsys, desk, bundle)
    private = load_encryption_key(hq.runtime.engine)
    stranger = tmp_path / "stranger"
    stranger.write_bytes(build_bundle(
        device_id="00000000-0000-4000-8000-000000000000", village_code=SETIAMEKAR,
        created_at="2026-11-25T10:00:00+00:00", bodies=[b"{}"],
        hq_public_key=x25519_public_of(private), token="guessed"))
    code, _, err = run_hq(capsys, "--db", hq.db_url, "import-bundle", stranger)
    assert code == 1 and err == "regdesk-hq: error: bundle refused: unknown device\n"

    device_id = read_bundle(bundle.read_bytes()).device_id
    assert devices.revoke_device(hq.runtime.engine, device_id)
    code, _, err = run_hq(capsys, "--db", hq.db_url, "import-bundle", bundle)
    assert code == 1 and err == "regdesk-hq: error: bundle refused: the device was revoked\n"
    assert hq_counts(hq) == (0, 0, 0)


def test_bundle_claiming_another_village_is_refused(hq, desk, capsys, tmp_path) -> None:
    """Even signed with the real token, a bundle must name the device's own village."""
    device = read_bundle(_export_and_read(capsys, desk, tmp_path)).device_id
    private = load_encryption_key(hq.runtime.engine)
    forged = tmp_path / "forged"
    forged.write_bytes(build_bundle(
        device_id=device, village_code=CIBENING, created_at="2026-11-25T10:00:00+00:00",
        bodies=[b'{"batch_id":"6f1c1b52-5d5a-4c53-9a43-1f1f1f1f1f1f","records":[]}'],
        hq_public_key=x25519_public_of(private), token=load_token(device)))
    code, _, err = run_hq(capsys, "--db", hq.db_url, "import-bundle", forged)
    assert code == 1 and "claims village 32.16.18.2005" in err
    assert hq_counts(hq) == (0, 0, 0)


def _export_and_read(capsys, desk, tmp_path) -> bytes:
    path = tmp_path / "b"
    export(capsys, desk, path)
    return path.read_bytes()


def test_records_of_another_village_are_forbidden_per_record(hq, make_desk, capsys,
                                                             tmp_path) -> None:
    desk = make_desk()  # records of Setiamekar …
    desk.add_demo(3)
    desk.enrol(hq.url, hq.code(CIBENING))  # … on a device HQ enrolled for Cibening
    bundle, receipt = tmp_path / "b", tmp_path / "r"
    export(capsys, desk, bundle)
    code, out, _ = run_hq(capsys, "--db", hq.db_url, "import-bundle", bundle, "-o", receipt)
    assert code == 0 and "3 forbidden" in out
    assert hq_counts(hq)[:2] == (0, 0)
    code, out, _ = run(capsys, "--db", desk.store.path, "--json", "transfer", "import-receipt",
                       receipt)
    assert json.loads(out)["outcomes"] == {"forbidden": 3}
    assert desk_rows(desk, "SELECT DISTINCT status FROM registration") == [("needs_attention",)]


def test_tampered_or_foreign_receipt_is_refused(hq, desk, make_desk, capsys, tmp_path) -> None:
    bundle, receipt = tmp_path / "b", tmp_path / "r"
    export(capsys, desk, bundle)
    import_bundle(hq.runtime, bundle, receipt)
    raw = receipt.read_bytes()
    before = desk_state(desk)
    bad = tmp_path / "bad"
    for at in (raw.index(b'"member_number":"') + 20, raw.index(b'"signature":"') + 20,
               raw.index(b'"outcome":"') + 12):
        bad.write_bytes(_flip(raw, at))
        code, _, err = run(capsys, "--db", desk.store.path, "--lang", "en", "transfer",
                           "import-receipt", bad)
        assert code == 3
        assert err == "regdesk: Receipt refused: damaged or altered; nothing applied.\n"
    assert desk_state(desk) == before

    other = make_desk(name="other")
    other.enrol(hq.url, hq.code(SETIAMEKAR))
    code, _, err = run(capsys, "--db", other.store.path, "--lang", "en", "transfer",
                       "import-receipt", receipt)
    assert code == 2 and "for another device" in err
    assert desk_state(desk) == before


def test_online_sync_after_export_completes_the_same_batches(hq, desk, capsys,
                                                             tmp_path) -> None:
    bundle, receipt = tmp_path / "b", tmp_path / "r"
    export(capsys, desk, bundle)
    batch_ids = desk_rows(desk, "SELECT DISTINCT batch_id FROM outbox")
    code, out, _ = run(capsys, "--db", desk.store.path, "--json", "sync")
    summary = json.loads(out)
    assert code == 0 and summary["accepted"] == 5 and summary["all_synced"]
    assert hq_counts(hq) == (5, 5, 1)
    assert hq.rows("SELECT batch_id FROM hq_batch") == batch_ids
    before = desk_state(desk)
    # the bundle arrives at HQ later anyway: same answers, nothing new anywhere
    import_bundle(hq.runtime, bundle, receipt)
    assert hq_counts(hq) == (5, 5, 1)
    code, out, _ = run(capsys, "--db", desk.store.path, "--json", "transfer", "import-receipt",
                       receipt)
    assert code == 0 and json.loads(out)["applied"] == 0
    assert desk_state(desk) == before


def test_export_again_resends_in_flight_batches_with_the_same_ids(hq, desk, capsys,
                                                                  tmp_path) -> None:
    desk.add_demo(150, seed=2)  # 155 queued → batches of 100 + 55
    first = export(capsys, desk, tmp_path / "1")
    assert (first["batches"], first["records"]) == (2, 155)
    ids = [r[0] for r in desk_rows(desk, "SELECT DISTINCT batch_id FROM outbox ORDER BY id")]
    desk.add_demo(3, seed=3)
    second = export(capsys, desk, tmp_path / "2")
    assert (second["batches"], second["records"]) == (3, 158)
    private = load_encryption_key(hq.runtime.engine)
    bodies = read_bundle((tmp_path / "2").read_bytes()).open(private, x25519_public_of(private))
    assert [json.loads(b)["batch_id"] for b in bodies][:2] == ids
    result = import_bundle(hq.runtime, tmp_path / "2", tmp_path / "r")
    assert result.outcomes == {"accepted": 158} and hq_counts(hq) == (158, 158, 3)
    import_bundle(hq.runtime, tmp_path / "1", tmp_path / "r1")  # the older stick: no change
    assert hq_counts(hq) == (158, 158, 3)


def test_export_needs_enrolment(make_desk, capsys, tmp_path) -> None:
    desk = make_desk()
    desk.add_demo(1)
    code, _, err = run(capsys, "--db", desk.store.path, "--lang", "en", "transfer", "export",
                       "-o", tmp_path / "b")
    assert code == 3 and "not enrolled" in err


def test_desk_side_does_not_import_fastapi() -> None:
    code = ("import sys, regdesk.sync.usb, regdesk.cli.cmd_transfer; "
            "assert 'fastapi' not in sys.modules and 'regdesk.hq' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
