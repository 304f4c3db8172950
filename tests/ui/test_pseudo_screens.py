"""One screenshot per screen under the pseudo-locale (every string ~40% longer, accented):
no label, button or check box may be narrower than its text. PNGs go to ``tmp_path``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QToolButton, QWidget
from sqlalchemy import text
from uihelpers import add_rows, sign_in

from regdesk import i18n
from regdesk.store import Store
from regdesk.ui.app import DeskApp
from regdesk.ui.i18n import Translations
from regdesk.ui.views.print_dialogs import CardStockDialog, RecapDialog


def clipped(root: QWidget, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The visible labels, buttons and check boxes whose text does not fit their width."""
    found = []
    widgets = [w for kind in (QLabel, QAbstractButton) for w in root.findChildren(kind)]
    for widget in widgets:
        if not widget.isVisibleTo(root) or isinstance(widget, QToolButton):
            continue  # tool buttons (the window's menu arrows) are icons or elide by design
        if isinstance(widget, QLabel) and (widget.wordWrap() or not widget.text()):
            continue  # wrapped text grows in height; an empty label has nothing to clip
        if widget.objectName() in allowed:
            continue
        if widget.sizeHint().width() > widget.width() + 1:
            found.append(f"{type(widget).__name__} {widget.objectName() or ''} "
                         f"{widget.text()!r}: {widget.sizeHint().width()} > {widget.width()}")
    return found


def shot(qtbot, widget: QWidget, tmp_path: Path, name: str,  # type: ignore[no-untyped-def]
         allowed: frozenset[str] = frozenset()) -> None:
    """Show ``widget``, save its screenshot and check nothing in it is clipped."""
    if not widget.isVisible():
        widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    path = tmp_path / f"{name}.png"  # kept by pytest for a look after a failure
    assert widget.grab().save(str(path)) and path.stat().st_size > 0
    problems = clipped(widget, allowed)
    assert not problems, f"{name}: clipped under the pseudo-locale: {problems}"


@pytest.fixture(autouse=True)
def _back_to_the_default_language() -> Iterator[None]:
    yield
    Translations().switch("en")
    i18n.set_language(i18n.DEFAULT_LANG)


def pseudo_desk(qtbot, path: Path, tmp_path: Path) -> DeskApp:  # type: ignore[no-untyped-def]
    desk = DeskApp(path, lang=i18n.PSEUDO,
                   qsettings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(desk.window)
    desk.start()
    qtbot.waitUntil(lambda: desk.store is not None, timeout=20_000)
    return desk


@pytest.fixture
def desk(qtbot, seeded_db: Path, tmp_path: Path) -> Iterator[DeskApp]:  # type: ignore[no-untyped-def]
    app = pseudo_desk(qtbot, seeded_db, tmp_path)
    yield app
    app.runner.shutdown()
    if app.store is not None:
        app.store.close()


def test_the_check_sees_a_clipped_label(qtbot) -> None:  # type: ignore[no-untyped-def]
    root = QWidget()
    qtbot.addWidget(root)
    label = QLabel("A text far wider than its forty pixels", root)
    label.setObjectName("narrow")
    label.setFixedWidth(40)
    root.show()
    assert [p.split()[1] for p in clipped(root)] == ["narrow"]
    assert clipped(root, frozenset({"narrow"})) == []


def test_the_pseudo_locale_is_in_force(qtbot, desk: DeskApp) -> None:
    assert i18n.current_language() == i18n.PSEUDO
    assert desk.window.login.button.text().startswith("[")


def test_login(qtbot, desk: DeskApp, tmp_path: Path) -> None:
    shot(qtbot, desk.window, tmp_path, "login")


def test_first_run_wizard(qtbot, tmp_path: Path) -> None:
    desk = pseudo_desk(qtbot, tmp_path / "fresh.sqlite3", tmp_path)
    try:
        signin = desk.signin
        qtbot.waitUntil(lambda: signin.wizard is not None and signin.wizard.isVisible(),
                        timeout=10_000)
        wizard = signin.wizard
        assert wizard is not None
        shot(qtbot, wizard, tmp_path, "wizard-account")
        qtbot.keyClicks(wizard.account.full_name, "Admin Cibening")
        qtbot.keyClicks(wizard.account.password, "rahasia-123")
        qtbot.keyClicks(wizard.account.password2, "rahasia-123")
        wizard.next()
        shot(qtbot, wizard, tmp_path, "wizard-village")
        qtbot.keyClicks(wizard.village.search, "Cibening")
        wizard.next()
        shot(qtbot, wizard, tmp_path, "wizard-hq")
        wizard.reject()
    finally:
        desk.runner.shutdown()
        if desk.store is not None:
            desk.store.close()


def test_list(qtbot, desk: DeskApp, tmp_path: Path) -> None:
    sign_in(qtbot, desk)
    shot(qtbot, desk.window, tmp_path, "list")


def test_status_bar_fits(qtbot, desk: DeskApp, tmp_path: Path) -> None:
    """The online, counts and last-sync texts all fit a 1280 px window at +40 %."""
    sign_in(qtbot, desk)
    desk.window.resize(1280, 720)
    shot(qtbot, desk.window, tmp_path, "status-bar")
    bar = desk.window.statusBar()
    for name in ("onlineLabel", "countsLabel"):
        label = bar.findChild(QLabel, name)
        assert label is not None and label.isVisibleTo(bar) and label.text()
        assert label.width() >= label.sizeHint().width()


def test_form(qtbot, desk: DeskApp, tmp_path: Path) -> None:
    sign_in(qtbot, desk)
    desk.new_registration()
    view = desk.form_view
    assert view is not None
    qtbot.keyClicks(view.inputs["nik"], "12345")
    view.inputs["full_name"].setFocus()  # leaving NIK shows its problem
    assert view.problem_labels["nik"].text().startswith("[")
    shot(qtbot, desk.window, tmp_path, "form")


def test_settings(qtbot, desk: DeskApp, tmp_path: Path) -> None:
    sign_in(qtbot, desk)
    desk.open_settings()
    qtbot.waitUntil(lambda: desk.settings_dialog is not None, timeout=5000)
    dialog = desk.settings_dialog
    assert dialog is not None
    shot(qtbot, dialog, tmp_path, "settings")
    dialog.reject()


def test_needs_attention(qtbot, desk: DeskApp, seeded_db: Path, tmp_path: Path) -> None:
    sign_in(qtbot, desk)
    assert desk.store is not None and desk.user is not None
    from regdesk.services.demo import generate

    reg = next(iter(generate(1, village_code="32.16.18.2005", postal_code="17320",
                             today=date(2026, 11, 2), recorded_by="admin", seed=7,
                             taken_niks=set())))
    view = desk.store.add(reg, user=desk.user, confirmed_warnings=["postal_code.mismatch"])
    answer = {"problems": [{"field": "nik", "code": "nik.duplicate",
                            "severity": "error", "params": {"local_ref": "3216180000-000009"}}]}
    store = Store(seeded_db)
    try:
        with store.write() as session:
            session.connection().execute(
                text("UPDATE registration SET status='needs_attention', hq_answer=:a "
                     "WHERE uuid=:u"), {"a": json.dumps(answer), "u": view.uuid})
    finally:
        store.close()
    desk.sync.refresh_status()
    qtbot.waitUntil(lambda: "(1)" in desk.window.attention_button.text(), timeout=5000)
    desk.window.attention_button.click()
    qtbot.waitUntil(lambda: desk.model.rowCount() == 1, timeout=5000)
    desk.window.table.selectRow(0)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)
    qtbot.waitUntil(desk.runner.idle, timeout=5000)
    shot(qtbot, desk.window, tmp_path, "needs-attention")


def test_import_wizard(qtbot, desk: DeskApp, tmp_path: Path) -> None:
    sign_in(qtbot, desk)
    assert desk.work is not None
    wizard = desk.work.imports.open()
    assert wizard is not None
    shot(qtbot, wizard, tmp_path, "import-file")
    wizard.reject()


@pytest.mark.parametrize("which", ["cards", "recap", "preview"])
def test_print_dialogs(qtbot, desk: DeskApp, tmp_path: Path, which: str) -> None:
    sign_in(qtbot, desk)
    assert desk.work is not None
    if which == "cards":
        dialog: QWidget = CardStockDialog(
            desk.work.printing.tr("Every member with a KPJ (not cancelled, not ended)."),
            desk.window, printers=["Kantor HP LaserJet"])
    elif which == "preview":
        from regdesk.cards import render_calibration
        from regdesk.ui.views.print_preview import Printout, PrintPreviewDialog

        pdf = tmp_path / "kalibrasi.pdf"
        render_calibration("a4-10", pdf)
        dialog = PrintPreviewDialog(Printout(pdf, "kalibrasi", cards=10),
                                    scale_for=lambda _name: 1.0, open_external=lambda _p: None,
                                    printers=["Kantor HP LaserJet"], parent=desk.window)
        dialog.resize(1000, 640)  # a 1366×768 screen's dialog
    else:
        dialog = RecapDialog(date(2026, 11, 2), desk.window)
    shot(qtbot, dialog, tmp_path, f"print-{which}")
    dialog.close()


SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("detail", [True, False], ids=["detail", "collapsed"])
def test_list_at_office_screen_sizes(qtbot, desk: DeskApp, tmp_path: Path, size: str,
                                     detail: bool) -> None:
    """The list with its member-number column at 1366×768 and 1920×1080, the detail pane
    open or collapsed: no label, button or column clipped."""
    sign_in(qtbot, desk)
    add_rows(qtbot, desk)
    w = desk.window
    w.resize(*SIZES[size])
    w.set_detail_visible(detail)
    QApplication.processEvents()
    assert w.detail.isVisible() is detail
    header = w.table.model().headerData(3, Qt.Orientation.Horizontal)
    assert header == "[Ñö. péšértà~~]"  # the member-number column ("No. peserta")
    shot(qtbot, w, tmp_path, f"list-{size}-{'detail' if detail else 'collapsed'}")
    QApplication.processEvents()
    assert not w.column_problems(), w.column_problems()
    if size == "1920x1080":  # the width is used: no sideways scrolling, even at +40 %
        assert not w.table.horizontalScrollBar().isVisible()
        header_view = w.table.horizontalHeader()
        used = sum(header_view.sectionSize(c) for c in range(header_view.count()))
        assert used >= w.table.viewport().width() - 2  # the name takes what is left


@pytest.mark.parametrize("size", SIZES)
def test_form_at_office_screen_sizes(qtbot, desk: DeskApp, tmp_path: Path, size: str) -> None:
    sign_in(qtbot, desk)
    desk.window.resize(*SIZES[size])
    desk.new_registration()
    view = desk.form_view
    assert view is not None
    qtbot.keyClicks(view.inputs["nik"], "12345")
    view.inputs["full_name"].setFocus()
    shot(qtbot, desk.window, tmp_path, f"form-{size}")
