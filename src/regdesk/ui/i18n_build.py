"""Compile ``resources/i18n/*.ts`` into ``.qm`` with ``pyside6-lrelease`` (the set-up step).

Run: ``python -m regdesk.ui.i18n_build``. Without lrelease it says so and exits 0: the app
then reads the ``.ts`` directly (see :mod:`regdesk.ui.i18n`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from regdesk.paths import resources_dir


def find_lrelease() -> str | None:
    here = Path(sys.executable).parent
    for candidate in (here / "pyside6-lrelease", here / "pyside6-lrelease.exe"):
        if candidate.is_file():
            return str(candidate)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def build(folder: Path | None = None) -> list[Path]:
    """Compile every ``.ts`` in ``folder``; return the ``.qm`` files written."""
    folder = folder or resources_dir() / "i18n"
    tool = find_lrelease()
    if tool is None:
        print("pyside6-lrelease not found; the app will read the .ts files directly")
        return []
    written = []
    for ts in sorted(folder.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    return written


def main() -> int:
    for qm in build():
        print(qm)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
