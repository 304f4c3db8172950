"""Running the ``regdesk`` command line in tests, signed in by default.

Every test starts signed in as :data:`CLI_USER` with :data:`CLI_PASSWORD` (the autouse
``_isolated_home`` fixture in ``tests/conftest.py`` calls :func:`signed_in`): commands that need
a user sign in through the real sign-in service, and ``init``/``demo``/``users add`` set that
password on the accounts they make. A test about signing in itself calls :func:`signed_out`;
a subprocess gets the same variables from :func:`cli_env`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import pytest

from regdesk.cli import main

CLI_USER = "admin"
CLI_PASSWORD = "rahasia-123"
SIGN_IN_VARS = ("REGDESK_USER", "REGDESK_PASSWORD", "REGDESK_NEW_PASSWORD")


def sign_in_env(user: str = CLI_USER, password: str = CLI_PASSWORD) -> dict[str, str]:
    """The variables that sign a CLI call in as ``user`` (and give new accounts ``password``)."""
    return dict(zip(SIGN_IN_VARS, (user, password, password), strict=True))


def signed_in(monkeypatch: pytest.MonkeyPatch, user: str = CLI_USER,
              password: str = CLI_PASSWORD) -> None:
    for name, value in sign_in_env(user, password).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("REGDESK_ADMIN_PASSWORD", raising=False)


def signed_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """No user, no password: the CLI as a stranger (or a script that forgot) calls it."""
    for name in SIGN_IN_VARS:
        monkeypatch.delenv(name, raising=False)


def cli_env(base: Mapping[str, str] | None = None, user: str = CLI_USER,
            password: str = CLI_PASSWORD) -> dict[str, str]:
    """An environment for a ``regdesk`` subprocess: ``base`` (default: this process's) plus
    the sign-in variables."""
    env = {k: v for k, v in (os.environ if base is None else base).items()
           if k != "REGDESK_ADMIN_PASSWORD"}
    return {**env, **sign_in_env(user, password)}


def run_cli(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """``regdesk ARGV`` in this process: exit code, stdout, stderr."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err
