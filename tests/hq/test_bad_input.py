"""Malformed requests get a 4xx, never a 500 (issue 14 §1), over a real uvicorn server.

The four causes found by fuzzing: a lone surrogate in any string, the 422 answer echoing
such a string or an infinity, ``version`` ≥ 2^63 and ``/changes?since=`` ≥ 2^63. Each is
reachable without a token through ``/enrol``.
"""

from __future__ import annotations

import json
import uuid

import pytest
import requests

from regdesk.wire.push import MAX_VERSION

from .factories import batch, record

BIG = 2**63
SURROGATE = '"\\ud800"'  # JSON text of a lone surrogate: valid JSON, not valid Unicode


def _post(url: str, path: str, text: str, token: str | None = None) -> requests.Response:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return requests.post(f"{url}/api/v1/{path}", data=text.encode("ascii"), headers=headers,
                         timeout=30)


def _refused(r: requests.Response, *, status: int = 422) -> dict:
    assert r.status_code == status, (r.status_code, r.text)
    body = r.json()
    assert set(body) >= {"code", "detail"} and isinstance(body["detail"], str)
    return body


@pytest.mark.parametrize("text", [
    f'{{"code": {SURROGATE}, "device_name": "desk"}}',          # too short: echoed by default
    f'{{"code": "ABCD-EFGH", "device_name": {SURROGATE}}}',     # valid length, not Unicode
    '{"code": "ABCD\\udfffEFGH", "device_name": "desk"}',
    '{"code": Infinity, "device_name": "desk"}',                # echoed infinity
    '{"code": NaN, "device_name": -Infinity}',
], ids=["short-surrogate", "name-surrogate", "code-surrogate", "inf", "nan"])
def test_enrol_without_token_refuses_bad_strings_and_numbers(hq_server, text):
    body = _refused(_post(hq_server.url, "enrol", text))
    assert body["code"] == "request.invalid"
    assert "inf" not in body["detail"].lower() and "\ud800" not in body["detail"]


def test_enrol_ignores_an_unknown_key_even_when_not_unicode(hq_server):
    # unknown keys are ignored (the protocol only ever adds optional fields)
    r = _post(hq_server.url, "enrol", f'{{"code": "ABCD-EFGH", "device_name": "desk", '
              f'{SURROGATE}: 1}}')
    assert _refused(r, status=403)["code"] == "enrol.invalid"


def test_422_names_field_and_rule_but_never_echoes_the_input(hq_server):
    r = _post(hq_server.url, "enrol", json.dumps({"code": "3216064508900001" * 5,
                                                  "device_name": "Siti Aminah"}))
    body = _refused(r)
    assert "body.code" in body["detail"] and "string_too_long" in body["detail"]
    assert "3216064508900001" not in r.text and "Siti" not in r.text


def test_422_on_json_syntax_error_does_not_echo_the_body(hq_server):
    r = _post(hq_server.url, "enrol", '{"code": "3216064508900001", "device_name": ')
    _refused(r)
    assert "3216064508900001" not in r.text


@pytest.mark.parametrize("field", ["local_ref", "payload_value", "payload_key", "nested"])
def test_push_refuses_lone_surrogates_anywhere(desk, new_registration, field):
    reg = new_registration()
    rec = record(reg)
    marker = "SURROGATE-HERE"
    if field == "local_ref":
        rec["local_ref"] = marker
    elif field == "payload_value":
        rec["payload"]["full_name"] = marker
    elif field == "payload_key":
        rec["payload"][marker] = "x"
    else:
        rec["payload"]["extra"] = {"list": [1, {"deep": marker}]}
    text = json.dumps(batch([rec])).replace(f'"{marker}"', SURROGATE)
    body = _refused(_post(desk.url, "push", text, desk.token))
    assert body["code"] == "request.invalid"
    assert reg["nik"] not in body["detail"]


def test_push_refuses_non_finite_numbers_in_payload(desk, new_registration):
    rec = record(new_registration())
    rec["payload"]["income"] = "INCOME"
    text = json.dumps(batch([rec])).replace('"INCOME"', "Infinity")
    assert _refused(_post(desk.url, "push", text, desk.token))["code"] == "request.invalid"


@pytest.mark.parametrize("version", [MAX_VERSION + 1, BIG, BIG * 4, -1, 0])
def test_push_version_out_of_range_is_422(desk, new_registration, version):
    rec = record(new_registration(), version=version)
    body = _refused(desk.push(batch([rec])))
    assert "version" in body["detail"]


def test_push_largest_version_is_accepted(desk, new_registration):
    r = desk.push(batch([record(new_registration(), version=MAX_VERSION)]))
    assert r.status_code == 200, r.text
    assert r.json()["results"][0]["version"] == MAX_VERSION


def test_push_huge_integer_in_payload_is_422(desk, new_registration):
    rec = record(new_registration(income=10**30))
    assert _refused(desk.push(batch([rec])))["code"] == "request.invalid"


@pytest.mark.parametrize("since", [BIG, 10**30])
def test_changes_since_out_of_range_is_422(desk, since):
    body = _refused(desk.changes(since))
    assert "since" in body["detail"]


def test_changes_since_largest_is_an_empty_page(desk):
    r = desk.changes(BIG - 1)
    assert r.status_code == 200, r.text
    assert r.json()["changes"] == [] and r.json()["next_cursor"] == BIG - 1


def test_push_batch_id_not_a_uuid_is_422_without_echo(desk):
    r = _post(desk.url, "push", json.dumps({"batch_id": "3216064508900001", "records": []}),
              desk.token)
    _refused(r)
    assert "3216064508900001" not in r.text


def test_push_deeply_nested_payload_is_refused(desk, new_registration):
    rec = record(new_registration())
    rec["payload"]["deep"] = "DEEP"
    text = json.dumps(batch([rec])).replace('"DEEP"', "[" * 5000 + "]" * 5000)
    r = _post(desk.url, "push", text, desk.token)
    assert r.status_code in (400, 422), r.text


def test_verify_with_lone_surrogate_in_query_is_answered(hq_server):
    r = requests.get(f"{hq_server.url}/api/v1/verify?qr=RD1.%ED%A0%80.x", timeout=10)
    assert r.status_code == 200 and r.json()["valid"] is False


def test_unknown_route_and_method_answer_error_json(hq_server):
    r = requests.get(f"{hq_server.url}/api/v1/{uuid.uuid4()}", timeout=10)
    assert r.status_code == 404 and r.json()["code"] == "http.404"
    r = requests.delete(f"{hq_server.url}/api/v1/push", timeout=10)
    assert r.status_code == 405 and r.json()["code"] == "http.405"


def test_validation_detail_keeps_schema_names_and_hides_client_keys():
    from regdesk.hq.errors import validation_detail

    detail = validation_detail([
        {"loc": ("body", "records", 3, "version"), "type": "less_than_equal",
         "ctx": {"le": 5}, "input": 9},
        {"loc": ("body", "payload", "Siti Aminah", 3216064508900001), "type": "x y",
         "input": "Siti Aminah"},
    ] + [{"loc": ("query", "since"), "type": "int_parsing"}] * 11)
    assert detail.startswith("body.records.3.version: less_than_equal (le=5); "
                             "body.payload.*.3216064508900001: invalid; query.since")
    assert "Siti" not in detail and detail.endswith("and 3 more")
