"""Cancel with a reason, print a receipt, add a clerk, and the two error paths."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from uihelpers import collect_printouts, sign_in

from regdesk.services.demo import generate
from regdesk.store import Store
from regdesk.store.errors import DuplicateNik
from regdesk.ui.app import DeskApp
from regdesk.ui.views.dialogs import CancelDialog, CrashDialog


def add_one(desk: DeskApp, seed: int = 3):  # type: ignore[no-untyped-def]
    assert desk.store is not None and desk.user is not None
    reg = next(iter(generate(1, village_code="32.16.18.2005", postal_code="17320",
                             today=desk.store.clock().date(), recorded_by="admin", seed=seed,
                             taken_niks=set())))
    return desk.store.add(reg, user=desk.user, confirmed_warnings=["postal_code.mismatch"])


def select_first(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    desk.work.list.reload()
    qtbot.waitUntil(lambda: desk.model.rowCount() >= 1, timeout=5000)
    desk.window.table.selectRow(0)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)


def test_cancel_needs_a_reason(qtbot, desk: DeskApp, seeded_db: Path) -> None:
    sign_in(qtbot, desk)
    view = add_one(desk)
    select_first(qtbot, desk)
    desk.window.detail.cancel_button.click()
    dialog = desk.window.findChild(CancelDialog)
    assert dialog is not None
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.reason, "Pindah ke desa lain")
    dialog.accept()
    qtbot.waitUntil(desk.runner.idle, timeout=5000)
    store = Store(seeded_db)
    cancelled = store.get(view.uuid)
    assert cancelled.status.value == "cancelled"
    assert cancelled.cancel_reason == "Pindah ke desa lain"
    store.close()


def test_print_receipt_writes_a_pdf(qtbot, desk: DeskApp, tmp_path: Path) -> None:
    sign_in(qtbot, desk)
    add_one(desk)
    select_first(qtbot, desk)
    opened = collect_printouts(desk)
    assert desk.window.detail.print_button.isEnabled()
    desk.window.detail.print_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert opened[0].read_bytes()[:5] == b"%PDF-"


def test_admin_adds_a_clerk(qtbot, desk: DeskApp, seeded_db: Path) -> None:
    sign_in(qtbot, desk)
    desk.open_settings()
    qtbot.waitUntil(lambda: desk.settings_dialog is not None, timeout=5000)
    dialog = desk.settings_dialog
    assert dialog is not None and dialog.users_box.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.new_username, "wati")
    qtbot.keyClicks(dialog.new_password, "rahasia-wati")
    dialog.add_user.click()
    qtbot.waitUntil(lambda: dialog.user_list.count() == 4, timeout=5000)
    store = Store(seeded_db)
    assert store.authenticate("wati", "rahasia-wati").role == "operator"
    store.close()


def test_expected_error_is_one_clear_message(qtbot, desk: DeskApp) -> None:
    desk.notify.error(DuplicateNik("3216182005-000007"))
    box = desk.window.findChild(QMessageBox, "message")
    assert box is not None
    assert box.text() == "NIK ini sudah terdaftar dengan nomor referensi 3216182005-000007."
    box.accept()


def test_unexpected_error_shows_crash_dialog_without_personal_data(qtbot, desk: DeskApp,
                                                                   monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from regdesk.ui.errors import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(desk.notify.show_crash, "test")
    try:
        raise ValueError("NIK 3216064508900001 Siti Aminah")
    except ValueError as exc:
        desk.notify.error(exc)
    dialog = desk.window.findChild(CrashDialog)
    assert dialog is not None
    assert "ValueError" in dialog.report and "3216064508900001" not in dialog.report
    dialog.copy()
    assert QApplication.clipboard().text() == dialog.report
    dialog.reject()
