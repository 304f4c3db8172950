"""Export registrations to .xlsx or .csv: NIKs by the file rule of
:mod:`regdesk.services.personal_data` (masked unless whole NIKs are allowed and asked for),
owner-only, one audit row."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from regdesk.services.personal_data import nik_rule, personal_file
from regdesk.store import Filters, Role, Store, UserInfo
from regdesk.store.import_export import COLUMNS, export_rows
from regdesk.store.users import require_role
from regdesk.tabular.writer import write_csv, write_xlsx

FORMATS = ("xlsx", "csv")
SHEET_NAME = "Pendaftaran"
KIND = "registrations"


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    path: Path
    format: str
    count: int
    nik_masked: bool


def _filter_detail(filters: Filters) -> dict[str, str | None]:
    return {"status": filters.status,
            "from": filters.date_from.isoformat() if filters.date_from else None,
            "to": filters.date_to.isoformat() if filters.date_to else None}


def export_registrations(store: Store, path: Path, *, user: UserInfo, fmt: str,
                         filters: Filters | None = None, delimiter: str = ",",
                         full_nik: bool = False) -> ExportOutcome:
    """Write every registration matching ``filters`` to ``path`` as ``fmt`` (``xlsx`` or
    ``csv``), streamed; NIKs masked unless ``full_nik`` (supervisors and admins only: an
    operator asking is refused with ``FullNikDenied``). Audited with the format, filters and
    count."""
    require_role(user, Role.OPERATOR)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    rule = nik_rule(user, full_nik=full_nik)
    filters = filters or Filters()
    headers = [c.header for c in COLUMNS]
    kinds = [c.kind for c in COLUMNS]
    with personal_file(store, path, user=user, kind=KIND, fmt=fmt, rule=rule) as staged:
        rows = export_rows(store, nik=rule, filters=filters)
        if fmt == "xlsx":
            staged.rows = write_xlsx(staged.path, headers, kinds, rows, sheet=SHEET_NAME)
        else:
            staged.rows = write_csv(staged.path, headers, kinds, rows, delimiter=delimiter)
        staged.detail.update(_filter_detail(filters))
    return ExportOutcome(path, fmt, staged.rows, rule.masked)
