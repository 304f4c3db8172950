from pathlib import Path

from regdesk.services import settings
from regdesk.store import Store, UserInfo


def test_defaults_before_anything_is_saved(store: Store, admin: UserInfo) -> None:
    assert settings.load_settings(store, default_language="id") == {
        "hq_url": None, "language": "id", "auto_lock_minutes": 10, "backup_dir": None,
    }
    assert settings.startup_settings(store) == settings.StartupSettings(None, 10)


def test_saved_values_round_trip(store: Store, admin: UserInfo, tmp_path: Path) -> None:
    values = {"hq_url": "https://hq.example", "language": "en", "auto_lock_minutes": 5,
              "backup_dir": str(tmp_path), "unknown": 1}
    settings.save_settings(store, values, user=admin)
    assert settings.load_settings(store, default_language="id") == {
        k: v for k, v in values.items() if k != "unknown"}
    assert settings.startup_settings(store) == settings.StartupSettings("en", 5)
    settings.set_hq_url(store, "https://other.example", user=admin)
    assert settings.load_settings(store, default_language="id")["hq_url"] == \
        "https://other.example"


def test_backup_folder_and_rotation(store: Store, admin: UserInfo, tmp_path: Path) -> None:
    fallback = tmp_path / "fallback"
    assert settings.backup_dir(store, default=fallback) == fallback
    settings.save_settings(store, {"backup_dir": str(tmp_path / "usb")}, user=admin)
    assert settings.backup_dir(store, default=fallback) == tmp_path / "usb"
    assert settings.backup_dir(store, default=fallback, override=tmp_path) == tmp_path
    assert settings.backup_keep(store) == settings.DEFAULT_KEEP
    store.set_setting(settings.BACKUP_KEEP, 3, user=admin)
    assert settings.backup_keep(store) == 3
    assert settings.backup_keep(store, override=7) == 7


def test_settings_say_where_the_database_key_is_kept(store: Store, admin: UserInfo) -> None:
    text = settings.encryption_text(store)
    assert text.startswith("Enkripsi: SQLCipher 4.")
    assert "berkas pribadi" in text  # no credential store in tests: the private file, named
    assert str(store.encryption_status()["key_file"]) in text
