"""Perlu ditinjau without a browser (TestClient, SQLite and PostgreSQL): a rejected push is
listed; resolving needs a note (one line, nothing written without one); a resolution is
audited, moves the row's seq and reaches every desk of the village through /changes — the
pushing desk too; viewers read only."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from regdesk.domain.masking import mask_nik
from regdesk.hq.tables import T_AUDIT, T_REG

from .conftest import enrol_desk
from .factories import batch, record
from .test_console import _csrf, _login, _user
from .test_console_programmes import client  # noqa: F401  (the seeded console fixture)


def _row(engine, uuid: str):
    with engine.connect() as conn:
        return conn.execute(select(T_REG).where(T_REG.c.uuid == uuid)).one()


def _audits(engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(T_AUDIT)).scalar_one())


def _rejected(desk, make) -> tuple[str, dict]:
    payload = make(gender="X")
    rec = record(payload)
    answer = desk.push(batch([rec])).json()["results"][0]
    assert answer["outcome"] == "rejected", answer
    return rec["uuid"], payload


def _registration_changes(desk, since: int, uuid: str) -> list[dict]:
    r = desk.changes(since)
    assert r.status_code == 200, r.text
    return [c for c in r.json()["changes"] if c["kind"] == "registration" and c["uuid"] == uuid]


def test_a_rejected_push_waits_and_a_noted_resolution_reaches_every_desk(
        client, hq_runtime, desk, hq_server, new_registration):  # noqa: F811
    engine = hq_runtime.engine
    other = enrol_desk(hq_server, hq_runtime)  # a second desk of the same village
    uuid, payload = _rejected(desk, new_registration)
    before = _row(engine, uuid)
    assert _registration_changes(desk, 0, uuid) == []  # its own push: an echo, left out
    name = _user(engine, "operator")
    _login(client, name)
    assert 'id="count-review"' in client.get("/console/").text
    page = client.get("/console/tinjau").text
    item = re.search(rf'<li data-registration="{uuid}">(.*?)</form>', page, re.S)
    assert item, page
    assert mask_nik(payload["nik"]) in item.group(1) and payload["nik"] not in page
    assert "Setiamekar" in item.group(1) and "ditolak" in item.group(1)
    assert "gender" not in item.group(1)  # HQ's problems as sentences, not codes
    token, audits = _csrf(page), _audits(engine)
    for note in ("", "   ", "x" * 501):
        r = client.post(f"/console/tinjau/{uuid}", data={"csrf": token, "note": note})
        assert r.status_code == 400
        line = re.search(r'<p class="error" role="alert" id="review-error">([^<]*)</p>',
                         r.text).group(1)
        assert line.startswith("Catatan: ") and "\n" not in line
    after = _row(engine, uuid)
    assert (after.seq, after.review_note, after.reviewed_at) == (before.seq, None, None)
    assert _audits(engine) == audits
    note = "KTP diperiksa: jenis kelamin salah ketik, minta desa perbaiki"
    r = client.post(f"/console/tinjau/{uuid}", data={"csrf": token, "note": f" {note} "},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    after = _row(engine, uuid)
    assert after.review_note == note and after.reviewed_at is not None
    assert after.seq > before.seq and after.status == "rejected"
    with engine.connect() as conn:
        rows = conn.execute(select(T_AUDIT).where(
            T_AUDIT.c.action == "registration.review",
            T_AUDIT.c.entity == f"registration:{uuid}")).all()
    assert [r.actor for r in rows] == [name] and note not in rows[0].detail
    assert f'data-registration="{uuid}"' not in client.get("/console/tinjau?selesai=1").text
    again = client.post(f"/console/tinjau/{uuid}", data={"csrf": token, "note": "lagi"})
    assert again.status_code == 404  # resolved already: nothing waits
    for each in (other, desk):
        got = _registration_changes(each, before.seq, uuid)
        assert len(got) == 1, each.device_id
        assert got[0]["review_note"] == note and got[0]["status"] == "rejected"
        assert got[0]["seq"] == after.seq
    fixed = record({**payload, "gender": "P"}, version=2, rid=uuid)  # the desk fixes it
    assert desk.push(batch([fixed])).json()["results"][0]["outcome"] == "accepted"
    assert (_row(engine, uuid).review_note, _row(engine, uuid).reviewed_at) == (None, None)
    assert _registration_changes(desk, after.seq, uuid) == []  # an echo again


def test_a_viewer_reads_the_queue_but_cannot_resolve(client, hq_runtime, desk,  # noqa: F811
                                                      new_registration):
    engine = hq_runtime.engine
    uuid, _ = _rejected(desk, new_registration)
    _login(client, _user(engine, "viewer", "32.16.06"))
    page = client.get("/console/tinjau")
    assert page.status_code == 200 and f'data-registration="{uuid}"' in page.text
    assert f'action="/console/tinjau/{uuid}"' not in page.text
    r = client.post(f"/console/tinjau/{uuid}", data={"csrf": _csrf(page.text),
                                                     "note": "boleh?"})
    assert r.status_code == 403
    assert _row(engine, uuid).review_note is None
    client.post("/console/logout", data={"csrf": _csrf(page.text)})
    _login(client, _user(engine, "viewer", "32.16.05"))  # another kecamatan
    assert f'data-registration="{uuid}"' not in client.get("/console/tinjau").text
