"""Where the data lives: REGDESK_HOME, else the installer's all-users choice, else per user."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from regdesk import paths


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen executable in ``tmp_path/app``; returns its regdesk.ini (not yet written)."""
    app = tmp_path / "app"
    app.mkdir()
    monkeypatch.delenv("REGDESK_HOME", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app / "RegDesk.exe"))
    return app / paths.INSTALL_SETTINGS


def test_the_environment_wins(tmp_path: Path, installed: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    installed.write_text(f"[data]\nhome = {tmp_path / 'shared'}\n", encoding="utf-8")
    monkeypatch.setenv("REGDESK_HOME", str(tmp_path / "env"))
    assert paths.data_dir() == tmp_path / "env"
    assert paths.log_dir() == tmp_path / "env" / "logs"
    assert not paths.shared_by_all_users()


def test_the_installers_all_users_folder(tmp_path: Path, installed: Path) -> None:
    shared = tmp_path / "ProgramData" / "RegDesk"
    installed.write_text(f"\ufeff[data]\nhome = {shared}\n", encoding="utf-8")  # BOM: Notepad
    assert paths.data_dir() == shared and shared.is_dir()
    assert paths.log_dir() == shared / "logs"
    assert paths.default_db_path() == shared / "regdesk.sqlite3"
    assert paths.shared_by_all_users()


@pytest.mark.parametrize("text", [None, "", "[data]\nhome =\n", "not an ini", "[other]\nx=1\n"])
def test_otherwise_per_user(installed: Path, text: str | None) -> None:
    if text is not None:
        installed.write_text(text, encoding="utf-8")
    assert paths.home_dir() is None
    assert not paths.shared_by_all_users()


def test_a_source_checkout_reads_no_ini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGDESK_HOME", raising=False)
    monkeypatch.setattr(sys, "frozen", False, raising=False)
    assert paths.install_settings_file() is None and paths.home_dir() is None


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_printouts_go_to_a_private_folder_emptied_at_exit(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import stat

    from regdesk.paths import print_dir
    from regdesk.services.printouts import clear_print_dir

    monkeypatch.setenv("REGDESK_HOME", str(tmp_path / "home"))
    folder = print_dir()
    assert folder == tmp_path / "home" / "print"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700  # the data folder it made
    (folder / "tanda-bukti-A.pdf").write_bytes(b"%PDF")
    (folder / "notes.txt").write_text("not a printout")
    assert clear_print_dir() == 1
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
