"""Export registrations to .xlsx or .csv (NIK masking by the acting user's role; audited)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from regdesk.store import Filters, Role, Store, UserInfo
from regdesk.store.import_export import COLUMNS, UNMASKED_ROLES, export_rows, record_export
from regdesk.store.users import require_role
from regdesk.tabular.writer import write_csv, write_xlsx

FORMATS = ("xlsx", "csv")
SHEET_NAME = "Pendaftaran"


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    path: Path
    format: str
    count: int
    nik_masked: bool


def export_registrations(store: Store, path: Path, *, user: UserInfo, fmt: str,
                         filters: Filters | None = None, delimiter: str = ",") -> ExportOutcome:
    """Write every registration matching ``filters`` to ``path`` as ``fmt`` (``xlsx`` or
    ``csv``), streamed; the export itself is audited (format, filters, count)."""
    require_role(user, Role.OPERATOR)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    headers = [c.header for c in COLUMNS]
    kinds = [c.kind for c in COLUMNS]
    rows = export_rows(store, user=user, filters=filters)
    if fmt == "xlsx":
        count = write_xlsx(path, headers, kinds, rows, sheet=SHEET_NAME)
    else:
        count = write_csv(path, headers, kinds, rows, delimiter=delimiter)
    record_export(store, user=user, fmt=fmt, count=count, filters=filters)
    return ExportOutcome(path, fmt, count, user.role not in UNMASKED_ROLES)
