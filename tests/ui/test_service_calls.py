"""The window's actions go through the same services as the CLI: the services' rules decide
what the clerk sees, and their typed errors become one sentence (never a crash dialog)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from uihelpers import VILLAGE, collect_printouts, sign_in

from regdesk.services import settings
from regdesk.store import Store
from regdesk.ui.app import DeskApp
from regdesk.ui.views.dialogs import CrashDialog


def _add_one(desk: DeskApp) -> None:
    from regdesk.services.demo import generate

    assert desk.store is not None and desk.user is not None
    reg = next(iter(generate(1, village_code=VILLAGE, postal_code="17320",
                             today=desk.store.clock().date(), recorded_by="admin", seed=11,
                             taken_niks=set())))
    desk.store.add(reg, user=desk.user, confirmed_warnings=["postal_code.mismatch"])


def _select_first(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    assert desk.work is not None
    desk.work.list.reload()
    qtbot.waitUntil(lambda: desk.model.rowCount() == 1, timeout=5000)
    desk.window.table.selectRow(0)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)


def _message(desk: DeskApp) -> QMessageBox:
    boxes = [b for b in desk.window.findChildren(QMessageBox, "message") if b.isVisible()]
    assert boxes, "no message shown"
    return boxes[-1]


def test_a_clerk_selecting_a_record_gets_no_history(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk, "siti", "rahasia-siti")  # an operator
    _add_one(desk)
    _select_first(qtbot, desk)
    detail = desk.window.detail
    assert not detail.tabs.isTabEnabled(1) and not detail.history.toPlainText()


def test_a_supervisor_selecting_a_record_gets_its_history(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk, "budi", "rahasia-budi")
    _add_one(desk)
    _select_first(qtbot, desk)
    detail = desk.window.detail
    assert detail.tabs.isTabEnabled(1) and detail.history.toPlainText()
    history = detail.history.toPlainText()
    assert " mendaftarkan, " in history and "Versi 1 oleh " in history  # sentences
    assert "registration." not in history and not re.search(r"\d{4}-\d{2}-\d{2}", history)


def test_settings_saved_in_the_dialog_read_back_through_the_service(
        qtbot, desk: DeskApp, seeded_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    desk.open_settings()
    qtbot.waitUntil(lambda: desk.settings_dialog is not None, timeout=5000)
    dialog = desk.settings_dialog
    dialog.hq_url.setText("https://hq.example.id")
    dialog.auto_lock.setValue(7)
    dialog.backup_dir.setText(str(tmp_path / "usb"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog._apply()
    qtbot.waitUntil(lambda: desk.lang == "en", timeout=5000)
    qtbot.waitUntil(desk.runner.idle, timeout=5000)
    store = Store(seeded_db)
    try:
        assert settings.load_settings(store, default_language="id") == {
            "hq_url": "https://hq.example.id", "language": "en", "auto_lock_minutes": 7,
            "backup_dir": str(tmp_path / "usb")}
    finally:
        store.close()


def test_typed_errors_are_one_sentence(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    from regdesk.services.errors import PermissionDenied
    from regdesk.sync.errors import Kind, SyncError

    sign_in(qtbot, desk)
    assert desk.sync is not None
    desk.notify.error(SyncError(Kind.AUTH, "token revoked"))
    box = _message(desk)
    assert box.text() == desk.sync.error_text("auth") and "token" not in box.text()
    box.accept()
    desk.notify.error(FileNotFoundError(2, "No such file or directory"))
    box = _message(desk)
    assert "No such file or directory" in box.text()
    box.accept()
    desk.notify.error(PermissionDenied("supervisor"))
    box = _message(desk)
    assert box.text() and "permission.denied" not in box.text()
    box.accept()
    assert desk.window.findChild(CrashDialog) is None


def test_cards_with_none_ready_say_so(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    opened = collect_printouts(desk)
    assert desk.work is not None
    desk.work.printing.print_cards(None, "a4-10")  # services.printouts.cards_to_print refuses
    qtbot.waitUntil(lambda: bool(desk.window.findChildren(QMessageBox, "message")),
                    timeout=5000)
    assert _message(desk).text() and not opened
    assert desk.window.findChild(CrashDialog) is None


def test_a_clerk_sees_the_nik_masked_in_the_list_and_the_detail(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    """As ``regdesk show`` does: operators see 3216********0001, supervisors the whole NIK."""
    sign_in(qtbot, desk, "siti", "rahasia-siti")  # an operator
    _add_one(desk)
    _select_first(qtbot, desk)
    nik = desk.current.registration.nik  # type: ignore[union-attr]
    shown = desk.model.data(desk.model.index(0, 2))
    listed = {desk.model.data(desk.model.index(0, c)) for c in range(desk.model.columnCount())}
    assert nik not in listed and f"{nik[:4]}********{nik[-4:]}" in listed, shown
    text = desk.window.detail.summary.toPlainText()
    assert nik not in text and f"{nik[:4]}********{nik[-4:]}" in text
