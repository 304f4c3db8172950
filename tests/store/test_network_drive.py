"""A desk database on a network drive is refused before anything is created there."""

from __future__ import annotations

from pathlib import Path

import pytest

from regdesk import i18n
from regdesk.cli import main
from regdesk.store import Store, StoreError
from regdesk.store import store as store_module
from regdesk.store.errors import NetworkDrive


@pytest.fixture
def on_a_share(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "is_network_path", lambda path: True)


@pytest.mark.usefixtures("on_a_share")
def test_open_refuses_a_network_drive_and_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "share" / "regdesk.sqlite3"
    with pytest.raises(NetworkDrive) as raised:
        Store.open(target)
    assert isinstance(raised.value, StoreError)
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("database", "database.network_drive")]
    assert not target.parent.exists()


def test_the_refusal_reads_in_both_languages() -> None:
    for lang, word in (("id", "jaringan"), ("en", "network")):
        text = i18n.t(f"problem.{NetworkDrive.code}", lang=lang)
        assert word in text and "\n" not in text


@pytest.mark.usefixtures("on_a_share")
def test_the_cli_says_so_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "regdesk.sqlite3"), "--lang", "en", "show", "x"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "network drive" in lines[0]


def test_a_local_folder_opens(tmp_path: Path) -> None:
    Store.open(tmp_path / "regdesk.sqlite3").close()
