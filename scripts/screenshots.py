"""Screenshots of each main screen, offscreen, with demo data → docs/screenshots/*.png.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang id]

Window size 1366×768 (the common office-PC screen). Runs offscreen (QT_QPA_PLATFORM) on a
fresh demo database in a temporary home, so it never touches the clerk's data or settings;
one record is set aside as HQ would (04-needs-attention shows HQ's reason).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
PASSWORD = "admin12345"
SIZE = (1366, 768)


def make_demo_db(folder: Path, count: int = 300) -> Path:
    db = folder / "demo.sqlite3"
    env = {**os.environ, "REGDESK_NEW_PASSWORD": PASSWORD, "REGDESK_HOME": str(folder)}
    subprocess.run([sys.executable, "-m", "regdesk", "demo", "--count", str(count), "--db",
                    str(db)], check=True, env=env, capture_output=True)
    return db


def set_aside(desk: Any) -> None:
    """One demo record as HQ's answer leaves it: needs attention, with HQ's reason (the
    sync engine writes the same columns when HQ sets a record aside)."""
    import json

    from sqlalchemy import text

    row = desk.store.search("", limit=5).rows[3]
    answer = {"outcome": "rejected", "problems": [
        {"field": "nik", "code": "nik.duplicate", "severity": "error",
         "params": {"local_ref": row.local_ref[:-1] + "9"}}]}
    with desk.store.write() as session:
        session.connection().execute(
            text("UPDATE registration SET status='needs_attention', hq_answer=:a "
                 "WHERE uuid=:u"), {"a": json.dumps(answer), "u": row.uuid})
    desk.sync.refresh_status()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--lang", default="id")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="regdesk-shots-"))
    os.environ["REGDESK_HOME"] = str(tmp)
    db = make_demo_db(tmp)

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from regdesk.ui.app import DeskApp
    from regdesk.ui.compat import MainThreadGc, protect_none

    protect_none()
    _app = QApplication([])  # kept alive for the whole run
    gc_guard = MainThreadGc()
    desk = DeskApp(db, lang=args.lang,
                   qsettings=QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
    desk.window.resize(*SIZE)

    def wait(until: Callable[[], bool], ms: int = 20_000) -> None:
        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(lambda: loop.quit() if until() else None)
        timer.start(20)
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        timer.stop()

    def settle() -> None:
        wait(lambda: desk.runner.idle(), 10_000)
        loop = QEventLoop()
        QTimer.singleShot(200, loop.quit)
        loop.exec()

    def shot(widget: QWidget, name: str) -> None:
        settle()
        widget.grab().save(str(args.out / f"{name}.png"))
        print(args.out / f"{name}.png")

    desk.start()
    desk.window.resize(*SIZE)
    wait(lambda: desk.store is not None)
    settle()
    shot(desk.window, "01-login")
    desk.login("admin", PASSWORD)
    wait(lambda: desk.user is not None and desk.model.rowCount() > 0)
    desk.window.table.selectRow(2)
    wait(lambda: desk.current is not None)
    shot(desk.window, "02-registrations")
    desk.window.set_detail_visible(False)  # the whole list at 1366 px: every column shows
    shot(desk.window, "07-registrations-collapsed")
    desk.window.set_detail_visible(True)

    desk.new_registration()
    view = desk.form_view
    assert view is not None and desk.form is not None
    for name, value in (("nik", "3216064508900001"), ("full_name", "Siti Aminah"),
                        ("address", "Jl. Melati No. 3"), ("rt", "3"), ("rw", "5"),
                        ("phone", "0812 3456 7890"), ("occupation_code", "ojek-online"),
                        ("income", "1500000"), ("birth_date", "06-08-1990")):
        view.set_field(name, value)
        desk.form.edit(name, value)
    desk.form.commit("rt")
    shot(desk.window, "03-registration-form")
    desk.form.saved()
    desk.window.inner.setCurrentWidget(desk.window.list_page)

    set_aside(desk)
    desk.window.status_filter.setCurrentIndex(
        desk.window.status_filter.findData("needs_attention"))
    wait(lambda: desk.model.rowCount() == 1 and not desk.model.loading)
    desk.window.table.selectRow(0)
    wait(lambda: desk.current is not None and desk.current.status.value == "needs_attention")
    shot(desk.window, "04-needs-attention")
    desk.window.status_filter.setCurrentIndex(0)

    desk.open_settings()
    wait(lambda: desk.settings_dialog is not None)
    dialog = desk.settings_dialog
    assert dialog is not None
    dialog.resize(640, max(560, dialog.sizeHint().height()))
    shot(dialog, "05-settings")
    dialog.reject()

    from regdesk.ui.views.wizard import FirstRunWizard

    wizard = FirstRunWizard(desk.ctx.regions)
    wizard.show()
    wizard.account.password.setText("rahasia-123")
    wizard.account.password2.setText("rahasia-123")
    wizard.next()
    wizard.village.search.setText("Cibening")
    wizard.show()
    shot(wizard, "06-first-run-wizard")
    wizard.close()

    desk.shutdown()
    gc_guard.timer.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
