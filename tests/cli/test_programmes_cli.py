"""``regdesk programmes``, ``add --programme`` and ``renew --programme`` on a desk that pulled
a sponsor programme (and HQ's figures) from HQ."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.factories import valid_registration_data
from tests.services.members import accept, enrol

from regdesk import masterdata
from regdesk.cli import main
from regdesk.services import users
from regdesk.store import Store, sync_state

VILLAGE = "32.16.06.2006"
PROGRAMME: dict[str, Any] = {
    "sponsor": "Pemdes Setiamekar", "funding_source": "dana-desa", "dpa_number": "DPA 412/7",
    "budget_year": 2026, "ceiling": 1_000_000, "quota": 3, "period_from": "2026-10",
    "period_to": "2027-06", "paid": "JKK+JKM", "occupations": [], "villages": [VILLAGE],
    "status": "open"}


@pytest.fixture
def desk(tmp_path: Path, template_db: Path, monkeypatch: pytest.MonkeyPatch,
         capsys: pytest.CaptureFixture[str]) -> Path:
    """A desk with one accepted member and programme 7 pulled (HQ counted 1 person)."""
    path = tmp_path / "cli.sqlite3"
    path.write_bytes(template_db.read_bytes())
    monkeypatch.setenv("REGDESK_DB", str(path))
    assert main(["init", "--village", VILLAGE]) == 0
    source = tmp_path / "one.json"
    source.write_text(json.dumps(valid_registration_data()))
    assert main(["add", "--from-json", str(source)]) == 0
    capsys.readouterr()
    store = Store.open(path)
    try:
        key = enrol(store, users.sign_in(store, "admin", "rahasia-123"), VILLAGE)
        ref = accept(store, store.get(store.search("", limit=1).rows[0].uuid), key, seq=1,
                     number="10000000017").local_ref
        (tmp_path / "ref").write_text(ref)
        with store.write() as session:
            sync_state.apply_changes(session, [
                {"kind": "funding_sources", "seq": 2,
                 "sources": masterdata.funding_sources_dict()},
                {"kind": "programme", "seq": 3, "id": 7, "version": 1, "programme": PROGRAMME},
            ], next_cursor=3, now=store.clock(), figures={
                "village_code": VILLAGE, "as_of": "2026-11-20",
                "programmes": [{"id": 7, "people": 1, "committed": 50_400}]})
    finally:
        store.close()
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def test_the_list_shows_the_programme_and_what_it_carries(
        desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "programmes")
    assert code == 0
    assert ("7  Pemdes Setiamekar — Dana Desa, DPA 412/7 / 2026, Oktober 2026 s.d. Juni 2027"
            in out)
    assert "1 dari 3 orang" in out and "Rp 50.400" in out and "20 November 2026" in out
    code, out = _run(capsys, "--json", "programmes")
    (row,) = json.loads(out)["programmes"]
    assert (row["id"], row["people"], row["quota"], row["committed"], row["as_of"]) == (
        7, 1, 3, 50_400, "2026-11-20")


def test_add_under_a_programme_and_a_bad_programme_saves_nothing(
        desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people = [valid_registration_data(nik=f"32160645089000{n:02d}", full_name=name)
              for n, name in ((2, "Ani Dewi"), (3, "Ani Sari"))]
    for p in people:
        p.pop("funding")
    source = desk / "two.json"
    source.write_text(json.dumps(people))
    code, out = _run(capsys, "add", "--from-json", str(source), "--programme", "8")
    assert code == 1 and "Program sponsor 8 tidak ada" in out
    code, out = _run(capsys, "--json", "add", "--from-json", str(source), "--programme", "7")
    assert code == 0 and len(json.loads(out)["saved"]) == 2, out
    code, out = _run(capsys, "--json", "programmes")
    assert json.loads(out)["programmes"][0]["people"] == 3  # HQ's one and the two unanswered


def test_renew_under_a_programme(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ref = (desk / "ref").read_text()
    code, out = _run(capsys, "renew", ref, "--months", "3", "--programme", "7",
                     "--funding", "csr")
    assert code == 2 and "--programme menentukan sumber dana" in out, out
    code, out = _run(capsys, "programmes", "--for", ref)
    assert code == 0 and "Pemdes Setiamekar" in out, out
    code, out = _run(capsys, "--json", "renew", ref, "--months", "3", "--programme", "7")
    data = json.loads(out)
    assert code == 0, out
    assert (data["programme_id"], data["funding"], data["budget_reference"]) == (
        7, "dana-desa", "DPA 412/7 / 2026")


def test_status_says_when_hq_master_data_was_pulled(
        desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "--json", "status")
    assert code == 0 and json.loads(out)["master_data_as_of"].startswith("2026-11-25")
    code, out = _run(capsys, "status")
    assert "Data induk dan angka desa dari kantor kabupaten: diambil 25 Nov 2026" in out
