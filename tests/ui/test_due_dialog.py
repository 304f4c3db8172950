"""The due and lapsed list in the app (Ctrl+J): who is due in words, a reminder copied by
Ctrl+C exactly as ``services.dues.reminder_text`` words it, lapsed only, the printable PDF in
the preview and the xlsx after a yes (personal data) — on 10 March 2027 with one member in
each state, made through the same pulled changes sync applies."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from tests.services.member_states import DAY, NAMES
from uihelpers import collect_printouts, open_question

from regdesk.domain.lifecycle import State
from regdesk.services import dues
from regdesk.ui.app import DeskApp
from regdesk.ui.views.due_dialog import DueListDialog

pytestmark = pytest.mark.clock(DAY)
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _open(qtbot, desk: DeskApp) -> DueListDialog:  # type: ignore[no-untyped-def]
    qtbot.keyClick(desk.window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.window.findChild(DueListDialog) is not None, timeout=5000)
    dialog = desk.window.findChild(DueListDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10_000)
    return dialog


def _names(dialog: DueListDialog) -> set[str]:
    return {dialog.model.item(r, 0).text() for r in range(dialog.model.rowCount())}


def test_the_list_matches_the_service_and_reads_in_words(qtbot, member_desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, member_desk)
    found = dues.due_list(member_desk.store, user=member_desk.user)
    assert _names(dialog) == {r.name for r in found.rows} and found.rows
    assert NAMES["active"] not in _names(dialog)  # paid through June: nothing due
    cells = [dialog.model.item(r, c).text() for r in range(dialog.model.rowCount())
             for c in range(dialog.model.columnCount())]
    assert not [c for c in cells if ISO.search(c)]  # days in words, never ISO
    assert any(c.startswith("Rp ") for c in cells) and any(c.startswith("08") for c in cells)
    assert dialog.summary.text().startswith(
        f"{len(found.rows)} ")


def test_ctrl_c_copies_the_ready_reminder(qtbot, member_desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, member_desk)
    found = dues.due_list(member_desk.store, user=member_desk.user)
    dialog.table.selectRow(0)
    QApplication.clipboard().clear()
    qtbot.keyClick(dialog.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    first = next(r for r in found.rows if r.name == dialog.model.item(0, 0).text())
    text = QApplication.clipboard().text()
    assert text == dues.reminder_text(first, "id", village=found.village_name)
    assert first.name in text and "Rp" in text


def test_lapsed_only(qtbot, member_desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, member_desk)
    dialog.choice.setCurrentIndex(dialog.choice.findData("lapsed"))
    found = dues.due_list(member_desk.store, user=member_desk.user,
                          states={State.GRACE, State.INACTIVE})
    qtbot.waitUntil(lambda: _names(dialog) == {r.name for r in found.rows}, timeout=10_000)
    assert NAMES["inactive"] in _names(dialog)
    assert all(r.state in (State.GRACE, State.INACTIVE) for r in found.rows)


def test_print_shows_the_preview_and_excel_asks_first(qtbot, member_desk: DeskApp,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path) -> None:
    printed = collect_printouts(member_desk)
    dialog = _open(qtbot, member_desk)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=20_000)
    text = PdfReader(printed[0]).pages[0].extract_text()
    assert NAMES["inactive"].split()[0] in text

    out = tmp_path / "jatuh-tempo.xlsx"
    member_desk.work.dues.save_xlsx(out)
    question = open_question(member_desk)
    assert question is not None and "data pribadi" in question.text()
    question.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(out.exists, timeout=20_000)
    assert out.stat().st_mode & 0o077 == 0  # owner-only
    sheet = openpyxl.load_workbook(out).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert NAMES["inactive"] in values
