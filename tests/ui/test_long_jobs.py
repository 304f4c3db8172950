"""Long jobs beside the DB thread (#15 §3): a save made by Ctrl+S while a 2,000-card run is
under way commits at once; a recap is cancelled from its panel by Esc and leaves no file and
no audit entry. The jobs are held at a gate (no timing): under the old design, where print
runs sat on the DB thread, the save could not commit while the job was held."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import text
from test_actions import add_one
from uihelpers import collect_printouts, sign_in

from regdesk.cards import RecapRow
from regdesk.domain.cardpayload import CardPayload
from regdesk.domain.masking import mask_nik
from regdesk.services import printouts
from regdesk.services.demo import generate
from regdesk.store.bulk import BulkItem, bulk_insert
from regdesk.transfer.signing import sign_card
from regdesk.ui.app import DeskApp

CTRL = Qt.KeyboardModifier.ControlModifier
CARDS = 2_000
GATE_TIMEOUT = 60  # seconds; only reached when the save could not get through


def _members(desk: DeskApp, n: int) -> None:
    """``n`` registrations HQ accepted, each a member with a KPJ and a signed card."""
    import sys

    sys.path.insert(0, str(Path(__file__).parents[2]))
    from tests.services.members import enrol, member_qr, pull

    store, user = desk.store, desk.user
    assert store is not None and user is not None
    key = enrol(store, user, store.office_village())
    regs = list(generate(n, village_code=store.office_village(), postal_code="17320",
                         today=store.clock().date(), recorded_by="admin", seed=41,
                         taken_niks=set()))
    with store.write() as session:
        bulk_insert(session, [BulkItem(r) for r in regs], actor="admin", now=store.clock(),
                    office_village=store.office_village())
    with store.read() as session:
        rows = session.connection().execute(text(
            "SELECT uuid, created_at FROM registration ORDER BY seq")).all()
    changes, members = [], []
    for i, ((uuid, _at), reg) in enumerate(zip(rows[-n:], regs, strict=True)):
        number = f"{20000000000 + i:011d}"
        day = store.clock().date()
        qr = sign_card(CardPayload(member_number=number, name=reg.full_name,
                                   nik_masked=mask_nik(reg.nik), programmes=reg.programmes,
                                   village_code=reg.village_code, village_name="Cibening",
                                   registered_on=day, valid_from=day), key)
        changes.append({"kind": "registration", "seq": i + 1, "uuid": uuid,
                        "status": "accepted", "member_number": number, "card_qr": qr})
        members.append((uuid, number, qr, day))
    pull(store, changes)
    pull(store, [{"kind": "membership", "seq": n + i + 1, "uuid": uuid,
                  "registration_number": number, "kpj": f"23{i:09d}", "payments": [],
                  "state": "waiting_for_payment", "as_of": day.isoformat(),
                  "card_qr": member_qr(qr, key, kpj=f"23{i:09d}", state="waiting_for_payment",
                                       paid_through=None, as_of=day)}
                 for i, (uuid, number, qr, day) in enumerate(members)])


def _count(desk: DeskApp, sql: str) -> int:
    assert desk.store is not None
    with desk.store.read() as session:
        return int(session.connection().execute(text(sql)).scalar_one())


def _edit_and_save_by_keys(qtbot, desk: DeskApp, address: str) -> None:  # type: ignore[no-untyped-def]
    desk.window.table.selectRow(0)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)
    qtbot.keyClick(desk.window.detail.edit_button, Qt.Key.Key_E, CTRL)
    form = desk.form_view
    assert form is not None
    field = form.inputs["address"]
    assert isinstance(field, QLineEdit)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, address)
    form.confirm.setChecked(True)
    qtbot.keyClick(field, Qt.Key.Key_S, CTRL)


def test_a_save_during_a_card_run_commits_at_once(qtbot, desk: DeskApp, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  monkeypatch) -> None:
    sign_in(qtbot, desk)
    add_one(desk)  # the record the clerk edits (not a member)
    _members(desk, CARDS)
    opened = collect_printouts(desk)
    desk.work.printing.out_dir = tmp_path / "print"
    gate, held = threading.Event(), threading.Event()
    real = printouts.card_data

    def card_data(*args, **kwargs):  # type: ignore[no-untyped-def]
        if threading.current_thread() is not threading.main_thread() and not held.is_set():
            held.set()  # the job has started drawing: it waits here for the test
            assert gate.wait(GATE_TIMEOUT)
        return real(*args, **kwargs)

    monkeypatch.setattr(printouts, "card_data", card_data)
    desk.work.printing.print_cards(None, "a4-10")
    qtbot.waitUntil(held.is_set, timeout=20_000)
    panel = desk.work.jobs.panel
    assert panel.isVisible() and desk.work.jobs.running

    desk.work.list.reload()
    qtbot.waitUntil(lambda: desk.model.rowCount() >= 1, timeout=5000)
    _edit_and_save_by_keys(qtbot, desk, "Jl. Saat Mencetak No. 1")
    qtbot.waitUntil(lambda: _count(desk, "SELECT count(*) FROM registration WHERE payload "
                                         "LIKE '%Saat Mencetak%'") == 1, timeout=10_000)
    assert not held.is_set() or desk.work.jobs.running  # the job is still held at its gate
    assert opened == [] and not list((tmp_path / "print").glob("kartu-*.pdf"))
    gate.set()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=120_000)
    assert not panel.isVisible()
    assert _count(desk, "SELECT count(*) FROM audit WHERE action = 'card.print'") == CARDS
    assert not list((tmp_path / "print").glob(".*part*"))  # no temporary file left


def test_cancel_a_recap_by_esc(qtbot, desk: DeskApp, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    for seed in range(3, 9):
        add_one(desk, seed)
    opened = collect_printouts(desk)
    desk.work.printing.out_dir = tmp_path / "print"
    gate, held = threading.Event(), threading.Event()
    real = printouts._RecapTally.row

    def row(self, raw) -> RecapRow:  # type: ignore[no-untyped-def]
        if not held.is_set():
            held.set()
            assert gate.wait(GATE_TIMEOUT)
        return real(self, raw)

    monkeypatch.setattr(printouts._RecapTally, "row", row)
    day = desk.store.clock().astimezone().date() if desk.store else None
    desk.work.printing.print_recap("day", day)
    qtbot.waitUntil(held.is_set, timeout=20_000)
    jobs = desk.work.jobs
    assert jobs.panel.isVisible() and jobs.panel.cancel_button.isEnabled()
    desk.window.activateWindow()
    qtbot.keyClick(desk.window.table, Qt.Key.Key_Escape)  # Esc: nobody else wants it here
    assert not jobs.panel.cancel_button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not jobs.running, timeout=20_000)
    qtbot.waitUntil(desk.runner.idle, timeout=5000)
    assert not jobs.panel.isVisible()
    assert opened == []
    assert list((tmp_path / "print").iterdir()) == []  # neither the PDF nor a part of it
    assert _count(desk, "SELECT count(*) FROM audit WHERE action = 'print.recap'") == 0
