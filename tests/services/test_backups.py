from pathlib import Path

import pytest
from tests.services.support import NOW, fields

from regdesk.services import backups, registrations, settings
from regdesk.services.errors import KeepTooSmall, PermissionDenied
from regdesk.store import Store, UserInfo


def test_backup_is_audited_and_skipped_when_not_due(store: Store, db_path: Path,
                                                    supervisor: UserInfo,
                                                    tmp_path: Path) -> None:
    default = tmp_path / "backups"
    made = backups.back_up(store, db_path=db_path, user=supervisor, default_dir=default)
    assert made.directory == default and made.info is not None and made.info.path.exists()
    skipped = backups.back_up(store, db_path=db_path, user=supervisor, default_dir=default,
                              if_due=True)
    assert skipped.info is None and skipped.directory == default
    assert backups.verify(made.info.path)["counts"]["user_account"] >= 2


def test_backup_rules(store: Store, db_path: Path, operator: UserInfo, supervisor: UserInfo,
                      tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        backups.back_up(store, db_path=db_path, user=operator, default_dir=tmp_path)
    with pytest.raises(KeepTooSmall):
        backups.back_up(store, db_path=db_path, user=supervisor, default_dir=tmp_path, keep=0)
    store.set_setting(settings.BACKUP_KEEP, 1, user=supervisor)
    for _ in range(2):
        backups.back_up(store, db_path=db_path, user=supervisor, default_dir=tmp_path / "k")
    assert len(list((tmp_path / "k").glob("regdesk-*.sqlite3"))) == 1


def test_restore_keeps_the_current_database_aside(store: Store, db_path: Path,
                                                  admin: UserInfo, operator: UserInfo,
                                                  tmp_path: Path) -> None:
    made = backups.back_up(store, db_path=db_path, user=admin, default_dir=tmp_path / "b")
    assert made.info is not None
    registrations.register(store, fields(), user=operator)
    store.close()
    info = backups.restore(made.info.path, db_path=db_path, actor="admin", clock=lambda: NOW)
    assert info.previous_kept_at is not None and info.previous_kept_at.exists()
    again = Store.open(db_path, clock=lambda: NOW)
    try:
        assert again.count() == 0
    finally:
        again.close()


def test_a_damaged_backup_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "regdesk-20261116-100000.sqlite3"
    bad.write_bytes(b"not a database")
    with pytest.raises(backups.BackupError):
        backups.verify(bad)


def test_automatic_copy_then_record(store: Store, db_path: Path, operator: UserInfo,
                                    supervisor: UserInfo, tmp_path: Path) -> None:
    """The desk's own backups (any clerk signed in): the copy, then its audit entry."""
    default = tmp_path / "auto"
    outcome = backups.copy(store, db_path=db_path, default_dir=default, if_due=True)
    assert outcome.directory == default and outcome.info is not None
    backups.record(store, outcome, user=operator)
    skipped = backups.copy(store, db_path=db_path, default_dir=default, if_due=True)
    assert skipped.info is None
    backups.record(store, skipped, user=operator)  # nothing to audit
    store.set_setting(settings.BACKUP_KEEP, 0, user=supervisor)
    with pytest.raises(KeepTooSmall):
        backups.copy(store, db_path=db_path, default_dir=default)
