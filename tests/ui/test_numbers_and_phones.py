"""Numbers as a clerk types and reads them: income grouped while typing (1.000.000) with the
cursor after the same digit and the value an int; a mobile number stored in E.164 and shown
in the national form (08…) in the list, the detail pane and the form."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from tests.factories import valid_registration_data
from uihelpers import VILLAGE, sign_in

from regdesk.domain.phone import normalize_mobile
from regdesk.domain.phone_text import national_mobile
from regdesk.domain.registration import registration_from_dict
from regdesk.ui.app import DeskApp
from regdesk.ui.controllers.form import grouped_amount
from regdesk.ui.models.registrations import COL_PHONE


def test_grouped_amount_examples() -> None:
    assert grouped_amount("1000000", 7) == ("1.000.000", 9)
    assert grouped_amount("1.0000", 6) == ("10.000", 6)  # a digit typed at the end
    assert grouped_amount("15.000", 1) == ("15.000", 1)
    assert grouped_amount("125.000", 2) == ("125.000", 2)  # '2' typed after the 1
    assert grouped_amount("1500.000", 2) == ("1.500.000", 3)  # a 5 typed after the 1
    assert grouped_amount("1.000.0000", 10) == ("10.000.000", 10)
    assert grouped_amount("00", 2) == ("0", 1)
    assert grouped_amount("05", 2) == ("5", 1)
    assert grouped_amount("", 0) == ("", 0)
    assert grouped_amount("1000", 0) == ("1.000", 0)
    assert grouped_amount("1000000", 3, "en") == ("1,000,000", 4)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789.", max_size=14), st.data())
def test_grouped_amount_keeps_the_digits_and_the_cursor(text: str, data: st.DataObject) -> None:
    cursor = data.draw(st.integers(0, len(text)))
    shown, at = grouped_amount(text, cursor)
    digits = "".join(ch for ch in text if ch.isdigit())
    assert shown.replace(".", "") == (str(int(digits)) if digits else "")
    assert 0 <= at <= len(shown)
    assert grouped_amount(shown, at) == (shown, at)  # regrouping is stable
    if digits and not digits.startswith("0"):  # the same digits precede the cursor
        assert sum(ch.isdigit() for ch in shown[:at]) == \
            sum(ch.isdigit() for ch in text[:cursor])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["811", "812", "813", "821", "852", "857", "877", "878", "896"]),
       st.text(alphabet="0123456789", min_size=6, max_size=9))
def test_national_form_goes_back_to_the_stored_form(prefix: str, rest: str) -> None:
    stored, _problems = normalize_mobile("0" + prefix + rest)
    if stored is None:
        return  # not a valid mobile number of that length
    shown = national_mobile(stored)
    assert shown.startswith("08") and "+" not in shown
    assert normalize_mobile(shown) == (stored, [])


def test_national_form_examples() -> None:
    assert national_mobile("+6281234567890") == "0812 3456 7890"
    assert national_mobile("+628123456789") == "0812 3456 789"
    assert national_mobile("+62812345678901") == "0812 3456 78901"
    assert national_mobile("0812") == "0812"  # not in stored form: as it is


def income_edit(desk: DeskApp) -> QLineEdit:
    assert desk.form_view is not None
    combo = desk.form_view.inputs["income"]
    assert isinstance(combo, QComboBox)
    return combo.lineEdit()


def test_income_groups_while_typing_and_is_an_int(qtbot, desk: DeskApp) -> None:
    sign_in(qtbot, desk)
    qtbot.keyClick(desk.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    edit = income_edit(desk)
    edit.setFocus()
    shown = []
    for ch in "1500000":
        qtbot.keyClick(edit, ch)
        shown.append(edit.text())
    assert shown == ["1", "15", "150", "1.500", "15.000", "150.000", "1.500.000"]
    assert edit.cursorPosition() == len("1.500.000")
    assert desk.form is not None
    assert desk.form._data()["income"] == 1_500_000
    # a digit typed in the middle: the cursor stays after it
    edit.setCursorPosition(1)  # 1|.500.000
    qtbot.keyClick(edit, "2")
    assert edit.text() == "12.500.000" and edit.cursorPosition() == 2
    # Backspace just after a separator removes the digit before it
    edit.setCursorPosition(3)  # 12.|500.000
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.text() == "1.500.000" and edit.cursorPosition() == 1
    # Delete just before a separator removes the digit after it
    qtbot.keyClick(edit, Qt.Key.Key_Delete)  # 1|.500.000 → 1|00.000
    assert edit.text() == "100.000" and edit.cursorPosition() == 1
    assert desk.form._data()["income"] == 100_000


def test_a_phone_is_stored_e164_and_shown_national(qtbot, desk: DeskApp) -> None:
    sign_in(qtbot, desk)
    assert desk.store is not None and desk.user is not None
    reg, problems = registration_from_dict(valid_registration_data(
        village_code=VILLAGE, postal_code="17320", phone="0812-3456-7890"))
    assert reg is not None, problems
    saved = desk.store.add(reg, user=desk.user)
    assert desk.store.get(saved.uuid).registration.phone == "+6281234567890"
    desk.window.search.setText(saved.local_ref)
    desk.window.flush_search()
    qtbot.waitUntil(lambda: desk.model.rowCount() == 1, timeout=5000)
    assert desk.model.index(0, COL_PHONE).data() == "0812 3456 7890"
    desk.window.table.selectRow(0)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)
    summary = desk.window.detail.summary.toPlainText()
    assert "0812 3456 7890" in summary and "+62" not in summary
    desk.window.detail.edit_button.click()
    assert desk.form_view is not None
    phone = desk.form_view.inputs["phone"]
    assert isinstance(phone, QLineEdit) and phone.text() == "0812 3456 7890"
    qtbot.keyClick(desk.form_view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.window.inner.currentWidget() is desk.window.list_page,
                    timeout=10_000)
    qtbot.waitUntil(desk.runner.idle, timeout=5000)
    assert desk.store.get(saved.uuid).registration.phone == "+6281234567890"
