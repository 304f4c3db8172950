"""Live eligibility in the real form, by keyboard: an ineligible person sees why and no fee as
soon as the NIK gives the birth date; a NIK already on this desk shows at its 16th digit, with
a link that finds the record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox
from tests.factories import valid_registration_data
from uihelpers import VILLAGE, open_question, sign_in

from regdesk.domain.registration import registration_from_dict
from regdesk.ui.app import DeskApp

BOY_NIK = "3216061203120001"  # born 12-03-2012: 14 on the suite's day (25-11-2026)


def new_form(qtbot, desk: DeskApp):  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    qtbot.keyClick(desk.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    view = desk.form_view
    assert view is not None and desk.window.inner.currentWidget() is view
    return view


def test_an_ineligible_person_sees_why_and_no_fee(qtbot, desk: DeskApp) -> None:
    view = new_form(qtbot, desk)
    occupation = view.inputs["occupation_code"]
    assert isinstance(occupation, QComboBox)
    for name, text in (("occupation_code", "petani"), ("income", "1000000")):
        widget = view.inputs[name]
        target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
        target.setFocus()
        qtbot.keyClicks(target, text)
        qtbot.keyClick(target, Qt.Key.Key_Return)
    assert view.fee_monthly.text() == "Rp 16.800"  # an adult by default: a fee
    nik = view.inputs["nik"]
    nik.setFocus()
    qtbot.keyClicks(nik, BOY_NIK[:15])
    assert not view.ineligible.isVisible()
    qtbot.keyClicks(nik, BOY_NIK[15])
    reason = "Usia saat mendaftar minimal 15 tahun (usia 14)."
    assert view.ineligible.isVisible()
    assert view.ineligible.text() == f"Tidak dapat didaftarkan: {reason}"
    assert view.problem_labels["birth_date"].isVisible()
    assert view.problem_labels["birth_date"].text() == reason
    assert view.fee_monthly.text() == "—" and view.fee_total.text() == "—"


def test_a_duplicate_nik_shows_at_the_16th_digit_with_a_link(qtbot, desk: DeskApp) -> None:
    sign_in(qtbot, desk)
    assert desk.store is not None and desk.user is not None
    reg, problems = registration_from_dict(valid_registration_data(
        village_code=VILLAGE, postal_code="17320"))
    assert reg is not None, problems
    saved = desk.store.add(reg, user=desk.user)
    view = new_form(qtbot, desk)
    nik = view.inputs["nik"]
    qtbot.keyClicks(nik, reg.nik[:15])
    qtbot.wait(50)
    assert not view.duplicate_link.isVisible()
    qtbot.keyClicks(nik, reg.nik[15])
    qtbot.waitUntil(view.duplicate_link.isVisible, timeout=5000)
    assert view.problem_labels["nik"].text() == (
        f"NIK ini sudah terdaftar dengan nomor referensi {saved.local_ref}.")
    assert saved.local_ref in view.duplicate_link.text()

    view.duplicate_link.linkActivated.emit(saved.local_ref)  # the clerk follows the link
    question = open_question(desk)
    assert question is not None  # the form has a typed NIK: leave it?
    question.button(QMessageBox.StandardButton.Yes).click()
    assert desk.window.inner.currentWidget() is desk.window.list_page
    assert desk.window.search.text() == saved.local_ref
    qtbot.waitUntil(lambda: desk.model.rowCount() == 1, timeout=5000)

    qtbot.keyClick(desk.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not view.duplicate_link.isVisible()  # a new form starts clean
