from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox
from uihelpers import open_question, sign_in

from regdesk.ui.app import DeskApp


def test_language_switches_live(qtbot, desk: DeskApp) -> None:
    sign_in(qtbot, desk)
    desk.new_registration()
    view = desk.form_view
    assert view is not None
    assert view.sections["identity"].title() == "Identitas"
    qtbot.keyClicks(view.inputs["nik"], "12345")
    view.inputs["full_name"].setFocus()  # leaving NIK shows its problem
    assert view.problem_labels["nik"].text() == "NIK harus 16 digit (terisi 5)."
    desk.open_settings()
    qtbot.waitUntil(lambda: desk.settings_dialog is not None, timeout=5000)
    dialog = desk.settings_dialog
    assert dialog is not None
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: view.sections["identity"].title() == "Identity", timeout=5000)
    assert desk.lang == "en"
    assert view.problem_labels["nik"].text() == "NIK must have 16 digits (got 5)."
    assert desk.window.new_button.text() == "New registration (Ctrl+N)"
    desk.set_language("id")
    qtbot.waitUntil(lambda: desk.window.new_button.text() == "Pendaftaran baru (Ctrl+N)",
                    timeout=5000)
    assert view.problem_labels["nik"].text() == "NIK harus 16 digit (terisi 5)."


def test_auto_lock_keeps_the_unsaved_form(qtbot, desk: DeskApp) -> None:
    sign_in(qtbot, desk, "siti", "rahasia-siti")
    desk.new_registration()
    view = desk.form_view
    assert view is not None
    qtbot.keyClicks(view.inputs["nik"], "3216064508900001")
    qtbot.keyClick(view.inputs["nik"], Qt.Key.Key_Return)
    qtbot.keyClicks(view.inputs["full_name"], "Siti Aminah")
    desk.idle.set_timeout_ms(200)  # the clerk walks away
    qtbot.waitUntil(lambda: desk.locked_by == "siti", timeout=5000)
    assert desk.window.pages.currentWidget() is desk.window.login
    assert desk.window.login.note.text()  # "your unsaved work is kept"
    assert desk.window.login.username.text() == "siti"
    qtbot.keyClicks(desk.window.login.password, "rahasia-siti")
    qtbot.keyClick(desk.window.login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.locked_by is None, timeout=10_000)
    assert desk.window.inner.currentWidget() is view
    name = view.inputs["full_name"]
    assert isinstance(name, QLineEdit) and name.text() == "Siti Aminah"
    assert desk.form is not None and desk.form.dirty
    desk.idle.pause()


def test_switch_user(qtbot, desk: DeskApp) -> None:
    sign_in(qtbot, desk, "siti", "rahasia-siti")
    desk.new_registration()
    view, first = desk.form_view, desk.session
    assert view is not None and first is not None
    qtbot.keyClicks(view.inputs["full_name"], "Siti Aminah")
    desk.window.act_switch.trigger()
    assert desk.window.pages.currentWidget() is desk.window.login
    assert first.locked
    sign_in(qtbot, desk, "budi", "rahasia-budi")
    assert "budi" in desk.window.user_label.text()
    assert desk.session is not first and desk.session is not None  # a new signed-in session
    assert desk.session.user.username == "budi" and not desk.session.locked
    assert desk.form_view is view and desk.form is not None  # the unsaved form stays...
    assert desk.form.recorded_by == "budi" and desk.form.dirty  # ...under the new clerk
    desk.new_registration()  # the new session's controllers answer the menu
    assert desk.window.inner.currentWidget() is view


def test_quit_asks_before_losing_the_form(qtbot, desk: DeskApp) -> None:
    sign_in(qtbot, desk)
    desk.new_registration()
    view = desk.form_view
    assert view is not None
    qtbot.keyClicks(view.inputs["nik"], "3216")
    desk.window.close()
    box = open_question(desk)
    assert box is not None and desk.window.isVisible()
    box.button(QMessageBox.StandardButton.No).click()
    assert desk.window.isVisible() and desk.form is not None and desk.form.dirty
    desk.window.close()
    box = open_question(desk)
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()  # quit: the exit backup, then closed
    qtbot.waitUntil(lambda: not desk.window.isVisible(), timeout=20_000)
    assert not desk.form.dirty
