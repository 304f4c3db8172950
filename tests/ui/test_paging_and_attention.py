from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import text
from uihelpers import ADMIN_PASSWORD, sign_in

from regdesk.store import Store
from regdesk.store.search import Filters
from regdesk.ui.app import DeskApp
from regdesk.ui.models.registrations import ROW_ROLE, RegistrationsModel

DEMO_ROWS = 3000


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    env = {**os.environ, "REGDESK_NEW_PASSWORD": ADMIN_PASSWORD}
    subprocess.run([sys.executable, "-m", "regdesk", "demo", "--count", str(DEMO_ROWS),
                    "--db", str(path), "--json"], check=True, env=env, capture_output=True)
    return path


class SyncSource:
    """A synchronous PageSource over a real store (no threads: pure model test)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.calls: list[int] = []

    def request(self, query, filters, offset, limit, on_page):  # type: ignore[no-untyped-def]
        self.calls.append(offset)
        on_page(self.store.search(query, filters=filters, offset=offset, limit=limit))


def test_model_pages_on_demand(qtbot, demo_db: Path) -> None:
    store = Store.open(demo_db)
    source = SyncSource(store)
    model = RegistrationsModel(source, page_size=100)
    model.set_query("")
    assert model.rowCount() == 100 and source.calls == [0]
    assert model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == DEMO_ROWS
    assert source.calls[:3] == [0, 100, 200]
    first = model.data(model.index(0, 0), ROW_ROLE)
    last = model.data(model.index(DEMO_ROWS - 1, 0), ROW_ROLE)
    assert first.seq > last.seq  # newest first
    model.set_query(first.full_name.split()[0][:3])
    assert 0 < model.rowCount() <= 100
    model.set_query("", Filters(status="cancelled"))
    assert model.rowCount() == 0 and not model.canFetchMore()
    store.close()


def test_table_scrolls_through_pages(qtbot, demo_db: Path, tmp_path: Path) -> None:
    desk = DeskApp(demo_db, qsettings=QSettings(str(tmp_path / "ui.ini"),
                                                QSettings.Format.IniFormat))
    qtbot.addWidget(desk.window)
    desk.start()
    try:
        qtbot.waitUntil(lambda: desk.store is not None, timeout=20_000)
        sign_in(qtbot, desk)
        qtbot.waitUntil(lambda: desk.model.rowCount() == desk.model.page_size, timeout=10_000)
        desk.window.table.scrollToBottom()
        qtbot.waitUntil(lambda: desk.model.rowCount() > desk.model.page_size, timeout=10_000)
        qtbot.waitUntil(desk.runner.idle, timeout=10_000)
    finally:
        desk.runner.shutdown()
        if desk.store is not None:
            desk.store.close()


def test_needs_attention_fix_and_resend(qtbot, desk: DeskApp, seeded_db: Path) -> None:
    """HQ's verdict is simulated in the database until the sync engine lands."""
    store = Store(seeded_db)  # a second handle on the same file, like the sync engine
    from regdesk.store.views import UserInfo  # noqa: F401 - documents the actor type

    sign_in(qtbot, desk)
    assert desk.store is not None and desk.user is not None
    from regdesk.services.demo import generate

    reg = next(iter(generate(1, village_code="32.16.18.2005", postal_code="17320",
                             today=desk.store.clock().date(), recorded_by="admin", seed=7,
                             taken_niks=set())))
    view = desk.store.add(reg, user=desk.user, confirmed_warnings=["postal_code.mismatch"])
    answer = {"problems": [{"field": "nik", "code": "nik.duplicate",
                            "severity": "error", "params": {"local_ref": "3216180000-000009"}}]}
    with store.write() as session:
        session.connection().execute(
            text("UPDATE registration SET status='needs_attention', hq_answer=:a "
                 "WHERE uuid=:u"), {"a": json.dumps(answer), "u": view.uuid})
    desk.sync.refresh_status()
    qtbot.waitUntil(lambda: "(1)" in desk.window.attention_button.text(), timeout=5000)
    desk.window.attention_button.click()
    qtbot.waitUntil(lambda: desk.model.rowCount() == 1
                    and desk.model.filters.status == "needs_attention", timeout=5000)
    desk.window.table.selectRow(0)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)
    summary = desk.window.detail.summary.toPlainText()
    assert "NIK ini sudah terdaftar dengan nomor referensi 3216180000-000009." in summary
    desk.window.detail.edit_button.click()
    assert desk.form_view is not None
    # HQ's reason is in the form while the record is fixed, as in the detail pane
    assert desk.form_view.hq_box.isVisible()
    assert "NIK ini sudah terdaftar dengan nomor referensi 3216180000-000009." in \
        desk.form_view.hq_list.text()
    address = desk.form_view.inputs["address"]
    address.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(address, "Jl. Kenanga No. 9")  # the fix HQ asked for
    desk.form_view.confirm.setChecked(True)
    desk.work.form.save()
    qtbot.waitUntil(lambda: desk.window.inner.currentWidget() is desk.window.list_page,
                    timeout=10_000)
    qtbot.waitUntil(desk.runner.idle, timeout=5000)
    again = store.get(view.uuid)
    assert again.version == 2 and again.status.value == "pending"  # re-queued for HQ
    store.close()
