"""The CLI's files with personal data: asked for on a terminal ("Lanjut? [y/N]" on stderr),
refused without one unless ``--yes`` (one line naming it, nothing written, nothing imported),
NIKs masked unless a supervisor or admin passes ``--full-nik`` (operators refused), 0600,
one audit row per file."""

from __future__ import annotations

import csv
import io
import json
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.cli_support import CLI_PASSWORD, run_cli
from tests.services.support import VILLAGE, fields
from tests.tabular.conftest import people, row_for, write_xlsx

from regdesk.services import registrations, users
from regdesk.services.personal_data import EXPORT_ACTION
from regdesk.store import Store

NIK = "3216064508900001"
MASKED = "3216********0001"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


class Terminal(io.StringIO):
    """Standard input that is a terminal with ``answer`` typed."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def desk(tmp_path: Path, template_db: Path) -> Path:
    """A desk with one registration, the admin (``admin``), an operator (``ani``) and a
    supervisor (``budi``), all with the CLI's password."""
    path = tmp_path / "desk.sqlite3"
    path.write_bytes(template_db.read_bytes())
    store = Store.open(path)
    try:
        admin = users.initialise(store, village=VILLAGE, admin="admin", password=CLI_PASSWORD,
                                 admin_name="Admin Desa")
        for name, role in (("ani", "operator"), ("budi", "supervisor")):
            users.add_user(store, acting=admin, username=name, password=CLI_PASSWORD,
                           role=role, full_name=name.title())
        registrations.register(store, fields(), user=admin)
    finally:
        store.close()
    (tmp_path / "out").mkdir()
    return path


def exports(db: Path) -> list[dict[str, Any]]:
    store = Store.open(db)
    try:
        with store.read() as session:
            rows = session.connection().exec_driver_sql(
                "SELECT actor, detail FROM audit WHERE action = ? ORDER BY id",
                (EXPORT_ACTION,)).all()
    finally:
        store.close()
    return [{"actor": actor, **json.loads(detail)} for actor, detail in rows]


def count(db: Path) -> int:
    store = Store.open(db)
    try:
        return store.count()
    finally:
        store.close()


def niks(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    col = rows[0].index("NIK")
    return [r[col].removeprefix('="').removesuffix('"') for r in rows[1:]]


def cli(capsys: pytest.CaptureFixture[str], desk: Path, *argv: object) -> tuple[int, str, str]:
    return run_cli(capsys, "--db", desk, *argv)


def test_without_a_terminal_and_without_yes_nothing_is_written(capsys, desk: Path) -> None:
    out = desk.parent / "out"
    for argv in (("export", "-o", out / "a.csv"),
                 ("needs-fixing", "-o", out / "n.xlsx"),
                 ("due", "-o", out / "d.xlsx"),
                 ("--json", "due", "--format", "json", "-o", out / "d.json")):
        code, stdout, err = cli(capsys, desk, *argv)
        assert code == 2, argv
        line = json.loads(stdout)["error"] if "--json" in argv else err.strip()
        assert len(line.splitlines()) == 1 and "--yes" in line, line
        assert "data pribadi" in line
        assert NIK not in err + stdout
    assert list(out.iterdir()) == [] and exports(desk) == []


def test_import_with_a_report_is_refused_before_anything_is_imported(
        capsys, desk: Path, tmp_path: Path) -> None:
    regs = people(2, seed=4)
    source = write_xlsx(tmp_path / "daftar.xlsx", [row_for(i, r) for i, r in enumerate(regs)])
    code, _out, err = cli(capsys, desk, "import", source, "--set", "consent_given=ya",
                          "--report", tmp_path / "out" / "r.xlsx")
    assert code == 2 and "--yes" in err
    assert count(desk) == 1  # only the desk's own record: nothing imported
    assert not (tmp_path / "out" / "r.xlsx").exists()
    code, out, err = cli(capsys, desk, "--json", "import", source, "--set",
                         "consent_given=ya", "--report", tmp_path / "out" / "r.xlsx", "--yes")
    assert code in (0, 1) and (tmp_path / "out" / "r.xlsx").exists(), err
    assert json.loads(out)["rows"] == 2
    assert [(r["kind"], r["nik"], r["file"]) for r in exports(desk)] == [
        ("import_report", "masked", "r.xlsx")]


@POSIX
def test_on_a_terminal_the_cli_asks_and_no_means_nothing_written(
        capsys, desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = desk.parent / "out" / "a.csv"
    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    code, stdout, err = cli(capsys, desk, "export", "-o", target)
    assert code == 1 and not target.exists() and exports(desk) == []
    assert "File ini berisi data pribadi" in err and "Lanjut? [y/N]" in err
    assert "NIK disamarkan" in err and stdout == ""
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    code, stdout, err = cli(capsys, desk, "--json", "export", "-o", target)
    assert code == 0, err
    assert json.loads(stdout)["nik_masked"] is True  # the prompt kept stdout one document
    assert niks(target) == [MASKED] and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [(r["actor"], r["kind"], r["rows"], r["nik"]) for r in exports(desk)] == [
        ("admin", "registrations", 1, "masked")]


def test_full_niks_only_for_supervisors_and_admins_who_ask(capsys, desk: Path) -> None:
    out = desk.parent / "out"
    code, _stdout, err = cli(capsys, desk, "--user", "ani", "export", "-o", out / "op.csv",
                             "--yes", "--full-nik")
    assert code == 1 and "--full-nik" in err and len(err.strip().splitlines()) == 1
    assert not (out / "op.csv").exists()
    code, _stdout, err = cli(capsys, desk, "--user", "ani", "export", "-o", out / "op.csv",
                             "--yes")
    assert code == 0 and niks(out / "op.csv") == [MASKED]
    code, _stdout, err = cli(capsys, desk, "--user", "budi", "export", "-o", out / "s.csv",
                             "--yes")
    assert code == 0 and niks(out / "s.csv") == [MASKED]  # supervisors too, by default
    code, _stdout, err = cli(capsys, desk, "--user", "budi", "export", "-o", out / "f.csv",
                             "--yes", "--full-nik")
    assert code == 0 and niks(out / "f.csv") == [NIK]
    assert [(r["actor"], r["nik"], r["file"]) for r in exports(desk)] == [
        ("ani", "masked", "op.csv"), ("budi", "masked", "s.csv"), ("budi", "full", "f.csv")]


def test_due_json_on_stdout_is_audited_only_with_whole_niks(capsys, desk: Path) -> None:
    code, _out, _err = cli(capsys, desk, "--json", "due", "--within", "400")
    assert code == 0 and exports(desk) == []
    code, _out, _err = cli(capsys, desk, "--json", "due", "--within", "400", "--full-nik")
    assert code == 0
    assert [(r["kind"], r["nik"], r["file"]) for r in exports(desk)] == [
        ("due_list", "full", None)]
