"""Rows of one file that are the same person once cleaned, and the NIK's own error."""

from __future__ import annotations

from pathlib import Path

from regdesk.services.imports import ImportOptions, import_file
from regdesk.store import Store, UserInfo
from regdesk.tabular.plan import RowStatus

from .conftest import HEADERS, people, row_for, write_xlsx

CONSENT = ImportOptions(defaults={"consent_given": "ya"}, dry_run=True)


def outcomes(store: Store, admin: UserInfo, path: Path) -> dict[int, object]:
    result = import_file(store, path, user=admin, options=CONSENT)
    return {o.row - 3: o for o in result.outcomes}  # title, blank line and header first


def test_rows_differing_only_in_the_no_column_or_formatting_are_one_person(
        store: Store, admin: UserInfo, tmp_path: Path) -> None:
    """Regression: they were all refused as "same NIK, different content"."""
    reg = people(1)[0]
    first = row_for(1, reg)
    renumbered = row_for(2, reg)  # only "No" differs
    formatted = row_for(3, reg, style=1)  # 'NIK with an apostrophe, phone with dashes
    spaced = list(first)
    spaced[0], spaced[2] = 4, f"  {reg.full_name}  "
    by_row = outcomes(store, admin, write_xlsx(tmp_path / "list.xlsx",
                                               [first, renumbered, formatted, spaced]))
    assert by_row[1].status is RowStatus.READY  # type: ignore[attr-defined]
    for n in (2, 3, 4):
        assert by_row[n].status is RowStatus.DUPLICATE  # type: ignore[attr-defined]
        assert by_row[n].duplicate_of == by_row[1].row  # type: ignore[attr-defined]


def test_same_nik_with_different_content_is_still_refused_on_both_rows(
        store: Store, admin: UserInfo, tmp_path: Path) -> None:
    reg = people(1)[0]
    other = row_for(2, reg)
    other[HEADERS.index("Alamat")] = "Jl. Lain No. 9"
    by_row = outcomes(store, admin, write_xlsx(tmp_path / "list.xlsx", [row_for(1, reg), other]))
    for n in (1, 2):
        assert [p.code for p in by_row[n].problems] == ["nik.repeated_in_file"]  # type: ignore[attr-defined]


def test_the_niks_own_error_is_reported_when_birth_date_and_gender_are_blank(
        store: Store, admin: UserInfo, tmp_path: Path) -> None:
    """Regression: only "birth date required" and "gender required" were shown."""
    reg = people(1)[0]
    row = row_for(1, reg)
    row[HEADERS.index("NIK")] = reg.nik[:6] + "32" + reg.nik[8:]  # day 32: no such date
    row[HEADERS.index("Tempat/Tgl Lahir")] = None
    row[HEADERS.index("JK")] = None
    by_row = outcomes(store, admin, write_xlsx(tmp_path / "list.xlsx", [row]))
    codes = [p.code for p in by_row[1].problems]  # type: ignore[attr-defined]
    assert by_row[1].status is RowStatus.PROBLEM  # type: ignore[attr-defined]
    assert "nik.birth_date_invalid" in codes
