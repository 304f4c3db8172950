"""Entry point of the PyInstaller bundle (``build.spec``), beside ``__main__.py``.

One script, two executables in one folder: the windowed ``RegDesk.exe`` (the desk app) and
the console ``regdesk-cli.exe`` (the admin commands of the README, whose output a windowed
program cannot show). A windowed build on Windows has ``sys.stdout``/``sys.stderr`` set to
``None``: anything that prints would crash, so both are pointed at ``os.devnull`` first. Then
it is the ordinary ``regdesk`` command line (no arguments = the desk app), plus:

- ``--help`` lists ``--smoke`` (hidden in a pip install's help);
- ``--smoke`` (the start-up check) first checks that keyring's Windows backend was bundled.
"""

from __future__ import annotations

import os
import sys

SMOKE_HELP = ("start-up check of the bundle: keyring backend, then the desk app on a temporary "
              "database, exit 0 after its first event-loop turn")


def main(argv: list[str] | None = None) -> int:
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - process-long
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - process-long
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] in (["-h"], ["--help"]):
        return print_help()
    if "--smoke" in argv:
        problem = keyring_backend_problem()
        if problem:
            print(f"regdesk: smoke: {problem}", file=sys.stderr)
            return 1
    from regdesk.cli import main as cli_main

    return cli_main(argv)


def print_help() -> int:
    """The command line's help, with ``--smoke`` shown."""
    from regdesk.cli import build_parser

    parser = build_parser()
    for action in parser._actions:
        if "--smoke" in action.option_strings:
            action.help = SMOKE_HELP
    parser.print_help()
    return 0


def keyring_backend_problem() -> str | None:
    """On Windows, the device token goes to the Credential Manager through keyring's
    ``WinVaultKeyring``, which PyInstaller finds only as a hidden import: ``None`` when it
    is there and usable, else what is wrong. Elsewhere nothing to check."""
    if sys.platform != "win32":
        return None
    try:
        from keyring.backends.Windows import WinVaultKeyring

        if WinVaultKeyring.priority <= 0:
            return "keyring's Windows backend is not usable"
    except Exception as exc:
        return f"keyring's Windows backend is missing ({type(exc).__name__})"
    return None


if __name__ == "__main__":
    raise SystemExit(main())
