"""Helpers shared by the UI tests (fixtures live in conftest.py)."""

from __future__ import annotations

ADMIN_PASSWORD = "rahasia-admin"
VILLAGE = "32.16.18.2005"  # Cibening, Setu


def sign_in(qtbot, desk, username: str = "admin",  # type: ignore[no-untyped-def]
            password: str = ADMIN_PASSWORD) -> None:
    page = desk.window.login
    page.username.clear()
    qtbot.keyClicks(page.username, username)
    page.password.clear()
    qtbot.keyClicks(page.password, password)
    page.button.click()
    qtbot.waitUntil(lambda: desk.user is not None and desk.user.username == username
                    and desk.locked_by is None, timeout=10_000)
    qtbot.waitUntil(desk.runner.idle, timeout=10_000)


def open_question(desk):  # type: ignore[no-untyped-def]
    """The yes/no question the window shows now (earlier ones may await deletion)."""
    from PySide6.QtWidgets import QMessageBox

    shown = [b for b in desk.window.findChildren(QMessageBox, "question") if b.isVisible()]
    return shown[-1] if shown else None


def collect_printouts(desk) -> list:  # type: ignore[no-untyped-def]
    """The paths of the printouts the desk would preview, in order (no dialog opens)."""
    shown: list = []
    desk.work.printing.preview = lambda printout: shown.append(printout.path)
    return shown


def add_rows(qtbot, desk, n: int = 6) -> None:  # type: ignore[no-untyped-def]
    """``n`` demo registrations (the first with a long name) in the list, the newest one
    selected and shown in the detail pane."""
    from dataclasses import replace
    from datetime import date

    from regdesk.services.demo import generate

    assert desk.store is not None and desk.user is not None and desk.work is not None
    regs = list(generate(n, village_code=VILLAGE, postal_code="17320",
                         today=date(2026, 11, 2), recorded_by="admin", seed=11,
                         taken_niks=set()))
    regs[0] = replace(regs[0], full_name="Raden Roro Siti Nurjanah Kusumawardhani")
    for reg in regs:
        desk.store.add(reg, user=desk.user, confirmed_warnings=["postal_code.mismatch"])
    desk.work.list.reload()
    qtbot.waitUntil(lambda: desk.model.rowCount() == n, timeout=5000)
    desk.window.table.selectRow(0)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)
    qtbot.waitUntil(desk.runner.idle, timeout=5000)


def new_form(qtbot, desk):  # type: ignore[no-untyped-def]
    """Sign in and open a new registration form by Ctrl+N; returns the form view."""
    from PySide6.QtCore import Qt

    sign_in(qtbot, desk)
    qtbot.keyClick(desk.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    view = desk.form_view
    assert view is not None and desk.window.inner.currentWidget() is view
    return view
