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
