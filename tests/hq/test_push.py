"""Push over a real uvicorn server, on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import json
import uuid
from datetime import date

import requests
from sqlalchemy import func, select

from regdesk.hq.numbers import is_valid_registration_number
from regdesk.hq.tables import T_BATCH, T_REG
from regdesk.transfer.signing import decode_public_key, verify_card
from regdesk.wire import PushResponse

from .conftest import enrol_desk
from .factories import OTHER_VILLAGE, VILLAGE, batch, record


def _results(resp: requests.Response) -> list[dict]:
    assert resp.status_code == 200, resp.text
    PushResponse.model_validate(resp.json())
    return resp.json()["results"]


def test_accepted_gets_member_number_and_verifiable_card(desk, new_registration):
    res = _results(desk.push(batch([record(new_registration())])))
    assert res[0]["outcome"] == "accepted"
    assert is_valid_registration_number(res[0]["member_number"])
    card = verify_card(res[0]["card_qr"], decode_public_key(desk.public_key))
    assert card.member_number == res[0]["member_number"]
    assert card.village_code == VILLAGE and card.village_name == "Setiamekar"
    assert card.nik_masked.startswith("3216") and "*" in card.nik_masked
    v = requests.get(f"{desk.url}/api/v1/verify", params={"qr": res[0]["card_qr"]}, timeout=10)
    assert v.json()["valid"] is True and v.json()["member_number"] == card.member_number
    bad = requests.get(f"{desk.url}/api/v1/verify", params={"qr": "RD1.xx.yy"}, timeout=10)
    assert bad.json()["valid"] is False


def test_resent_batch_same_answer_no_new_rows(desk, new_registration, hq_runtime):
    body = batch([record(new_registration()), record(new_registration(full_name="X"))])
    first = desk.push(body)
    with hq_runtime.engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(T_REG)).scalar()
        batches = conn.execute(select(func.count()).select_from(T_BATCH)).scalar()
    second = desk.push(body)
    assert second.content == first.content
    with hq_runtime.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(T_REG)).scalar() == before
        assert conn.execute(select(func.count()).select_from(T_BATCH)).scalar() == batches
    outcomes = [r["outcome"] for r in _results(first)]
    assert outcomes == ["accepted", "rejected"]


def test_batch_id_reused_with_other_content_is_409(desk, new_registration):
    body = batch([record(new_registration())])
    assert desk.push(body).status_code == 200
    body["records"].append(record(new_registration()))
    r = desk.push(body)
    assert r.status_code == 409 and r.json()["code"] == "batch.reused"


def test_member_number_stable_across_versions_and_resends(desk, new_registration):
    reg = new_registration()
    rid = str(uuid.uuid4())
    a = _results(desk.push(batch([record(reg, rid=rid)])))[0]
    again = _results(desk.push(batch([record(reg, rid=rid)])))[0]
    assert again == a  # same uuid+version+content in another batch: same answer
    b = _results(desk.push(batch([record({**reg, "address": "Jl. Melati 2"}, rid=rid,
                                         version=2)])))[0]
    assert b["outcome"] == "accepted" and b["member_number"] == a["member_number"]


def test_conflict_and_stale(desk, new_registration):
    reg = new_registration()
    rid = str(uuid.uuid4())
    _results(desk.push(batch([record(reg, rid=rid, version=2)])))
    conflict = _results(desk.push(batch([record({**reg, "rt": "009"}, rid=rid, version=2)])))
    assert conflict[0]["outcome"] == "conflict"
    stale = _results(desk.push(batch([record(reg, rid=rid, version=1)])))
    assert stale[0]["outcome"] == "stale"


def test_duplicate_nik_across_villages(hq_server, hq_runtime, desk, new_registration):
    other = enrol_desk(hq_server, hq_runtime, OTHER_VILLAGE)
    reg = new_registration()
    first = _results(desk.push(batch([record(reg)])))[0]
    assert first["outcome"] == "accepted"
    dup = _results(other.push(batch([record({**reg, "village_code": OTHER_VILLAGE})])))[0]
    assert dup["outcome"] == "duplicate"
    assert "member_number" not in dup
    assert dup["duplicate_of"]["village_code"] == VILLAGE
    assert dup["duplicate_of"]["village_name"] == "Setiamekar"
    assert dup["duplicate_of"]["since"] == hq_runtime.today().isoformat()


def test_duplicate_inside_one_batch(desk, new_registration):
    reg = new_registration()
    res = _results(desk.push(batch([record(reg), record(reg)])))
    assert [r["outcome"] for r in res] == ["accepted", "duplicate"]


def test_wrong_village_forbidden(desk, new_registration, caplog):
    reg = new_registration(village_code=OTHER_VILLAGE)
    with caplog.at_level("WARNING"):
        res = _results(desk.push(batch([record(reg)])))
    assert res[0]["outcome"] == "forbidden"
    assert reg["nik"] not in caplog.text and reg["full_name"] not in caplog.text


def test_invalid_record_rejected_with_field_and_code(desk, new_registration):
    res = _results(desk.push(batch([record(new_registration(rt="abc", income="lots"))])))
    assert res[0]["outcome"] == "rejected"
    assert {"field": "income", "code": "type.integer"} in [
        {"field": p["field"], "code": p["code"]} for p in res[0]["problems"]]
    res = _results(desk.push(batch([record(new_registration(consent_given=False))])))
    assert res[0]["outcome"] == "rejected"
    assert [p["code"] for p in res[0]["problems"]] == ["consent.required"]


def test_revoked_and_unknown_token_401(desk, new_registration, hq_runtime):
    from regdesk.hq.devices import revoke_device

    body = batch([record(new_registration())])
    assert revoke_device(hq_runtime.engine, desk.device_id)
    assert desk.push(body).status_code == 401
    desk.token = "nonsense"
    assert desk.push(body).status_code == 401
    r = requests.post(f"{desk.url}/api/v1/push", json=body, timeout=10)
    assert r.status_code == 401


def test_gzip_body(desk, new_registration):
    data = gzip.compress(json.dumps(batch([record(new_registration())])).encode())
    r = requests.post(f"{desk.url}/api/v1/push", data=data, timeout=30, headers={
        "Authorization": f"Bearer {desk.token}", "Content-Encoding": "gzip",
        "Content-Type": "application/json"})
    assert _results(r)[0]["outcome"] == "accepted"
    r = requests.post(f"{desk.url}/api/v1/push", data=b"not gzip", timeout=30, headers={
        "Authorization": f"Bearer {desk.token}", "Content-Encoding": "gzip"})
    assert r.status_code == 400


def test_batch_too_large_413(desk, new_registration):
    reg = new_registration()
    r = desk.push(batch([record(reg) for _ in range(101)]))
    assert r.status_code == 413 and r.json()["code"] == "batch.too_large"


def test_health(hq_server):
    assert requests.get(f"{hq_server.url}/api/v1/health", timeout=5).json() == {"status": "ok"}


def test_second_occupation_is_validated_like_the_main_one(desk, new_registration):
    good = new_registration(second_occupation_code="ojek-pangkalan")
    res = _results(desk.push(batch([record(good)])))
    assert res[0]["outcome"] == "accepted"
    for second, code in (("astronot", "occupation.unknown"),
                         ("petani", "occupation.same_as_main")):
        res = _results(desk.push(batch([record(new_registration(second_occupation_code=second))])))
        assert res[0]["outcome"] == "rejected"
        assert [(p["field"], p["code"]) for p in res[0]["problems"]] == [
            ("second_occupation_code", code)]


def test_renewals_are_validated_at_hq_like_on_the_desk(desk, new_registration):
    base = new_registration()
    first = date.fromisoformat((base.get("start_month") or base["consent_at"])[:7] + "-01")
    after = date(first.year + (first.month == 12), first.month % 12 + 1, 1)  # period: 1 month
    assert base["period_months"] == 1
    good = new_registration(renewals=[{"start_month": after.isoformat(), "months": 12,
                                       "funding": "apbdes", "sponsor_name": "Pemdes"}])
    res = _results(desk.push(batch([record(good)])))
    assert res[0]["outcome"] == "accepted"
    overlapping = new_registration(renewals=[{"start_month": first.isoformat(), "months": 3,
                                              "funding": "self"}])
    res = _results(desk.push(batch([record(overlapping)])))
    assert res[0]["outcome"] == "rejected"
    assert [(p["field"], p["code"]) for p in res[0]["problems"]] == [
        ("renewals", "renewal.overlap")]

def test_hq_refuses_by_the_same_age_limits_and_takes_new_ones(desk, hq_runtime):
    from datetime import date

    from regdesk import masterdata
    from regdesk.hq import master

    from .factories import nik_for, registration_dict

    born = date(hq_runtime.today().year - 14, 1, 1)  # 14 on HQ's day, whatever it is
    boy = {"nik": nik_for(born, female=False, serial=9001), "birth_date": born.isoformat(),
           "gender": "L"}
    res = _results(desk.push(batch([record(registration_dict(**boy))])))
    assert res[0]["outcome"] == "rejected"
    assert [(p["field"], p["code"]) for p in res[0]["problems"]] == [
        ("birth_date", "age.too_young")]
    lower = {"rules": [{"valid_from": "2015-07-01", "valid_to": None, "minimum_age": 13,
                        "warn_below_age": 15, "below_age": 65}]}
    try:
        master.set_age_limits(hq_runtime.engine, lower)
        with hq_runtime.engine.connect() as conn:
            assert master.age_limits(conn)[1].rules[0].minimum_age == 13
        res = _results(desk.push(batch([record(registration_dict(**{
            **boy, "nik": nik_for(born, female=False, serial=9002)}))])))
        assert res[0]["outcome"] == "accepted"
    finally:
        master.set_age_limits(hq_runtime.engine, masterdata.age_limits_dict())
