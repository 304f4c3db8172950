"""The shape of the UI package: controllers never reach for the app object, the UI never
imports the CLI, and the controllers meant to be Qt-free really load no Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "src" / "regdesk" / "ui"
QT_FREE = ("regdesk.ui.session", "regdesk.ui.controllers.connections",
           "regdesk.ui.controllers.settings", "regdesk.ui.controllers.sync_status",
           "regdesk.ui.controllers.form", "regdesk.ui.controllers.list_counts")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("path", sorted((UI / "controllers").glob("*.py")), ids=lambda p: p.name)
def test_controllers_do_not_import_the_app(path: Path) -> None:
    assert not {m for m in imported_modules(path) if m.startswith("regdesk.ui.app")}


def test_ui_does_not_import_the_cli() -> None:
    offenders = {p.name for p in UI.rglob("*.py")
                 if any(m == "regdesk.cli" or m.startswith("regdesk.cli.")
                        for m in imported_modules(p))}
    assert not offenders


def test_qt_free_controllers_load_no_qt() -> None:
    code = ("import sys\n" + "".join(f"import {m}\n" for m in QT_FREE) +
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "[]"


#: Store methods that are user actions or their rules: the UI reaches them through a service.
SERVICE_ONLY = frozenset({
    "add", "update", "cancel", "get", "versions", "audit_trail", "search", "set_setting",
    "get_setting", "create_user", "list_users", "authenticate", "initialise",
    "ready_for_cards", "record_audit", "record_audits", "read", "write",
})


def _store_calls(path: Path) -> list[str]:
    """``….store.<method>(…)`` / ``…_store.<method>(…)`` calls of a service-only method."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        name = owner.attr if isinstance(owner, ast.Attribute) else \
            owner.id if isinstance(owner, ast.Name) else ""
        if name in ("store", "_store") and node.func.attr in SERVICE_ONLY:
            found.append(f"{path.name}:{node.lineno} {name}.{node.func.attr}")
    return found


def test_the_ui_calls_services_not_the_store() -> None:
    offenders = [call for p in sorted(UI.rglob("*.py")) for call in _store_calls(p)]
    assert offenders == []
