"""``regdesk renew``: a new paid period on an accepted member, planned or recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.factories import valid_registration_data
from tests.services.members import accept, enrol

from regdesk.cli import main
from regdesk.services import users
from regdesk.store import Store


@pytest.fixture
def member_ref(tmp_path: Path, template_db: Path, monkeypatch: pytest.MonkeyPatch,
               capsys: pytest.CaptureFixture[str]) -> str:
    """An office desk with one registration (25 November 2026, one month) accepted by HQ."""
    path = tmp_path / "cli.sqlite3"
    path.write_bytes(template_db.read_bytes())
    monkeypatch.setenv("REGDESK_DB", str(path))
    assert main(["init", "--village", "32.16.06.2006"]) == 0
    source = tmp_path / "one.json"
    source.write_text(json.dumps(valid_registration_data()))
    assert main(["add", "--from-json", str(source)]) == 0
    capsys.readouterr()
    store = Store.open(path)
    try:
        key = enrol(store, users.sign_in(store, "admin", "rahasia-123"), "32.16.06.2006")
        view = store.search("", limit=1).rows[0]
        return accept(store, store.get(view.uuid), key, seq=1, number="10000000017").local_ref
    finally:
        store.close()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_then_renew(capsys: pytest.CaptureFixture[str], member_ref: str) -> None:
    code, out, _ = _run(capsys, "renew", member_ref, "--months", "3", "--dry-run")
    assert code == 0
    assert "Desember 2026 – Februari 2027 (3 bulan)" in out and "Belum dicatat" in out
    assert "42.000" in out  # December at the PP 50/2025 rate, then two full months
    code, out, _ = _run(capsys, "--json", "renew", member_ref, "--months", "3",
                        "--funding", "apbdes", "--sponsor", "Pemdes Setiamekar")
    data = json.loads(out)
    assert code == 0 and data["recorded"] is True and data["version"] == 2
    assert (data["first_month"], data["last_month"], data["fee_total"]) == (
        "2026-12", "2027-02", 8_400 + 2 * 16_800)
    code, out, _ = _run(capsys, "--json", "renew", member_ref, "--months", "12", "--dry-run")
    assert json.loads(out)["first_month"] == "2027-03"
    assert json.loads(out)["funding"] == "apbdes-add"  # the last period's funding and sponsor
    assert json.loads(out)["sponsor_name"] == "Pemdes Setiamekar"


def test_refusals_are_one_line(capsys: pytest.CaptureFixture[str], member_ref: str) -> None:
    code, _, err = _run(capsys, "renew", member_ref, "--months", "3", "--start", "2026-11")
    assert code == 1 and "renewal.overlap" in err and "1 Desember 2026" in err
    assert len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit) as usage:
        main(["renew", member_ref, "--months", "3", "--start", "Desember"])
    assert usage.value.code == 2 and "--start" in capsys.readouterr().err
