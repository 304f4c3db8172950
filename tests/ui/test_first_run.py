from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard
from uihelpers import VILLAGE

from regdesk.store import Store


def test_wizard_creates_admin_and_office_village(qtbot, tmp_path: Path) -> None:
    from conftest import make_desk

    desk = make_desk(qtbot, tmp_path / "fresh.sqlite3", tmp_path)
    try:
        qtbot.waitUntil(lambda: desk.signin.wizard is not None and desk.signin.wizard.isVisible(),
                        timeout=10_000)
        wizard = desk.signin.wizard
        assert wizard is not None
        page = wizard.account
        qtbot.keyClicks(page.full_name, "Admin Cibening")
        qtbot.keyClicks(page.password, "rahasia-123")
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        qtbot.keyClicks(page.password2, "rahasia-123")
        assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        wizard.next()
        qtbot.keyClicks(wizard.village.search, "Cibening")
        assert wizard.village.village() == VILLAGE
        wizard.next()
        qtbot.keyClicks(wizard.hq.url, "https://hq.example.id")
        wizard.button(QWizard.WizardButton.FinishButton).click()
        qtbot.waitUntil(lambda: desk.user is not None, timeout=10_000)
        assert desk.user is not None and desk.user.role == "admin"
        assert desk.window.pages.currentWidget() is desk.window.work
        qtbot.waitUntil(desk.runner.idle, timeout=5000)
    finally:
        desk.runner.shutdown()
        assert desk.store is not None
        desk.store.close()
    store = Store.open(tmp_path / "fresh.sqlite3")
    assert store.office_village() == VILLAGE
    assert store.get_setting("hq_url") == "https://hq.example.id"
    assert store.authenticate("admin", "rahasia-123").full_name == "Admin Cibening"
    store.close()
