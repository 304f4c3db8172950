"""No ISO date or timestamp, and no internal audit code, reaches a screen.

The main screens are walked offscreen with demo data (a record edited so its history has
an update, one HQ set aside with reasons that carry dates, a stored last sync): every text a
widget shows — labels, buttons, inputs, the detail pane and its history, the list's cells
and headers, combo items, window titles — is read and checked."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTextEdit,
    QWidget,
)
from sqlalchemy import text
from uihelpers import sign_in

from regdesk.services import registrations
from regdesk.services.demo import add_demo_data
from regdesk.services.history import known_actions
from regdesk.store import Store
from regdesk.store.outbox import LAST_SYNC_SUCCESS
from regdesk.ui.app import DeskApp

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_TIME = re.compile(r"\d{2}:\d{2}:\d{2}|T\d{2}:\d{2}")
CODES = re.compile("|".join(re.escape(a) for a in sorted(known_actions()))
                   + r"|\b[a-z]+\.[a-z_]+\.[a-z_]+\b")  # any dotted code (problem.x.y)


def _model_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    for column in range(model.columnCount()):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        if header is not None:
            yield str(header)
        for row in range(min(model.rowCount(), 50)):
            value = model.data(model.index(row, column))
            if value is not None:
                yield str(value)


def shown_texts(root: QWidget) -> list[str]:
    """Every text ``root`` and its children show (visible or on a tab the clerk can open)."""
    texts = [root.windowTitle()]
    for widget in root.findChildren(QWidget):
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts += [widget.text(), widget.toolTip()]
        elif isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, QTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView):
            texts += list(_model_texts(widget))
    return [t for t in texts if t]


def raw_values(root: QWidget) -> list[str]:
    return [t for t in shown_texts(root)
            if ISO_DAY.search(t) or ISO_TIME.search(t) or CODES.search(t)]


def _prepare(db: Path) -> None:
    """Demo rows; one edited (history: an update); one set aside by HQ with dated reasons;
    a last sync stored the way the engine stores it (ISO, UTC)."""
    store = Store(db)
    try:
        admin = next(u for u in store.list_users() if u.username == "admin")
        add_demo_data(store, count=12, user=admin)
        first = store.search("", limit=2).rows
        view = store.get(first[0].uuid)
        reg = view.registration.replace(address=view.registration.address + " No. 2")
        registrations.edit(store, view.uuid, reg, user=admin, expected_version=view.version,
                           confirmed=["postal_code.mismatch"])
        answer = {"problems": [
            {"field": "birth_date", "code": "nik.birth_date_mismatch", "severity": "error",
             "params": {"nik_birth_date": "1990-08-05", "birth_date": "1990-08-06"}},
            {"field": "renewals", "code": "renewal.overlap", "severity": "error",
             "params": {"n": 2, "earliest_date": "2026-12-02"}}]}
        with store.write() as session:
            session.connection().execute(
                text("UPDATE registration SET status='needs_attention', hq_answer=:a "
                     "WHERE uuid=:u"), {"a": json.dumps(answer), "u": first[1].uuid})
        store.set_setting(LAST_SYNC_SUCCESS,
                          datetime(2026, 11, 25, 3, 14, 53, 251979, tzinfo=UTC).isoformat())
    finally:
        store.close()


def test_the_check_sees_raw_values(qtbot) -> None:  # type: ignore[no-untyped-def]
    root = QWidget()
    qtbot.addWidget(root)
    QLabel("Sinkron terakhir: 2026-12-01T19:08:53.251979+00:00", root)
    QLabel("registration.create address, birth_date", root)
    QLabel("Ani mengubah alamat, 2 Des 2026 10.14", root)
    assert len(raw_values(root)) == 2


def test_no_iso_date_or_code_on_the_main_screens(qtbot, seeded_db: Path,  # type: ignore[no-untyped-def]
                                                 tmp_path: Path) -> None:
    from tests.ui.conftest import make_desk

    _prepare(seeded_db)
    desk: DeskApp = make_desk(qtbot, seeded_db, tmp_path)
    try:
        sign_in(qtbot, desk)  # admin: sees the history too
        w = desk.window
        qtbot.waitUntil(lambda: desk.model.rowCount() >= 12, timeout=10_000)
        desk.sync.refresh_status()
        qtbot.waitUntil(lambda: "Sinkron terakhir" in w.last_sync_label.text(), timeout=5000)
        histories = []
        for row in range(desk.model.rowCount()):  # the edited one, the one set aside, …
            w.table.selectRow(row)
            uuid = desk.model.row_at(row).uuid
            qtbot.waitUntil(lambda u=uuid: desk.current is not None and desk.current.uuid == u,
                            timeout=5000)
            qtbot.waitUntil(desk.runner.idle, timeout=5000)
            QApplication.processEvents()
            histories.append(w.detail.history.toPlainText())
            found = raw_values(w)
            assert not found, f"row {row}: {found}"
        assert any("Admin Desa mengubah alamat, " in h for h in histories), histories
        assert all("Admin Desa membuat data contoh, 25 Nov 2026 17.00" in h for h in histories)

        w.attention_button.click()
        qtbot.waitUntil(lambda: desk.model.rowCount() == 1, timeout=5000)
        w.table.selectRow(0)
        qtbot.waitUntil(lambda: desk.current is not None
                        and desk.current.hq_answer is not None, timeout=5000)
        qtbot.waitUntil(desk.runner.idle, timeout=5000)
        summary = w.detail.summary.toPlainText()
        assert "5 Agustus 1990" in summary and "2 Desember 2026" in summary  # HQ's reasons
        assert not raw_values(w), raw_values(w)

        desk.open_settings()
        qtbot.waitUntil(lambda: desk.settings_dialog is not None, timeout=5000)
        dialog = desk.settings_dialog
        assert dialog is not None
        assert not raw_values(dialog), raw_values(dialog)
        dialog.reject()
        w.show_activity()
        assert w.activity_dialog is not None and not raw_values(w.activity_dialog)
    finally:
        desk.runner.shutdown()
        if desk.store is not None:
            desk.store.close()
