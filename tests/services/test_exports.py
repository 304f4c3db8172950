import csv
from pathlib import Path

from tests.services.support import fields

from regdesk.services import registrations
from regdesk.services.exports import export_registrations
from regdesk.store import Filters, Store, UserInfo


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def test_operators_export_masked_nik_and_it_is_audited(store: Store, operator: UserInfo,
                                                       supervisor: UserInfo,
                                                       tmp_path: Path) -> None:
    view = registrations.register(store, fields(), user=operator)
    out = export_registrations(store, tmp_path / "a.csv", user=operator, fmt="csv",
                               delimiter=";")
    assert (out.count, out.nik_masked, out.format) == (1, True, "csv")
    header, row = _rows(tmp_path / "a.csv")
    assert header[3] == "NIK" and row[3] != "3216064508900001" and row[0] == view.local_ref
    full = export_registrations(store, tmp_path / "b.xlsx", user=supervisor, fmt="xlsx",
                                filters=Filters(status="pending"), full_nik=True)
    assert (full.count, full.nik_masked) == (1, False)
    assert (tmp_path / "b.xlsx").stat().st_size > 0


def test_filters_narrow_the_export(store: Store, operator: UserInfo, tmp_path: Path) -> None:
    registrations.register(store, fields(), user=operator)
    out = export_registrations(store, tmp_path / "c.csv", user=operator, fmt="csv",
                               filters=Filters(status="synced"))
    assert out.count == 0
