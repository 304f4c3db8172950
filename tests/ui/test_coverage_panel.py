"""The village coverage panel (Ctrl+K): HQ's figures of the village in words with their date,
what this desk has not had answered, the sponsor programmes; listed on the F1 page; read
again after each sync; and what it says before figures were ever pulled."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from test_form_programme import publish
from uihelpers import sign_in

from regdesk.store import sync_state
from regdesk.ui.app import DeskApp

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _open(qtbot, desk: DeskApp):  # type: ignore[no-untyped-def]
    qtbot.keyClick(desk.window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    panel = desk.window.coverage
    qtbot.waitUntil(lambda: desk.window.coverage_dock.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: desk.work.coverage.shown is not None, timeout=10_000)
    return panel


def test_ctrl_k_shows_hq_figures_in_words_and_refreshes_after_sync(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    assert desk.store is not None
    publish(desk.store, people=1)
    sign_in(qtbot, desk)
    panel = _open(qtbot, desk)
    assert desk.window.act_coverage.isChecked()
    assert panel.as_of.text() == "angka kantor kabupaten per 20 November 2026"
    assert panel.village.text() == "Cibening, Kecamatan Setu"
    rows = panel.rows()
    assert (rows["registered"], rows["active"], rows["pending"]) == ("1", "1", "0")
    assert panel.model.rowCount() == 1
    assert [panel.model.item(0, c).text() for c in range(3)] == [
        "Pemdes Cibening", "1 dari 1 orang", "Rp 16.800 dari pagu Rp 1.000.000"]
    shown = [panel.as_of.text(), *rows.values()]
    assert not [text for text in shown if ISO.search(text)]

    # the next pull brings new figures: the panel reads them when the sync finishes
    with desk.store.write() as session:
        sync_state.apply_changes(session, [], next_cursor=sync_state.get_cursor(session),
                                 now=desk.store.clock(), figures={
                                     "village_code": "32.16.18.2005", "as_of": "2026-11-24",
                                     "registered": 5, "waiting_for_kpj": 1,
                                     "waiting_for_payment": 0, "active": 4, "grace": 0,
                                     "inactive": 0, "ended": 0, "workers": 10, "covered": 4,
                                     "target_people": 6, "target_share": "0.6",
                                     "still_needed": 2, "programmes": []})
    assert desk.sync is not None
    desk.sync.finished.emit({})
    qtbot.waitUntil(lambda: panel.as_of.text().endswith("24 November 2026"), timeout=10_000)
    rows = panel.rows()
    assert (rows["registered"], rows["coverage"], rows["still_needed"]) == (
        "5", "40,0% (4 dari 10 pekerja)", "2")

    qtbot.keyClick(desk.window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert not desk.window.coverage_dock.isVisible()


def test_the_shortcut_is_on_the_f1_page(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    assert ("Cakupan desa", "Ctrl+K") in desk.window.shortcut_rows()


def test_never_pulled_says_so(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    panel = _open(qtbot, desk)
    assert panel.as_of.text() == "belum pernah diambil dari kantor kabupaten"
    assert set(panel.rows()) == {"pending", "needs_attention"}
    assert panel.no_programmes.isVisible() and not panel.table.isVisible()


def test_locking_hides_the_panel(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    _open(qtbot, desk)
    desk.window.act_lock.trigger()
    qtbot.waitUntil(lambda: not desk.window.coverage_dock.isVisible(), timeout=5000)
    assert not desk.window.act_coverage.isChecked()
