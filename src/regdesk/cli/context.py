"""Shared plumbing for CLI commands: options, the store, output in text or JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from regdesk.domain.problems import Problem, Severity, error
from regdesk.files import starts_like_sqlite
from regdesk.i18n import DEFAULT_LANG, render, render_line, set_language, t
from regdesk.paths import default_db_path
from regdesk.services import users
from regdesk.services.errors import UnknownUser
from regdesk.store import Role, Store, UserInfo


class CliError(Exception):
    """An expected failure with a one-line message (already in the user's language)."""

    def __init__(self, message: str, exit_code: int = 2, problems: Sequence[Problem] = ()):
        super().__init__(message)
        self.exit_code = exit_code
        self.problems = list(problems)


@dataclass
class CliContext:
    db_path: Path
    as_json: bool
    username: str | None
    _store: Store | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        """The context of one invocation; sets the process language (``--lang``, else
        ``REGDESK_LANG``, else Indonesian) once, for every text the command prints."""
        set_language(args.lang or os.environ.get("REGDESK_LANG") or DEFAULT_LANG)
        db = Path(args.db) if args.db else default_db_path()
        return cls(db, bool(args.json), args.user or os.environ.get("REGDESK_USER"))

    def store(self) -> Store:
        if self._store is None:
            check_database_path(self.db_path)
            self._store = Store.open(self.db_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def acting_user(self, minimum: Role = Role.OPERATOR) -> UserInfo:
        """The user named by --user/REGDESK_USER, else the first admin (a desk CLI runs as the
        office's own account)."""
        try:
            return users.acting_user(self.store(), username=self.username, minimum=minimum)
        except UnknownUser as exc:
            raise CliError(t("cli.user.not_found", username=self.username)) from exc

    def emit(self, data: Any, text: str | None = None) -> None:
        """Print JSON (with --json) or the human text."""
        if self.as_json:
            print(json.dumps(data, ensure_ascii=False, indent=None, default=str))
        elif text is not None:
            print(text)

    def fail(self, exc: CliError) -> None:
        if self.as_json:
            print(
                json.dumps(
                    {"error": str(exc), "problems": [p.as_dict() for p in exc.problems]},
                    ensure_ascii=False,
                )
            )
        else:
            print(f"regdesk: {one_line(str(exc))}", file=sys.stderr)


def report_problems(ctx: CliContext, problems: Sequence[Problem]) -> None:
    """One line per problem on stderr (field, code, sentence); JSON on stdout with --json."""
    if ctx.as_json:
        print(
            json.dumps(
                {
                    "error": "; ".join(render(p) for p in problems),
                    "problems": [p.as_dict() for p in problems],
                },
                ensure_ascii=False,
            )
        )
        return
    for problem in problems:
        marker = "!" if problem.severity is Severity.WARNING else "x"
        print(f"regdesk: {marker} {one_line(render_line(problem))}", file=sys.stderr)


def check_database_path(path: Path) -> None:
    """``--db`` must name a RegDesk database file (or where a new one goes), never a folder or
    some other file: one line naming the path, exit 2."""
    if path.is_dir():
        raise CliError(render(error("db", "db.is_folder", path=str(path))))
    if not path.exists():
        return  # a new database (``init``), or "not initialised" from the store
    try:
        looks_right = starts_like_sqlite(path)
    except OSError as exc:
        raise CliError(render(file_problem(exc))) from exc
    if not looks_right:
        raise CliError(render(error("db", "db.not_database", path=str(path))))


def output_file(text: str) -> Path:
    """argparse ``type`` of an output file: its folder must exist (nothing is created on a
    mistyped path) and it must not be a folder. Refusals are usage errors naming the option."""
    path = Path(text).expanduser()
    if path.is_dir():
        raise argparse.ArgumentTypeError(
            f"{path} adalah folder, bukan berkas / is a folder, not a file")
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(
            f"folder {path.parent} tidak ada / folder does not exist")
    return path


def output_folder(text: str) -> Path:
    """argparse ``type`` of an output folder given on the command line: it must exist."""
    path = Path(text).expanduser()
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"folder {path} tidak ada / folder does not exist")
    return path


def file_problem(exc: OSError) -> Problem:
    """An OS error as a problem naming the file and the reason (never a traceback)."""
    where = exc.filename if exc.filename is not None else "-"
    return error("file", "file.os_error", path=str(where), detail=exc.strerror or
                 type(exc).__name__)


def one_line(text: str) -> str:
    """A message as one printable line: a newline, tab or other control character in what
    the user typed (a path, a cell) shows escaped (``\\r``), never breaks the line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text.strip())
