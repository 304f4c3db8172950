"""Desk-app benchmark, printed as JSON.

    .venv/bin/python bench/bench_ui.py [--db /tmp/regdesk_bench/1m.sqlite3] [--runs 2]

* ``start``: wall time from spawning the process to the main window shown (and to the sign-in
  page ready, i.e. the 1M-row database opened), next to a bare PySide6 window as the floor;
* ``first_page``: sign-in to the first page of the registrations list;
* ``search``: last keystroke → first page of results (includes the 150 ms debounce) and the
  query alone (debounce fired → rows in the model);
* ``peak_rss_mb``: the desk process after all of that (ru_maxrss);
* ``keystrokes``: a scripted registration of a typical worker: raw data typed vs. extra keys.

The 1,000,000-row database is generated once (``regdesk demo``) and cached.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_DB = Path("/tmp/regdesk_bench/1m.sqlite3")
PASSWORD = "admin12345"


def ensure_db(path: Path, count: int) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "REGDESK_NEW_PASSWORD": PASSWORD}
    subprocess.run([sys.executable, "-m", "regdesk", "demo", "--count", str(count), "--db",
                    str(path)], check=True, env=env)


def spawn(*args: str) -> dict[str, float]:
    """Run a child mode; return its marks (seconds since spawn)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", *args], env=env,
                            stdout=subprocess.PIPE, text=True)
    marks: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("MARK "):
            _, name, *rest = line.split()
            marks[name] = round(time.perf_counter() - t0, 3)
            if rest:
                marks[name + "_value"] = float(rest[0])
        elif line.startswith("DATA "):
            marks.update(json.loads(line[5:]))
    proc.wait()
    return marks


# -- child modes (run in a fresh interpreter) ------------------------------------------------
def child_bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    win = QMainWindow()
    win.resize(1280, 720)
    win.show()
    QTimer.singleShot(0, lambda: (print("MARK shown", flush=True), app.quit()))
    app.exec()
    print(f"DATA {json.dumps({'rss_mb': _rss_mb()})}", flush=True)


def _rss_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def child_app(db: str) -> None:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from regdesk.ui.launch import start_desk

    data: dict[str, float] = {}
    state: dict[str, float] = {}

    def shown() -> None:
        print("MARK shown", flush=True)

    def ready() -> None:
        print("MARK login_ready", flush=True)
        desk.model.first_page_loaded.connect(first_page)
        state["login"] = time.perf_counter()
        desk.login("admin", PASSWORD)

    def first_page() -> None:
        if "first" not in state:
            state["first"] = time.perf_counter()
            data["signin_to_first_page_s"] = round(state["first"] - state["login"], 3)
            print("MARK first_page", flush=True)
            QTimer.singleShot(50, search)
        elif "typed" in state and "searched" not in state:
            now = time.perf_counter()
            state["searched"] = now
            data["search_after_last_key_ms"] = round((now - state["typed"]) * 1000, 1)
            data["search_query_only_ms"] = round((now - state["fired"]) * 1000, 1)
            data["search_rows"] = desk.model.rowCount()
            QTimer.singleShot(0, app.quit)

    def search() -> None:
        desk.window.search.setFocus()
        QTest.keyClicks(desk.window.search, "siti")
        state["typed"] = time.perf_counter()

    desk = start_desk(Path(db), qsettings=QSettings("/tmp/regdesk_bench/ui.ini",
                                                    QSettings.Format.IniFormat),
                      on_shown=shown, auto_backup=False)  # no 2.8 GB backup on exit
    app = QApplication.instance()
    desk.window.search_changed.connect(lambda _t: state.setdefault("fired", time.perf_counter()))
    desk.ready_callbacks.append(ready)
    app.exec()
    desk.shutdown()
    data["rss_mb"] = _rss_mb()
    print(f"DATA {json.dumps(data)}", flush=True)


def child_keys() -> None:
    """Register a typical worker by keyboard only; count keys beyond the raw data."""
    import tempfile

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from regdesk.store import Store
    from regdesk.ui.app import DeskApp

    app = QApplication([])
    tmp = Path(tempfile.mkdtemp())
    store = Store.open(tmp / "k.sqlite3")
    store.initialise(village="32.16.18.2005", admin_username="admin", admin_password=PASSWORD)
    store.close()
    desk = DeskApp(tmp / "k.sqlite3", qsettings=QSettings(str(tmp / "ui.ini"),
                                                          QSettings.Format.IniFormat),
                   auto_backup=False)
    desk.start()
    while desk.store is None:
        app.processEvents()
    desk.login("admin", PASSWORD)
    while desk.user is None:
        app.processEvents()
    raw = extra = 0

    def key(k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        nonlocal extra
        QTest.keyClick(QApplication.focusWidget() or desk.window, k, mod)
        extra += 1

    def text(t: str) -> None:
        nonlocal raw
        QTest.keyClicks(QApplication.focusWidget() or desk.window, t)
        raw += len(t)

    desk.window.activateWindow()
    QTest.qWaitForWindowActive(desk.window, 5000)
    key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    for value in ("3216064508900001", "Siti Aminah", "Jl. Melati No. 3", "3", "5",
                  "081234567890", "pedagang", "1500000"):
        text(value)
        key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Space)  # consent
    key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    while not desk.runner.idle():
        app.processEvents()
    saved = desk.window.inner.currentWidget() is desk.window.list_page
    desk.shutdown()
    print(f"DATA {json.dumps({'raw_chars': raw, 'extra_keys': extra, 'saved': saved})}",
          flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        from regdesk.ui.compat import protect_none

        protect_none()  # keep the bench on the same footing as the app
        mode = args.child[0]
        if mode == "bare":
            child_bare()
        elif mode == "app":
            child_app(args.child[1])
        elif mode == "keys":
            child_keys()
        return 0
    ensure_db(args.db, args.count)
    bare = [spawn("bare") for _ in range(args.runs)]
    desk = [spawn("app", str(args.db)) for _ in range(args.runs)]
    keys = spawn("keys")
    result = {
        "db": str(args.db), "db_rows": args.count,
        "bare_window": bare,
        "desk": desk,
        "summary": {
            "bare_window_shown_s": min(b["shown"] for b in bare),
            "bare_rss_mb": min(b["rss_mb"] for b in bare),
            "main_window_shown_s_cold": desk[0]["shown"],
            "main_window_shown_s_warm": min(d["shown"] for d in desk[1:] or desk),
            "db_open_to_signin_ready_s_warm": min(d["login_ready"] for d in desk[1:] or desk),
            "signin_to_first_page_s": min(d["signin_to_first_page_s"] for d in desk),
            "search_after_last_key_ms": min(d["search_after_last_key_ms"] for d in desk),
            "search_query_only_ms": min(d["search_query_only_ms"] for d in desk),
            "peak_rss_mb": max(d["rss_mb"] for d in desk),
            "keystrokes": keys,
        },
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
