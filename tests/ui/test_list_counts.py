"""Result counts above the list ("1.234 pendaftaran", "200+ pendaftaran" while a search has
more pages) and empty states in place of an empty table."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from uihelpers import ADMIN_PASSWORD, sign_in

from regdesk import i18n
from regdesk.ui.app import DeskApp
from regdesk.ui.controllers.list_counts import (
    ListSituation,
    count_text,
    empty_hint,
    empty_text,
    needs_count,
)

ROWS = 450  # more than two pages of 200


def situation(**kw: object) -> ListSituation:
    base: dict[str, object] = {"query": "", "status": None, "filtered": False, "loaded": 0,
                               "has_more": False}
    return ListSituation(**{**base, **kw})  # type: ignore[arg-type]


def test_count_texts_in_indonesian_and_english() -> None:
    i18n.set_language("id")
    try:
        assert count_text(situation(loaded=200, has_more=True, total=1234)) == \
            "1.234 pendaftaran"
        assert count_text(situation(query="siti", loaded=200, has_more=True)) == \
            "200+ pendaftaran"
        assert count_text(situation(loaded=7)) == "7 pendaftaran"
        assert count_text(situation(loading=True)) == ""
        i18n.set_language("en")
        assert count_text(situation(loaded=1)) == "1 registration"
        assert count_text(situation(loaded=200, has_more=True, total=1234)) == \
            "1,234 registrations"
    finally:
        i18n.set_language(i18n.DEFAULT_LANG)


def test_empty_states_and_when_to_count() -> None:
    i18n.set_language("id")
    assert empty_text(situation()) == "Belum ada pendaftaran"
    assert "Ctrl+N" in empty_hint(situation())
    assert empty_text(situation(query="zzz")) == "Tidak ada yang cocok"
    assert empty_text(situation(filtered=True)) == "Tidak ada yang cocok"
    assert empty_text(situation(status="needs_attention", filtered=True)) == \
        "Belum ada yang perlu perhatian"
    assert empty_text(situation(status="needs_attention", query="siti")) == \
        "Tidak ada yang cocok"
    assert empty_text(situation(loaded=3)) is None
    assert empty_text(situation(loading=True)) is None  # not "empty" before the answer
    assert needs_count(situation(loaded=200, has_more=True))
    assert not needs_count(situation(loaded=12))  # every row is loaded: that is the count
    assert not needs_count(situation(query="siti", loaded=200, has_more=True))  # no text count
    assert not needs_count(situation(loaded=200, has_more=True, total=450))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("counts") / "demo.sqlite3"
    env = {**os.environ, "REGDESK_NEW_PASSWORD": ADMIN_PASSWORD}
    subprocess.run([sys.executable, "-m", "regdesk", "demo", "--count", str(ROWS),
                    "--db", str(path), "--json"], check=True, env=env, capture_output=True)
    return path


@pytest.fixture
def demo_desk(qtbot, demo_db: Path, tmp_path: Path) -> Iterator[DeskApp]:  # type: ignore[no-untyped-def]
    desk = DeskApp(demo_db, qsettings=QSettings(str(tmp_path / "ui.ini"),
                                                QSettings.Format.IniFormat))
    qtbot.addWidget(desk.window)
    desk.start()
    qtbot.waitUntil(lambda: desk.store is not None, timeout=20_000)
    yield desk
    desk.runner.shutdown()
    if desk.store is not None:
        desk.store.close()


def shown(desk: DeskApp) -> tuple[str, str | None]:
    w = desk.window
    empty = w.empty_text.text() if w.results.currentWidget() is w.empty_state else None
    return w.count_label.text(), empty


def test_an_empty_desk_says_so_in_place_of_the_table(qtbot, desk: DeskApp) -> None:
    sign_in(qtbot, desk)
    qtbot.waitUntil(lambda: shown(desk)[1] is not None, timeout=5000)
    assert shown(desk) == ("0 pendaftaran", "Belum ada pendaftaran")
    assert desk.window.empty_state.isVisible() and not desk.window.table.isVisible()
    desk.window.attention_button.click()
    qtbot.waitUntil(lambda: shown(desk)[1] == "Belum ada yang perlu perhatian", timeout=5000)
    desk.window.attention_button.click()
    desk.window.search.setText("zzz")
    desk.window.flush_search()
    qtbot.waitUntil(lambda: shown(desk)[1] == "Tidak ada yang cocok", timeout=5000)


def test_counts_of_filters_and_searches(qtbot, demo_desk: DeskApp) -> None:
    desk = demo_desk
    sign_in(qtbot, desk)
    assert desk.store is not None
    total = desk.store.count()
    assert total == ROWS
    qtbot.waitUntil(lambda: shown(desk) == ("450 pendaftaran", None), timeout=10_000)
    assert desk.model.rowCount() == 200  # the count did not load the rows
    assert desk.window.table.isVisible()
    # a search with more pages than loaded: the loaded rows and "+", never a count
    query = next((q for q in ("321618", "321607", "321613") if len(
        desk.store.search(q, limit=1000).rows) > 200), None)
    assert query is not None, "a NIK part held by more than 200 demo rows"
    matches = len(desk.store.search(query, limit=1000).rows)
    desk.window.search.setText(query)
    desk.window.flush_search()
    qtbot.waitUntil(lambda: desk.model.query == query and not desk.model.loading, timeout=5000)
    qtbot.waitUntil(desk.runner.idle, timeout=5000)
    assert shown(desk) == ("200+ pendaftaran", None)
    while desk.model.canFetchMore() or desk.model.loading:
        desk.window.table.scrollToBottom()
        qtbot.waitUntil(lambda: not desk.model.loading, timeout=5000)
    assert desk.model.rowCount() == matches
    assert shown(desk)[0] == f"{matches} pendaftaran"  # every page in: the exact count
    # one exact match
    row = desk.store.search("", limit=1).rows[0]
    desk.window.search.setText(row.local_ref)
    desk.window.flush_search()
    qtbot.waitUntil(lambda: shown(desk) == ("1 pendaftaran", None), timeout=5000)


def test_the_import_check_says_when_a_sheet_has_no_rows(qtbot, desk: DeskApp) -> None:
    from regdesk.ui.models.import_rows import OutcomeRow, OutcomesModel
    from regdesk.ui.views.import_wizard import CheckPage

    outcomes = OutcomesModel(render=lambda p: p.code, status_text=lambda s: s)
    page = CheckPage(outcomes)
    qtbot.addWidget(page)
    outcomes.set_rows([])
    assert page.empty.isVisibleTo(page) and not page.table.isVisibleTo(page)
    assert page.empty.text() == "Tidak ada baris untuk diimpor: lembar ini kosong di bawah " \
        "baris judulnya."
    outcomes.set_rows([OutcomeRow(2, "ready", [])])
    assert page.table.isVisibleTo(page) and not page.empty.isVisibleTo(page)
