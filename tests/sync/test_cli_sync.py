"""``regdesk enrol`` / ``regdesk sync`` from the command line against a real HQ."""

from __future__ import annotations

import json
import os
import stat

from tests.sync.conftest import SETIAMEKAR

from regdesk.cli import main
from regdesk.hq import devices
from regdesk.paths import data_dir


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_enrol_sync_status_json(hq, make_desk, capsys) -> None:
    desk = make_desk()
    desk.add_demo(7)
    db = str(desk.store.path)
    code, out, _ = run(capsys, "--db", db, "--json", "enrol", hq.url, hq.code(SETIAMEKAR))
    assert code == 0 and json.loads(out)["village_code"] == SETIAMEKAR
    code, out, _ = run(capsys, "--db", db, "sync", "--status", "--json")
    assert json.loads(out) == {"pending": 7, "needs_attention": 0, "synced": 0,
                               "last_success": None}
    code, out, _ = run(capsys, "--db", db, "--json", "sync")
    summary = json.loads(out)
    assert code == 0 and summary["accepted"] == 7 and summary["all_synced"] is True
    code, out, _ = run(capsys, "--db", db, "sync", "--status", "--json")
    status = json.loads(out)
    assert (status["pending"], status["synced"]) == (0, 7) and status["last_success"]


def test_token_is_kept_out_of_the_database_and_private(hq, make_desk, capsys,
                                                       monkeypatch) -> None:
    monkeypatch.setenv("REGDESK_KEYRING", "0")  # no OS keyring here: the private file
    desk = make_desk()
    run(capsys, "--db", str(desk.store.path), "enrol", hq.url, hq.code(SETIAMEKAR))
    [token_file] = (data_dir() / "secrets").glob("*.token")
    if os.name != "nt":  # Windows: private by the user folder's ACL, not by mode bits
        assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    token = token_file.read_text()
    assert token.encode() not in desk.store.path.read_bytes()
    assert devices.authenticate(hq.runtime.engine, token) is not None


def test_offline_sync_says_data_is_safe_and_exits_3(make_desk, capsys, hq) -> None:
    desk = make_desk()
    desk.add_demo(2)
    db = str(desk.store.path)
    run(capsys, "--db", db, "enrol", hq.url, hq.code(SETIAMEKAR))
    hq.stop()
    code, out, err = run(capsys, "--db", db, "--lang", "en", "sync")
    assert code == 3
    assert "Connection refused" in err and "will be sent later" in err
    assert "pending 2" in out and "All synced" not in out


def test_sync_without_enrolment_is_one_clear_line(make_desk, capsys) -> None:
    desk = make_desk()
    code, _, err = run(capsys, "--db", str(desk.store.path), "sync")
    assert code == 3
    assert err.strip() == ("regdesk: Perangkat belum terdaftar di HQ. Jalankan: "
                           "regdesk enrol URL KODE")


def test_bad_enrolment_code(hq, make_desk, capsys) -> None:
    desk = make_desk()
    code, _, err = run(capsys, "--db", str(desk.store.path), "enrol", hq.url, "XXXX-YYYY-ZZZZ")
    assert code == 3 and "HQ tidak mengenal kode pendaftaran ini" in err
