"""The registration form's sponsor programme pick, by keyboard: Alt+S reaches it, Down picks
the programme open for the person, funding, sponsor and budget reference come from it and
cannot be typed over; over the quota the save waits for the warning to be confirmed; the
saved registration carries the programme; "(tanpa program)" gives the fields back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from tests.programme_support import publish as publish_programme
from uihelpers import VILLAGE, new_form

from regdesk.store import Store
from regdesk.ui.app import DeskApp

PROGRAMME: dict[str, Any] = {
    "sponsor": "Pemdes Cibening", "funding_source": "dana-desa", "dpa_number": "DPA 77/3",
    "budget_year": 2026, "ceiling": 1_000_000, "quota": 1, "period_from": "2026-10",
    "period_to": "2027-06", "paid": "JKK+JKM", "occupations": [], "villages": [VILLAGE],
    "status": "open"}


def publish(store: Store, pid: int = 7, *, people: int = 0, **changes: Any) -> None:
    """HQ's programme for the village and, on the last page, its figures (as sync does)."""
    publish_programme(store, {**PROGRAMME, **changes}, pid=pid, people=people,
                      committed=16_800, village=VILLAGE, as_of="2026-11-20", registered=1,
                      waiting_for_kpj=0, waiting_for_payment=0, active=1, grace=0,
                      inactive=0, ended=0)


def type_field(qtbot, view, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = view.inputs[name]
    target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    target.setFocus()
    qtbot.keyClicks(target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def fill_person(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(view.inputs["nik"], "3216064508900001")
    for name, text in (("full_name", "Siti Aminah"), ("address", "Jl. Melati No. 3"),
                       ("rt", "3"), ("rw", "5"), ("phone", "0812 3456 7890"),
                       ("occupation_code", "ojek online"), ("income", "1500000")):
        type_field(qtbot, view, name, text)
    qtbot.keyClick(view.inputs["consent_given"], Qt.Key.Key_Space)


def open_pick(qtbot, view) -> QComboBox:  # type: ignore[no-untyped-def]
    combo = view.inputs["programme_id"]
    assert isinstance(combo, QComboBox)
    qtbot.waitUntil(lambda: combo.count() == 2, timeout=10_000)
    view.inputs["consent_given"].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is combo  # the label's mnemonic
    return combo


def test_pick_a_programme_by_keyboard_confirm_the_quota_and_save(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    assert desk.store is not None
    publish(desk.store, people=1)  # HQ counts one person already: the quota is full
    view = new_form(qtbot, desk)
    fill_person(qtbot, view)
    combo = open_pick(qtbot, view)
    assert combo.itemText(0) == "(tanpa program)"
    assert combo.itemText(1) == ("Pemdes Cibening — Dana Desa, DPA 77/3 / 2026 (s.d. Juni 2027)"
                                 " · sisa 0 orang, Rp 983.200")
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == "7"
    sponsor, budget, funding = (view.inputs[n] for n in ("sponsor_name", "budget_reference",
                                                          "funding"))
    assert isinstance(sponsor, QLineEdit) and isinstance(budget, QLineEdit)
    assert isinstance(funding, QComboBox)
    assert (sponsor.text(), budget.text(), funding.currentData()) == (
        "Pemdes Cibening", "DPA 77/3 / 2026", "dana-desa")
    assert sponsor.isReadOnly() and budget.isReadOnly() and not funding.isEnabled()
    qtbot.keyClicks(sponsor, "PT Lain")  # never typed over
    assert sponsor.text() == "Pemdes Cibening"

    qtbot.keyClick(combo, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.warning_box.isVisible(), timeout=10_000)
    assert "Kuota program sponsor (1 orang) sudah penuh" in view.warning_text.text()
    assert desk.window.inner.currentWidget() is view  # not saved until confirmed
    assert desk.form is not None and desk.form.dirty
    view.confirm.setFocus()
    qtbot.keyClick(view.confirm, Qt.Key.Key_Space)
    qtbot.keyClick(view.confirm, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.window.inner.currentWidget() is desk.window.list_page,
                    timeout=10_000)
    saved = desk.work.form.last_saved
    assert saved is not None
    reg = desk.store.get(saved.uuid).registration
    assert (reg.programme_id, reg.sponsor_name, reg.budget_reference, reg.funding.value) == (
        7, "Pemdes Cibening", "DPA 77/3 / 2026", "dana-desa")

    # editing it shows its programme, still deciding the fields
    desk.work.form.edit(saved)
    qtbot.waitUntil(lambda: combo.currentData() == "7", timeout=10_000)
    assert sponsor.isReadOnly() and not funding.isEnabled()


def test_no_programme_gives_the_fields_back(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    assert desk.store is not None
    publish(desk.store)
    view = new_form(qtbot, desk)
    fill_person(qtbot, view)
    sponsor = view.inputs["sponsor_name"]
    assert isinstance(sponsor, QLineEdit)
    type_field(qtbot, view, "sponsor_name", "Bu Lurah")
    combo = open_pick(qtbot, view)
    assert combo.itemText(1).endswith("· sisa 1 orang, Rp 983.200")
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert sponsor.text() == "Pemdes Cibening" and sponsor.isReadOnly()
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert combo.currentData() == ""
    assert sponsor.text() == "Bu Lurah" and not sponsor.isReadOnly()
    assert view.inputs["funding"].isEnabled()


def test_the_pick_lists_only_programmes_for_the_occupation_typed(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    assert desk.store is not None
    publish(desk.store, villages=[], occupations=["nelayan"])
    view = new_form(qtbot, desk)
    combo = view.inputs["programme_id"]
    assert isinstance(combo, QComboBox)
    qtbot.waitUntil(lambda: combo.count() == 1, timeout=10_000)  # no occupation yet
    type_field(qtbot, view, "occupation_code", "Nelayan")
    qtbot.waitUntil(lambda: combo.count() == 2, timeout=10_000)
    occupation = view.inputs["occupation_code"]
    assert isinstance(occupation, QComboBox)
    occupation.lineEdit().clear()
    type_field(qtbot, view, "occupation_code", "Petani")
    qtbot.waitUntil(lambda: combo.count() == 1, timeout=10_000)  # not for farmers
