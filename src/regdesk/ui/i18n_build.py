"""Build the catalogue's products (the set-up step): ``<lang>.mo`` from each ``.po``, the Qt
``regdesk_id.ts`` generated from the ``.po``'s Qt entries, and ``regdesk_id.qm`` from that
with ``pyside6-lrelease``. None is kept in git.

Run: ``python -m regdesk.ui.i18n_build``. Without lrelease it says so and exits 0: the app
then reads the catalogue directly (see :mod:`regdesk.ui.i18n`).

After adding or changing ``tr()`` strings: ``python -m regdesk.ui.i18n_build --update`` runs
``pyside6-lupdate`` over ``src/regdesk/ui`` and merges what it finds into ``id.po`` (new strings
untranslated, vanished ones dropped); then write their Indonesian in ``id.po``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from regdesk.i18n.build import MergeReport, compile_mo, merge_ts, write_ts
from regdesk.i18n.catalogue import catalogue_dir

QT_LANGUAGES = ("id",)  # English is the source text of the widgets


UI_SOURCES = Path(__file__).resolve().parent


def _find_tool(name: str) -> str | None:
    here = Path(sys.executable).parent
    for candidate in (here / f"pyside6-{name}", here / f"pyside6-{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    return shutil.which(f"pyside6-{name}") or shutil.which(name)


def find_lrelease() -> str | None:
    return _find_tool("lrelease")


def find_lupdate() -> str | None:
    return _find_tool("lupdate")


def extract(ts: Path, sources: Path = UI_SOURCES) -> Path:
    """Write the Qt strings of the code under ``sources`` to ``ts`` with ``pyside6-lupdate``
    (put ``ts`` two folders below the project root, as ``resources/i18n`` is, so its
    locations read ``src/regdesk/...``)."""
    tool = find_lupdate()
    if tool is None:
        raise FileNotFoundError("pyside6-lupdate not found")
    ts.parent.mkdir(parents=True, exist_ok=True)
    ts.unlink(missing_ok=True)
    files = sorted(str(p) for p in sources.rglob("*.py"))
    subprocess.run([tool, "-silent", "-no-obsolete", *files, "-ts", str(ts)], check=True)
    return ts


def update(folder: Path | None = None) -> MergeReport:
    """Merge the code's current Qt strings into ``id.po`` in ``folder``."""
    folder = folder or catalogue_dir()
    ts = extract(folder / "lupdate.ts")
    try:
        return merge_ts(ts, folder / "id.po")
    finally:
        ts.unlink(missing_ok=True)


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


def main(argv: list[str] | None = None) -> int:
    if "--update" in (sys.argv[1:] if argv is None else argv):
        report = update()
        for context, source in report.added:
            print(f"new, to translate in id.po: {context}: {source}")
        for context, source in report.dropped:
            print(f"dropped (gone from the code): {context}: {source}")
        return 0
    for qm in build():
        print(qm)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
