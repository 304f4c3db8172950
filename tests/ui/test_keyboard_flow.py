"""The list as a keyboard place: Down from the search box into the results, Enter opens the
record (Edit then has the focus), Ctrl+E edits, Ctrl+H shows the history, Ctrl+S saves and
selects the saved row, Ctrl+P prints its receipt, F1 lists every shortcut."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from test_actions import add_one
from uihelpers import collect_printouts, sign_in

from regdesk.ui.app import DeskApp
from regdesk.ui.views.dialogs import ShortcutsDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def _find(qtbot, desk: DeskApp, text: str) -> None:  # type: ignore[no-untyped-def]
    search = desk.window.search
    search.setFocus()
    search.selectAll()
    qtbot.keyClicks(search, text)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.model.query == text and desk.model.rowCount() >= 1
                    and desk.runner.idle(), timeout=5000)


def test_search_open_edit_save_print_by_keyboard(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk, "budi", "rahasia-budi")  # a supervisor: the history tab is on
    views = [add_one(desk, seed) for seed in (3, 4, 5)]
    target = views[1]
    printed = collect_printouts(desk)
    first_name = target.registration.full_name.split()[0].lower()
    _find(qtbot, desk, first_name)

    qtbot.keyClick(desk.window.search, Qt.Key.Key_Down)  # into the results, first row
    table = desk.window.table
    assert QApplication.focusWidget() is table and table.currentIndex().row() == 0
    qtbot.keyClick(table, Qt.Key.Key_Return)  # open: the detail, then Edit has the focus
    detail = desk.window.detail
    qtbot.waitUntil(lambda: QApplication.focusWidget() is detail.edit_button, timeout=5000)
    assert desk.current is not None
    opened = desk.current

    qtbot.keyClick(detail.edit_button, Qt.Key.Key_H, CTRL)  # history
    assert detail.tabs.currentIndex() == 1
    qtbot.keyClick(detail.edit_button, Qt.Key.Key_E, CTRL)  # edit
    form = desk.form_view
    assert form is not None and desk.window.inner.currentWidget() is form
    address = form.inputs["address"]
    assert isinstance(address, QLineEdit)
    address.setFocus()
    address.selectAll()
    qtbot.keyClicks(address, "Jl. Kenanga No. 9")
    form.confirm.setChecked(True)  # the seeded postal code's warning
    qtbot.keyClick(address, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: desk.window.inner.currentWidget() is desk.window.list_page,
                    timeout=10_000)
    assert desk.window.banner.isVisible()
    # the saved row is selected: Ctrl+P prints its receipt
    qtbot.waitUntil(lambda: desk.current is not None and desk.current.uuid == opened.uuid
                    and desk.current.version == 2, timeout=10_000)
    qtbot.keyClick(desk.window, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=20_000)
    assert opened.local_ref in printed[0].name
    assert not desk.window.banner.isVisible()  # gone with the next action


def test_up_on_the_first_row_returns_to_search(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    view = add_one(desk)
    _find(qtbot, desk, view.registration.full_name.split()[0].lower())
    qtbot.keyClick(desk.window.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is desk.window.table
    qtbot.keyClick(desk.window.table, Qt.Key.Key_Up)
    assert QApplication.focusWidget() is desk.window.search


def test_new_registration_clears_the_saved_banner(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    desk.window.show_banner("Tersimpan", print_enabled=True, print_tip="")
    assert desk.window.banner.isVisible()
    qtbot.keyClick(desk.window, Qt.Key.Key_N, CTRL)
    assert not desk.window.banner.isVisible()


def test_f1_lists_every_shortcut(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    qtbot.keyClick(desk.window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: desk.window.findChild(ShortcutsDialog) is not None, timeout=5000)
    dialog = desk.window.findChild(ShortcutsDialog)
    table = dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Ubah"] == "Ctrl+E" and rows["Riwayat"] == "Ctrl+H"
    assert rows["Cetak tanda bukti"] == "Ctrl+P"
    assert rows["Pintasan keyboard"] == "F1"
    assert "Ctrl+Shift+P" in rows.values() and "Ctrl+N" in rows.values()
    assert rows["Dari kotak cari ke hasil pencarian"] == "Panah bawah"
    dialog.reject()
