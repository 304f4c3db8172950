"""Shared plumbing for CLI commands: options, the store, the signed-in user, output in text or
JSON."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from regdesk.domain.problems import Problem, Severity, error
from regdesk.domain.registration import Funding
from regdesk.files import starts_like_sqlite
from regdesk.i18n import DEFAULT_LANG, render, render_line, set_language, t
from regdesk.paths import default_db_path
from regdesk.services import users
from regdesk.store import AccountLocked, AuthenticationFailed, Role, Store, UserInfo
from regdesk.store.errors import NotInitialised

USER_ENV = "REGDESK_USER"  # who signs in (``--user`` wins)
PASSWORD_ENV = "REGDESK_PASSWORD"  # the signing-in user's password, for scripts
NEW_PASSWORD_ENV = "REGDESK_NEW_PASSWORD"  # a password being set: init, demo, users add
RETIRED_ENV = {"REGDESK_ADMIN_PASSWORD": NEW_PASSWORD_ENV}  # old name -> the name to use


class Access(StrEnum):
    """Who may run a command (every leaf command sets ``access``; see docs/cli.md)."""

    OPEN = "open"  # touches no personal data: no user needed
    SIGNED_IN = "signed-in"  # reads or writes personal data: --user and the password first
    SETUP = "setup"  # open while the desk has no account yet, then signed in as an admin


class CliError(Exception):
    """An expected failure with a one-line message (already in the user's language)."""

    def __init__(self, message: str, exit_code: int = 2, problems: Sequence[Problem] = ()):
        super().__init__(message)
        self.exit_code = exit_code
        self.problems = list(problems)


def env_password(var: str) -> str | None:
    """The password in ``var`` (None when unset or empty). A retired variable name still set
    in the environment is refused with the name to use instead, so no script runs on with a
    password it thinks it gave."""
    for old, new in RETIRED_ENV.items():
        if old in os.environ:
            raise CliError(t("cli.env.retired", old=old, new=new, password_env=PASSWORD_ENV))
    return os.environ.get(var) or None


def needs_sign_in(args: argparse.Namespace) -> bool:
    """Whether the command must sign in before it runs (an unclassified command must)."""
    if getattr(args, "access", Access.SIGNED_IN) is not Access.SIGNED_IN:
        return False
    flag = getattr(args, "open_with", None)  # e.g. ``sync --status``: counts only
    return not (flag and getattr(args, flag, False))


@dataclass
class CliContext:
    db_path: Path
    as_json: bool
    username: str | None
    _store: Store | None = field(default=None, repr=False)
    _user: UserInfo | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        """The context of one invocation; sets the process language (``--lang``, else
        ``REGDESK_LANG``, else Indonesian) once, for every text the command prints."""
        set_language(args.lang or os.environ.get("REGDESK_LANG") or DEFAULT_LANG)
        db = Path(args.db) if args.db else default_db_path()
        return cls(db, bool(args.json), args.user or os.environ.get(USER_ENV) or None)

    def store(self) -> Store:
        if self._store is None:
            check_database_path(self.db_path)
            self._store = Store.open(self.db_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def signed_in(self) -> UserInfo | None:
        """Who signed in during this invocation, if anyone did."""
        return self._user

    def acting_user(self, minimum: Role = Role.OPERATOR) -> UserInfo:
        """The signed-in user, signing in first (once per invocation) through the desk's
        sign-in service: ``--user``/``REGDESK_USER`` and the password from
        ``REGDESK_PASSWORD`` or, on a terminal, typed. Throttled, locked and audited as the
        app's sign-in; raises :class:`PermissionDenied` below ``minimum``."""
        if self._user is None:
            self._user = self._sign_in()
        users.require_role(self._user, minimum)
        return self._user

    def adopt(self, user: UserInfo) -> None:
        """``user`` signed in by the command itself (``demo`` on a new desk: its new admin)."""
        self._user = user

    def _sign_in(self) -> UserInfo:
        store = self.store()
        if not store.is_initialised():
            raise NotInitialised()
        if not self.username:
            raise CliError(t("cli.signin.no_user", user_env=USER_ENV,
                             password_env=PASSWORD_ENV))
        password = env_password(PASSWORD_ENV) or self._typed_password(self.username)
        try:
            return users.sign_in(store, self.username, password)
        except AuthenticationFailed as exc:
            raise signin_refused(exc, self.username) from exc

    @staticmethod
    def _typed_password(username: str) -> str:
        """The password typed at a terminal (never echoed); refused without a terminal and
        when nothing was typed (an empty Enter is not counted as a wrong password)."""
        missing = CliError(t("cli.signin.no_password", username=username,
                             password_env=PASSWORD_ENV))
        if not sys.stdin.isatty():
            raise missing
        try:
            typed = getpass.getpass(t("cli.signin.prompt", username=username))
        except EOFError:
            typed = ""
        if not typed:
            raise missing
        return typed

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


def signin_refused(exc: AuthenticationFailed, username: str) -> CliError:
    """A refused sign-in as one line: the same words for an unknown name and a wrong password;
    a lock names who lifts it and how."""
    if isinstance(exc, AccountLocked):
        text = t("cli.signin.locked", username=username)
    else:
        text = t("cli.signin.refused", reason="; ".join(render(p) for p in exc.problems))
    return CliError(text, exit_code=2, problems=exc.problems)


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


def funding_arg(text: str) -> Funding:
    """A funding code (the values stored before the catalogue, e.g. ``apbdes``, too)."""
    try:
        return Funding(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"unknown funding source {text!r}; one of: {', '.join(f.value for f in Funding)}"
        ) from None
