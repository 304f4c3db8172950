"""Against a real HQ on 127.0.0.1: enrol from Settings, "Sinkronkan sekarang", a duplicate
verdict lands in "Perlu perhatian" with HQ's reason; the clerk fixes it and it syncs."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QLineEdit
from tests.factories import valid_registration_data
from tests.sync.conftest import CIBENING, SETIAMEKAR, hq, make_desk  # noqa: F401 - fixtures
from uihelpers import sign_in

from regdesk.domain.registration import registration_from_dict
from regdesk.store import Store
from regdesk.sync.service import engine_for
from regdesk.ui.app import DeskApp


def test_duplicate_from_hq_fixed_and_resent(qtbot, hq, make_desk, desk: DeskApp,  # noqa: F811
                                            seeded_db) -> None:  # type: ignore[no-untyped-def]
    # another village registers the same person first and syncs
    first = make_desk(SETIAMEKAR, "first")
    first.enrol(hq.url, hq.code(SETIAMEKAR))
    reg, _ = registration_from_dict(valid_registration_data())
    assert reg is not None
    first.store.add(reg, user=first.admin)
    engine = engine_for(first.store)
    assert engine.run_once().accepted == 1
    engine.client.close()

    # this desk (Cibening): enrol from Settings
    sign_in(qtbot, desk)
    desk.open_settings()
    qtbot.waitUntil(lambda: desk.settings_dialog is not None, timeout=5000)
    dialog = desk.settings_dialog
    assert dialog is not None and dialog.enrol.isEnabled()
    qtbot.keyClicks(dialog.hq_url, hq.url)
    qtbot.keyClicks(dialog.enrol_code, hq.code(CIBENING))
    dialog.enrol.click()
    qtbot.waitUntil(lambda: dialog.enrol_status.text().startswith("Terhubung"), timeout=20_000)
    dialog.reject()
    qtbot.waitUntil(lambda: desk.sync.available(), timeout=5000)

    assert desk.store is not None and desk.user is not None
    view = desk.store.add(reg.replace(village_code=CIBENING, postal_code="17320",
                                      consent_at=datetime.now(UTC)), user=desk.user)
    desk.window.sync_button.click()
    qtbot.waitUntil(lambda: "(1)" in desk.window.attention_button.text(), timeout=30_000)
    assert desk.window.online_label.text() == "Terhubung"
    assert desk.window.sync_icon.property("tone") == "bad"  # one needs attention
    assert "Perlu perhatian 1" in desk.window.counts_label.text()
    assert "T" not in desk.window.last_sync_label.text()  # 10.14, not an ISO stamp
    desk.window.attention_button.click()
    qtbot.waitUntil(lambda: desk.model.rowCount() == 1
                    and desk.model.filters.status == "needs_attention", timeout=5000)
    desk.window.table.selectRow(0)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)
    assert desk.current is not None and desk.current.hq_answer is not None
    assert desk.current.hq_answer["outcome"] == "duplicate"
    summary = desk.window.detail.summary.toPlainText()
    assert "Alasan dari kantor pusat" in summary
    assert "NIK ini sudah terdaftar di desa Setiamekar sejak" in summary

    # the clerk had typed the wrong NIK: fix it (serial 0002) and resend
    desk.window.detail.edit_button.click()
    form = desk.form_view
    assert form is not None
    nik = form.inputs["nik"]
    assert isinstance(nik, QLineEdit)
    nik.selectAll()
    qtbot.keyClicks(nik, "3216064508900002")
    form.confirm.setChecked(True)
    desk.work.form.save()
    qtbot.waitUntil(lambda: desk.window.inner.currentWidget() is desk.window.list_page,
                    timeout=10_000)
    desk.window.sync_button.click()
    qtbot.waitUntil(lambda: "(0)" in desk.window.attention_button.text(), timeout=30_000)
    qtbot.waitUntil(desk.runner.idle, timeout=10_000)
    store = Store(seeded_db)
    again = store.get(view.uuid)
    assert again.version == 2 and again.status.value == "synced" and again.member_number
    store.close()
