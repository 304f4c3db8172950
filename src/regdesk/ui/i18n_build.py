"""Build the catalogue's products (the set-up step): ``<lang>.mo`` from each ``.po``, the Qt
``regdesk_id.ts`` generated from the ``.po``'s Qt entries, and ``regdesk_id.qm`` from that
with ``pyside6-lrelease``. None is kept in git.

Run: ``python -m regdesk.ui.i18n_build``. Without lrelease it says so and exits 0: the app
then reads the catalogue directly (see :mod:`regdesk.ui.i18n`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from regdesk.i18n.build import compile_mo, write_ts
from regdesk.i18n.catalogue import catalogue_dir

QT_LANGUAGES = ("id",)  # English is the source text of the widgets


def find_lrelease() -> str | None:
    here = Path(sys.executable).parent
    for candidate in (here / "pyside6-lrelease", here / "pyside6-lrelease.exe"):
        if candidate.is_file():
            return str(candidate)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def build(folder: Path | None = None) -> list[Path]:
    """Compile the catalogue in ``folder``; return the ``.qm`` files written (none without
    lrelease; the ``.mo`` files are written either way)."""
    folder = folder or catalogue_dir()
    compile_mo(folder)
    tool = find_lrelease()
    if tool is None:
        print("pyside6-lrelease not found; the app will read the catalogue directly")
        return []
    written = []
    for lang in QT_LANGUAGES:
        ts = write_ts(lang, folder)
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
