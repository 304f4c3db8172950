"""Enrolment codes and the changes feed, over a real uvicorn server."""

from __future__ import annotations

from datetime import timedelta

import requests
from sqlalchemy import update

from regdesk.hq import devices, master
from regdesk.hq.tables import T_ENROL
from regdesk.hq.timeutil import utcnow
from regdesk.wire import ChangesResponse, EnrolResponse

from .conftest import Desk, enrol_desk
from .factories import VILLAGE, batch, record


def _enrol(url: str, code: str) -> requests.Response:
    return requests.post(f"{url}/api/v1/enrol", json={"code": code, "device_name": "Desk 1"},
                         timeout=10)


def test_enrol_code_is_one_time(hq_server, hq_runtime):
    code = devices.create_enrol_code(hq_runtime.engine, village_code=VILLAGE, hours=1)
    first = _enrol(hq_server.url, code.lower().replace("-", ""))  # forgiving typing
    assert first.status_code == 200
    body = EnrolResponse.model_validate(first.json())
    assert body.village_code == VILLAGE and len(body.token) >= 32
    assert body.master_cursor == hq_runtime.master_cursor > 0
    again = _enrol(hq_server.url, code)
    assert again.status_code == 403 and again.json()["code"] == "enrol.used"
    assert _enrol(hq_server.url, "ZZZZ-ZZZZ-ZZZZ").json()["code"] == "enrol.invalid"


def test_enrol_code_expires(hq_server, hq_runtime):
    code = devices.create_enrol_code(hq_runtime.engine, village_code=VILLAGE, hours=1)
    with hq_runtime.engine.begin() as conn:
        conn.execute(update(T_ENROL).where(T_ENROL.c.code_hash == devices.sha256_hex(
            code.replace("-", ""))).values(expires_at=utcnow() - timedelta(seconds=1)))
    r = _enrol(hq_server.url, code)
    assert r.status_code == 403 and r.json()["code"] == "enrol.expired"


def test_token_stored_only_as_hash(desk, hq_runtime):
    listed = {d.id: d for d in devices.list_devices(hq_runtime.engine)}
    assert desk.device_id in listed
    with hq_runtime.engine.connect() as conn:
        text = str(conn.exec_driver_sql("SELECT token_hash FROM hq_device").all())
    assert desk.token not in text and devices.sha256_hex(desk.token) in text


def _pull_all(desk: Desk, cursor: int, limit: int) -> tuple[list[ChangesResponse], int]:
    pages = []
    while True:
        page = ChangesResponse.model_validate(desk.changes(cursor, limit=limit).json())
        seqs = [c.seq for c in page.changes]
        assert seqs == sorted(seqs) and all(s > cursor for s in seqs)
        assert page.next_cursor >= cursor
        pages.append(page)
        cursor = page.next_cursor
        if not page.more:
            return pages, cursor


def test_changes_paging_registrations_and_regions(desk, new_registration, hq_runtime,
                                                  hq_server):
    _, cursor = _pull_all(desk, desk.master_cursor, limit=500)  # up to now
    regs = [record(new_registration()) for _ in range(5)]
    results = desk.push(batch(regs)).json()["results"]
    # another desk of the same village learns them from the feed
    other = enrol_desk(hq_server, hq_runtime)
    pages, other_end = _pull_all(other, cursor, limit=2)
    assert len(pages) >= 3
    seen = {str(c.uuid): c.model_dump(mode="json") for p in pages for c in p.changes
            if c.kind == "registration"}
    for rec, res in zip(regs, results, strict=True):
        assert seen[rec["uuid"]]["member_number"] == res["member_number"]
        assert seen[rec["uuid"]]["status"] == "accepted"
        assert seen[rec["uuid"]]["card_qr"] == res["card_qr"]
    # the pushing desk had all that in its push answer: no echoes, but its cursor moves on
    pages, cursor = _pull_all(desk, cursor, limit=2)
    assert not [c for p in pages for c in p.changes if c.kind == "registration"]
    assert cursor == other_end
    # nothing new: same cursor, more=False
    empty = desk.changes(cursor).json()
    figures = empty.pop("figures")  # the last page carries the village's figures
    assert empty == {"changes": [], "next_cursor": cursor, "more": False}
    assert figures["village_code"] == VILLAGE and figures["registered"] >= 5
    # an official region import shows up as region changes after the cursor
    changed = master.import_regions(hq_runtime.engine,
                                    [(VILLAGE, "Setiamekar Baru", "17510")])
    assert changed == 1
    page = desk.changes(cursor).json()
    assert [c["kind"] for c in page["changes"]] == ["region"]
    assert page["changes"][0]["name"] == "Setiamekar Baru"
    master.import_regions(hq_runtime.engine, [(VILLAGE, "Setiamekar", "17510")])


def test_changes_move_past_own_echoes_and_page_through_others(desk, new_registration,
                                                              hq_runtime, hq_server):
    """Echoes before, between and after another desk's records are never sent; paging by
    one gives the others' records one by one, and the cursor ends past the last echo."""
    _, cursor = _pull_all(desk, desk.master_cursor, limit=500)  # up to now
    other = enrol_desk(hq_server, hq_runtime)
    theirs = [record(new_registration()) for _ in range(3)]
    desk.push(batch([record(new_registration()) for _ in range(10)])).raise_for_status()
    other.push(batch(theirs[:2])).raise_for_status()
    desk.push(batch([record(new_registration()) for _ in range(10)])).raise_for_status()
    other.push(batch(theirs[2:])).raise_for_status()
    desk.push(batch([record(new_registration()) for _ in range(10)])).raise_for_status()
    pages, end = _pull_all(desk, cursor, limit=1)
    got = [str(c.uuid) for p in pages for c in p.changes if c.kind == "registration"]
    assert got == [r["uuid"] for r in theirs]
    assert [len(p.changes) for p in pages] == [1, 1, 1]
    with hq_runtime.engine.connect() as conn:
        newest = conn.exec_driver_sql("SELECT max(seq) FROM hq_registration").scalar()
    assert end == newest
    last = desk.changes(end).json()
    assert last.pop("figures")["village_code"] == VILLAGE
    assert last == {"changes": [], "next_cursor": end, "more": False}


def test_changes_from_zero_start_with_master_data(desk):
    page = desk.changes(0, limit=3).json()
    assert page["more"] is True and len(page["changes"]) == 3
    assert all(c["kind"] == "region" for c in page["changes"])


def test_changes_needs_token(hq_server):
    r = requests.get(f"{hq_server.url}/api/v1/changes", timeout=10)
    assert r.status_code == 401
