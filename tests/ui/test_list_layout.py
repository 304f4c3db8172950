"""The list at the office's screen sizes, in Indonesian: a member-number column, no clipped
column, the width used (the name takes what is left); the detail pane collapses (button,
Ctrl+Shift+D), is remembered, and opening a record by Enter shows it again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from uihelpers import add_rows, sign_in

from regdesk.ui.app import DeskApp
from regdesk.ui.models.registrations import COL_MEMBER, COL_NAME


def sideways(desk: DeskApp) -> bool:
    QApplication.processEvents()
    return desk.window.table.horizontalScrollBar().isVisible()


@pytest.mark.parametrize(("size", "detail"), [((1366, 768), False), ((1920, 1080), True)],
                         ids=["1366-collapsed", "1920-detail"])
def test_the_columns_fit_and_use_the_width(qtbot, desk: DeskApp, size: tuple[int, int],
                                           detail: bool) -> None:
    sign_in(qtbot, desk)
    add_rows(qtbot, desk)
    w = desk.window
    w.resize(*size)
    w.set_detail_visible(detail)
    QApplication.processEvents()
    assert desk.model.headerData(COL_MEMBER, Qt.Orientation.Horizontal) == "No. peserta"
    assert not w.column_problems()
    assert not sideways(desk)
    header = w.table.horizontalHeader()
    used = sum(header.sectionSize(c) for c in range(header.count()))
    assert used >= w.table.viewport().width() - 2
    assert header.sectionSize(COL_NAME) >= w.table.sizeHintForColumn(COL_NAME)


def test_the_member_number_column_shows_the_kpj_else_hq_number(qtbot, desk: DeskApp) -> None:
    from sqlalchemy import text

    sign_in(qtbot, desk)
    add_rows(qtbot, desk, 2)
    assert desk.store is not None
    newest = desk.model.row_at(0)
    assert newest is not None
    with desk.store.write() as session:
        session.connection().execute(
            text("UPDATE registration SET member_number='26040100017' WHERE uuid=:u"),
            {"u": newest.uuid})
    desk.model.refresh()
    qtbot.waitUntil(lambda: desk.model.rowCount() == 2 and desk.model.index(
        0, COL_MEMBER).data() == "26040100017", timeout=5000)
    assert "belum ada KPJ" in desk.model.index(0, COL_MEMBER).data(Qt.ItemDataRole.ToolTipRole)
    assert desk.model.index(1, COL_MEMBER).data() == ""


def test_the_detail_pane_collapses_and_is_remembered(qtbot, desk: DeskApp,
                                                     tmp_path: Path) -> None:
    sign_in(qtbot, desk)
    add_rows(qtbot, desk, 3)
    w = desk.window
    w.resize(1366, 768)
    QApplication.processEvents()
    assert w.detail.isVisible()
    narrow = w.table.viewport().width()
    assert w.detail_toggle.text() == "Sembunyikan detail ▸"
    w.detail_toggle.click()
    QApplication.processEvents()
    assert not w.detail.isVisible() and not w.act_detail.isChecked()
    assert w.detail_toggle.text() == "◂ Tampilkan detail"
    assert w.table.viewport().width() > narrow + 300  # the list takes the pane's width
    settings = QSettings(str(tmp_path / "remembered.ini"), QSettings.Format.IniFormat)
    w.save_state(settings)
    w.act_detail.trigger()  # the menu action (Ctrl+Shift+D) opens it again
    assert w.detail.isVisible()
    w.restore_state(settings)  # the next start: collapsed, as it was left
    assert not w.detail.isVisible()
    assert w.act_detail.shortcut().toString() == "Ctrl+Shift+D"
    assert ("Panel detail", "Ctrl+Shift+D") in w.shortcut_rows()
    # Enter on a row opens the record: the pane shows again
    w.table.setFocus()
    w.table.selectRow(1)
    qtbot.keyClick(w.table, Qt.Key.Key_Return)
    assert w.detail.isVisible()
