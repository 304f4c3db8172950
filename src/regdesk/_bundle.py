"""Entry point of the PyInstaller bundle (``build.spec``), beside ``__main__.py``.

A windowed build on Windows has ``sys.stdout``/``sys.stderr`` set to ``None``: anything that
prints would crash, so both are pointed at ``os.devnull`` first. Then it is the ordinary
``regdesk`` command line (no arguments = the desk app; ``--smoke`` = start-up check).
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - process-long
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - process-long
    from regdesk.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
