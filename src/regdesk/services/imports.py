"""Importing a registration list (.xlsx/.csv): read, judge every row, then write once; and
the rows an import left to fix.

Contract:
- Rows are judged with the same domain rules as typed registrations (prefill, types,
  validation) *before* the write lock is taken.
- Valid rows are inserted in ONE transaction (``bulk_insert``) together with the import run,
  the needs-fixing entries and the audit entries: a crash leaves none or all of them.
- Rows whose only problems are warnings are imported; their warning codes are recorded as
  confirmed by the importing user and listed in the audit detail and the report.
- Re-importing adds nothing twice: NIKs already registered are skipped (checked inside the
  transaction), and needs-fixing entries are keyed by file checksum + sheet + row.
- Audit detail per registration: ``{"source": "import", "file", "row", "import_id"}`` — no
  personal data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from regdesk.domain.problems import Problem, error
from regdesk.files import sha256_of
from regdesk.services.jobs import NO_JOB, Job
from regdesk.store import audit, import_problems
from regdesk.store.bulk import BulkItem, bulk_insert, existing_niks
from regdesk.store.errors import StoreError
from regdesk.store.import_problems import ProblemEntry
from regdesk.store.import_runs import PreviousRun, RunCounts, add_run, previous_runs
from regdesk.store.settings import get_setting, set_setting
from regdesk.store.store import Store
from regdesk.store.users import Role, require_role
from regdesk.store.views import UserInfo
from regdesk.tabular.headers import TARGET_FIELDS, HeaderMap, map_headers, normalise_header
from regdesk.tabular.lookups import Lookups
from regdesk.tabular.plan import RowOutcome, RowStatus, plan_sheet
from regdesk.tabular.reader import Sheet, SheetError, is_blank, read_sheet

HEADER_MAP_SETTING = "import_header_map"
IMPORT_ACTION = "registration.import"


class ImportRefused(StoreError):
    """The file as a whole can't be imported (unreadable, no header row, no NIK column)."""


@dataclass(frozen=True, slots=True)
class ImportOptions:
    sheet: str | None = None
    dry_run: bool = False
    mapping: Mapping[str, str] = field(default_factory=dict)  # header → target (remembered)
    defaults: Mapping[str, Any] = field(default_factory=dict)  # field → value for blanks


@dataclass
class ImportResult:
    file_name: str
    sha256: str
    sheet: Sheet
    header_map: HeaderMap
    outcomes: list[RowOutcome]
    dry_run: bool
    import_id: int | None = None
    previous: list[PreviousRun] = field(default_factory=list)
    resolved: int = 0

    def count(self, status: RowStatus) -> int:
        return sum(1 for o in self.outcomes if o.status is status)

    @property
    def with_warnings(self) -> int:
        return sum(
            1
            for o in self.outcomes
            if o.status in (RowStatus.IMPORTED, RowStatus.READY) and o.warnings
        )

    def summary(self) -> dict[str, Any]:
        """Counts and ids only — safe for logs and ``--json`` (no personal data)."""
        return {
            "file": self.file_name,
            "sha256": self.sha256,
            "sheet": self.sheet.name,
            "header_row": self.sheet.header_row,
            "dry_run": self.dry_run,
            "import_id": self.import_id,
            "rows": sum(1 for o in self.outcomes if o.status is not RowStatus.BLANK),
            "imported": self.count(RowStatus.IMPORTED),
            "ready": self.count(RowStatus.READY),
            "with_warnings": self.with_warnings,
            "problems": self.count(RowStatus.PROBLEM),
            "duplicates": self.count(RowStatus.DUPLICATE),
            "existing": self.count(RowStatus.EXISTING),
            "blank": self.count(RowStatus.BLANK),
            "resolved_needs_fixing": self.resolved,
            "columns": {
                h: t
                for h, t in zip(self.header_map.headers, self.header_map.columns, strict=True)
                if t
            },
            "unmapped_columns": list(self.header_map.unmapped),
            "ignored_repeated_columns": list(self.header_map.repeated),
            "imported_before": [
                {"import_id": p.id, "at": p.at.isoformat(), "imported": p.imported}
                for p in self.previous
            ],
        }


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``["Jabatan=occupation_code", "Ket=-"]`` → normalised header → target; or refuse."""
    allowed = [*TARGET_FIELDS, "-"]
    out: dict[str, str] = {}
    for pair in pairs:
        header, sep, target = pair.rpartition("=")
        target = target.strip()
        if not sep or not normalise_header(header) or target not in allowed:
            raise ImportRefused([error("map", "import.map_format", allowed=allowed)])
        out[normalise_header(header)] = target
    return out


def parse_defaults(pairs: list[str]) -> dict[str, str]:
    """``["income=1000000", "consent_given=ya"]`` → field → value for blank cells."""
    allowed = [f for f in TARGET_FIELDS if f not in ("birth_place_date", "rt_rw", "village")]
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or name.strip() not in allowed:
            raise ImportRefused([error("set", "import.set_format", allowed=allowed)])
        out[name.strip()] = value.strip()
    return out


IGNORE = "-"  # the target of a column the clerk chose to leave out


def chosen_options(*, sheet: str | None, dry_run: bool, headers: list[str],
                   found: list[str | None], chosen: list[str], consent_on_paper: bool
                   ) -> ImportOptions:
    """The options of an import set up column by column (the GUI's wizard), as
    ``--map``/``--set`` set them up in the CLI: only the columns whose field the clerk
    changed from the recognised one (``found``) go into the mapping (and are remembered);
    consent collected on paper fills ``consent_given`` for every row."""
    mapping = {}
    for header, was, now in zip(headers, found, chosen, strict=True):
        if (was or IGNORE) != now and normalise_header(header):
            mapping[normalise_header(header)] = now
    defaults = {"consent_given": "ya"} if consent_on_paper else {}
    return ImportOptions(sheet=sheet, dry_run=dry_run, mapping=mapping, defaults=defaults)


def _mark_existing(session: Session, outcomes: list[RowOutcome]) -> None:
    ready = [o for o in outcomes if o.status is RowStatus.READY and o.registration]
    taken = existing_niks(session, (o.nik for o in ready if o.nik))
    for outcome in ready:
        ref = taken.get(outcome.nik or "")
        if ref is not None:
            outcome.status = RowStatus.EXISTING
            outcome.local_ref = ref
            outcome.problems = [error("nik", "import.existing", local_ref=ref)]


def read_and_plan(
    store: Store,
    path: Path,
    *,
    user: UserInfo,
    options: ImportOptions,
    remembered: Mapping[str, str],
    job: Job = NO_JOB,
) -> tuple[Sheet, HeaderMap, list[RowOutcome]]:
    """Read the sheet and judge its rows (no database writes); ``job.step`` per chunk."""
    mapping = {**remembered, **options.mapping}
    try:
        sheet = read_sheet(path, sheet=options.sheet, remembered=mapping)
    except SheetError as exc:
        raise ImportRefused([error("file", exc.code, **exc.params)]) from exc
    header_map = map_headers(sheet.headers, mapping)
    if header_map.column_of("nik") is None:
        raise ImportRefused(
            [error("file", "import.no_nik_column", unmapped=list(header_map.unmapped))]
        )
    ctx = store.context()
    lookups = Lookups(ctx.occupations, ctx.regions, store.office_village())
    outcomes = plan_sheet(
        sheet,
        header_map,
        lookups=lookups,
        ctx=ctx,
        defaults=options.defaults,
        recorded_by=user.username,
        now=store.clock(),
        step=job.step,
    )
    return sheet, header_map, outcomes


def import_file(
    store: Store, path: Path, *, user: UserInfo, options: ImportOptions | None = None,
    job: Job = NO_JOB,
) -> ImportResult:
    """Import ``path`` (see the module contract). ``dry_run`` judges everything, writes nothing.

    A long job: rows are judged off the writer with ``job.step`` per chunk (progress,
    cancel); the write is ONE ``Store.write()`` transaction, and a cancel seen before it
    commits rolls it back (:class:`~regdesk.services.jobs.Cancelled`): nothing is kept."""
    options = options or ImportOptions()
    job.check()
    sha256 = sha256_of(path)
    remembered = store.get_setting(HEADER_MAP_SETTING, {}) or {}
    sheet, header_map, outcomes = read_and_plan(
        store, path, user=user, options=options, remembered=remembered, job=job
    )
    result = ImportResult(path.name, sha256, sheet, header_map, outcomes, options.dry_run)
    if options.dry_run:
        with store.read() as session:
            _mark_existing(session, outcomes)
            result.previous = previous_runs(session, sha256)
        return result
    now = store.clock()
    village = store.office_village()
    job.check()
    with store.write() as session:
        result.previous = previous_runs(session, sha256)
        _mark_existing(session, outcomes)
        _write(session, result, user=user, now=now, village=village)
        if options.mapping:
            set_setting(
                session,
                HEADER_MAP_SETTING,
                {**get_setting(session, HEADER_MAP_SETTING, {}), **options.mapping},
            )
        job.check()  # the last point a cancel is honoured: raising here rolls back
    return result


def _write(
    session: Session, result: ImportResult, *, user: UserInfo, now: datetime, village: str
) -> None:
    """The import run, its registrations, needs-fixing rows, resolutions and audit: one
    transaction (the caller's)."""
    ready = [o for o in result.outcomes if o.status is RowStatus.READY and o.registration]
    problems = [o for o in result.outcomes if o.status is RowStatus.PROBLEM]
    run_id = _add_run(session, result, ready, problems, actor=user.username, now=now)
    result.import_id = run_id
    items = [_bulk_item(result, o, run_id) for o in ready]
    refs = (
        bulk_insert(
            session,
            items,
            actor=user.username,
            now=now,
            office_village=village,
            action=IMPORT_ACTION,
        )
        if items
        else []
    )
    for outcome, ref in zip(ready, refs, strict=True):
        outcome.status = RowStatus.IMPORTED
        outcome.local_ref = ref
    _keep_problems(session, result, problems, run_id, now=now)
    existing = [o for o in result.outcomes if o.status is RowStatus.EXISTING]
    result.resolved = _resolve(session, ready, how="imported", now=now)
    result.resolved += _resolve(session, existing, how="existing", now=now)
    audit.record(
        session,
        at=now,
        actor=user.username,
        action="import.run",
        entity="import",
        entity_id=str(run_id),
        detail={
            k: v for k, v in result.summary().items() if k not in ("columns", "imported_before")
        },
    )


def _add_run(session: Session, result: ImportResult, ready: list[RowOutcome],
             problems: list[RowOutcome], *, actor: str, now: datetime) -> int:
    counts = RunCounts(
        rows=sum(1 for o in result.outcomes if o.status is not RowStatus.BLANK),
        imported=len(ready),
        problems=len(problems),
        duplicates=result.count(RowStatus.DUPLICATE),
        existing=result.count(RowStatus.EXISTING),
        with_warnings=sum(1 for o in ready if o.warnings),
    )
    return add_run(session, file_name=result.file_name, sha256=result.sha256,
                   sheet=result.sheet.name, at=now, actor=actor, counts=counts)


def _bulk_item(result: ImportResult, outcome: RowOutcome, run_id: int) -> BulkItem:
    assert outcome.registration is not None
    codes = tuple(sorted({p.code for p in outcome.warnings}))
    detail: dict[str, Any] = {
        "source": "import",
        "file": result.file_name,
        "row": outcome.row,
        "import_id": run_id,
    }
    if codes:
        detail["warnings"] = list(codes)
    return BulkItem(outcome.registration, confirmed_warnings=codes, audit_detail=detail)


def _keep_problems(session: Session, result: ImportResult, problems: list[RowOutcome],
                   run_id: int, *, now: datetime) -> None:
    headers = [str(h) for h in result.header_map.headers]
    import_problems.upsert(
        session,
        [
            {
                "import_id": run_id,
                "file_name": result.file_name,
                "file_sha256": result.sha256,
                "sheet": result.sheet.name,
                "row_number": o.row,
                "nik": o.nik,
                "name_key": o.name_key,
                "headers": headers,
                "cells": list(o.cells),
                "problems": o.problems,
                "now": now,
            }
            for o in problems
        ],
    )


def _resolve(session: Session, outcomes: list[RowOutcome], *, how: str, now: datetime) -> int:
    return import_problems.resolve(
        session, ((o.nik or "", o.name_key or "") for o in outcomes), how=how, now=now
    )


def problem_list(outcome: RowOutcome) -> list[Problem]:
    """What the report shows for a row (duplicates point at the row they repeat)."""
    if outcome.status is RowStatus.DUPLICATE:
        return [error("record", "import.duplicate_row", row=outcome.duplicate_of)]
    return outcome.problems


def remembered_mapping(store: Store) -> dict[str, str]:
    """Header → field choices remembered from earlier imports (``--map``, the wizard)."""
    return dict(store.get_setting(HEADER_MAP_SETTING, {}) or {})


def needs_fixing(store: Store, *, user: UserInfo, include_resolved: bool = False,
                 limit: int | None = None) -> list[ProblemEntry]:
    """Rows earlier imports could not take, by file and row (resolved ones on request)."""
    require_role(user, Role.OPERATOR)
    with store.read() as session:
        return import_problems.entries(session, include_resolved=include_resolved, limit=limit)


def sheet_names(path: Path) -> list[str]:
    """Sheet names of an .xlsx (one pseudo-sheet, the file name, for a CSV)."""
    if path.suffix.casefold() not in (".xlsx", ".xlsm"):
        return [path.name]
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


@dataclass(frozen=True, slots=True)
class Preview:
    """The first rows of a sheet and the field each column maps to (``None``: unknown)."""

    headers: list[str]
    rows: list[tuple[object, ...]]
    columns: list[str | None]


def preview(store: Store, path: Path, *, sheet: str | None, limit: int = 10) -> Preview:
    """The sheet's header and first ``limit`` non-blank rows, mapped as :func:`import_file`
    would map them (built-in and remembered headers). Raises :class:`ImportRefused`."""
    remembered = remembered_mapping(store)
    try:
        read = read_sheet(path, sheet=sheet, remembered=remembered)
    except SheetError as exc:
        raise ImportRefused([error("file", exc.code, **exc.params)]) from exc
    header_map = map_headers(read.headers, remembered)
    rows = [cells for _n, cells in read.rows if not is_blank(cells)][:limit]
    return Preview(list(header_map.headers), rows, list(header_map.columns))
