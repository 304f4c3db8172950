from pathlib import Path

import pytest

from regdesk.services import imports
from regdesk.services.imports import ImportOptions, ImportRefused
from regdesk.store import Store, UserInfo
from regdesk.tabular.plan import RowStatus

HEADER = "NIK;Nama Lengkap;Tempat/Tgl Lahir;JK;Alamat;RT;RW;No HP;Pekerjaan;Penghasilan\n"
GOOD = "3216064508900001;Siti Nurjanah;Bekasi, 05-08-1990;P;Jl. Mawar 1;1;2;081234567890;" \
       "Petani;1000000\n"
BAD = "3216064508900002;Ani;Bekasi, 05-08-1990;P;Jl. Mawar 2;1;2;0812;Petani;1234\n"


def _csv(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "daftar.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


def test_import_then_needs_fixing(store: Store, operator: UserInfo, tmp_path: Path) -> None:
    path = _csv(tmp_path, GOOD, BAD)
    options = ImportOptions(defaults={"consent_given": "ya"})
    result = imports.import_file(store, path, user=operator, options=options)
    assert (result.count(RowStatus.IMPORTED), result.count(RowStatus.PROBLEM)) == (1, 1)
    assert result.import_id is not None and store.count() == 1
    left = imports.needs_fixing(store, user=operator)
    assert [(e.file_name, e.row_number) for e in left] == [("daftar.csv", 3)]
    again = imports.import_file(store, path, user=operator, options=options)
    assert again.count(RowStatus.EXISTING) == 1 and again.previous


def test_dry_run_writes_nothing(store: Store, operator: UserInfo, tmp_path: Path) -> None:
    options = ImportOptions(dry_run=True, defaults={"consent_given": "ya"})
    result = imports.import_file(store, _csv(tmp_path, GOOD), user=operator, options=options)
    assert result.count(RowStatus.READY) == 1 and result.import_id is None
    assert store.count() == 0 and imports.needs_fixing(store, user=operator) == []


def test_mapping_is_remembered(store: Store, operator: UserInfo, tmp_path: Path) -> None:
    path = _csv(tmp_path, GOOD, header=HEADER.replace("Pekerjaan", "Jabatan"))
    mapping = imports.parse_mapping(["Jabatan=occupation_code"])
    imports.import_file(store, path, user=operator,
                        options=ImportOptions(mapping=mapping,
                                              defaults={"consent_given": "ya"}))
    assert imports.remembered_mapping(store) == mapping


def test_a_file_without_nik_is_refused(store: Store, operator: UserInfo,
                                       tmp_path: Path) -> None:
    path = _csv(tmp_path, "Siti;Jl. Mawar 1;001\n", header="Nama Lengkap;Alamat;RT\n")
    with pytest.raises(ImportRefused) as caught:
        imports.import_file(store, path, user=operator)
    assert caught.value.problems[0].code == "import.no_nik_column"
    with pytest.raises(ImportRefused):
        imports.parse_defaults(["bogus=1"])


def test_preview_and_sheet_names(store: Store, operator: UserInfo, tmp_path: Path) -> None:
    path = _csv(tmp_path, GOOD, "\n", BAD, header=HEADER.replace("Pekerjaan", "Kolom Aneh"))
    assert imports.sheet_names(path) == ["daftar.csv"]
    seen = imports.preview(store, path, sheet=None, limit=1)
    assert seen.headers[0] == "NIK" and len(seen.rows) == 1
    assert seen.columns[0] == "nik" and seen.columns[seen.headers.index("Kolom Aneh")] is None
    store.set_setting(imports.HEADER_MAP_SETTING,
                      imports.parse_mapping(["Kolom Aneh=occupation_code"]), user=operator)
    again = imports.preview(store, path, sheet=None)
    assert len(again.rows) == 2  # the blank line is not a row
    assert again.columns[again.headers.index("Kolom Aneh")] == "occupation_code"
    with pytest.raises(ImportRefused):
        imports.preview(store, tmp_path / "missing.csv", sheet=None)


def test_options_chosen_column_by_column() -> None:
    options = imports.chosen_options(
        sheet="Data", dry_run=True, headers=["NIK", "Jabatan", "Ket", ""],
        found=["nik", "occupation_code", None, None],
        chosen=["nik", "occupation_code", "address", "-"], consent_on_paper=True)
    assert options.mapping == {"ket": "address"}  # only what the clerk changed
    assert options.defaults == {"consent_given": "ya"} and options.dry_run
    left_out = imports.chosen_options(sheet=None, dry_run=False, headers=["Jabatan"],
                                      found=["occupation_code"], chosen=[imports.IGNORE],
                                      consent_on_paper=False)
    assert left_out.mapping == {"jabatan": "-"} and left_out.defaults == {}
