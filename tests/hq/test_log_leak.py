"""No personal data in HQ's log, whatever fails (issue 14 §1), over a real uvicorn server.

Known NIKs, names and phones go through every route's failure paths: bad bodies, bad tokens
and internal errors forced by making a store function raise with the data in its message
(as a database error quoting the row would). The log of the whole run is captured (root
and uvicorn's own loggers, tracebacks included) and must hold none of them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import requests

from regdesk.hq import app as hq_app
from regdesk.hq import devices

from .factories import batch, record

NIK = "3216065807910042"
NAME = "Wiryaningsih Kartodirdjo"
PHONE = "+6281399887766"
CLIENT_LOGGERS = ("urllib3", "requests")
SECRETS = (NIK, NAME, PHONE, PHONE.removeprefix("+62"), "Wiryaningsih")


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(CLIENT_LOGGERS):
            return  # the test's own HTTP client logs the URLs it requests
        self.lines.append(self.format(record))
        if record.stack_info:
            self.lines.append(record.stack_info)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@pytest.fixture
def captured() -> Iterator[_Capture]:
    handler = _Capture()
    loggers = [logging.getLogger(n) for n in ("", "uvicorn", "uvicorn.error", "regdesk")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
    yield handler
    for lg, level in zip(loggers, levels, strict=True):
        lg.removeHandler(handler)
        lg.setLevel(level)


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def _boom(*_a: object, **_k: object) -> None:
    raise RuntimeError(f"INSERT failed [parameters: ('{NIK}', '{NAME}', '{PHONE}')]")


def test_no_personal_data_in_the_log_on_any_failure(hq_server, hq_runtime, desk,
                                                    new_registration, captured, monkeypatch):
    url = f"{hq_server.url}/api/v1"
    reg = new_registration(full_name=NAME, phone=PHONE)
    reg["nik"] = NIK
    auth = {"Authorization": f"Bearer {desk.token}"}
    answers: list[requests.Response] = []

    def send(method: str, path: str, **kw: object) -> None:
        answers.append(requests.request(method, f"{url}/{path}", timeout=30, **kw))

    # /enrol, no token: personal data as code and device name, bad types, not Unicode
    send("POST", "enrol", json={"code": NIK, "device_name": NAME})
    send("POST", "enrol", json={"code": NIK * 5, "device_name": PHONE})
    send("POST", "enrol", json={"code": [NIK], "device_name": {"n": NAME}})
    send("POST", "enrol", data=f'{{"code": "{NIK}\\ud800", "device_name": "{NAME}"}}')
    send("POST", "enrol", data=f'{{"code": "{NIK}", "device_name": ')
    # /push: no token, bad tokens, bad bodies, a record HQ rejects
    body = batch([record(reg)])
    send("POST", "push", json=body)
    send("POST", "push", json=body, headers={"Authorization": f"Bearer {NIK}"})
    send("POST", "push", json=body, headers={"Authorization": f"Basic {NAME}"})
    send("POST", "push", json={**body, "batch_id": NIK}, headers=auth)
    send("POST", "push", json=batch([record(reg, version=2**40)]), headers=auth)
    send("POST", "push", json={"batch_id": NAME, "records": [{"payload": NAME}]}, headers=auth)
    send("POST", "push", data=json.dumps(body).replace(f'"{NAME}"', f'"{NAME}\\udc00"'),
         headers=auth)
    send("POST", "push", json=batch([record({**reg, "birth_date": "bad"})]), headers=auth)
    # /changes and /verify
    send("GET", "changes", params={"since": NAME}, headers=auth)
    send("GET", "changes", params={"since": NIK + "0000"}, headers={"Authorization": NIK})
    send("GET", "verify", params={"qr": f"RD1.{NIK}.{NAME}"})
    send("GET", "verify", params={"qr": NIK * 500})
    refused = len(answers)
    # internal errors whose message holds the data, on every route
    monkeypatch.setattr(devices, "enrol", _boom)
    monkeypatch.setattr(hq_runtime.ingestor, "push", _boom)
    monkeypatch.setattr(hq_app, "changes_since", _boom)
    monkeypatch.setattr(hq_app, "verify_card", _boom)
    code = devices.create_enrol_code(hq_runtime.engine, village_code=desk.village_code, hours=1)
    send("POST", "enrol", json={"code": code, "device_name": NAME})
    send("POST", "push", json=body, headers=auth)
    send("GET", "changes", params={"since": 0}, headers=auth)
    send("GET", "verify", params={"qr": f"RD1.{NIK}"})

    statuses = [r.status_code for r in answers[:refused]]
    assert all(s < 500 for s in statuses) and statuses.count(422) >= 8, statuses
    failed = answers[refused:]
    assert [r.status_code for r in failed] == [500] * 4
    for r in answers:
        if r.status_code >= 400:  # error answers never echo what was sent
            assert r.json()["code"] and not _leaks(r.text), r.text
    ids = [r.json()["error_id"] for r in failed]
    assert len(set(ids)) == 4
    for error_id, path in zip(ids, ("enrol", "push", "changes", "verify"), strict=True):
        line = next(line for line in captured.lines if error_id in line)
        assert f"/api/v1/{path}" in line and "RuntimeError" in line
        assert "parameters" not in line
    assert _leaks(captured.text) == [], captured.text
