from pathlib import Path

import pytest
from tests.services.support import fields

from regdesk.services import registrations, sync, transfer
from regdesk.services.errors import PermissionDenied
from regdesk.store import Store, UserInfo


def test_status_of_a_desk_that_never_synced(store: Store, operator: UserInfo) -> None:
    registrations.register(store, fields(), user=operator)
    assert sync.status(store) == {"pending": 1, "needs_attention": 0, "synced": 0,
                                  "last_success": None, "enrolled": False,
                                  "auth_failed": False}


def test_sync_needs_enrolment(store: Store, operator: UserInfo) -> None:
    with pytest.raises(sync.SyncError) as caught:
        sync.sync_once(store, user=operator)
    assert caught.value.kind is sync.Kind.NOT_ENROLLED


def test_only_admins_enrol(store: Store, operator: UserInfo) -> None:
    with pytest.raises(PermissionDenied):  # refused before any request is made
        sync.enrol(store, "http://127.0.0.1:9", "CODE", user=operator)


def test_transfer_needs_enrolment(store: Store, operator: UserInfo, tmp_path: Path) -> None:
    registrations.register(store, fields(), user=operator)
    with pytest.raises(transfer.TransferError) as caught:
        transfer.export_bundle(store, tmp_path / "bundle", user=operator)
    assert caught.value.code == "not_enrolled"
    with pytest.raises(transfer.TransferError):
        transfer.import_receipt(store, tmp_path / "receipt", user=operator)
    assert not (tmp_path / "bundle").exists()
