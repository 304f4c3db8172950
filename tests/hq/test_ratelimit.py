"""Rate limits (issue 14 §1): per device token on the API, per client address on /enrol and
/verify; 429 with Retry-After. Small limits on a server of their own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from regdesk.hq.app import create_app
from regdesk.hq.ratelimit import parse_rates
from regdesk.hq.server import ThreadedServer, start_in_thread
from regdesk.hq.settings import Limits, Settings

from .conftest import enrol_desk

RATES = Limits(rate_api="5/minute", rate_enrol="3/minute", rate_verify="4/minute")


@pytest.fixture
def limited(hq_runtime) -> Iterator[ThreadedServer]:
    server = start_in_thread(create_app(Settings(db_url=hq_runtime.settings.db_url,
                                                 limits=RATES), hq_runtime))
    yield server
    server.stop()


def _limited(r: requests.Response) -> int:
    assert r.status_code == 429, (r.status_code, r.text)
    assert r.json()["code"] == "rate.limited"
    wait = int(r.headers["Retry-After"])
    assert 1 <= wait <= 60
    return wait


def test_enrol_is_limited_per_address(limited):
    body = {"code": "ZZZZ-ZZZZ-ZZZZ", "device_name": "guess"}
    codes = [requests.post(f"{limited.url}/api/v1/enrol", json=body, timeout=10).status_code
             for _ in range(3)]
    assert codes == [403, 403, 403]
    _limited(requests.post(f"{limited.url}/api/v1/enrol", json=body, timeout=10))
    # other routes have their own counters
    assert requests.get(f"{limited.url}/api/v1/health", timeout=10).status_code == 200


def test_verify_is_limited_per_address(limited):
    answers = [requests.get(f"{limited.url}/api/v1/verify", params={"qr": "RD1.x.y"},
                            timeout=10) for _ in range(5)]
    assert [r.status_code for r in answers[:4]] == [200] * 4
    _limited(answers[4])


def test_api_is_limited_per_device_token(limited, hq_server, hq_runtime):
    one, two = enrol_desk(hq_server, hq_runtime), enrol_desk(hq_server, hq_runtime)
    for desk in (one, two):
        desk.url = limited.url
    assert [one.changes(0).status_code for _ in range(5)] == [200] * 5
    _limited(one.changes(0))
    _limited(one.push({"batch_id": "not read", "records": []}))  # refused before parsing
    assert two.changes(0).status_code == 200  # another token: its own budget


def test_without_a_token_the_api_is_limited_per_address(limited):
    codes = [requests.get(f"{limited.url}/api/v1/changes", timeout=10).status_code
             for _ in range(6)]
    assert codes == [401] * 5 + [429]


def test_rates_are_checked_when_read():
    assert [str(i) for i in parse_rates("rate_api", "10/second;100/hour")] == [
        "10 per 1 second", "100 per 1 hour"]
    with pytest.raises(ValueError, match="REGDESK_HQ_RATE_ENROL"):
        parse_rates("rate_enrol", "often")
    with pytest.raises(ValueError, match="REGDESK_HQ_RATE_API"):
        create_app(Settings(db_url="sqlite:///unused.sqlite3", limits=Limits(rate_api="x")))
