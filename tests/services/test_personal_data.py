"""Files with personal data: the one NIK rule (masked by default for every role, whole only for
a supervisor or admin who asks, never for an operator), owner-only files, one audit row per
file (what, how many, masked or full, the file's name without its folder), nothing left behind
when writing or auditing fails."""

from __future__ import annotations

import csv
import json
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import text
from tests.services.support import fields
from tests.tabular.conftest import people, row_for, write_xlsx

from regdesk.domain.masking import mask_nik
from regdesk.services import registrations
from regdesk.services.exports import export_registrations
from regdesk.services.import_reports import export_needs_fixing, write_import_report
from regdesk.services.imports import import_file
from regdesk.services.personal_data import EXPORT_ACTION, FullNikDenied, nik_rule
from regdesk.store import Store, UserInfo

NIK = "3216064508900001"  # the NIK of ``fields()``
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def exports(store: Store) -> list[dict[str, Any]]:
    """The export audit rows: actor, kind and detail, oldest first."""
    with store.read() as session:
        rows = session.connection().execute(text(
            "SELECT actor, entity_id, detail FROM audit WHERE action = :a ORDER BY id"),
            {"a": EXPORT_ACTION}).all()
    return [{"actor": a, "kind": k, **json.loads(d)} for a, k, d in rows]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where the exports go (the database sits in ``tmp_path``)."""
    path = tmp_path / "out"
    path.mkdir()
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def csv_niks(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    col = rows[0].index("NIK")
    return [r[col].removeprefix('="').removesuffix('"') for r in rows[1:]]


def test_the_file_rule_masks_for_everyone_unless_a_supervisor_asks(
        operator: UserInfo, supervisor: UserInfo, admin: UserInfo) -> None:
    for user in (operator, supervisor, admin):
        assert nik_rule(user).masked and nik_rule(user)(NIK) == "3216********0001"
    assert nik_rule(supervisor, full_nik=True)(NIK) == NIK
    assert nik_rule(admin, full_nik=True).word == "full"
    with pytest.raises(FullNikDenied) as refused:
        nik_rule(operator, full_nik=True)
    assert [p.code for p in refused.value.problems] == ["export.full_nik_denied"]


@POSIX
def test_export_is_masked_by_default_owner_only_and_audited(
        store: Store, admin: UserInfo, folder: Path) -> None:
    registrations.register(store, fields(), user=admin)
    target = folder / "pendaftaran.csv"
    target.write_text("an older export, readable by all")
    target.chmod(0o644)
    out = export_registrations(store, target, user=admin, fmt="csv")
    assert out.nik_masked and csv_niks(target) == [mask_nik(NIK)]
    assert mode(target) == 0o600  # the old file's permissions are not kept
    assert sorted(p.name for p in folder.iterdir()) == ["pendaftaran.csv"]  # no staging left
    assert exports(store) == [{"actor": "admin", "kind": "registrations", "format": "csv",
                               "rows": 1, "nik": "masked", "file": "pendaftaran.csv",
                               "status": None, "from": None, "to": None}]


@POSIX
def test_whole_niks_only_when_asked_and_the_row_says_full(
        store: Store, operator: UserInfo, supervisor: UserInfo, folder: Path) -> None:
    registrations.register(store, fields(), user=operator)
    with pytest.raises(FullNikDenied):
        export_registrations(store, folder / "op.xlsx", user=operator, fmt="xlsx",
                             full_nik=True)
    assert not (folder / "op.xlsx").exists() and exports(store) == []
    out = export_registrations(store, folder / "full.xlsx", user=supervisor, fmt="xlsx",
                               full_nik=True)
    assert not out.nik_masked and mode(folder / "full.xlsx") == 0o600
    sheet = load_workbook(folder / "full.xlsx").active
    header = [c.value for c in sheet[1]]
    assert sheet[2][header.index("NIK")].value == NIK
    (row,) = exports(store)
    assert (row["actor"], row["nik"], row["file"], row["rows"]) == ("budi", "full",
                                                                   "full.xlsx", 1)
    assert str(folder) not in json.dumps(row)  # the folder is nobody's business


def test_a_failed_write_leaves_no_file_and_no_row(store: Store, admin: UserInfo,
                                                  folder: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    registrations.register(store, fields(), user=admin)

    def broken(*_a: object, **_k: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("regdesk.services.exports.write_csv", broken)
    with pytest.raises(OSError):
        export_registrations(store, folder / "a.csv", user=admin, fmt="csv")
    assert list(folder.iterdir()) == [] and exports(store) == []


def test_a_failed_commit_removes_the_moved_file(store: Store, admin: UserInfo,
                                               folder: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is renamed into place inside the audit's transaction; if that transaction
    does not commit, the file goes again: no export without its row."""
    registrations.register(store, fields(), user=admin)
    real_write = store.write
    seen: list[bool] = []

    @contextmanager
    def failing_commit() -> Iterator[Any]:
        with real_write() as session:
            yield session
            seen.append((folder / "a.csv").exists())  # moved, not yet committed
            raise RuntimeError("disk I/O error at commit")

    monkeypatch.setattr(store, "write", failing_commit)
    with pytest.raises(RuntimeError):
        export_registrations(store, folder / "a.csv", user=admin, fmt="csv")
    monkeypatch.undo()
    assert seen == [True]
    assert list(folder.iterdir()) == [] and exports(store) == []


def _import_without_consent(store: Store, user: UserInfo, tmp_path: Path) -> Any:
    """Three rows that all need fixing (no consent), their NIKs valid: a list to mask."""
    regs = people(3, seed=11)
    path = write_xlsx(tmp_path / "daftar.xlsx", [row_for(i, r) for i, r in enumerate(regs)])
    result = import_file(store, path, user=user)
    assert result.summary()["problems"] == 3
    return result, [r.nik for r in regs]


def _report_niks(path: Path) -> list[str]:
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[2]]
    return [r[header.index("NIK")].value for r in sheet.iter_rows(min_row=3)]


@POSIX
def test_the_import_report_masks_niks_and_is_audited(store: Store, admin: UserInfo,
                                                     tmp_path: Path) -> None:
    result, niks = _import_without_consent(store, admin, tmp_path)
    out = write_import_report(store, result, tmp_path / "laporan.xlsx", user=admin, lang="id")
    assert (out.rows, out.nik_masked) == (3, True)
    assert _report_niks(out.path) == [mask_nik(n) for n in niks]
    assert mode(out.path) == 0o600
    whole = write_import_report(store, result, tmp_path / "lengkap.xlsx", user=admin,
                                lang="id", full_nik=True)
    assert _report_niks(whole.path) == niks
    assert [(r["kind"], r["rows"], r["nik"], r["file"]) for r in exports(store)] == [
        ("import_report", 3, "masked", "laporan.xlsx"),
        ("import_report", 3, "full", "lengkap.xlsx")]


@POSIX
def test_the_needs_fixing_list_masks_niks_and_is_audited(
        store: Store, admin: UserInfo, operator: UserInfo, tmp_path: Path) -> None:
    _result, niks = _import_without_consent(store, admin, tmp_path)
    out = export_needs_fixing(store, tmp_path / "perlu.xlsx", user=operator, lang="en")
    assert (out.rows, out.nik_masked) == (3, True) and mode(out.path) == 0o600
    assert _report_niks(out.path) == [mask_nik(n) for n in niks]
    with pytest.raises(FullNikDenied):
        export_needs_fixing(store, tmp_path / "x.xlsx", user=operator, lang="en",
                            full_nik=True)
    assert exports(store) == [{"actor": "ani", "kind": "needs_fixing", "format": "xlsx",
                               "rows": 3, "nik": "masked", "file": "perlu.xlsx"}]
