"""Controllers with no Qt, driven with fakes (no window, no event loop)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from regdesk import i18n
from regdesk.store import UserInfo
from regdesk.store import settings as keys
from regdesk.ui.controllers.connections import Connections
from regdesk.ui.controllers.settings import SettingsController
from regdesk.ui.controllers.sync_status import StatusTexts, SyncStatusController, status_texts
from regdesk.ui.session import DeskSession

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The controllers' texts are catalogue keys in the process language."""
    i18n.set_language("en")
    yield
    i18n.set_language("id")


class Runner:
    """Runs at once, as if the DB thread answered immediately."""

    def db(self, fn: Callable[[], Any], on_done: Any = None, on_error: Any = None) -> None:
        try:
            result = fn()
        except Exception as exc:  # handed to the callback, as the runner does
            if on_error is not None:
                on_error(exc)
            return
        if on_done is not None:
            on_done(result)

    net = db

    def running(self) -> bool:
        return True


class Signal:
    def __init__(self) -> None:
        self.slots: list[Callable[..., Any]] = []

    def connect(self, slot: Callable[..., Any]) -> None:
        self.slots.append(slot)

    def disconnect(self, slot: Callable[..., Any]) -> None:
        self.slots.remove(slot)

    def emit(self, *args: Any) -> None:
        for slot in list(self.slots):
            slot(*args)


class FakeStore:
    def __init__(self) -> None:
        self.settings: dict[str, Any] = {keys.HQ_URL: "https://hq.example.id"}
        self.users: list[str] = ["admin"]

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)

    def set_setting(self, key: str, value: Any, *, user: Any) -> None:
        self.settings[key] = value

    def list_users(self) -> list[str]:
        return list(self.users)

    def encryption_status(self) -> dict[str, Any]:  # Settings shows where the key is kept
        return {"cipher": "SQLCipher 4.6", "key_location": "keyring", "key_file": None}

    def create_user(self, *, username: str, **_: Any) -> None:
        self.users.append(username)

    def clock(self) -> datetime:
        return NOW


class Notify:
    def __init__(self) -> None:
        self.said: list[str] = []

    def status(self, text: str, ms: int = 0) -> None:
        self.said.append(text)

    def inform(self, title: str, text: str) -> None:
        self.said.append(text)

    def error(self, exc: BaseException) -> None:
        raise exc

    def open_file(self, path: Path) -> None:
        pass


class Dialog:
    def __init__(self, values: dict[str, Any], users: list[Any] | None) -> None:
        self.values, self.users = values, users
        self.apply_requested = Signal()
        self.add_user_requested = Signal()
        self.enrol_requested = Signal()
        self.opened = self.accepted = False
        self.results: list[str] = []

    def open(self) -> None:
        self.opened = True

    def accept(self) -> None:
        self.accepted = True

    def set_users(self, users: list[Any]) -> None:
        self.users = users

    def show_enrol_result(self, text: str) -> None:
        self.results.append(text)


def session(role: str = "admin") -> DeskSession:
    user = UserInfo(id=1, username="admin", full_name="Admin Desa", role=role, active=True)
    return DeskSession(store=FakeStore(), runner=Runner(), user=user,  # type: ignore[arg-type]
                       notify=Notify(), sync=SimpleNamespace(refresh_status=lambda: None),
                       db_path=Path("desk.sqlite3"), ctx=None, village="32.16.18.2005")


def settings_controller(s: DeskSession, applied: list[Any]) -> tuple[SettingsController,
                                                                     list[Dialog]]:
    dialogs: list[Dialog] = []

    def open_dialog(values: dict[str, Any], users: list[Any] | None) -> Dialog:
        dialogs.append(Dialog(values, users))
        return dialogs[-1]

    controller = SettingsController(s, open_dialog, on_applied=applied.append,
                                    on_enrolled=applied.append)
    return controller, dialogs


def test_settings_load_apply_and_add_user() -> None:
    s, applied = session(), []
    controller, dialogs = settings_controller(s, applied)
    controller.open()
    dialog = dialogs[0]
    assert dialog.opened and dialog.users == ["admin"]
    shown = dialog.values.pop("encryption_text")
    assert "SQLCipher 4.6" in shown  # shown in the dialog, never saved
    assert dialog.values == {"hq_url": "https://hq.example.id", "language": "id",
                             "auto_lock_minutes": 10, "backup_dir": None}
    values = {**dialog.values, "language": "en", "auto_lock_minutes": 5}
    dialog.apply_requested.emit(values)
    assert applied == [values] and dialog.accepted
    assert s.store.get_setting(keys.LANGUAGE) == "en"
    assert s.store.get_setting(keys.AUTO_LOCK_MINUTES) == 5
    dialog.add_user_requested.emit("wati", "Wati", "rahasia-wati", "operator")
    assert dialog.users == ["admin", "wati"]


def test_settings_users_only_for_admins_and_nothing_while_locked() -> None:
    s = session(role="operator")
    controller, dialogs = settings_controller(s, [])
    controller.open()
    assert dialogs[0].users is None
    s.locked = True
    controller.open()
    assert len(dialogs) == 1


def test_enrolment_refused_is_one_sentence() -> None:
    s = session()
    controller, dialogs = settings_controller(s, [])
    controller.open()

    class Refused(Exception):
        kind = SimpleNamespace(value="client")

    def refuse(*_args: Any, **_kw: Any) -> None:
        raise Refused

    import regdesk.services.sync as module

    original = module.enrol
    module.enrol = refuse  # type: ignore[assignment]
    try:
        controller.enrol("https://hq.example.id", "CODE")
    finally:
        module.enrol = original
    text = "HQ refused to enrol this desk; ask HQ for a new enrolment code."
    assert dialogs[0].results == [text] and s.notify.said == [text]  # type: ignore[attr-defined]


def enrol_through_the_controller(url: str) -> tuple[list[str], list[str]]:
    """A real enrolment attempt (network, HQ's answer) from the settings controller; the
    failure comes before the desk's store is touched, so the fake store is enough."""
    s = session()
    controller, dialogs = settings_controller(s, [])
    controller.open()
    controller.enrol(url, "ABCD-EFGH-JKLM")
    return dialogs[0].results, s.notify.said  # type: ignore[attr-defined]


def test_enrolment_against_a_dead_port_says_connection_refused() -> None:
    from tests.sync.causeservers import dead_port

    results, said = enrol_through_the_controller(f"http://127.0.0.1:{dead_port()}")
    assert results == said and len(results) == 1
    assert results[0].startswith("Connection refused") and "sent later" not in results[0]


def test_enrolment_against_a_web_page_says_not_a_regdesk_hq() -> None:
    from tests.sync.causeservers import PageServer

    server = PageServer(status=404).start()
    try:
        results, _ = enrol_through_the_controller(f"http://127.0.0.1:{server.port}")
    finally:
        server.stop()
    assert results == ["Something answered at that address, but it is not a RegDesk HQ; "
                       "check the HQ address."]


def test_enrolment_with_a_malformed_address_names_the_field() -> None:
    results, _ = enrol_through_the_controller("hq.example.id:8765")
    assert results == ["The HQ address is not a valid web address; write it like "
                       "https://hq.example.id:8765 (no spaces)."]


def test_enrolment_with_a_used_code_says_so(tmp_path: Path) -> None:
    from regdesk.hq import devices
    from regdesk.hq.app import create_app
    from regdesk.hq.runtime import Runtime
    from regdesk.hq.server import start_in_thread
    from regdesk.hq.settings import Settings

    runtime = Runtime.open(Settings(db_url=f"sqlite:///{tmp_path / 'hq.sqlite3'}"))
    server = start_in_thread(create_app(runtime.settings, runtime))
    try:
        code = devices.create_enrol_code(runtime.engine, village_code="32.16.18.2005")
        devices.enrol(runtime.engine, code=code, device_name="first desk")
        s = session()
        controller, dialogs = settings_controller(s, [])
        controller.open()
        controller.enrol(server.url, code)
    finally:
        server.stop()
        runtime.close()
    assert dialogs[0].results == ["This enrolment code has already been used; ask HQ for a "
                                  "new one."]


class StatusView:
    def __init__(self) -> None:
        self.shown: list[StatusTexts] = []
        self.messages: list[str] = []
        self.bars: list[tuple[int, int]] = []

    def show_sync_status(self, texts: StatusTexts) -> None:
        self.shown.append(texts)

    def show_progress(self, done: int, total: int) -> None:
        self.bars.append((done, total))

    def show_message(self, text: str, ms: int) -> None:
        self.messages.append(text)


def test_status_texts() -> None:
    texts = status_texts({"enrolled": False, "pending": 1234, "needs_attention": 2},
                         available=False, online=False)
    assert texts.online == "Not connected to HQ" and texts.online_tip
    assert texts.counts == "Waiting 1,234 · Needs attention 2" and texts.tone == "none"
    assert texts.last_sync == "Never synced" and texts.attention == 2
    now = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)  # 2 Dec 03.00 WIB
    online = status_texts({"enrolled": True, "last_success": "2026-12-01T19:08:53.251979+00:00"},
                          available=True, online=True, now=now)
    assert online.online == "Connected" and online.online_tip == ""
    assert online.last_sync == "Last sync 02:08" and online.tone == "ok"  # today, PC's zone
    assert online.counts == "Waiting 0"  # nothing needs attention: not said
    earlier = status_texts({"enrolled": True, "last_success": "2026-11-30T02:00:00+00:00",
                            "pending": 3}, available=True, online=True, now=now)
    assert earlier.last_sync == "Last sync 30 Nov 2026 09:00" and earlier.tone == "wait"


@pytest.mark.parametrize(("status", "online", "tone"), [
    ({"enrolled": True}, True, "ok"), ({"enrolled": True}, False, "wait"),
    ({"enrolled": True, "pending": 2}, True, "wait"),
    ({"enrolled": True, "needs_attention": 1}, True, "bad"),
    ({"enrolled": True, "auth_failed": True}, True, "bad"), ({"enrolled": False}, False, "none")])
def test_the_status_tone(status: dict[str, Any], online: bool, tone: str) -> None:
    assert status_texts(status, available=True, online=online).tone == tone


def test_status_texts_in_indonesian() -> None:
    i18n.set_language("id")
    try:
        now = datetime(2026, 12, 2, 3, 30, tzinfo=UTC)
        texts = status_texts({"enrolled": True, "pending": 1234, "needs_attention": 5,
                              "last_success": "2026-12-02T03:14:00+00:00"},
                             available=True, online=True, now=now)
        assert (texts.online, texts.counts, texts.last_sync) == (
            "Terhubung", "Menunggu 1.234 · Perlu perhatian 5", "Sinkron terakhir 10.14")
    finally:
        i18n.set_language("en")


def test_the_activity_log_keeps_the_last_results_newest_first() -> None:
    from regdesk.ui.controllers.activity import ActivityLog

    moments = iter(datetime(2026, 12, 2, 3, m, tzinfo=UTC) for m in range(60))
    log, calls = ActivityLog(lambda: next(moments), limit=3), []
    log.listeners.append(lambda: calls.append(1))
    for i in range(5):
        log.add(f"PDF {i}", Path(f"/tmp/out/{i}.pdf") if i % 2 == 0 else None)
    assert [e.text for e in log.entries] == ["PDF 4", "PDF 3", "PDF 2"] and len(calls) == 5
    assert log.entries[0].line() == "10:04  PDF 4"  # the PC's time (WIB), in English
    assert log.entries[0].folder == Path("/tmp/out") and log.entries[1].folder is None


def test_sync_status_follows_the_engine() -> None:
    view = StatusView()
    engine = SimpleNamespace(status_changed=Signal(), progress=Signal(), error=Signal(),
                             available=lambda: True, online=lambda: False)
    SyncStatusController(view, engine).attach(engine)
    engine.status_changed.emit({"enrolled": True})
    engine.progress.emit(3, 10)
    engine.error.emit("HQ is busy")
    assert view.shown[0].online == "Offline"
    assert view.bars == [(3, 10)] and view.messages == ["HQ is busy"]


def test_connections_are_undone_together() -> None:
    signal, seen = Signal(), []
    wired = Connections()
    wired.connect(signal, seen.append)
    signal.emit(1)
    wired.close()
    signal.emit(2)
    wired.close()  # twice is harmless
    assert seen == [1]


def test_filters_for_spans() -> None:
    from regdesk.ui.controllers.registrations_list import filters_for

    today = date(2024, 3, 1)  # the day after a leap day
    assert filters_for(None, "", today).date_from is None
    assert filters_for("synced", "today", today).date_from == today
    assert filters_for("", "7d", today).date_from == date(2024, 2, 24)
    assert filters_for("", "30d", today).status is None
    assert filters_for("", "30d", today).date_from == date(2024, 2, 1)
