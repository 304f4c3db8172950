from __future__ import annotations

from uihelpers import sign_in

from regdesk.ui.app import DeskApp


def test_wrong_password_shows_one_clear_message(qtbot, desk: DeskApp) -> None:
    assert desk.window.pages.currentWidget() is desk.window.login
    qtbot.keyClicks(desk.window.login.username, "admin")
    qtbot.keyClicks(desk.window.login.password, "salah-sekali")
    desk.window.login.button.click()
    qtbot.waitUntil(lambda: bool(desk.window.login.error.text()), timeout=10_000)
    assert desk.window.login.error.text() == "Nama pengguna atau kata sandi salah."
    assert desk.user is None


def test_sign_in_shows_the_work_page(qtbot, desk: DeskApp) -> None:
    sign_in(qtbot, desk, "siti", "rahasia-siti")
    assert desk.window.pages.currentWidget() is desk.window.work
    assert "siti" in desk.window.user_label.text()
    qtbot.waitUntil(lambda: "0" in desk.window.counts_label.text(), timeout=5000)
