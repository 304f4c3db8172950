"""``Ingestor.push`` in process, on SQLite and PostgreSQL: batches whose records act on each
other (NIK moves, several versions of one uuid, in-batch repeats)."""

from __future__ import annotations

import json
import uuid
from datetime import date

from sqlalchemy import select

from regdesk.hq import devices
from regdesk.hq.tables import T_MEMBER, T_REG
from regdesk.wire import PushRequest

from .factories import VILLAGE, batch, record

TODAY = date(2026, 12, 1)


def _push(rt, device, records, batch_id=None):
    body = PushRequest.model_validate(batch(records, batch_id))
    text = rt.ingestor.push(device, body, rt.contexts.get(), TODAY)
    return text, json.loads(text)["results"]


def _device(rt):
    code = devices.create_enrol_code(rt.engine, village_code=VILLAGE, hours=1)
    return devices.enrol(rt.engine, code=code, device_name="desk")[0]


def test_a_nik_moved_by_an_edit_is_taken_in_the_same_batch(hq_runtime, new_registration):
    dev = _device(hq_runtime)
    a, spare = new_registration(), new_registration()
    rid = str(uuid.uuid4())
    _, first = _push(hq_runtime, dev, [record(a, rid=rid)])
    taker = str(uuid.uuid4())
    moved = {**a, "nik": spare["nik"], "birth_date": spare["birth_date"]}
    _, res = _push(hq_runtime, dev, [record(moved, rid=rid, version=2), record(a, rid=taker)])
    assert [r["outcome"] for r in res] == ["accepted", "accepted"]
    assert res[0]["member_number"] == first[0]["member_number"] != res[1]["member_number"]
    with hq_runtime.engine.connect() as conn:
        niks = dict(conn.execute(select(T_MEMBER.c.uuid, T_MEMBER.c.nik)
                                 .where(T_MEMBER.c.uuid.in_([rid, taker]))).all())
    assert niks == {rid: spare["nik"], taker: a["nik"]}


def test_versions_and_repeats_of_one_uuid_in_a_batch(hq_runtime, new_registration):
    dev = _device(hq_runtime)
    reg = new_registration()
    rid = str(uuid.uuid4())
    edited = {**reg, "rt": "005"}
    text, res = _push(hq_runtime, dev, [
        record(reg, rid=rid), record(edited, rid=rid, version=2),
        record(edited, rid=rid, version=2), record({**reg, "rt": "006"}, rid=rid, version=2),
        record(reg, rid=rid)])
    assert [r["outcome"] for r in res] == ["accepted", "accepted", "accepted", "conflict",
                                           "stale"]
    assert res[1] == res[2] and res[0]["member_number"] == res[1]["member_number"]
    with hq_runtime.engine.connect() as conn:
        row = conn.execute(select(T_REG).where(T_REG.c.uuid == rid)).one()
    assert (row.version, row.status, row.registration_number) == (2, "accepted",
                                                            res[1]["member_number"])
    assert json.loads(row.answer) == res[1]
    # the same record in a later batch: the stored answer, byte for byte
    again, _ = _push(hq_runtime, dev, [record(edited, rid=rid, version=2)])
    assert again.split('"results":[', 1)[1] == row.answer + "]}"
    assert text.startswith('{"batch_id":"')
