"""The device token follows the data location: one folder for all Windows accounts means the
token is a file there, not one account's keyring."""

from __future__ import annotations

import pytest

from regdesk.store import keystore
from regdesk.sync import credentials


def test_token_is_a_file_in_the_shared_data_folder_when_data_is_for_all_users(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keystore, "shared_by_all_users", lambda: True)
    assert keystore.keyring_usable() is False
    assert credentials.save_token("dev-1", "secret-token") == "file"
    assert credentials.load_token("dev-1") == "secret-token"
    assert (credentials.data_dir() / "secrets" / "dev-1.token").exists()
    credentials.forget_token("dev-1")
    assert credentials.load_token("dev-1") is None
