import json
import os
import subprocess
import sys
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


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str):
    code, out, _err = run(capsys, "--json", *argv)
    return code, json.loads(out)


def test_check_nik_json_contract(capsys) -> None:
    code, data = run_json(capsys, "check-nik", "3216064508050001")
    assert code == 0
    assert data == {
        "valid": True,
        "birth_date": "2005-08-05",
        "gender": "P",
        "province": "32",
        "regency": "32.16",
        "kecamatan": "32.16.06",
        "problems": [],
    }


def test_check_nik_warnings_keep_exit_zero_errors_do_not(capsys) -> None:
    code, data = run_json(
        capsys, "check-nik", "3216064508050001", "--birth-date", "2005-08-06", "--gender", "L"
    )
    assert code == 0 and data["valid"] is True
    assert [(p["field"], p["code"], p["severity"]) for p in data["problems"]] == [
        ("nik", "nik.birth_date_mismatch", "warning"),
        ("nik", "nik.gender_mismatch", "warning"),
    ]
    code, data = run_json(capsys, "check-nik", "3216061708850000")
    assert code == 1 and data["valid"] is False
    assert data["problems"][0]["code"] == "nik.serial_zero"


def test_check_nik_text_names_the_place(capsys) -> None:
    code, out, _ = run(capsys, "check-nik", "3216064508050001")
    assert code == 0 and "Tambun Selatan" in out and "perempuan" in out


def test_json_flag_works_after_the_command(capsys) -> None:
    code = main(["check-nik", "3216064508050001", "--json"])
    assert code == 0 and json.loads(capsys.readouterr().out)["valid"] is True


def test_fees_json_contract(capsys) -> None:
    code, data = run_json(
        capsys,
        "fees",
        "--income",
        "1000000",
        "--sector",
        "non-transport",
        "--funding",
        "self",
        "--start",
        "2026-11",
        "--months",
        "12",
    )
    assert code == 0
    assert data["months"][0] == {
        "month": "2026-11",
        "jkk": 5000,
        "jkm": 3400,
        "jht": 0,
        "total": 8400,
        "discount": "PP 50/2025",
    }
    assert data["months"][2]["total"] == 16_800
    assert data["total"] == 184_800


def test_fees_bad_input_is_one_clear_line_per_field(capsys) -> None:
    code, out, err = run(
        capsys,
        "--lang",
        "en",
        "fees",
        "--income",
        "1234567",
        "--sector",
        "transport",
        "--funding",
        "self",
        "--start",
        "2026-13",
    )
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "regdesk: x income (income.not_a_level): Income must be one of the declared levels, "
        "e.g. Rp 1.000.000 or Rp 1.500.000.",
        "regdesk: x start (date.format): Start month must be a date formatted YYYY-MM.",
    ]


def test_init_add_search_show_cancel(capsys, db: Path, tmp_path: Path) -> None:
    code, data = run_json(capsys, "init", "--village", "3216062006")
    assert code == 0 and data["village"] == "32.16.06.2006" and data["created"]
    source = tmp_path / "siti.json"
    record = valid_registration_data()
    for derived in (
        "birth_date",
        "gender",
        "village_code",
        "postal_code",
        "consent_at",
        "consent_recorded_by",
        "period_months",
        "funding",
    ):
        record.pop(derived)  # the CLI pre-fills what can be derived
    source.write_text(json.dumps(record), encoding="utf-8")
    code, data = run_json(capsys, "add", "--from-json", str(source))
    assert code == 0 and data["failed"] == 0
    ref = data["saved"][0]["local_ref"]
    assert ref == "3216062006-000001"
    assert data["saved"][0]["nik"] == "3216********0001"

    code, data = run_json(capsys, "search", "siti")
    assert [r["local_ref"] for r in data["results"]] == [ref]
    code, data = run_json(capsys, "show", ref)
    assert data["registration"]["birth_date"] == "1990-08-05"
    assert data["monthly_contribution"] == 8_400  # Nov 2026: PP 50/2025 applies
    code, data = run_json(capsys, "cancel", ref, "--reason", "data ganda")
    assert data["status"] == "cancelled"
    code, _out, err = run(capsys, "cancel", ref, "--reason", "lagi")
    assert code == 1 and "sudah dibatalkan" in err

    code, data = run_json(capsys, "history", ref)
    assert [a["action"] for a in data["audit"]] == ["registration.create", "registration.cancel"]


def test_add_refuses_duplicate_nik_naming_the_first(capsys, db: Path, tmp_path: Path) -> None:
    run(capsys, "init")
    source = tmp_path / "two.json"
    source.write_text(
        json.dumps(
            [
                valid_registration_data(village_code=None, postal_code=None),
                valid_registration_data(village_code=None, postal_code=None),
            ]
        )
    )
    code, out, err = run(capsys, "add", "--from-json", str(source))
    assert code == 1
    assert "data ke-2 tidak disimpan" in out and "Tersimpan" not in out  # all or none
    assert "nik (nik.duplicate)" in err and "3216182005-000001" in err
    code, data = run_json(capsys, "search", "")
    assert data["results"] == []


def test_add_warning_needs_confirmation(capsys, db: Path, tmp_path: Path) -> None:
    run(capsys, "init", "--village", "32.16.06.2006")
    source = tmp_path / "w.json"
    source.write_text(json.dumps(valid_registration_data(birth_date="1990-08-06")))
    code, _, err = run(capsys, "add", "--from-json", str(source))
    assert code == 1 and "nik (nik.birth_date_mismatch)" in err
    code, _, _ = run(
        capsys, "add", "--from-json", str(source), "--confirm", "nik.birth_date_mismatch"
    )
    assert code == 0


@pytest.mark.parametrize(
    ("content", "fragment"), [("{not json", "bukan JSON yang sah"), ("[1, 2]", "bukan JSON")]
)
def test_add_bad_file_is_one_line(
    capsys, db: Path, tmp_path: Path, content: str, fragment: str
) -> None:
    run(capsys, "init")
    source = tmp_path / "bad.json"
    source.write_text(content)
    code, _, err = run(capsys, "add", "--from-json", str(source))
    assert code == 2 and fragment in err and len(err.strip().splitlines()) == 1


def test_missing_file_and_unknown_reference(capsys, db: Path, tmp_path: Path) -> None:
    run(capsys, "init")
    code, _, err = run(capsys, "add", "--from-json", str(tmp_path / "nope.json"))
    assert code == 2 and "tidak dapat dibaca" in err
    code, _, err = run(capsys, "show", "3216182005-999999")
    assert code == 1 and "tidak ditemukan" in err


def test_users_add_and_list(capsys, db: Path, monkeypatch) -> None:
    run(capsys, "init")
    monkeypatch.setenv("REGDESK_NEW_PASSWORD", "kata-sandi-ani")
    code, data = run_json(capsys, "users", "add", "ani", "--role", "operator", "--name", "Ani")
    assert code == 0 and data == {"username": "ani", "role": "operator"}
    code, data = run_json(capsys, "users", "list")
    assert [u["username"] for u in data] == ["admin", "ani"]
    monkeypatch.setenv("REGDESK_PASSWORD", "kata-sandi-ani")
    code, _, err = run(capsys, "--user", "ani", "users", "add", "budi")
    assert code == 1 and "operator" in err  # only admins add users


def test_demo_makes_consistent_data(capsys, db: Path) -> None:
    code, data = run_json(capsys, "demo", "--count", "40", "--village", "32.16.06.2006")
    assert code == 0 and data["added"] == 40 and data["village_name"] == "Setiamekar"
    code, data = run_json(capsys, "check-nik", "0")  # sanity: command still works
    from regdesk.domain.nik import parse_nik
    from regdesk.store import Store

    store = Store.open(db)
    try:
        rows = store.search("", limit=100).rows
        for row in rows:
            reg = store.get(row.uuid).registration
            info, problems = parse_nik(
                reg.nik,
                today=store.clock().date(),
                birth_date=reg.birth_date,
                gender=reg.gender.value,
            )
            assert info is not None and problems == []
    finally:
        store.close()


def test_console_script_errors_have_no_traceback(db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "regdesk", "show", "x"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "regdesk: x village (not_initialised): Basis data belum disiapkan. Jalankan: regdesk init"
    ]


@pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                    reason="Windows and macOS always have a display: the GUI would start")
def test_no_command_shows_a_useful_status_headless(db: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "REGDESK_DB": str(db), "REGDESK_NEW_PASSWORD": "x" * 9,
           # the key file goes to this run's private folder, never the real home
           "REGDESK_SECRETS": os.environ["REGDESK_SECRETS"], "REGDESK_KEYRING": "0"}
    subprocess.run(
        [sys.executable, "-m", "regdesk", "demo", "--count", "3"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    result = subprocess.run(
        [sys.executable, "-m", "regdesk"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Pendaftaran: 3" in result.stdout
    assert "aplikasi desktop tidak dibuka" in result.stderr  # says why no window opened
