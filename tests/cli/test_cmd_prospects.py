"""``regdesk prospects``: import a list (bad rows one line each, nothing kept), list it with
masked NIKs and Indonesian status words, mark visits, coverage; signed in like every command
with personal data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli_support import run_cli, signed_in, signed_out
from tests.factories import valid_registration_data

HEADER = "NIK;Nama;No HP;Pekerjaan\n"
SITI = "3216064508900001;Siti Nurjanah;081234567890;Petani\n"
BUDI = "3216060101850002;Budi Santoso;;Nelayan\n"


@pytest.fixture
def desk(tmp_path: Path, template_db: Path, monkeypatch: pytest.MonkeyPatch,
         capsys: pytest.CaptureFixture[str]) -> Path:
    """A set-up desk (admin ``admin``, operator ``ani``) and a list of two people."""
    path = tmp_path / "desk.sqlite3"
    path.write_bytes(template_db.read_bytes())
    monkeypatch.setenv("REGDESK_DB", str(path))
    monkeypatch.chdir(tmp_path)
    assert run_cli(capsys, "init", "--village", "32.16.06.2006")[0] == 0
    assert run_cli(capsys, "users", "add", "ani", "--role", "operator")[0] == 0
    (tmp_path / "rt.csv").write_text(HEADER + SITI + BUDI, encoding="utf-8")
    return tmp_path / "rt.csv"


def test_import_list_mark_and_summary(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "prospects", "import", desk, "--list", "Ketua RT")
    assert code == 0
    assert out.strip() == ('Daftar "Ketua RT" dari rt.csv (judul kolom di baris 1): 2 baris, '
                           '2 ditambahkan, 0 sudah ada di daftar, 0 sudah terdaftar.')
    code, out, _ = run_cli(capsys, "prospects", "import", desk, "--list", "Ketua RT")
    assert code == 0 and "0 ditambahkan, 2 sudah ada di daftar" in out
    code, out, _ = run_cli(capsys, "prospects", "list")
    assert code == 0
    assert "3216********0001" in out and "3216064508900001" not in out
    assert "0812 3456 7890" in out and out.count("belum didatangi") == 2
    assert out.splitlines()[1].split()[:4] == ["Ketua", "RT", "baris", "3"]
    code, out, _ = run_cli(capsys, "prospects", "mark", "--row", "2", "--list", "Ketua RT",
                           "--status", "contacted")
    assert code == 0 and out.strip() == '3216********0001 di daftar "Ketua RT": dihubungi.'
    code, _out, err = run_cli(capsys, "prospects", "mark", "--status", "contacted")
    assert code == 2 and "--row N" in err
    code, out, err = run_cli(capsys, "prospects", "mark", "3216060101850002",
                             "--status", "refused")
    assert code == 1 and "reason (required)" in err
    code, out, _ = run_cli(capsys, "prospects", "mark", "3216060101850002",
                           "--status", "refused", "--reason", "sudah ikut BPJS lewat kantor")
    assert code == 0 and out.strip() == '3216********0002 di daftar "Ketua RT": menolak.'
    code, out, _ = run_cli(capsys, "--json", "prospects", "list", "--status", "refused")
    rows = json.loads(out)["rows"]
    assert [(r["nik"], r["status"], r["status_text"], r["reason"]) for r in rows] == [
        ("3216********0002", "refused", "menolak", "sudah ikut BPJS lewat kantor")]
    (desk.parent / "one.json").write_text(json.dumps(valid_registration_data()),
                                          encoding="utf-8")
    assert run_cli(capsys, "add", "--from-json", "one.json")[0] == 0
    code, out, _ = run_cli(capsys, "prospects", "summary")
    assert code == 0
    assert out.strip() == ("Ketua RT: 2 orang, 1 terdaftar (50%); 0 dihubungi, 1 menolak, "
                           "0 belum didatangi.")  # Siti (contacted) registered since
    code, out, _ = run_cli(capsys, "--json", "--lang", "en", "prospects", "summary")
    assert json.loads(out)["lists"][0]["by_status"]["registered"] == 1


def test_bad_rows_one_line_each_and_nothing_kept(desk: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    desk.write_text(HEADER + SITI + "32160645;Tono;;\n" + "3216060101850002;;0812;\n",
                    encoding="utf-8")
    code, out, _ = run_cli(capsys, "prospects", "import", desk)
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[0].startswith("2 baris bermasalah di rt.csv: tidak ada yang disimpan.")
    assert [ln.split(":")[0].strip() for ln in lines[1:]] == ["baris 3", "baris 4", "baris 4"]
    assert "nik (nik.length)" in lines[1] and "full_name (required)" in lines[2]
    assert "phone (phone.invalid)" in lines[3]
    assert "32160645" not in out and "Tono" not in out and "0812" not in out
    code, out, _ = run_cli(capsys, "--json", "prospects", "import", desk, "--dry-run")
    report = json.loads(out)
    assert (code, report["written"], report["bad_rows"]) == (1, False, 2)
    assert run_cli(capsys, "prospects", "list")[1].strip() == "Tidak ada calon peserta yang cocok."


def test_full_niks_for_supervisors_only(desk: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_cli(capsys, "prospects", "import", desk)[0] == 0
    code, out, _ = run_cli(capsys, "--json", "prospects", "list", "--full-nik")
    assert code == 0 and json.loads(out)["rows"][0]["nik"] == "3216064508900001"
    signed_in(monkeypatch, "ani")
    code, _out, err = run_cli(capsys, "prospects", "list", "--full-nik")
    assert code == 1 and "full_nik" in err


@pytest.mark.parametrize("argv", [["prospects", "summary"], ["prospects", "list"],
                                  ["prospects", "import", "rt.csv"],
                                  ["prospects", "mark", "3216064508900001", "--status",
                                   "contacted"]])
def test_every_action_signs_in(desk: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    signed_out(monkeypatch)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and "Perintah ini membaca atau mengubah data pribadi" in err
    assert out == ""


def test_registered_is_not_set_by_hand(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "prospects", "import", desk)[0] == 0
    code, _out, err = run_cli(capsys, "prospects", "mark", "3216064508900001",
                              "--status", "registered")
    assert code == 1
    assert err.strip() == ("regdesk: x status (prospect.registered_automatic): Status terdaftar "
                           "diisi otomatis saat pendaftaran dengan NIK ini disimpan; tidak bisa "
                           "dipilih.")
    code, _out, err = run_cli(capsys, "prospects", "mark", "3216069999990001",
                              "--status", "contacted")
    assert code == 1 and "prospect.not_found" in err and "3216069999990001" not in err
