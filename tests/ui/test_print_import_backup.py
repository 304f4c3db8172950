"""Printing (receipt, cards, recap), the import wizard, backups on exit and the USB transfer
export — from the GUI, with real widgets, a real SQLite file and (for cards and transfer) a
real HQ on 127.0.0.1. Nothing blocks the UI thread: every wait is ``qtbot.waitUntil``."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox
from tests.services.members import make_member
from tests.sync.conftest import CIBENING, hq, make_desk  # noqa: F401 - fixtures
from tests.tabular.conftest import HEADERS, people, row_for, write_xlsx
from uihelpers import collect_printouts, open_question, sign_in

from regdesk.domain.masking import mask_nik
from regdesk.services.imports import HEADER_MAP_SETTING
from regdesk.store import Store
from regdesk.ui.app import DeskApp
from regdesk.ui.views.import_wizard import PAGE_CHECK, PAGE_MAPPING, PAGE_RESULT
from regdesk.ui.views.print_dialogs import CardStockDialog, RecapDialog


def pdf_text(path: Path) -> str:
    assert path.read_bytes()[:5] == b"%PDF-"
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def add_one(desk: DeskApp, seed: int = 3):  # type: ignore[no-untyped-def]
    from regdesk.services.demo import generate

    assert desk.store is not None and desk.user is not None
    reg = next(iter(generate(1, village_code=CIBENING, postal_code="17320",
                             today=desk.store.clock().date(), recorded_by="admin", seed=seed,
                             taken_niks=set())))
    return desk.store.add(reg, user=desk.user, confirmed_warnings=["postal_code.mismatch"])


def audit_actions(db: Path) -> list[str]:
    store = Store(db)
    try:
        from sqlalchemy import text

        with store.read() as session:
            return [r[0] for r in session.execute(text("SELECT action FROM audit"))]
    finally:
        store.close()


def test_receipt_and_recap_from_the_gui(qtbot, desk: DeskApp, seeded_db: Path,
                                        tmp_path: Path) -> None:
    sign_in(qtbot, desk)
    view = add_one(desk)
    opened = collect_printouts(desk)
    desk.work.printing.out_dir = tmp_path / "print"
    desk.work.list.reload()
    qtbot.waitUntil(lambda: desk.model.rowCount() == 1, timeout=5000)
    desk.window.table.selectRow(0)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)

    desk.window.detail.print_button.click()  # returns at once; the PDF comes later
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=20_000)
    text = pdf_text(opened[0])
    assert mask_nik(view.registration.nik) in text and view.local_ref in text
    assert view.registration.nik not in text

    desk.window.act_recap.trigger()
    dialog = desk.window.findChild(RecapDialog)
    assert dialog is not None and dialog.by_month.isChecked()
    dialog.accept()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=20_000)
    assert opened[1].parent == tmp_path / "print" and "rekap-" in opened[1].name
    assert mask_nik(view.registration.nik) in pdf_text(opened[1])
    qtbot.waitUntil(desk.runner.idle, timeout=5000)
    actions = audit_actions(seeded_db)
    assert "print.receipt" in actions and "print.recap" in actions


def test_import_wizard_end_to_end(qtbot, desk: DeskApp, seeded_db: Path,
                                  tmp_path: Path) -> None:
    sign_in(qtbot, desk)
    good, bad = people(2, seed=11)
    headers = [h if h != "Pekerjaan" else "Pos Tugas" for h in HEADERS[1:]]  # unrecognised
    rows = [row_for(1, good)[1:], row_for(2, bad)[1:], row_for(1, good)[1:]]
    rows[1][0] = "3.21606E+15"  # the NIK as Excel shows a number that lost its digits
    path = write_xlsx(tmp_path / "daftar.xlsx", rows, headers=headers)

    wizard = desk.work.imports.open()
    assert wizard is not None
    wizard.choose_file(str(path))
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=10_000)
    assert wizard.sheet() == "Data"
    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=10_000)
    assert wizard.mapping_page.preview.rowCount() == 3
    assert "Pos Tugas" in wizard.mapping_page.note.text()
    by_header = dict(zip(desk.work.imports.headers, wizard.mapping_page.combos, strict=True))
    assert by_header["NIK"].currentData() == "nik"  # recognised header pre-filled
    assert by_header["Pos Tugas"].currentData() == "-"
    by_header["Pos Tugas"].setCurrentIndex(by_header["Pos Tugas"].findData("occupation_code"))
    wizard.mapping_page.consent.setChecked(True)

    wizard.next()  # the dry run
    assert wizard.currentId() == PAGE_CHECK
    qtbot.waitUntil(wizard.check_page.isComplete, timeout=20_000)
    model = desk.work.imports.outcomes
    statuses = [model.rows[r].status for r in range(model.rowCount())]
    assert statuses == ["ready", "problem", "duplicate"]
    assert "notasi ilmiah" in model.problem_text(1)  # the refusal, in Indonesian
    assert model.rows[2].problems[0].code == "import.duplicate_row"
    assert "1 dapat diimpor" in wizard.check_page.summary.text()

    wizard.next()  # commit: the import itself
    assert wizard.currentId() == PAGE_RESULT
    qtbot.waitUntil(wizard.result_page.isComplete, timeout=20_000)
    summary = wizard.result_page.summary.text()
    assert "1 diimpor" in summary and "1 perlu diperbaiki" in summary
    assert "1 baris ganda" in summary
    assert wizard.result_page.save_report.isEnabled()
    report = tmp_path / "laporan.xlsx"
    wizard.report_requested.emit(str(report))
    open_question(desk).button(QMessageBox.StandardButton.Yes).click()  # personal data: yes
    qtbot.waitUntil(report.exists, timeout=10_000)
    wizard.accept()
    qtbot.waitUntil(lambda: desk.model.rowCount() == 1, timeout=10_000)

    fixing = tmp_path / "perlu.xlsx"
    opened: list[Path] = []
    desk.notify.open_file = opened.append
    desk.work.imports.export_needs_fixing(fixing)
    open_question(desk).button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: opened == [fixing], timeout=10_000)
    qtbot.waitUntil(desk.runner.idle, timeout=5000)
    store = Store(seeded_db)
    remembered = store.get_setting(HEADER_MAP_SETTING, {})
    store.close()
    assert "occupation_code" in remembered.values()  # the mapping is remembered


def test_backup_now_and_on_exit(qtbot, desk: DeskApp, tmp_path: Path,
                                monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from regdesk.ui.controllers import backups

    folder = tmp_path / "backups"
    monkeypatch.setattr(backups, "START_DELAY_MS", 0)  # the app waits a minute after sign-in
    sign_in(qtbot, desk)
    qtbot.waitUntil(lambda: len(list(folder.glob("regdesk-*.sqlite3"))) == 1,
                    timeout=10_000)  # the daily backup, checked at sign-in
    add_one(desk)
    desk.window.act_backup.trigger()
    qtbot.waitUntil(lambda: len(list(folder.glob("regdesk-*.sqlite3"))) == 2, timeout=10_000)

    desk.window.close()  # waits for the backup, with a note, then closes by itself
    assert desk.work.backups.exit_state == "running"
    assert "cadangan" in desk.window.loading.text().lower()
    qtbot.waitUntil(lambda: desk.work.backups.exit_state == "done", timeout=20_000)
    qtbot.waitUntil(lambda: not desk.window.isVisible(), timeout=5000)
    backups = sorted(folder.glob("regdesk-*.sqlite3"))
    assert len(backups) == 3
    last = desk.work.backups.last  # the exit backup
    assert last is not None and last.path in backups
    manifest = json.loads(last.manifest_path.read_text())
    assert manifest["counts"]["registration"] == 1 and manifest["sha256"]


def test_cards_and_usb_transfer_with_a_real_hq(qtbot, hq, desk: DeskApp,  # noqa: F811
                                               tmp_path: Path) -> None:
    sign_in(qtbot, desk)
    opened = collect_printouts(desk)
    desk.work.printing.out_dir = tmp_path / "print"
    desk.work.settings.enrol(hq.url, hq.code(CIBENING))
    qtbot.waitUntil(lambda: desk.sync.available(), timeout=20_000)
    view = add_one(desk)
    desk.window.sync_button.click()
    qtbot.waitUntil(lambda: desk.store is not None
                    and desk.store.get(view.uuid).status.value == "synced", timeout=30_000)
    qtbot.waitUntil(desk.runner.idle, timeout=10_000)
    # BPJS Ketenagakerjaan issued the KPJ: HQ's membership change, as the desk pulls it
    make_member(desk.store, desk.store.get(view.uuid), hq.runtime.signing_key, seq=1000,
                kpj="23012345678", as_of=desk.store.clock().astimezone().date())

    desk.work.list.reload()
    qtbot.waitUntil(lambda: desk.model.rowCount() == 1 and desk.model.row_at(0).status
                    == "synced", timeout=5000)
    desk.window.table.selectRow(0)
    desk.window.act_print_cards.trigger()
    dialog = desk.window.findChild(CardStockDialog)
    assert dialog is not None
    dialog.accept()  # A4, 10 per page
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=30_000)
    first = pdf_text(opened[0])
    assert mask_nik(view.registration.nik) in first and "23012345678" in first
    assert "Cetak ulang" not in first

    desk.work.printing.print_cards(None, "cr80")  # "all ready", single cards
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=30_000)
    assert "cr80" in opened[1].name and len(PdfReader(opened[1]).pages) >= 1
    assert "Cetak ulang ke-1" in pdf_text(opened[1])  # the same member's second card

    add_one(desk, seed=5)  # waits in the outbox: carried by USB instead
    bundle = tmp_path / "usb" / "kirim.regdesk"
    bundle.parent.mkdir()
    desk.work.transfer.ask_save_path = lambda _title, _name: bundle
    said: list[str] = []
    desk.work.transfer.finished.connect(said.append)
    desk.window.act_transfer_export.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    assert bundle.stat().st_size > 0
    assert said[0].startswith("1 pendaftaran")

    # a bundle is not a receipt: refused with one sentence, nothing applied
    desk.work.transfer.ask_open_path = lambda _title, _name: bundle
    desk.window.act_transfer_receipt.trigger()
    qtbot.waitUntil(lambda: len(said) == 2, timeout=20_000)
    assert said[1].startswith("Tanda terima ditolak")
