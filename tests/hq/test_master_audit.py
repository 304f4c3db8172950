"""Every master-data change made from the command line leaves a line in HQ's audit log
(who, what, counts; never personal data), in the same transaction as the change."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from regdesk import masterdata
from regdesk.hq.db import read_tx
from regdesk.hq.tables import T_AUDIT

from .test_targets import _csv, _run


def _last(hq_runtime, action: str) -> dict:
    with read_tx(hq_runtime.engine) as conn:
        row = conn.execute(select(T_AUDIT).where(T_AUDIT.c.action == action)
                           .order_by(T_AUDIT.c.id.desc()).limit(1)).first()
    assert row is not None, action
    return {"actor": row.actor, "entity": row.entity, "detail": json.loads(row.detail)}


def test_targets_funding_sources_rules_and_programmes_are_audited(
        db_url, hq_runtime, tmp_path: Path, capsys) -> None:
    path = _csv(tmp_path / "t12.csv", ["kode wilayah", "jumlah pekerja", "sudah terlindungi",
                                       "target"], [["32.16.12.2001", 300, 90, "65%"]])
    assert _run(db_url, capsys, "targets", "import", str(path))[0] == 0
    line = _last(hq_runtime, "targets.import")
    assert line["actor"].startswith("cli") and line["detail"]["file"] == "t12.csv"
    assert line["detail"]["added"] + line["detail"]["changed"] == 1

    sources = masterdata.funding_sources_dict()
    first = sources["sources"][0]
    sources["sources"][0] = {**first, "references": [*first["references"], "audit test"]}
    file = tmp_path / "funding_sources.json"
    file.write_text(json.dumps(sources), encoding="utf-8")
    assert _run(db_url, capsys, "funding-sources", "import", str(file))[0] == 0
    assert _last(hq_runtime, "funding_sources.replace")["detail"]["changed"] >= 1
    file.write_text(json.dumps(masterdata.funding_sources_dict()), encoding="utf-8")
    assert _run(db_url, capsys, "funding-sources", "import", str(file))[0] == 0  # as shipped

    rules = tmp_path / "age.json"
    rules.write_text(json.dumps(masterdata.age_limits_dict()), encoding="utf-8")
    assert _run(db_url, capsys, "set-rules", "age_limits", str(rules))[0] == 0
    assert _last(hq_runtime, "rules.set")["entity"] == "age_limits"

    code, out, err = _run(db_url, capsys, "programmes", "add", "--sponsor", "PT Audit",
                          "--funding-source", "csr", "--dpa-number", "CSR-1",
                          "--budget-year", "2026", "--ceiling", "1000000", "--quota", "5",
                          "--period-from", "2026-01", "--period-to", "2026-12", "--json")
    assert code == 0, err
    pid = json.loads(out)["id"]
    assert _last(hq_runtime, "programme.add")["entity"] == f"programme:{pid}"
