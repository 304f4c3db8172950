"""Type a registration like a clerk: keyClicks, Enter between fields, the NIK fills birth
date and gender, a different birth date raises the inline warning, confirm, Ctrl+S, find it,
edit it, see version 2."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from uihelpers import sign_in

from regdesk.ui.app import DeskApp


def type_field(qtbot, desk: DeskApp, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    view = desk.form_view
    assert view is not None
    widget = view.inputs[name]
    target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    target.setFocus()
    qtbot.keyClicks(target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def test_register_edit_and_find(qtbot, desk: DeskApp) -> None:
    sign_in(qtbot, desk, "budi", "rahasia-budi")  # a supervisor sees versions
    qtbot.keyClick(desk.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    view = desk.form_view
    assert view is not None and desk.window.inner.currentWidget() is view
    nik = view.inputs["nik"]
    assert QApplication.focusWidget() is nik

    qtbot.keyClicks(nik, "3216064508900001")
    birth = view.inputs["birth_date"]
    gender = view.inputs["gender"]
    assert isinstance(birth, QLineEdit) and isinstance(gender, QComboBox)
    assert birth.text() == "05-08-1990"
    assert gender.currentData() == "P"
    qtbot.keyClick(nik, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is view.inputs["full_name"]
    assert "Cibening" in view.office.text() and "Setu" in view.office.text()
    postal = view.inputs["postal_code"]
    assert isinstance(postal, QLineEdit) and postal.text() == "17320"

    type_field(qtbot, desk, "full_name", "Siti Aminah")
    type_field(qtbot, desk, "address", "Jl. Melati No. 3")
    type_field(qtbot, desk, "rt", "3")
    type_field(qtbot, desk, "rw", "5")
    type_field(qtbot, desk, "phone", "0812 3456 7890")
    type_field(qtbot, desk, "occupation_code", "ojek online")
    type_field(qtbot, desk, "income", "1500000")
    assert view.fee_monthly.text() == "Rp 21.800"
    assert "PP 50/2025" in view.fee_discount.text()
    consent = view.inputs["consent_given"]
    assert QApplication.focusWidget() is consent
    qtbot.keyClick(consent, Qt.Key.Key_Space)
    assert desk.form is not None and not [p for p in desk.form.problems]

    # a different birth date: inline warning in Indonesian, save needs confirmation
    birth.setFocus()
    birth.selectAll()
    qtbot.keyClicks(birth, "06081990")
    problem = view.problem_labels["nik"]
    assert problem.isVisible()
    assert problem.text() == ("Tanggal lahir pada NIK (5 Agustus 1990) berbeda dengan tanggal "
                              "lahir yang diisi (6 Agustus 1990).")
    assert view.warning_box.isVisible()
    qtbot.keyClick(birth, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert desk.window.inner.currentWidget() is view  # not saved: unconfirmed warning
    view.confirm.setFocus()
    qtbot.keyClick(view.confirm, Qt.Key.Key_Space)
    assert view.confirm.isChecked()
    qtbot.keyClick(view.confirm, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.window.inner.currentWidget() is desk.window.list_page,
                    timeout=10_000)
    assert "Siti Aminah" in desk.window.banner_text.text()

    # find it by a name prefix
    qtbot.keyClicks(desk.window.search, "sit ami")
    qtbot.waitUntil(lambda: desk.model.rowCount() == 1 and desk.model.query == "sit ami",
                    timeout=5000)
    desk.window.table.selectRow(0)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)
    assert desk.current is not None and desk.current.version == 1
    assert desk.current.registration.birth_date.isoformat() == "1990-08-06"

    # edit it: version 2, visible in the history
    desk.window.detail.edit_button.click()
    name = view.inputs["full_name"]
    assert isinstance(name, QLineEdit)
    name.selectAll()
    qtbot.keyClicks(name, "Siti Aminah Lestari")
    view.confirm.setChecked(True)
    qtbot.keyClick(name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.window.inner.currentWidget() is desk.window.list_page,
                    timeout=10_000)
    assert "versi 2" in desk.window.banner_text.text()
    qtbot.keyClicks(desk.window.search, "lestari")
    desk.window.flush_search()
    qtbot.waitUntil(lambda: desk.model.rowCount() == 1 and desk.model.query.endswith("lestari"),
                    timeout=5000)
    desk.window.table.selectRow(0)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)
    assert desk.current is not None and desk.current.version == 2
    history = desk.window.detail.history.toPlainText()
    assert "Versi 2" in history and "Versi 1" in history


def test_escape_asks_before_discarding(qtbot, desk: DeskApp) -> None:
    sign_in(qtbot, desk)
    desk.new_registration()
    view = desk.form_view
    assert view is not None
    qtbot.keyClicks(view.inputs["nik"], "3216")
    qtbot.keyClick(view.inputs["nik"], Qt.Key.Key_Escape)
    box = desk.window.findChild(QApplication.activeModalWidget().__class__, "question") \
        if QApplication.activeModalWidget() else None
    assert box is not None
    assert desk.window.inner.currentWidget() is view  # still there until answered
    box.button(box.StandardButton.Yes).click()  # type: ignore[attr-defined]
    assert desk.window.inner.currentWidget() is desk.window.list_page


def test_second_occupation_by_keyboard_and_in_the_detail(qtbot, desk: DeskApp) -> None:
    sign_in(qtbot, desk)
    qtbot.keyClick(desk.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    view = desk.form_view
    assert view is not None
    second = view.inputs["second_occupation_code"]
    assert isinstance(second, QComboBox)
    assert second.currentData() == "" and second.currentText() == ""  # empty by default
    assert view.row_labels["second_occupation_code"].text() == "Pekerjaan kedua (opsional)"
    assert view.row_labels["second_occupation_code"].buddy() is second

    qtbot.keyClicks(view.inputs["nik"], "3216064508900001")
    qtbot.keyClick(view.inputs["nik"], Qt.Key.Key_Return)
    for name, text in (("full_name", "Rina Wulandari"), ("address", "Jl. Kenanga 7"),
                       ("rt", "2"), ("rw", "4"), ("phone", "0812 3456 7890"),
                       ("occupation_code", "petani")):
        type_field(qtbot, desk, name, text)
    assert QApplication.focusWidget() is view.inputs["income"]  # Enter skips the optional one
    occupation = view.inputs["occupation_code"]
    assert isinstance(occupation, QComboBox)
    occupation.lineEdit().setFocus()
    qtbot.keyClick(occupation.lineEdit(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is second  # Tab reaches it
    while second.currentData() != "ojek-pangkalan":
        index = second.currentIndex()
        qtbot.keyClick(second, Qt.Key.Key_Down)
        assert second.currentIndex() == index + 1
    qtbot.keyClick(second, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is view.inputs["income"]
    type_field(qtbot, desk, "income", "1000000")
    qtbot.keyClick(view.inputs["consent_given"], Qt.Key.Key_Space)
    assert desk.form is not None and not desk.form.problems
    qtbot.keyClick(view.inputs["consent_given"], Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.window.inner.currentWidget() is desk.window.list_page,
                    timeout=10_000)

    qtbot.keyClicks(desk.window.search, "rina wul")
    qtbot.waitUntil(lambda: desk.model.rowCount() == 1 and desk.model.query == "rina wul",
                    timeout=5000)
    desk.window.table.selectRow(0)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)
    assert desk.current is not None
    assert desk.current.registration.second_occupation_code == "ojek-pangkalan"
    summary = desk.window.detail.summary.toPlainText()
    assert "Pekerjaan kedua" in summary and "Ojek pangkalan" in summary
