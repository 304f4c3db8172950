"""``regdesk add --from-json``: a documented schema, unknown keys named, one JSON document, and
a list saved all or none."""

import json
from pathlib import Path

import pytest
from tests.factories import valid_registration_data

from regdesk.cli import main
from regdesk.services.registration_input import input_schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "add-from-json.schema.json"


@pytest.fixture
def db(tmp_path: Path, template_db: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    path = tmp_path / "cli.sqlite3"
    path.write_bytes(template_db.read_bytes())
    monkeypatch.setenv("REGDESK_DB", str(path))
    main(["init"])
    capsys.readouterr()
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _file(tmp_path: Path, data: object) -> str:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_schema_is_printed_and_the_docs_copy_is_current(capsys) -> None:
    code, out, _ = _run(capsys, "add", "--schema")
    assert code == 0
    shown = json.loads(out)
    assert shown == input_schema()
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == shown, (
        "docs/add-from-json.schema.json is stale: regenerate it with `regdesk add --schema`"
    )
    record = shown["$defs"]["registration"]
    assert record["additionalProperties"] is False
    assert "nik" in record["required"] and "village_code" not in record["required"]
    assert record["properties"]["gender"]["enum"] == ["L", "P"]


def test_help_says_a_list_is_all_or_none(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["add", "--help"])
    assert "ALL OR NONE" in " ".join(capsys.readouterr().out.split())


def test_unknown_key_is_refused_by_name(capsys, db: Path, tmp_path: Path) -> None:
    source = _file(tmp_path, valid_registration_data() | {"nama_ibu": "x"})
    code, _out, err = _run(capsys, "add", "--from-json", source)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "nama_ibu" in lines[0]


def test_list_reports_every_bad_record_and_saves_none(capsys, db: Path, tmp_path: Path) -> None:
    good = valid_registration_data(village_code=None, postal_code=None)
    other = valid_registration_data(nik="3216064508900002", village_code=None, postal_code=None,
                                    phone="0812-3456-7891")
    records = [good, {"full_name": "X"} | {"salah": 1}, other | {"income": "banyak"}]
    code, out, _ = _run(capsys, "--json", "add", "--from-json", _file(tmp_path, records))
    assert code == 1
    data = json.loads(out)  # exactly one document
    assert data["saved"] == [] and data["failed"] == 2
    assert [f["index"] for f in data["failures"]] == [2, 3]
    assert data["failures"][0]["problems"][0]["field"] == "salah"
    code, out, _ = _run(capsys, "--json", "search", "")
    assert json.loads(out)["results"] == []


def test_a_good_list_is_saved_whole_in_one_json_document(
    capsys, db: Path, tmp_path: Path
) -> None:
    records = [
        valid_registration_data(village_code=None, postal_code=None),
        valid_registration_data(nik="3216064508900002", village_code=None, postal_code=None,
                                phone="0812-3456-7891"),
    ]
    code, out, _ = _run(capsys, "--json", "add", "--from-json", _file(tmp_path, records))
    data = json.loads(out)
    assert code == 0 and data["failed"] == 0 and len(data["saved"]) == 2


def test_a_second_occupation_is_in_the_schema_saved_and_shown(
    capsys, db: Path, tmp_path: Path
) -> None:
    record = input_schema()["$defs"]["registration"]
    assert record["properties"]["second_occupation_code"] == {"type": "string"}
    assert "second_occupation_code" not in record["required"]
    bad = valid_registration_data(village_code=None, postal_code=None,
                                  second_occupation_code="petani")  # the main one again
    code, _out, err = _run(capsys, "add", "--from-json", _file(tmp_path, bad))
    assert code == 1
    assert "second_occupation_code (occupation.same_as_main)" in err
    assert "Traceback" not in err
    good = bad | {"second_occupation_code": "ojek-pangkalan"}
    code, out, _ = _run(capsys, "--json", "add", "--from-json", _file(tmp_path, good))
    assert code == 0, out
    ref = json.loads(out)["saved"][0]["local_ref"]
    code, out, _ = _run(capsys, "--json", "show", ref)
    assert json.loads(out)["registration"]["second_occupation_code"] == "ojek-pangkalan"
