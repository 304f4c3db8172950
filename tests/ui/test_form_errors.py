"""Errors in the form as a clerk sees them: an invalid field has a red border (the dynamic
property ``invalid`` and the desk's style sheet) with its message beside it; every input shows
a focus ring. The colours are read from the rendered pixels, not from the style sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QWidget
from uihelpers import new_form

from regdesk.ui.app import DeskApp
from regdesk.ui.style import ERROR_COLOUR, FOCUS_COLOUR


def border_colour(widget: QWidget) -> QColor:
    """The colour of the pixel on the widget's left border, half-way down."""
    QApplication.processEvents()
    image = widget.grab().toImage()
    return image.pixelColor(0, image.height() // 2)


def near(a: QColor, hex_colour: str) -> bool:
    b = QColor(hex_colour)
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 40


def test_an_invalid_field_has_a_red_border_and_its_message_beside_it(
        qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    view = new_form(qtbot, desk)
    nik = view.inputs["nik"]
    assert isinstance(nik, QLineEdit)
    assert not nik.property("invalid")
    qtbot.keyClicks(nik, "32160")
    qtbot.keyClick(nik, Qt.Key.Key_Return)  # leaves the NIK: its problem shows
    assert nik.property("invalid") is True
    assert view.problem_labels["nik"].isVisible()
    assert "16" in view.problem_labels["nik"].text()
    assert nik.accessibleDescription() == view.problem_labels["nik"].text()
    assert near(border_colour(nik), ERROR_COLOUR)
    nik.setFocus()
    qtbot.keyClicks(nik, "64508900001")  # 16 digits now: valid, the border goes
    assert not nik.property("invalid")
    assert not view.problem_labels["nik"].isVisible()
    assert not near(border_colour(nik), ERROR_COLOUR)


def test_save_marks_every_missing_field(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    view = new_form(qtbot, desk)
    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    for name in ("nik", "full_name", "address", "occupation_code"):
        assert view.inputs[name].property("invalid") is True, name
        assert view.problem_labels[name].isVisible(), name
    assert view.inputs["email"].property("invalid") is not True  # optional


def test_every_input_shows_a_focus_ring(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    view = new_form(qtbot, desk)
    for name in ("full_name", "gender", "occupation_code", "consent_given"):
        widget = view.inputs[name]
        other = view.inputs["address"] if name != "address" else view.inputs["rt"]
        other.setFocus()
        qtbot.waitUntil(other.hasFocus, timeout=2000)
        before = border_colour(widget)
        widget.setFocus()
        qtbot.waitUntil(lambda w=widget: w.hasFocus() or (
            isinstance(w, QComboBox) and w.lineEdit() is not None and w.lineEdit().hasFocus()),
            timeout=2000)
        ring = border_colour(widget)
        assert near(ring, FOCUS_COLOUR), (name, ring.name())
        assert not near(before, FOCUS_COLOUR), name
        if isinstance(widget, QCheckBox):
            assert widget.hasFocus()
