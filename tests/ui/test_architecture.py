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
           "regdesk.ui.controllers.form")


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
