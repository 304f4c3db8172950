"""The status bar says the sync state only (icon, colour, no ISO stamp); a PDF, a backup or
an error goes to a notification and the Aktivitas list, whose files open again; Ctrl+plus
and Ctrl+minus scale the text of the whole interface, remembered across starts."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from uihelpers import VILLAGE, collect_printouts, sign_in

from regdesk.ui.app import DeskApp
from regdesk.ui.views.activity import ActivityDialog
from regdesk.ui.zoom import KEY, InterfaceZoom

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _add_one(desk: DeskApp) -> None:
    from regdesk.services.demo import generate

    assert desk.store is not None and desk.user is not None
    reg = next(iter(generate(1, village_code=VILLAGE, postal_code="17320",
                             today=desk.store.clock().date(), recorded_by="admin", seed=11,
                             taken_niks=set())))
    desk.store.add(reg, user=desk.user, confirmed_warnings=["postal_code.mismatch"])


def test_the_status_bar_says_the_sync_state_only(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    w = desk.window
    qtbot.waitUntil(lambda: bool(w.counts_label.text()), timeout=5000)
    assert w.counts_label.text().startswith("Menunggu ")
    assert w.sync_icon.pixmap() is not None and not w.sync_icon.pixmap().isNull()
    assert w.sync_icon.property("tone") in {"none", "wait", "ok", "bad"}
    texts = " ".join(label.text() for label in (w.online_label, w.counts_label,
                                                  w.last_sync_label))
    assert not _ISO.search(texts) and ":" not in w.last_sync_label.text()

    desk.notify.status("Cadangan tersimpan: x.sqlite3", 10_000, Path("/tmp/b/x.sqlite3"))
    assert w.statusBar().currentMessage() == ""  # never over the sync state
    assert w.toast.isVisible() and w.toast.text() == "Cadangan tersimpan: x.sqlite3"
    assert w.activity.entries[0].path == Path("/tmp/b/x.sqlite3")
    desk.notify.status("Menyiapkan PDF…")  # progress: shown, not kept
    assert w.toast.text() == "Menyiapkan PDF…" and len(w.activity.entries) == 1


def test_a_printed_receipt_is_kept_in_aktivitas_and_its_folder_opens(
        qtbot, desk: DeskApp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    _add_one(desk)
    opened: list[Path] = []
    desk.notify.open_file = opened.append
    assert desk.work is not None
    previewed = collect_printouts(desk)
    desk.work.printing.out_dir = tmp_path / "print"
    desk.work.list.reload()
    qtbot.waitUntil(lambda: desk.model.rowCount() == 1, timeout=5000)
    desk.window.table.selectRow(0)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)
    desk.window.detail.print_button.click()
    qtbot.waitUntil(lambda: len(previewed) == 1, timeout=20_000)
    pdf = previewed[0]
    w = desk.window
    assert w.statusBar().currentMessage() == ""
    assert w.toast.text() == f"PDF siap: {pdf.name}" and str(pdf.parent) not in w.toast.text()

    w.act_activity.trigger()
    dialog = w.findChild(ActivityDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.list.count() == 1 and f"PDF siap: {pdf.name}" in dialog.list.item(0).text()
    assert dialog.count.text() == "1 hasil" and not dialog.empty.isVisible()
    dialog.open_folder_button.click()
    dialog.open_file_button.click()
    assert opened == [pdf.parent, pdf]
    desk.notify.status("Laporan tersimpan: r.xlsx", 10_000, tmp_path / "r.xlsx")
    assert dialog.list.count() == 2 and "r.xlsx" in dialog.list.item(0).text()  # live
    assert dialog.count.text() == "2 hasil"
    w.activity.entries.clear()
    dialog.refresh()  # an empty session: the sentence in place of the list
    assert dialog.empty.isVisible() and not dialog.list.isVisible()
    assert dialog.empty.text() == "Belum ada apa-apa di sesi ini."
    dialog.reject()


def test_an_error_is_kept_in_aktivitas(qtbot, desk: DeskApp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from regdesk.services.errors import NothingToPrint

    shown: list[str] = []
    monkeypatch.setattr("regdesk.ui.notify.inform", lambda _w, _t, text: shown.append(text))
    sign_in(qtbot, desk)
    desk.notify.error(NothingToPrint())
    assert shown and desk.window.activity.entries[0].error
    assert desk.window.activity.entries[0].text == shown[0]


def test_ctrl_plus_and_minus_scale_the_interface_and_are_remembered(
        qtbot, desk: DeskApp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    start = app.font().pointSizeF()
    sign_in(qtbot, desk)
    w = desk.window
    try:
        w.activateWindow()
        qtbot.keyClick(w, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(w, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        if app.font().pointSizeF() == start:  # offscreen: no focus window for shortcuts
            w.act_zoom_in.trigger()
            w.act_zoom_in.trigger()
        assert app.font().pointSizeF() == start + 2
        qtbot.waitUntil(lambda: w.search.font().pointSizeF() == start + 2,  # every widget
                        timeout=3000)
        assert w.table.font().pointSizeF() == start + 2
        w.act_zoom_out.trigger()
        assert app.font().pointSizeF() == start + 1
        settings = desk.qsettings
        assert float(settings.value(KEY)) == start + 1  # type: ignore[arg-type]
        again = InterfaceZoom(app, settings)  # the next start reads it back
        assert again.size == start + 1
        for _ in range(40):
            w.act_zoom_out.trigger()
        assert app.font().pointSizeF() == 7.0  # bounded: still readable
    finally:
        desk.zoom.reset()
    assert app.font().pointSizeF() == start


def test_the_zoom_shortcuts_are_the_standard_keys(desk: DeskApp) -> None:
    from PySide6.QtGui import QKeySequence

    w = desk.window
    keys = [k.toString() for k in w.act_zoom_in.shortcuts()]
    assert "Ctrl++" in keys and "Ctrl+=" in keys
    assert w.act_zoom_out.shortcut() == QKeySequence("Ctrl+-")
