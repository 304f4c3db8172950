"""One desk per database: a second start finds the first's lock and says it is running."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from regdesk import i18n
from regdesk.ui import launch

SRC = Path(__file__).resolve().parents[2] / "src"
PROBE = ("import sys\nfrom pathlib import Path\nfrom regdesk.ui.launch import hold_desk_lock\n"
         "sys.exit(3 if hold_desk_lock(Path(sys.argv[1])) is None else 0)\n")


def _other_process_can_start(db: Path) -> bool:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run([sys.executable, "-c", PROBE, str(db)], env=env, timeout=60,
                          check=False)
    assert done.returncode in (0, 3)
    return done.returncode == 0


def test_the_lock_is_taken_once_per_database(tmp_path: Path) -> None:
    db = tmp_path / "office" / "regdesk.sqlite3"
    first = launch.hold_desk_lock(db)
    assert first is not None
    assert launch.hold_desk_lock(db) is None  # a second start in this process
    assert not _other_process_can_start(db)  # … or in another
    assert launch.hold_desk_lock(tmp_path / "other.sqlite3") is not None  # other databases
    first.release()
    assert _other_process_can_start(db)
    again = launch.hold_desk_lock(db)
    assert again is not None
    again.release()


def test_a_second_gui_start_says_it_is_running_and_builds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "regdesk.sqlite3"
    said: list[str] = []
    monkeypatch.setattr(launch, "say_already_running", said.append)
    monkeypatch.setattr(launch, "_run_desk", lambda *a, **k: pytest.fail("desk started"))
    first = launch.hold_desk_lock(db)
    try:
        assert launch.run_gui(db, lang="en") == launch.ALREADY_RUNNING
    finally:
        first.release()
    assert said == ["en"]
    assert not db.exists()


def test_the_gui_holds_the_lock_for_its_life_and_releases_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "regdesk.sqlite3"
    seen: list[bool] = []

    def desk(*args: object, **kwargs: object) -> int:
        seen.append(launch.hold_desk_lock(db) is None)
        return 0

    monkeypatch.setattr(launch, "_run_desk", desk)
    assert launch.run_gui(db) == 0
    assert seen == [True]
    lock = launch.hold_desk_lock(db)
    assert lock is not None
    lock.release()


def test_the_message_reads_in_both_languages() -> None:
    assert "already running" in i18n.t("desk.already_running", lang="en")
    assert "sudah berjalan" in i18n.t("desk.already_running", lang="id")


def test_it_is_said_on_stderr_and_in_a_message_box(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from PySide6.QtWidgets import QMessageBox

    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: boxes.append(text))
    launch.say_already_running("en")
    assert boxes == [i18n.t("desk.already_running", lang="en")]
    assert capsys.readouterr().err.strip() == f"regdesk: {boxes[0]}"
