"""Loading a campaign list (.xlsx/.csv) into the prospect worklist.

Contract:
- The file is read with the registration import's tolerant header mapping
  (:mod:`regdesk.tabular`), plus the list-only columns of
  :data:`~regdesk.tabular.prospect_rows.PROSPECT_HEADERS`. NIK and name are required.
- All or nothing: one bad row (each reported as row + field + rule, never a cell's value)
  and nothing is written; otherwise the new people go in ONE transaction with one audit entry
  (list name and counts only).
- Idempotent: the key is list name + NIK. People already on the list are left as they are,
  so importing the same file again changes nothing (not even the audit).
- A NIK already registered on the desk goes straight to ``registered``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session

from regdesk.domain.problems import Problem, error
from regdesk.domain.prospects import ProspectStatus
from regdesk.store import Store, UserInfo, audit, prospects
from regdesk.store.bulk import existing_niks
from regdesk.store.errors import StoreError
from regdesk.store.users import Role, require_role
from regdesk.tabular.headers import HeaderMap, map_headers
from regdesk.tabular.prospect_rows import PROSPECT_HEADERS, ProspectInput, parse_rows
from regdesk.tabular.reader import Sheet, SheetError, read_sheet

IMPORT_ACTION = "prospect.import"
MAX_LIST_NAME = 60


class ProspectImportRefused(StoreError):
    """The file as a whole can't be taken (unreadable, no NIK or name column, bad list name)."""


@dataclass
class ProspectImport:
    """What an import found and did. ``problems``: (row, problem) for every bad row."""

    file_name: str
    list_name: str
    header_row: int
    rows: int
    dry_run: bool
    added: int = 0
    on_list: int = 0  # already on the list: left as they are
    registered: int = 0  # of those added, already registered on the desk
    problems: list[tuple[int, Problem]] = field(default_factory=list)
    written: bool = False

    @property
    def bad_rows(self) -> int:
        return len({row for row, _p in self.problems})

    def summary(self) -> dict[str, Any]:
        """Counts, row numbers and rule codes only: safe for logs and ``--json``."""
        return {"file": self.file_name, "list": self.list_name, "header_row": self.header_row,
                "dry_run": self.dry_run, "written": self.written, "rows": self.rows,
                "added": self.added, "already_on_list": self.on_list,
                "registered": self.registered, "bad_rows": self.bad_rows,
                "problems": [{"row": row, **p.as_dict()} for row, p in self.problems]}


def list_name_of(text: str | None, path: Path) -> str:
    """The list's name (default: the file's name without its ending), tidied, or refused."""
    name = " ".join((text if text is not None else path.stem).split())
    if not name or len(name) > MAX_LIST_NAME:
        raise ProspectImportRefused([error("list", "prospect.list_name",
                                           maximum=MAX_LIST_NAME)])
    return name


def _read(path: Path) -> tuple[Sheet, HeaderMap]:
    try:
        sheet = read_sheet(path, remembered=PROSPECT_HEADERS)
    except SheetError as exc:
        problem = error("file", exc.code, **exc.params)
        raise ProspectImportRefused([problem]) from exc
    header_map = map_headers(sheet.headers, PROSPECT_HEADERS)
    for target, code in (("nik", "prospect.no_nik_column"),
                         ("full_name", "prospect.no_name_column")):
        if header_map.column_of(target) is None:
            raise ProspectImportRefused(
                [error("file", code, unmapped=list(header_map.unmapped))])
    return sheet, header_map


def _row(person: ProspectInput, number: int, registered: dict[str, str]) -> dict[str, Any]:
    ref = registered.get(person.nik)
    return {"nik": person.nik, "full_name": person.full_name, "phone": person.phone,
            "village": person.village, "occupation": person.occupation,
            "group_name": person.group, "note": person.note, "source_row": number,
            "status": (ProspectStatus.REGISTERED if ref else ProspectStatus.NOT_VISITED).value,
            "local_ref": ref}


def import_prospects(store: Store, path: Path, *, user: UserInfo, list_name: str | None = None,
                     dry_run: bool = False) -> ProspectImport:
    """Load ``path`` into the list ``list_name`` (see the module contract)."""
    require_role(user, Role.OPERATOR)
    name = list_name_of(list_name, path)
    sheet, header_map = _read(path)
    parsed = parse_rows(sheet, header_map, today=store.clock().date())
    report = ProspectImport(path.name, name, sheet.header_row, len(parsed), dry_run)
    report.problems = [(r.row, p) for r in parsed for p in r.problems]
    people = [(r.person, r.row) for r in parsed if r.person is not None]
    if report.problems:
        return report
    if dry_run:
        with store.read() as session:
            _plan(session, report, people)
        return report
    now = store.clock()
    with store.write() as session:
        rows = _plan(session, report, people)
        if not rows:
            return report
        prospects.add_people(session, rows, list_name=name, source_file=path.name, now=now,
                             actor=user.username)
        audit.record(session, at=now, actor=user.username, action=IMPORT_ACTION,
                     entity="prospect_list", entity_id=name,
                     detail={"file": path.name, "rows": report.rows, "added": report.added,
                             "registered": report.registered})
        report.written = True
    return report


def _plan(session: Session, report: ProspectImport,
          people: list[tuple[ProspectInput, int]]) -> list[dict[str, Any]]:
    """The rows to add (people not yet on the list), counted into ``report``."""
    on_list = prospects.niks_on_list(session, report.list_name, (p.nik for p, _n in people))
    fresh = [(p, n) for p, n in people if p.nik not in on_list]
    registered = existing_niks(session, (p.nik for p, _n in fresh))
    rows = [_row(p, n, registered) for p, n in fresh]
    report.on_list, report.added = len(people) - len(fresh), len(fresh)
    report.registered = sum(1 for r in rows if r["local_ref"])
    return rows
