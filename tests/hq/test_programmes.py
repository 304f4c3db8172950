"""Sponsor programmes and funding sources at HQ (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from regdesk import masterdata
from regdesk.domain.programmes import ProgrammeError
from regdesk.hq import cli, counters, programmes
from regdesk.hq.db import read_tx
from regdesk.hq.runtime import Runtime
from regdesk.hq.tables import T_FUNDING_SOURCE, T_PROGRAMME

NOW = datetime(2026, 2, 3, 4, 5, tzinfo=UTC)
VILLAGE_PROGRAMME: dict[str, Any] = {
    "sponsor": "Pemdes Setiamekar", "funding_source": "apbdes", "dpa_number": "DPA 900/12",
    "budget_year": 2026, "ceiling": "12.000.000", "quota": 50, "period_from": "2026-01",
    "period_to": "2026-12", "villages": ["32.16.06.2006"], "occupations": "P01, P01"}


def test_funding_sources_are_seeded_with_a_seq_and_price_with_hq_data(
        hq_runtime: Runtime) -> None:
    with read_tx(hq_runtime.engine) as conn:
        sources = programmes.funding_sources(conn)
        seqs = conn.execute(select(func.min(T_FUNDING_SOURCE.c.seq))).scalar_one()
        assert seqs > 0 and counters.current(conn, counters.MASTER) >= seqs
    assert sources == masterdata.shipped_funding_sources()
    rates = hq_runtime.contexts.get().rates
    assert rates.funding == sources


def test_a_programme_is_added_opened_closed_and_every_version_is_audited(
        hq_runtime: Runtime) -> None:
    engine = hq_runtime.engine
    added = programmes.add_programme(engine, VILLAGE_PROGRAMME, user="admin", now=NOW)
    g = added.programme
    assert (g.funding_source, g.ceiling, g.status, g.occupations) == (
        "apbdes-add", 12_000_000, "draft", ("P01",))
    assert g.budget_reference == "DPA 900/12 / 2026" and g.paid == "JKK+JKM"
    assert not g.eligible(village_code="32.16.06.2006", occupation_codes=("P01",),
                          day=date(2026, 5, 9))  # a draft is not open
    opened = programmes.set_status(engine, added.id, "open", user="admin", now=NOW)
    assert opened.seq > added.seq and opened.version == 2
    assert opened.programme.eligible(village_code="32.16.06.2006", occupation_codes=("P01",),
                                     day=date(2026, 5, 9))
    assert not opened.programme.eligible(village_code="32.16.06.2007",
                                         occupation_codes=("P01",), day=date(2026, 5, 9))
    assert not opened.programme.eligible(village_code="32.16.06.2006",
                                         occupation_codes=("P01",), day=date(2027, 1, 1))
    programmes.set_status(engine, added.id, "closed", user="admin", now=NOW)
    with pytest.raises(ProgrammeError, match="already closed"):
        programmes.set_status(engine, added.id, "open", user="admin", now=NOW)
    stored, trail = programmes.get_programme(engine, added.id)
    assert stored.programme.status == "closed" and stored.version == 3
    assert [(t["version"], t["action"], t["changed_by"]) for t in trail] == [
        (1, "add", "admin"), (2, "open", "admin"), (3, "closed", "admin")]
    assert added.id in {p.id for p in programmes.list_programmes(engine, status="closed")}


@pytest.mark.parametrize(("change", "message"), [
    ({"funding_source": "apbdx"}, "funding_source: unknown code"),
    ({"ceiling": "banyak"}, "ceiling: a whole number is required"),
    ({"quota": 0}, "quota: must be between 1 and"),
    ({"period_to": "2025-12"}, "period_to: before period_from"),
    ({"period_from": "2026-13"}, "period_from: a month YYYY-MM is required"),
    ({"paid": "JHT"}, "paid: must be one of JKK+JKM, JKK+JKM+JHT"),
    ({"villages": ["32.16"]}, "villages: '32.16' is not a village code"),
    ({"sponsor": " "}, "sponsor: required"),
    ({"status": "paused"}, "status: must be one of draft, open, closed"),
])
def test_bad_programmes_are_refused_in_one_line_and_nothing_is_written(
        hq_runtime: Runtime, change: dict[str, Any], message: str) -> None:
    with read_tx(hq_runtime.engine) as conn:
        before = conn.execute(select(func.count()).select_from(T_PROGRAMME)).scalar_one()
    with pytest.raises(ProgrammeError, match=message.replace("+", r"\+")) as caught:
        programmes.add_programme(hq_runtime.engine, {**VILLAGE_PROGRAMME, **change},
                                 user="admin", now=NOW)
    assert "\n" not in str(caught.value)
    with read_tx(hq_runtime.engine) as conn:
        assert conn.execute(select(func.count()).select_from(T_PROGRAMME)).scalar_one() == before


def _cli(db_url: str, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--db", db_url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_commands(hq_runtime: Runtime, db_url: str, tmp_path: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "p.json"
    spec.write_text(json.dumps({**VILLAGE_PROGRAMME, "sponsor": "PT Contoh"}), encoding="utf-8")
    code, out, _ = _cli(db_url, capsys, "programmes", "add", "--from-json", str(spec),
                        "--funding-source", "csr", "--paid", "JKK+JKM+JHT", "--json")
    assert code == 0
    added = json.loads(out)
    assert (added["sponsor"], added["funding_source"], added["paid"]) == (
        "PT Contoh", "csr", "JKK+JKM+JHT")
    code, out, _ = _cli(db_url, capsys, "programmes", "list", "--status", "draft")
    assert code == 0 and any(line.startswith(f"{added['id']}\tdraft\tPT Contoh\tcsr\t"
                                             "DPA 900/12 / 2026\tRp 12.000.000")
                             for line in out.splitlines())
    code, out, _ = _cli(db_url, capsys, "programmes", "close", str(added["id"]))
    assert code == 0 and "closed (version 2)" in out
    code, _, err = _cli(db_url, capsys, "programmes", "show", "999999")
    assert code == 1 and err.strip() == "regdesk-hq: error: programme 999999: no such programme"
    spec.write_text('{"sponsor": "x",', encoding="utf-8")
    code, _, err = _cli(db_url, capsys, "programmes", "add", "--from-json", str(spec))
    assert code == 1 and err.startswith(f"regdesk-hq: error: {spec}: line 1: not valid JSON")
    assert len(err.strip().splitlines()) == 1
    code, out, _ = _cli(db_url, capsys, "funding-sources", "list")
    assert code == 0 and "apbn\tgovernment\tPP 50/2025 excluded from 2026-01-01" in out
    assert "dana-desa\tvillage\tPP 50/2025 applies from 2026-01-01 (ruling pending)" in out


def test_importing_funding_sources_is_all_or_nothing_and_moves_the_pricing(
        hq_runtime: Runtime, db_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    data = masterdata.funding_sources_dict()
    dana_desa = next(s for s in data["sources"] if s["code"] == "dana-desa")  # type: ignore[attr-defined]
    dana_desa["treatments"][0]["discount"] = "excluded"
    dana_desa["treatments"][0]["ruling"] = "final"
    path = tmp_path / "fs.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = _cli(db_url, capsys, "funding-sources", "import", str(path), "--dry-run")
    assert code == 0 and out.startswith("9 funding source(s); 1 would change")
    assert not hq_runtime.contexts.get().rates.funding.excluded(  # type: ignore[union-attr]
        "dana-desa", "PP 50/2025", date(2026, 6, 1))
    bad = json.loads(json.dumps(data))
    bad["sources"][3]["kind"] = "state"
    path.write_text(json.dumps(bad), encoding="utf-8")
    code, _, err = _cli(db_url, capsys, "funding-sources", "import", str(path))
    assert code == 1 and "sources[3].kind: must be one of" in err
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        code, out, _ = _cli(db_url, capsys, "funding-sources", "import", str(path))
        assert code == 0 and out.startswith("9 funding source(s); 1 changed")
        assert hq_runtime.contexts.get().rates.funding.excluded(  # type: ignore[union-attr]
            "dana-desa", "PP 50/2025", date(2026, 6, 1))
    finally:
        programmes.replace_funding_sources(hq_runtime.engine,
                                           masterdata.shipped_funding_sources())


def _pull(desk: Any, since: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for _ in range(50):  # bounded
        r = desk.changes(since)
        assert r.status_code == 200
        body = r.json()
        out.extend(body["changes"])
        since = body["next_cursor"]
        if not body["more"]:
            return out
    raise AssertionError("the feed did not end")


def test_the_feed_carries_the_catalogue_and_programmes_once_open(hq_runtime: Runtime,
                                                                  desk: Any) -> None:
    engine = hq_runtime.engine
    draft = programmes.add_programme(engine, VILLAGE_PROGRAMME, user="admin", now=NOW)
    opened = programmes.add_programme(engine, {**VILLAGE_PROGRAMME, "status": "open"},
                                      user="admin", now=NOW)
    changes = _pull(desk, desk.master_cursor)
    sources = [c for c in changes if c["kind"] == "funding_sources"]
    assert len(sources) == 1
    assert sources[0]["sources"] == masterdata.shipped_funding_sources().to_dict()
    sent = {c["id"]: c for c in changes if c["kind"] == "programme"}
    assert draft.id not in sent and sent[opened.id]["version"] == 1
    assert sent[opened.id]["programme"]["funding_source"] == "apbdes-add"
    closed = programmes.set_status(engine, opened.id, "closed", user="admin", now=NOW)
    later = _pull(desk, max(c["seq"] for c in changes))
    assert [(c["id"], c["version"], c["programme"]["status"]) for c in later
            if c["kind"] == "programme"] == [(opened.id, closed.version, "closed")]
