"""A sponsor programme end to end, through a real HQ on 127.0.0.1: HQ opens a Dana Desa
programme for Setiamekar (quota 3); the desk pulls it, registers three people under it and
syncs; HQ's roll-up shows the cost month by month across the end of the PP 50/2025 window; a
fourth person, saved after the clerk confirms the desk's over-quota warning, gets HQ's
per-record verdict and waits in needs-attention with the reason — nothing lost, nothing
blocked."""

from __future__ import annotations

import json

import pytest
from tests.factories import valid_registration_data
from tests.sync.conftest import SETIAMEKAR, hq, make_desk  # noqa: F401 (fixtures)

from regdesk.domain.registration import Status
from regdesk.hq.cli import main as hq_main
from regdesk.services import programme_usage, registration_input
from regdesk.sync.service import engine_for

#: 25 November 2026 (the tests' day), three months from November at Rp 1.000.000, Dana Desa
#: (not APBD/APBN: PP 50/2025 applies): JKK 10.000 + JKM 6.800 halved while the non-transport
#: window runs (to 31 December 2026), full from January 2027.
NOVEMBER, DECEMBER, JANUARY = 8_400, 8_400, 16_800
PERSON = NOVEMBER + DECEMBER + JANUARY  # 33.600


def _sync(store) -> None:
    engine = engine_for(store)
    try:
        engine.run_once()
    finally:
        engine.client.close()


def _people(*niks: str) -> list[dict]:
    names = ["Siti Aminah", "Dewi Lestari", "Rina Wati", "Nur Hasanah"]
    out = []
    for nik, name in zip(niks, names, strict=False):
        data = valid_registration_data(nik=nik, full_name=name, period_months=3,
                                       consent_at="2026-11-25T09:00:00+07:00")
        data.pop("funding")  # the programme decides it
        out.append(data)
    return out


def test_programme_pulled_registered_synced_rolled_up_and_over_quota(
        hq, make_desk, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert hq_main(["--db", hq.db_url, "programmes", "add", "--sponsor", "Pemdes Setiamekar",
                    "--funding-source", "dana-desa", "--dpa-number", "DPA 412/7",
                    "--budget-year", "2026", "--ceiling", "5000000", "--quota", "3",
                    "--period-from", "2026-11", "--period-to", "2027-10",
                    "--villages", SETIAMEKAR, "--status", "open", "--json"]) == 0
    pid = json.loads(capsys.readouterr().out)["id"]

    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    _sync(desk.store)
    assert [p for p, _ in desk.store.programmes()] == [pid]
    three = registration_input.register_all(
        desk.store, _people("3216064508900001", "3216064508900002", "3216064508900003"),
        user=desk.admin, programme_id=pid)
    assert {v.registration.budget_reference for v in three} == {"DPA 412/7 / 2026"}
    _sync(desk.store)
    assert {desk.store.get(v.uuid).status for v in three} == {Status.SYNCED}

    assert hq_main(["--db", hq.db_url, "programmes", "show", str(pid), "--json"]) == 0
    rollup = json.loads(capsys.readouterr().out)["rollup"]
    assert (rollup["people"], rollup["committed"], rollup["remaining_quota"]) == (
        3, 3 * PERSON, 0)
    assert hq_main(["--db", hq.db_url, "programmes", "rollup", "--by-month", "--json"]) == 0
    months = {m["month"]: m["rupiah"] for m in json.loads(capsys.readouterr().out)
              if m["programme_id"] == pid}
    assert months == {"2026-11": 3 * NOVEMBER, "2026-12": 3 * DECEMBER,
                      "2027-01": 3 * JANUARY}

    # the desk learnt HQ's count with the pull: the fourth is over the quota, and warned
    standing = programme_usage.standing(desk.store, pid)
    assert standing is not None and (standing.people, standing.people_left) == (3, 0)
    fourth = _people("3216064508900004")
    with pytest.raises(registration_input.NothingSaved) as caught:
        registration_input.register_all(desk.store, fourth, user=desk.admin, programme_id=pid)
    assert [p.code for p in caught.value.failures[0].problems] == ["programme.over_quota"]
    (late,) = registration_input.register_all(desk.store, fourth, user=desk.admin,
                                              programme_id=pid,
                                              confirmed=["programme.over_quota"])
    _sync(desk.store)
    answered = desk.store.get(late.uuid)
    assert answered.status is Status.NEEDS_ATTENTION
    assert answered.hq_answer is not None
    assert [p["code"] for p in answered.hq_answer["problems"]] == ["programme.over_quota"]
    assert desk.store.sync_status()["pending"] == 0  # answered, not stuck in the queue
    figures = desk.store.village_figures()
    assert figures is not None and figures["as_of"] == "2026-11-25"
    assert (figures["registered"], figures["waiting_for_kpj"]) == (3, 3)
    assert figures["programmes"] == [{"id": pid, "people": 3, "committed": 3 * PERSON}]
