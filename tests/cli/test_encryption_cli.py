"""The encryption on the command line: ``init`` shows the recovery code once (and writes its
sheet), ``status`` says where the key is, ``unlock`` and ``restore`` on another PC take the
code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from regdesk.cli import main
from regdesk.store import Store, cipher


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict]]:
    code = main(["--json", *argv])
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "office" / "desk.sqlite3"
    monkeypatch.setenv("REGDESK_DB", str(path))
    monkeypatch.setenv("REGDESK_NEW_PASSWORD", "rahasia-123")
    monkeypatch.setenv("REGDESK_USER", "admin")
    return path


def test_init_shows_the_recovery_code_once_and_writes_the_sheet(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "kode-pemulihan.pdf"
    code, lines = _json(capsys, "init", "--recovery-sheet", str(sheet))
    assert code == 0
    recovery = lines[-1]["recovery_code"]
    assert cipher.normalise_code(recovery) == recovery
    assert sheet.read_bytes().startswith(b"%PDF")
    assert main(["recovery-code"]) == 2  # shown once: not kept any more
    assert "sudah pernah ditampilkan" in capsys.readouterr().err
    code, lines = _json(capsys, "status")
    assert lines[-1]["encryption"]["key_location"] == "file"
    assert lines[-1]["encryption"]["cipher"].startswith("SQLCipher 4.")
    main(["status"])
    assert "Enkripsi: SQLCipher" in capsys.readouterr().out


def test_another_pc_unlocks_with_the_code_and_restores_a_backup(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    _, lines = _json(capsys, "init")
    recovery = lines[-1]["recovery_code"]
    assert main(["demo", "--count", "3"]) == 0
    capsys.readouterr()
    usb = tmp_path / "usb"
    usb.mkdir()
    _, lines = _json(capsys, "backup", "--to", str(usb))
    backup = Path(lines[-1]["path"])

    monkeypatch.setenv("REGDESK_SECRETS", str(tmp_path / "pc2-secrets"))  # a new PC
    assert main(["status"]) == 1
    assert "regdesk unlock" in capsys.readouterr().err
    assert main(["unlock", "--recovery-code", cipher.new_recovery_code()]) == 1
    assert "tidak membuka" in capsys.readouterr().err
    assert main(["unlock", "--recovery-code", recovery]) == 0
    assert "terbuka di PC ini" in capsys.readouterr().out

    monkeypatch.setenv("REGDESK_SECRETS", str(tmp_path / "pc3-secrets"))  # yet another PC
    new_db = tmp_path / "pc3" / "desk.sqlite3"
    monkeypatch.setenv("REGDESK_DB", str(new_db))
    assert main(["restore", str(backup), "--yes"]) == 2  # no terminal to ask on
    assert "--recovery-code" in capsys.readouterr().err
    assert not new_db.exists()
    assert main(["restore", str(backup), "--yes", "--recovery-code", recovery]) == 0
    capsys.readouterr()
    store = Store.open(new_db)
    try:
        assert store.count() == 3
    finally:
        store.close()
