"""Backups on real files: online copy, integrity check, manifest, keep-N, and restores that
verify first and keep the current database aside."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from tests import dbfile
from tests.cli_support import signed_in
from tests.tabular import conftest as sheets
from tests.tabular.conftest import people

from regdesk.cli import main
from regdesk.store import Store, UserInfo
from regdesk.store.backup import (
    BackupError,
    is_due,
    list_backups,
    make_backup,
    restore_backup,
    sha256_of,
    verify_backup,
)

T0 = datetime(2026, 11, 25, 8, 0).astimezone()


store = sheets.store  # an initialised desk (Cibening) and its admin, as the sheet tests use
admin = sheets.admin


def _count(db: Path) -> int:
    with dbfile.connect(db) as c:
        return int(c.execute("SELECT count(*) FROM registration").fetchone()[0])


def _filled(store: Store, admin: UserInfo, n: int = 5, seed: int = 1) -> None:
    for reg in people(n, seed=seed):
        store.add(reg, user=admin)


def test_backup_is_checked_and_described(store: Store, admin: UserInfo, tmp_path: Path) -> None:
    _filled(store, admin)
    info = make_backup(store.path, tmp_path / "usb", now=T0)  # while the store is open (WAL)
    manifest = json.loads(info.manifest_path.read_text())
    assert info.path.name == "regdesk-20261125-080000.sqlite3"
    assert manifest["integrity_check"] == "ok"
    assert manifest["sha256"] == sha256_of(info.path)
    assert manifest["bytes"] == info.path.stat().st_size
    assert manifest["counts"]["registration"] == 5
    assert manifest["counts"]["outbox_queued"] == 5
    assert manifest["schema_revision"]
    assert not list((tmp_path / "usb").glob("*.partial"))
    assert not Path(str(info.path) + "-wal").exists()  # a self-contained single file
    assert verify_backup(info.path)["counts"]["registration"] == 5


def test_keeps_only_the_newest_n(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    (folder).mkdir()
    (folder / "notes.txt").write_text("not ours")
    for day in range(5):
        make_backup(store.path, folder, keep=3, now=T0 + timedelta(days=day))
    names = [p.name for p in list_backups(folder)]
    assert names == [f"regdesk-2026112{d}-080000.sqlite3" for d in (7, 8, 9)]
    assert len(list(folder.glob("*.manifest.json"))) == 3
    assert (folder / "notes.txt").exists()
    assert not is_due(folder, now=T0 + timedelta(days=4, hours=5))
    assert is_due(folder, now=T0 + timedelta(days=5, hours=1))


def test_restore_verifies_and_keeps_the_current_db_aside(
    store: Store, admin: UserInfo, tmp_path: Path
) -> None:
    _filled(store, admin, 3)
    info = make_backup(store.path, tmp_path / "b", now=T0)
    _filled(store, admin, 4, seed=2)
    store.close()
    assert _count(store.path) == 7
    result = restore_backup(info.path, store.path, now=T0)
    assert _count(store.path) == 3
    assert result.previous_kept_at is not None and _count(result.previous_kept_at) == 7
    again = restore_backup(info.path, store.path, now=T0)  # same second: no overwrite
    assert again.previous_kept_at != result.previous_kept_at
    assert _count(result.previous_kept_at) == 7
    reopened = Store.open(store.path)
    try:
        assert reopened.count() == 3
    finally:
        reopened.close()


def test_corrupt_backup_is_refused_and_nothing_changes(
    store: Store, admin: UserInfo, tmp_path: Path
) -> None:
    _filled(store, admin, 3)
    info = make_backup(store.path, tmp_path / "b", now=T0)
    store.close()
    data = bytearray(info.path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = b"\xff" * 64
    info.path.write_bytes(bytes(data))
    with pytest.raises(BackupError) as caught:
        restore_backup(info.path, store.path, now=T0)
    assert [p.code for p in caught.value.problems] == ["backup.checksum"]
    info.manifest_path.unlink()  # without a manifest the integrity check still catches it
    with pytest.raises(BackupError) as caught:
        restore_backup(info.path, store.path, now=T0)
    assert caught.value.problems[0].code in ("backup.integrity", "backup.not_regdesk")
    not_db = tmp_path / "regdesk-x.sqlite3"
    not_db.write_text("hello")
    with pytest.raises(BackupError):
        verify_backup(not_db)
    assert _count(store.path) == 3
    assert not list(store.path.parent.glob("*.before-restore-*"))


def test_cli_backup_and_restore(
    store: Store, admin: UserInfo, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    signed_in(monkeypatch, password=sheets.PASSWORD)  # the sheet desk's admin
    _filled(store, admin, 2)
    store.close()
    db = str(store.path)
    with pytest.raises(SystemExit):  # a mistyped folder is refused, never created
        main(["--db", db, "backup", "--to", str(tmp_path / "usb")])
    assert not (tmp_path / "usb").exists()
    capsys.readouterr()
    (tmp_path / "usb").mkdir()
    assert main(["--db", db, "--json", "backup", "--to", str(tmp_path / "usb"), "--keep", "2"]) == 0
    made = json.loads(capsys.readouterr().out)
    assert made["integrity_check"] == "ok" and made["counts"]["registration"] == 2
    assert main(["--db", db, "restore", made["path"]]) == 2  # not a terminal, no --yes
    assert "--yes" in capsys.readouterr().err
    assert main(["--db", db, "--json", "restore", made["path"], "--yes"]) == 0
    restored = json.loads(capsys.readouterr().out)
    assert Path(restored["previous_kept_at"]).exists()


def test_counted_tables_are_the_models_tables(store: Store, admin: UserInfo,
                                              tmp_path: Path) -> None:
    import regdesk.hq.tables  # noqa: F401  (HQ's tables share SQLModel's metadata)
    from regdesk.store import backup
    from regdesk.store.models import desk_tables

    desk = {t.name for t in desk_tables()}
    assert set(backup.COUNTED_TABLES) == desk
    assert {"registration", "outbox", "audit", "import_problem", "setting"} <= desk
    assert not [name for name in desk if name.startswith("hq_")]
    _filled(store, admin, 2)
    counts = make_backup(store.path, tmp_path / "b", now=T0).manifest["counts"]
    assert set(counts) == desk | {"outbox_queued"}
    assert (counts["registration"], counts["registration_version"], counts["outbox"]) == (2, 2, 2)
    assert counts["user_account"] == 1 and counts["import_problem"] == 0


@pytest.mark.parametrize("windows", [
    pytest.param(False, marks=pytest.mark.skipif(
        sys.platform == "win32", reason="a folder cannot be opened for fsync on Windows")),
    True,
])
def test_fsync_opens_files_for_writing_on_windows_and_skips_its_directories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, windows: bool
) -> None:
    import os

    from regdesk import oscompat
    from regdesk.store import backup

    opened: list[tuple[str, int]] = []
    real_open = os.open

    def spy(path: Path, flags: int) -> int:
        opened.append((Path(path).name, flags))
        return real_open(path, flags & ~getattr(os, "O_BINARY", 0))

    monkeypatch.setattr(oscompat.os, "open", spy)
    monkeypatch.setattr(oscompat, "WINDOWS", windows)
    target = tmp_path / "f.sqlite3"
    target.write_bytes(b"x")
    backup._fsync(target)
    backup._fsync(tmp_path)
    if windows:  # Windows refuses fsync on a read-only handle (EBADF), has no directory fsync
        assert [name for name, _ in opened] == ["f.sqlite3"]
        assert opened[0][1] & os.O_RDWR
    else:  # POSIX: a read-only handle will do, and the directory entry is flushed too
        assert [name for name, _ in opened] == ["f.sqlite3", tmp_path.name]
        assert opened[0][1] & (os.O_RDWR | os.O_WRONLY) == 0
