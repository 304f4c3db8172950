"""The ``regdesk`` command line. Each ``cmd_*.py`` module in this package adds commands.

Every command module defines ``register(subparsers)`` and sets ``func=handler`` and
``access=`` (:class:`~regdesk.cli.context.Access`) on each of its parsers; a handler takes
``(args, ctx: CliContext)`` and returns the exit code. A command that reads or writes personal
data signs in before its handler runs (``--user`` and ``REGDESK_PASSWORD`` or a typed
password; docs/cli.md); an unclassified command counts as one. Expected failures
(:class:`regdesk.store.StoreError`, :class:`CliError`) become one clear line and exit 1/2.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from regdesk.cli.context import (
    Access,
    CliContext,
    CliError,
    file_problem,
    needs_sign_in,
    one_line,
    report_problems,
)
from regdesk.i18n import render
from regdesk.store.errors import StoreError


class UsageError(Exception):
    """argparse's refusal of the command line, raised instead of printed (see :func:`main`)."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser
        self.message = message


class _Parser(argparse.ArgumentParser):
    """Every (sub)parser raises :class:`UsageError` so that ``--json`` can answer in JSON."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(self, message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="regdesk",
        description="RegDesk — pendaftaran peserta BPU BPJS Ketenagakerjaan di kantor desa.",
    )
    _add_global_options(parser, top=True)
    parser.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name.startswith("cmd_"):
            module = importlib.import_module(f"{__name__}.{module_info.name}")
            module.register(subparsers)
    _share_global_options(subparsers)
    return parser


def _add_global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """Global options work before or after the command (``regdesk fees … --json``)."""
    default = (lambda value: value) if top else (lambda _value: argparse.SUPPRESS)
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default(None),
        help="database file (default: REGDESK_DB or the user data folder)",
    )
    parser.add_argument(
        "--json", action="store_true", default=default(False), help="machine-readable output"
    )
    parser.add_argument(
        "--lang",
        choices=("id", "en"),
        default=default(None),
        help="language of messages (default: id)",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=default(None),
        help="sign in as NAME (default: REGDESK_USER) for commands with personal data; "
        "password from REGDESK_PASSWORD, else typed at a terminal",
    )


def _share_global_options(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    for sub in set(subparsers.choices.values()):
        _add_global_options(sub, top=False)
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                _share_global_options(action)


def _bare_invocation(argv: Sequence[str]) -> argparse.Namespace | None:
    """``regdesk [global options]`` (what starts the app): parsed without importing the
    command modules (printing, import, sync … pull in ReportLab, openpyxl, requests)."""
    parser = _Parser(prog="regdesk", add_help=False)
    _add_global_options(parser, top=True)
    parser.add_argument("--smoke", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except (SystemExit, UsageError):
        return None
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _bare_invocation(argv) or build_parser().parse_args(argv)
    except UsageError as exc:
        _usage_error(exc, as_json="--json" in argv)
    handler = getattr(args, "func", None)
    if handler is None:  # no command: the app, or a status without a display
        from regdesk.cli.default import run_default

        handler = run_default
        args.access = Access.OPEN  # the app signs in itself; the status is counts only
    return _run(handler, args, CliContext.from_args(args))


def _usage_error(exc: UsageError, *, as_json: bool) -> NoReturn:
    """One line naming the option and the rule, with where to read more, and exit 2; with
    ``--json`` one JSON document on stdout instead."""
    if as_json:
        print(json.dumps({"error": exc.message, "usage": exc.parser.format_usage().strip(),
                          "problems": []}, ensure_ascii=False))
        sys.exit(2)
    message = one_line(exc.message)
    exc.parser.exit(2, f"{exc.parser.prog}: error: {message} ({exc.parser.prog} --help)\n")


def _run(handler: Callable[[argparse.Namespace, CliContext], int | None],
         args: argparse.Namespace, ctx: CliContext) -> int:
    """The one error funnel: expected failures are one line and an exit code."""
    try:
        if needs_sign_in(args):
            ctx.acting_user()
        return int(handler(args, ctx) or 0)
    except StoreError as exc:
        report_problems(ctx, exc.problems)
        return 1
    except CliError as exc:
        ctx.fail(exc)
        return exc.exit_code
    except BrokenPipeError:  # ``regdesk search | head``: the reader has all it wanted
        _silence_stdout()
        return 141
    except OSError as exc:  # a file or folder the command was given, or the disk: one line
        ctx.fail(CliError(render(file_problem(exc)), exit_code=1))
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        ctx.close()


def _silence_stdout() -> None:
    """Point stdout at the null device so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout without a file descriptor
        pass


def entry() -> None:  # pragma: no cover - console script shim
    sys.exit(main())
