"""The import report and the needs-fixing list as .xlsx files (the rows as the clerk's file had
them, each problem beside its cell): NIKs by the file rule of
:mod:`regdesk.services.personal_data`, owner-only, one audit row each. The CLI
(``import --report``, ``needs-fixing -o``) and the import wizard call these."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from regdesk.services.imports import ImportResult, needs_fixing, remembered_mapping
from regdesk.services.personal_data import NikRule, nik_rule, personal_file
from regdesk.store import Role, Store, UserInfo
from regdesk.store.users import require_role
from regdesk.tabular.report import ReportSheet, write_report
from regdesk.tabular.report_rows import import_report, labels, needs_fixing_report

IMPORT_REPORT = "import_report"
NEEDS_FIXING = "needs_fixing"


@dataclass(frozen=True, slots=True)
class ReportOutcome:
    path: Path
    rows: int  # rows in the file (the needs-fixing entries, or the report's rows)
    nik_masked: bool


def _write(store: Store, path: Path, sheets: list[ReportSheet], *, user: UserInfo, kind: str,
           lang: str, rule: NikRule) -> ReportOutcome:
    with personal_file(store, path, user=user, kind=kind, fmt="xlsx", rule=rule) as staged:
        write_report(staged.path, sheets, labels(lang))
        staged.rows = sum(len(s.rows) for s in sheets)
    return ReportOutcome(path, staged.rows, rule.masked)


def write_import_report(store: Store, result: ImportResult, path: Path, *, user: UserInfo,
                        lang: str, full_nik: bool = False) -> ReportOutcome:
    """The rows of one import that were not a clean import (refused, skipped, imported with
    warnings) as an xlsx report."""
    require_role(user, Role.OPERATOR)
    rule = nik_rule(user, full_nik=full_nik)
    title = result.sheet.name
    sheet = import_report(title, f"{result.file_name} / {title}", result.header_map,
                          result.outcomes, lang, nik=rule)
    return _write(store, path, [sheet], user=user, kind=IMPORT_REPORT, lang=lang, rule=rule)


def export_needs_fixing(store: Store, path: Path, *, user: UserInfo, lang: str,
                        include_resolved: bool = False, full_nik: bool = False
                        ) -> ReportOutcome:
    """The needs-fixing list (rows earlier imports could not take) as an xlsx report."""
    rule = nik_rule(user, full_nik=full_nik)
    found = needs_fixing(store, user=user, include_resolved=include_resolved)
    sheets = needs_fixing_report(found, lang, remembered_mapping(store), nik=rule)
    return _write(store, path, sheets, user=user, kind=NEEDS_FIXING, lang=lang, rule=rule)
