"""The prospect row parser: any cells give the person or problems, never an exception, and no
problem carries what the cell held (the list is personal data)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from regdesk.tabular.headers import map_headers
from regdesk.tabular.prospect_rows import PROSPECT_HEADERS, parse_row

HEADERS = map_headers(["NIK", "Nama", "No HP", "Desa", "Pekerjaan", "Kelompok", "Keterangan"],
                      PROSPECT_HEADERS)
TODAY = date(2026, 11, 16)
CELL = st.one_of(st.none(), st.text(max_size=40), st.integers(), st.floats(allow_nan=True),
                 st.booleans(), st.dates())


def test_the_list_only_columns_are_recognised() -> None:
    assert HEADERS.columns == ("nik", "full_name", "phone", "village", "occupation_code",
                               "group", "note")


def test_a_good_row() -> None:
    row = parse_row(4, ("'3216064508900001", " Siti  Nurjanah ", 81234567890, "Setiamekar",
                        "Petani", "Poktan Maju", None), HEADERS, today=TODAY)
    assert row.problems == [] and row.person is not None
    assert (row.person.nik, row.person.full_name, row.person.phone, row.person.group) == (
        "3216064508900001", "Siti Nurjanah", "+6281234567890", "Poktan Maju")


def test_a_nik_typed_as_a_number_is_refused_without_its_digits() -> None:
    row = parse_row(5, (3.216064508900001e15, "Siti", None, None, None, None, None), HEADERS,
                    today=TODAY)
    assert [(p.field, p.code, dict(p.params)) for p in row.problems] == [
        ("nik", "prospect.nik_as_number", {})]


@settings(max_examples=50, deadline=None)
@given(cells=st.tuples(CELL, CELL, CELL, CELL, CELL, CELL, CELL))
def test_any_cells_give_the_person_or_value_free_problems(cells: tuple[object, ...]) -> None:
    row = parse_row(7, cells, HEADERS, today=TODAY)
    assert (row.person is None) == bool(row.problems)
    for problem in row.problems:
        assert problem.field in {"nik", "full_name", "phone", "village", "occupation",
                                 "group", "note"}
        assert not {"value", "date_part", "name"} & set(problem.params)
        assert all(isinstance(v, int) for v in problem.params.values())
