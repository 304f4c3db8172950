"""The CLI is thin: it never opens a database session or imports the database libraries;
services and the store do that."""

from __future__ import annotations

import ast
from pathlib import Path

import regdesk.cli

CLI_DIR = Path(regdesk.cli.__file__).parent
FORBIDDEN_MODULES = ("sqlmodel", "sqlalchemy", "regdesk.store.db", "regdesk.sync")
SESSION_METHODS = {"read", "write", "engine"}


def _modules() -> list[Path]:
    return sorted(CLI_DIR.glob("*.py"))


def test_no_database_library_is_imported() -> None:
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert not name.startswith(FORBIDDEN_MODULES), f"{path.name} imports {name}"


def test_no_session_is_opened() -> None:
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert node.func.attr not in SESSION_METHODS, (
                    f"{path.name}:{node.lineno} calls .{node.func.attr}()")
