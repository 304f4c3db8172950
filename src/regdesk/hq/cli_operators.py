"""``regdesk-hq operators add|list|disable``: console accounts (the first admin is made here;
docs/hq-console.md)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from regdesk.hq import operators
from regdesk.hq.runtime import Runtime
from regdesk.hq.timeutil import utcnow

PASSWORD_ENV = "REGDESK_HQ_NEW_PASSWORD"


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("operators", help="console operator accounts (add, list, disable)")
    psub = p.add_subparsers(dest="operators_command", required=True)
    add = psub.add_parser("add", help=f"add an operator (password from ${PASSWORD_ENV} or "
                          "asked on the terminal)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=[r.value for r in operators.Role])
    add.add_argument("--kecamatan", help="a viewer's scope: one kecamatan (NN.NN.NN)")
    psub.add_parser("list")
    d = psub.add_parser("disable", help="disable an operator (signed out at once)")
    d.add_argument("username")


def _password() -> str:
    given = os.environ.get(PASSWORD_ENV)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise operators.OperatorError(f"password: set {PASSWORD_ENV} or run on a terminal")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise operators.OperatorError("password: the two entries differ")
    return first


def run(rt: Runtime, args: argparse.Namespace) -> None:
    if args.operators_command == "add":
        password = _password()
        op = operators.add_operator(rt.engine, username=args.username, password=password,
                                    role=args.role, kecamatan=args.kecamatan, now=utcnow())
        scope = f" (kecamatan {op.kecamatan})" if op.kecamatan else ""
        print(f"operator {op.username} added as {op.role.value}{scope}")
    elif args.operators_command == "list":
        for op in operators.list_operators(rt.engine):
            state = "disabled" if op.disabled else "active"
            print(f"{op.username}\t{op.role.value}\t{op.kecamatan or '-'}\t{state}")
    elif not operators.disable_operator(rt.engine, args.username, now=utcnow()):
        raise operators.OperatorError(f"username: no operator {args.username!r}")
    else:
        print(f"operator {args.username} disabled")
