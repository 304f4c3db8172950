"""The desk encrypted at rest: SQLCipher on every file, keys off the file, the recovery code,
the in-place encryption of a plain database (and every crash point in it), encrypted backups
restored on another PC, owner-only files."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from tests import dbfile
from tests.tabular.conftest import PASSWORD, VILLAGE, make_store, people

from regdesk.store import Store, cipher, keystore
from regdesk.store.backup import BackupError, make_backup, restore_backup, verify_backup
from regdesk.store.deskkey import unlock
from regdesk.store.encrypt import encrypt_in_place
from regdesk.store.errors import DatabaseLocked, WrongRecoveryCode
from regdesk.store.views import UserInfo

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _desk(path: Path, n: int = 3) -> tuple[Store, UserInfo, list[str]]:
    store = make_store(path)
    admin = store.authenticate("admin", PASSWORD)
    regs = people(n, seed=11)
    for reg in regs:
        store.add(reg, user=admin)
    return store, admin, [r.nik for r in regs]


def _other_pc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str = "pc2") -> Path:
    """This process now has another PC's (empty) credential store."""
    folder = tmp_path / name
    monkeypatch.setenv("REGDESK_SECRETS", str(folder))
    return folder


def _plain_copy(store: Store, target: Path) -> None:
    """A plain (unencrypted) database of today's schema, as desks had before encryption."""
    connection = store.connect_raw()
    connection.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
    connection.execute("SELECT sqlcipher_export('plain')")
    connection.execute("DETACH DATABASE plain")
    connection.close()


def test_database_and_wal_hold_no_personal_data_in_clear(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    store, _admin, niks = _desk(path)
    try:
        wal = path.with_name(path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # rows still in the WAL, open store
        with store.engine.connect() as connection:
            version = connection.exec_driver_sql("PRAGMA cipher_version").scalar()
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert version and version.startswith("4.")
        for file in (path, wal):
            data = file.read_bytes()
            assert not data.startswith(b"SQLite format 3\x00")
            for nik in niks:
                assert nik.encode() not in data
        assert store.search(niks[0]).rows  # and the desk still finds them
    finally:
        store.close()


def test_the_key_is_off_the_file_and_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "desk.sqlite3"
    store = make_store(path)
    try:
        status = store.encryption_status()
        assert status["cipher"].startswith("SQLCipher 4.")
        assert status["key_location"] == "file"  # REGDESK_KEYRING=0 in tests
        key_file = Path(status["key_file"])
        assert key_file.parent == Path(os.environ["REGDESK_SECRETS"])
        assert key_file.name == f"db-{path.read_bytes()[:16].hex()}.key"
        assert store.key.master.hex() in key_file.read_text()
        assert store.key.master.hex() not in path.read_bytes().hex()
        if sys.platform != "win32":
            assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
            assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    finally:
        store.close()


@POSIX
def test_files_and_folders_the_desk_creates_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "desk.sqlite3"
    store, _admin, _niks = _desk(path, 1)
    try:
        info = make_backup(path, tmp_path / "backups")
    finally:
        store.close()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for file in (path, info.path, info.manifest_path):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
    assert stat.S_IMODE(info.path.parent.stat().st_mode) == 0o700
    reopened = Store.open(path)  # WAL and shared-memory files follow the database's mode
    try:
        reopened.count()
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            assert stat.S_IMODE(side.stat().st_mode) == 0o600
    finally:
        reopened.close()


def test_another_pc_needs_the_recovery_code(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "desk.sqlite3"
    store, _admin, _niks = _desk(path, 2)
    code = store.take_recovery_code()
    assert code is not None and cipher.normalise_code(code) == code
    assert store.take_recovery_code() is None  # shown once
    store.close()
    _other_pc(monkeypatch, tmp_path)
    with pytest.raises(DatabaseLocked):
        Store.open(path)
    with pytest.raises(WrongRecoveryCode):
        unlock(path, cipher.new_recovery_code())
    with pytest.raises(WrongRecoveryCode):
        unlock(path, "not a code")
    typed = code.lower().replace("-", " ").replace("0", "o")  # as read back from paper
    assert unlock(path, typed) == "file"
    reopened = Store.open(path)
    try:
        assert reopened.count() == 2
    finally:
        reopened.close()


def test_a_plain_database_of_todays_schema_is_encrypted_in_place(tmp_path: Path) -> None:
    source, _admin, niks = _desk(tmp_path / "source.sqlite3", 4)
    path = tmp_path / "old" / "desk.sqlite3"
    path.parent.mkdir()
    _plain_copy(source, path)
    source.close()
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    assert niks[0].encode() in path.read_bytes()
    with dbfile.connect(path) as plain:
        before = plain.execute("SELECT uuid, nik FROM registration ORDER BY uuid").fetchall()
    store = Store.open(path)
    try:
        assert store.count() == 4
        assert store.take_recovery_code() is not None  # a new desk key: set-up shows it
        assert {r.uuid for r in store.search("").rows} == {u for u, _ in before}
        assert store.search(niks[1][4:12]).rows  # the trigram index came along
    finally:
        store.close()
    data = path.read_bytes()
    assert not data.startswith(b"SQLite format 3\x00")
    assert all(nik.encode() not in data for nik in niks)
    assert sorted(p.name for p in path.parent.iterdir()) == ["desk.sqlite3"]
    with dbfile.connect(path) as encrypted:
        after = encrypted.execute("SELECT uuid, nik FROM registration ORDER BY uuid").fetchall()
    assert after == before


@pytest.mark.parametrize("crash_after", ["export", "link", "swap"])
def test_an_interrupted_encryption_leaves_old_or_new_never_neither(
    tmp_path: Path, crash_after: str
) -> None:
    source, _admin, niks = _desk(tmp_path / "source.sqlite3", 3)
    path = tmp_path / "old" / "desk.sqlite3"
    path.parent.mkdir()
    _plain_copy(source, path)
    source.close()
    encrypt_in_place(path, stop_after=crash_after)  # the process dies here
    assert path.exists()
    if crash_after == "swap":  # the new file is in place; the plain bytes still beside it
        assert not cipher.is_plain(path)
        assert niks[0].encode() in path.with_name("desk.sqlite3.plain").read_bytes()
    else:
        assert cipher.is_plain(path)
    store = Store.open(path)  # the next start finishes or redoes it
    try:
        assert store.count() == 3
    finally:
        store.close()
    assert not cipher.is_plain(path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["desk.sqlite3"]
    assert all(nik.encode() not in path.read_bytes() for nik in niks)


def test_backups_are_encrypted_and_restore_on_a_new_pc_with_the_recovery_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "desk.sqlite3"
    store, _admin, niks = _desk(path, 3)
    code = store.take_recovery_code()
    assert code is not None
    info = make_backup(path, tmp_path / "usb")
    store.close()
    data = info.path.read_bytes()
    assert not data.startswith(b"SQLite format 3\x00")
    assert all(nik.encode() not in data for nik in niks)
    assert info.manifest["encryption"]["desk"] == cipher.fingerprint(cipher.master_from_code(code))
    assert verify_backup(info.path)["counts"]["registration"] == 3  # this PC knows the desk

    _other_pc(monkeypatch, tmp_path)
    new_db = tmp_path / "newpc" / "desk.sqlite3"
    with pytest.raises(BackupError) as caught:
        restore_backup(info.path, new_db)
    assert [p.code for p in caught.value.problems] == ["backup.locked"]
    assert not new_db.exists()
    with pytest.raises(BackupError):
        restore_backup(info.path, new_db, masters=[cipher.master_from_code(
            cipher.new_recovery_code())])
    restored = restore_backup(info.path, new_db, masters=[cipher.master_from_code(code)])
    assert restored.key is not None and restored.key.master == cipher.master_from_code(code)
    reopened = Store.open(new_db)  # the key is on this PC now
    try:
        assert reopened.count() == 3
        assert reopened.office_village() == VILLAGE
    finally:
        reopened.close()
    assert all(nik.encode() not in new_db.read_bytes() for nik in niks)


def test_a_plain_backup_from_before_encryption_is_restored_encrypted(tmp_path: Path) -> None:
    source, _admin, niks = _desk(tmp_path / "source.sqlite3", 2)
    plain_backup = tmp_path / "usb" / "regdesk-20260101-080000.sqlite3"
    plain_backup.parent.mkdir()
    _plain_copy(source, plain_backup)
    source.close()
    target, _admin2, _niks2 = _desk(tmp_path / "desk.sqlite3", 5)
    target.close()
    info = restore_backup(plain_backup, target.path)
    assert info.previous_kept_at is not None
    assert not cipher.is_plain(target.path) and not cipher.is_plain(info.previous_kept_at)
    assert all(nik.encode() not in target.path.read_bytes() for nik in niks)
    reopened = Store.open(target.path)
    try:
        assert reopened.count() == 2
    finally:
        reopened.close()


def test_keyring_entry_names_carry_no_personal_data(tmp_path: Path) -> None:
    store, _admin, niks = _desk(tmp_path / "desk.sqlite3", 1)
    store.close()
    names = [p.name for p in Path(os.environ["REGDESK_SECRETS"]).iterdir()]
    assert keystore.name_of(store.key.salt) + ".key" in names
    assert not any(nik in name for nik in niks for name in names)
