"""Enter accepts a suggestion and moves on, in every completer field, as a clerk's keys really
arrive: while the suggestion popup is open the keys go to the popup (the active popup gets
them), not to the line edit, so the test sends them where Qt would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from uihelpers import new_form

from regdesk.ui.app import DeskApp


def key_target(fallback: QWidget) -> QWidget:
    """Where a key typed now would go: the open popup, else the focused widget."""
    return QApplication.activePopupWidget() or QApplication.focusWidget() or fallback


def type_and_enter(qtbot, combo: QComboBox, text: str, *,  # type: ignore[no-untyped-def]
                   popup: bool) -> None:
    edit = combo.lineEdit()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=2000)
    for ch in text:
        qtbot.keyClicks(key_target(edit), ch)
    completer = edit.completer()
    if popup:
        qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=2000)
    qtbot.keyClick(key_target(edit), Qt.Key.Key_Return)


def test_petani_then_enter_picks_it_and_moves_on(qtbot, desk: DeskApp) -> None:
    view = new_form(qtbot, desk)
    occupation = view.inputs["occupation_code"]
    assert isinstance(occupation, QComboBox)
    type_and_enter(qtbot, occupation, "petani", popup=True)
    assert occupation.currentData() == "petani"
    assert occupation.currentText() == "Petani / pekebun"
    assert not occupation.completer().popup().isVisible()
    assert QApplication.focusWidget() in (view.inputs["income"], view.inputs["income"]
                                          .lineEdit())  # type: ignore[attr-defined]
    assert not view.problem_labels["occupation_code"].isVisible()
    assert desk.form is not None
    assert not [p for p in desk.form.problems if p.field == "occupation_code"]


def test_down_then_enter_picks_the_chosen_suggestion(qtbot, desk: DeskApp) -> None:
    view = new_form(qtbot, desk)
    occupation = view.inputs["occupation_code"]
    assert isinstance(occupation, QComboBox)
    edit = occupation.lineEdit()
    edit.setFocus()
    qtbot.keyClicks(edit, "ojek")
    popup = edit.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    assert popup.model().rowCount() == 2  # online and pangkalan
    qtbot.keyClick(key_target(edit), Qt.Key.Key_Down)
    qtbot.keyClick(key_target(edit), Qt.Key.Key_Down)
    chosen = popup.currentIndex().data()
    qtbot.keyClick(key_target(edit), Qt.Key.Key_Return)
    assert occupation.currentText() == chosen
    assert occupation.currentData() in ("ojek-online", "ojek-pangkalan")
    assert QApplication.focusWidget() in (view.inputs["income"], view.inputs["income"]
                                          .lineEdit())  # type: ignore[attr-defined]


def test_an_unknown_occupation_then_enter_says_so(qtbot, desk: DeskApp) -> None:
    view = new_form(qtbot, desk)
    occupation = view.inputs["occupation_code"]
    assert isinstance(occupation, QComboBox)
    type_and_enter(qtbot, occupation, "astronot", popup=False)
    assert occupation.currentIndex() == -1
    assert view.problem_labels["occupation_code"].isVisible()
    assert "wajib" not in view.problem_labels["occupation_code"].text()


def test_income_suggestion_then_enter_moves_on(qtbot, desk: DeskApp) -> None:
    """The income combo completes inline from its levels; Enter keeps the typed amount."""
    view = new_form(qtbot, desk)
    income = view.inputs["income"]
    assert isinstance(income, QComboBox)
    type_and_enter(qtbot, income, "2500000", popup=False)
    assert income.currentText() == "2.500.000"
    assert QApplication.focusWidget() is view.inputs["consent_given"]
