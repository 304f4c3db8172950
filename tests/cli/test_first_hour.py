"""A newcomer's first hour: demo never mixes into real data, a refused init leaves nothing,
JSON-mode usage errors, ``users --help``, ``needs-fixing`` messages."""

import json
from pathlib import Path

import pytest
from tests.factories import valid_registration_data

from regdesk.cli import main


@pytest.fixture
def db(tmp_path: Path, template_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.sqlite3"
    path.write_bytes(template_db.read_bytes())
    monkeypatch.setenv("REGDESK_DB", str(path))
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_refuses_real_data_unless_forced(capsys, db: Path, tmp_path: Path) -> None:
    _run(capsys, "init", "--village", "32.16.06.2006")
    code, _, _ = _run(capsys, "demo", "--count", "3")
    assert code == 0
    code, _, _ = _run(capsys, "demo", "--count", "3", "--seed", "7")
    assert code == 0  # demo data alone is not real data
    source = tmp_path / "real.json"
    source.write_text(json.dumps(valid_registration_data()), encoding="utf-8")
    assert _run(capsys, "add", "--from-json", str(source))[0] == 0
    code, out, err = _run(capsys, "demo", "--count", "3", "--seed", "8")
    assert code == 1 and "1 pendaftaran asli" in err and "--force" in err
    code, out, _ = _run(capsys, "--json", "demo", "--count", "3", "--seed", "8", "--force")
    assert code == 0 and json.loads(out)["added"] == 3


@pytest.mark.parametrize("village", ["32.16.18.2005", "99.99.99.9999"])
def test_a_refused_init_leaves_nothing_behind(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, village: str
) -> None:
    target = tmp_path / "new" / "desk.sqlite3"
    if village.startswith("99"):
        monkeypatch.setenv("REGDESK_NEW_PASSWORD", "rahasia-123")  # refused: bad village
    else:
        monkeypatch.delenv("REGDESK_NEW_PASSWORD", raising=False)  # refused: no password
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = _run(capsys, "--db", str(target), "init", "--village", village)
    assert code != 0 and err.startswith("regdesk:")
    assert list(tmp_path.iterdir()) == []


def test_a_refused_init_keeps_an_existing_database(capsys, db: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGDESK_NEW_PASSWORD")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, _ = _run(capsys, "init")
    assert code != 0 and db.exists()


def test_json_mode_usage_errors_are_one_json_document(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--json", "search", "--limit", "many"])
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    data = json.loads(out)  # exactly one document
    assert "--limit" in data["error"] and data["problems"] == [] and err == ""
    with pytest.raises(SystemExit) as exit_info:
        main(["nonsense", "--json"])
    assert exit_info.value.code == 2 and "nonsense" in json.loads(capsys.readouterr().out)["error"]


def test_text_mode_usage_errors_are_one_line_naming_the_option(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "--limit", "many"])
    out, err = capsys.readouterr()
    assert exit_info.value.code == 2 and out == ""
    assert err.strip() == ("regdesk search: error: argument --limit: invalid int value: "
                           "'many' (regdesk search --help)")


def test_users_help_lists_the_actions(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["users", "--help"])
    out = capsys.readouterr().out
    assert "add " in out and "list " in out and "list the accounts" in out


def test_needs_fixing_prints_messages_not_codes(capsys, db: Path, tmp_path: Path) -> None:
    _run(capsys, "init", "--village", "32.16.06.2006")
    source = tmp_path / "daftar.csv"
    source.write_text(
        "NIK;Nama Lengkap;Tempat/Tgl Lahir;JK;Alamat;RT;RW;No HP;Pekerjaan;Penghasilan\n"
        "3216064508900002;Ani;Bekasi, 05-08-1990;P;Jl. Mawar 2;1;2;0812;Petani;1234\n",
        encoding="utf-8",
    )
    _run(capsys, "import", str(source), "--set", "consent_given=ya")
    code, out, _ = _run(capsys, "--lang", "en", "needs-fixing")
    assert code == 0
    line = out.strip().splitlines()[0]
    data = json.loads(_run(capsys, "--json", "needs-fixing")[1])
    codes = [p["code"] for p in data["rows"][0]["problems"]]  # JSON keeps the codes
    assert codes and line.startswith("daftar.csv") and '["' not in line
    assert not any(code in line for code in codes)


def test_a_reprint_gets_a_new_default_file_name(
    capsys, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _run(capsys, "init", "--village", "32.16.06.2006")
    source = tmp_path / "siti.json"
    source.write_text(json.dumps(valid_registration_data(consent_at=None)), encoding="utf-8")
    _run(capsys, "add", "--from-json", str(source))
    out_dir = tmp_path / "cetak"
    out_dir.mkdir()
    monkeypatch.chdir(out_dir)
    outputs = []
    for _ in range(2):
        code, out, err = _run(capsys, "--json", "print", "receipt", "3216062006-000001")
        assert code == 0, err
        outputs.append(Path(json.loads(out)["output"]))
    assert [p.name for p in outputs] == ["tanda-bukti-3216062006-000001.pdf",
                                         "tanda-bukti-3216062006-000001-2.pdf"]
    assert all(p.exists() for p in outputs)
