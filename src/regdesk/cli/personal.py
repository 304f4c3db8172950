"""``--yes`` and ``--full-nik`` for commands that write personal data to a file.

Before such a file is written the CLI asks on a terminal (``Lanjut? [y/N]``, on stderr, so
``--json`` output stays one document); without a terminal it refuses unless ``--yes`` was
given. Whole NIKs only with ``--full-nik``, for supervisors and admins (the rule is
:func:`regdesk.services.personal_data.nik_rule`; operators are refused before anything is
asked or written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from regdesk.cli.context import CliContext, CliError
from regdesk.i18n import t
from regdesk.services.personal_data import NikRule, nik_rule

YES = ("y", "ya", "yes")


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--yes", action="store_true",
                        help="don't ask before writing a file with personal data (scripts)")
    parser.add_argument("--full-nik", action="store_true",
                        help="whole NIKs in the file (supervisors and admins only; audited); "
                        "default: masked")


def confirm(args: argparse.Namespace, ctx: CliContext, target: Path) -> NikRule:
    """Sign in, check the NIK rule (``--full-nik``) and ask before ``target`` is written:
    returns the rule, or raises :class:`CliError` (no ``--yes`` off a terminal: exit 2;
    answered no: exit 1). Nothing is written before this returns."""
    rule = nik_rule(ctx.acting_user(), full_nik=bool(getattr(args, "full_nik", False)))
    if getattr(args, "yes", False):
        return rule
    if not sys.stdin.isatty():
        raise CliError(t("cli.personal.needs_yes", file=target.name))
    nik = t("cli.personal.nik_full" if rule.full else "cli.personal.nik_masked")
    print(t("cli.personal.confirm", file=target, nik=nik), end=" ", file=sys.stderr,
          flush=True)
    answer = sys.stdin.readline()
    if answer.strip().casefold() not in YES:
        raise CliError(t("cli.personal.not_confirmed"), exit_code=1)
    return rule
