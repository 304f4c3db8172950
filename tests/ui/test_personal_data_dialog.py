"""The app asks before it writes a file with personal data (the needs-fixing list, the import
report): "no" (the default) writes nothing and audits nothing; "yes" writes the file masked,
owner-only, with one audit row. Real widgets offscreen, a real SQLite file."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from tests.tabular.conftest import people, row_for, write_xlsx
from uihelpers import open_question, sign_in

from regdesk.domain.masking import mask_nik
from regdesk.services.imports import import_file
from regdesk.services.personal_data import EXPORT_ACTION
from regdesk.store import Store
from regdesk.ui.app import DeskApp


def export_rows(db: Path) -> list[tuple[str, dict[str, object]]]:
    store = Store(db)
    try:
        with store.read() as session:
            rows = session.connection().exec_driver_sql(
                "SELECT actor, detail FROM audit WHERE action = ?", (EXPORT_ACTION,)).all()
    finally:
        store.close()
    return [(actor, json.loads(detail)) for actor, detail in rows]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_needs_fixing_list_is_asked_for_then_masked_owner_only_and_audited(
        qtbot, desk: DeskApp, seeded_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    assert desk.store is not None and desk.user is not None
    regs = people(2, seed=9)
    source = write_xlsx(tmp_path / "daftar.xlsx", [row_for(i, r) for i, r in enumerate(regs)])
    assert import_file(desk.store, source, user=desk.user).summary()["problems"] == 2  # no consent
    target = tmp_path / "perlu.xlsx"
    opened: list[Path] = []
    desk.notify.open_file = opened.append

    desk.work.imports.export_needs_fixing(target)
    question = open_question(desk)
    assert question is not None and "data pribadi" in question.text()
    assert "perlu.xlsx" in question.text()
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.No)
    question.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(desk.runner.idle, timeout=5000)
    assert not target.exists() and opened == [] and export_rows(seeded_db) == []

    desk.work.imports.export_needs_fixing(target)
    question = open_question(desk)
    assert question is not None
    question.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: opened == [target], timeout=10_000)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    header = [c.value for c in sheet[2]]
    assert [r[header.index("NIK")].value for r in sheet.iter_rows(min_row=3)] == [
        mask_nik(r.nik) for r in regs]
    assert export_rows(seeded_db) == [("admin", {"kind": "needs_fixing", "format": "xlsx",
                                                 "rows": 2, "nik": "masked",
                                                 "file": "perlu.xlsx"})]
