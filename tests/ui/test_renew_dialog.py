"""Renewing the selected member in the app (Ctrl+Shift+R) on 10 March 2027: the sponsor
programme open for the member decides funding, sponsor and budget reference and locks them;
the period and fee show in words; over the quota a yes/no comes first; the renewal is
recorded on the same registration with the programme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from test_form_programme import publish
from tests.services.member_states import DAY, NAMES, VILLAGE

from regdesk.ui.app import DeskApp
from regdesk.ui.views.renew_dialog import RenewDialog

pytestmark = pytest.mark.clock(DAY)


def _select(qtbot, desk: DeskApp, name: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: desk.model.rowCount() >= len(NAMES), timeout=10_000)
    for row in range(desk.model.rowCount()):
        found = desk.model.row_at(row)
        if found is not None and found.full_name == name:
            desk.window.table.selectRow(row)
            break
    qtbot.waitUntil(lambda: desk.current is not None and
                    desk.current.registration.full_name == name, timeout=10_000)


def _open(qtbot, desk: DeskApp) -> RenewDialog:  # type: ignore[no-untyped-def]
    qtbot.keyClick(desk.window, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: desk.window.findChild(RenewDialog) is not None, timeout=5000)
    dialog = desk.window.findChild(RenewDialog)
    qtbot.waitUntil(lambda: dialog.programme.count() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.preview.text() != "", timeout=10_000)
    return dialog


def test_renew_under_a_programme_by_keyboard(qtbot, member_desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    desk = member_desk
    assert desk.store is not None
    publish(desk.store, people=1, period_from="2027-01", period_to="2027-12",
            villages=[VILLAGE])  # quota 1: full
    _select(qtbot, desk, NAMES["active"])
    dialog = _open(qtbot, desk)
    assert dialog.programme.itemText(0) == "(tanpa program)"
    dialog.months.setCurrentIndex(dialog.months.findData(3))
    dialog.programme.setFocus()
    qtbot.keyClick(dialog.programme, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: "Dana Desa" in dialog.preview.text(), timeout=10_000)
    assert dialog.sponsor.text() == "Pemdes Cibening" and dialog.sponsor.isReadOnly()
    assert not dialog.funding.isEnabled() and dialog.budget.text() == "DPA 77/3 / 2026"
    assert "2027" in dialog.preview.text() and "Rp" in dialog.preview.text()
    uuid = desk.current.uuid
    before = len(desk.store.get(uuid).registration.renewals)
    qtbot.keyClick(dialog.programme, Qt.Key.Key_Return)  # Record: the default button
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox)
                    or any(isinstance(w, QMessageBox) and w.isVisible()
                           for w in QApplication.topLevelWidgets()), timeout=10_000)
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.isVisible())
    assert "Kuota program sponsor (1 orang) sudah penuh" in box.text()
    assert len(desk.store.get(uuid).registration.renewals) == before  # not yet
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: len(desk.store.get(uuid).registration.renewals) == before + 1,
                    timeout=10_000)
    renewal = desk.store.get(uuid).registration.renewals[-1]
    assert (renewal.programme_id, renewal.months, renewal.sponsor_name) == (
        7, 3, "Pemdes Cibening")
    qtbot.waitUntil(lambda: desk.window.findChild(RenewDialog) is None
                    or not desk.window.findChild(RenewDialog).isVisible(), timeout=10_000)


def test_renew_needs_an_accepted_member(qtbot, member_desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    desk = member_desk
    _select(qtbot, desk, NAMES["pending"])
    qtbot.keyClick(desk.window, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.isVisible())
    assert "sudah diterima kantor kabupaten" in box.text()
    box.accept()
    assert desk.window.findChild(RenewDialog) is None
