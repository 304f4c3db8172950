"""Imports as long jobs (#15 §3): the check (dry run) and the import run beside the DB thread
— a save queued while a check is held at a gate commits at once — and Esc in the wizard
while the import runs cancels it: nothing is written (no registration, no import run, no
audit entry, no needs-fixing row) and the wizard stays open saying so. Jobs are held at a
gate (no timing); under the old design (imports on the DB thread) the save waited."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from test_actions import add_one
from test_long_jobs import _count
from tests.tabular.conftest import HEADERS, people, row_for, write_xlsx
from uihelpers import sign_in

from regdesk.tabular import plan
from regdesk.ui.app import DeskApp
from regdesk.ui.views.import_wizard import PAGE_CHECK, PAGE_RESULT, ImportWizard

GATE_TIMEOUT = 60  # seconds; only reached when the test itself is stuck


class _Gate:
    """Holds the first row judged off the UI thread once armed, until opened."""

    def __init__(self) -> None:
        self.armed, self.held, self.open = threading.Event(), threading.Event(), threading.Event()

    def install(self, monkeypatch: Any) -> None:
        real = plan.judge_row

        def judge_row(*args: Any, **kwargs: Any) -> Any:
            if (self.armed.is_set() and not self.held.is_set()
                    and threading.current_thread() is not threading.main_thread()):
                self.held.set()
                assert self.open.wait(GATE_TIMEOUT)
            return real(*args, **kwargs)

        monkeypatch.setattr(plan, "judge_row", judge_row)


def _to_mapping(qtbot: Any, desk: DeskApp, tmp_path: Path) -> ImportWizard:
    rows = [row_for(i + 1, p)[1:] for i, p in enumerate(people(3, seed=17))]
    path = write_xlsx(tmp_path / "daftar.xlsx", rows, headers=HEADERS[1:])
    wizard = desk.work.imports.open()
    assert wizard is not None
    wizard.choose_file(str(path))
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=10_000)
    wizard.next()
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=10_000)
    wizard.mapping_page.consent.setChecked(True)
    return wizard


def _registrations(desk: DeskApp) -> int:
    return _count(desk, "SELECT count(*) FROM registration")


def test_a_save_during_a_held_check_commits_at_once(qtbot, desk: DeskApp,  # type: ignore[no-untyped-def]
                                                    tmp_path: Path, monkeypatch) -> None:
    sign_in(qtbot, desk)
    gate = _Gate()
    gate.install(monkeypatch)
    wizard = _to_mapping(qtbot, desk, tmp_path)
    gate.armed.set()
    wizard.next()  # the check (dry run) starts as a long job and is held at its first row
    assert wizard.currentId() == PAGE_CHECK
    qtbot.waitUntil(gate.held.is_set, timeout=20_000)
    jobs = desk.work.jobs
    assert jobs.running and jobs.panel.isVisible()

    saved: list[object] = []  # a save as Ctrl+S queues it: on the DB thread
    desk.runner.db(lambda: add_one(desk, 5), saved.append)
    qtbot.waitUntil(lambda: len(saved) == 1, timeout=10_000)
    assert _registrations(desk) == 1  # committed while the check is still held
    assert jobs.running and not wizard.check_page.isComplete()

    gate.open.set()
    qtbot.waitUntil(wizard.check_page.isComplete, timeout=20_000)
    assert not jobs.running and not jobs.panel.isVisible()
    assert "3 dapat diimpor" in wizard.check_page.summary.text()
    assert _registrations(desk) == 1  # the check wrote nothing


def test_esc_cancels_a_running_import_and_nothing_is_kept(qtbot, desk: DeskApp,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path, monkeypatch) -> None:
    sign_in(qtbot, desk)
    gate = _Gate()
    gate.install(monkeypatch)
    wizard = _to_mapping(qtbot, desk, tmp_path)
    wizard.next()  # the check, not held
    qtbot.waitUntil(wizard.check_page.isComplete, timeout=20_000)
    audit_before = _count(desk, "SELECT count(*) FROM audit")

    gate.armed.set()
    wizard.next()  # the import itself, held while judging its rows
    assert wizard.currentId() == PAGE_RESULT
    qtbot.waitUntil(gate.held.is_set, timeout=20_000)
    jobs = desk.work.jobs
    assert jobs.running
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # Esc in the wizard: stop the import
    assert wizard.isVisible()  # not closed: it stays to say what happened
    assert not jobs.panel.cancel_button.isEnabled()

    gate.open.set()
    qtbot.waitUntil(lambda: not jobs.running, timeout=20_000)
    qtbot.waitUntil(desk.runner.idle, timeout=5000)
    assert "nothing was imported" in wizard.result_page.summary.text() \
        or "tidak ada" in wizard.result_page.summary.text().casefold()
    assert _registrations(desk) == 0
    assert _count(desk, "SELECT count(*) FROM import_run") == 0
    assert _count(desk, "SELECT count(*) FROM import_problem") == 0
    assert _count(desk, "SELECT count(*) FROM audit") == audit_before
    assert desk.work.imports.result is not None and desk.work.imports.result.dry_run
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # nothing runs now: Esc closes the wizard
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=5000)
