"""The import as a long job (#15 §3): progress per chunk of rows, a cancel honoured up to
the one write transaction's commit (nothing kept), reports renamed into place only whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from regdesk.services import imports
from regdesk.services.imports import ImportOptions
from regdesk.services.jobs import Cancelled, Job
from regdesk.store import Store, UserInfo
from regdesk.tabular import plan
from regdesk.tabular.plan import RowStatus

HEADER = "NIK;Nama Lengkap;Tempat/Tgl Lahir;JK;Alamat;RT;RW;No HP;Pekerjaan;Penghasilan\n"
GOOD = "3216064508900001;Siti Nurjanah;Bekasi, 05-08-1990;P;Jl. Mawar 1;1;2;081234567890;" \
       "Petani;1000000\n"
BAD = "3216064508900002;Ani;Bekasi, 05-08-1990;P;Jl. Mawar 2;1;2;0812;Petani;1234\n"
OPTIONS = ImportOptions(defaults={"consent_given": "ya"})


def _csv(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "daftar.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def _count(store: Store, table: str) -> int:
    with store.read() as session:
        return int(session.connection().execute(text(f"SELECT count(*) FROM {table}"))
                   .scalar_one())


def _nothing_kept(store: Store, user: UserInfo, audit_before: int) -> None:
    assert store.count() == 0
    assert _count(store, "import_run") == 0
    assert _count(store, "audit") == audit_before
    assert imports.needs_fixing(store, user=user) == []


def test_progress_by_chunk(store: Store, operator: UserInfo, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan, "CHUNK_ROWS", 1)
    seen: list[tuple[int, int]] = []
    job = Job(lambda done, total, _left: seen.append((done, total)), every=0)
    imports.import_file(store, _csv(tmp_path, GOOD, BAD), user=operator,
                        options=ImportOptions(dry_run=True), job=job)
    assert seen == [(0, 2), (1, 2), (2, 2)]


def test_cancel_while_judging_rows_writes_nothing(store: Store, operator: UserInfo,
                                                  tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan, "CHUNK_ROWS", 1)
    job = Job()
    real = plan.judge_row

    def judge_row(*args: Any, **kwargs: Any) -> Any:
        job.cancel()  # the clerk presses Cancel while the first row is judged
        return real(*args, **kwargs)

    monkeypatch.setattr(plan, "judge_row", judge_row)
    audit_before = _count(store, "audit")
    with pytest.raises(Cancelled):
        imports.import_file(store, _csv(tmp_path, GOOD, BAD), user=operator, options=OPTIONS,
                            job=job)
    _nothing_kept(store, operator, audit_before)


def test_cancel_inside_the_write_rolls_it_back(store: Store, operator: UserInfo,
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    job = Job()
    real = imports.bulk_insert
    inserted: list[int] = []

    def bulk_insert(session: Any, items: Any, **kwargs: Any) -> Any:
        refs = real(session, items, **kwargs)  # the rows are in the open transaction
        inserted.append(len(refs))
        job.cancel()
        return refs

    monkeypatch.setattr(imports, "bulk_insert", bulk_insert)
    audit_before = _count(store, "audit")
    with pytest.raises(Cancelled):
        imports.import_file(store, _csv(tmp_path, GOOD, BAD), user=operator, options=OPTIONS,
                            job=job)
    assert inserted == [1]  # it had written, and the cancel undid it
    _nothing_kept(store, operator, audit_before)
    # the same file imports afterwards as if the cancelled run never happened
    result = imports.import_file(store, _csv(tmp_path, GOOD, BAD), user=operator,
                                 options=OPTIONS)
    assert result.count(RowStatus.IMPORTED) == 1 and not result.previous
