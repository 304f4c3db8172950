"""Property-based API testing from the OpenAPI document (schemathesis; issue 14 §1).

Every operation of docs/openapi.json, valid (positive) and invalid (negative) requests, with
and without a valid device token, against the real server. Checks on every answer: no 5xx,
status code, content type and body conform to the document. The server's log of the whole
run must hold none of the strings the fuzzer sent (8+ characters), nor any ERROR line.
Bounded: ``EXAMPLES`` per operation, mode and token (deterministic, for CI).
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
EXAMPLES = int(os.environ.get("REGDESK_FUZZ_EXAMPLES", "40"))
RAW = json.loads(DOC.read_text(encoding="utf-8"))
SCHEMA = schemathesis.openapi.from_dict(RAW)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
AUTHED = {"/api/v1/push", "/api/v1/changes"}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
TALLY: Counter[str] = Counter()


class _Log(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(("urllib3", "requests", "schemathesis", "hypothesis")):
            self.records.append(record)


@pytest.fixture(scope="module")
def server_log() -> Iterator[_Log]:
    handler = _Log()
    loggers = [logging.getLogger(n) for n in ("", "uvicorn")]
    for lg in loggers:
        lg.addHandler(handler)
    yield handler
    for lg in loggers:
        lg.removeHandler(handler)


@pytest.fixture(scope="module", autouse=True)
def report(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None and TALLY:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"API fuzz: {TALLY['requests']} requests; "
                                + ", ".join(f"HTTP {k}: {v}" for k, v in sorted(TALLY.items())
                                            if k != "requests"))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def _cases() -> list[Any]:
    out = []
    for op in OPERATIONS:
        spec = RAW["paths"][op.path][op.method.lower()]
        takes_input = "parameters" in spec or "requestBody" in spec  # else nothing to negate
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)[:2 if takes_input else 1]:
            for token in ((True, False) if op.path in AUTHED else (False,)):
                out.append(pytest.param(op, mode, token,
                                        id=f"{op.method.upper()} {op.path} {mode.value}"
                                           f"{' token' if token else ''}"))
    return out


@pytest.mark.parametrize(("operation", "mode", "with_token"), _cases())
def test_api_fuzz(hq_server, desk, server_log, operation, mode, with_token):
    headers = {"Authorization": f"Bearer {desk.token}"} if with_token else {}
    sent: set[str] = set()
    session = requests.Session()
    before = len(server_log.records)

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        if with_token:
            case.headers = {**(case.headers or {}), **headers}
        elif case.headers:
            case.headers.pop("Authorization", None)
        sent.update(s for s in _strings([case.body, case.query, case.path_parameters])
                    if len(s) >= 8)
        response = case.call(base_url=hq_server.url, session=session, timeout=30)
        TALLY["requests"] += 1
        TALLY[f"{response.status_code}"] += 1
        case.validate_response(response, checks=CHECKS)

    run()
    session.close()
    new = server_log.records[before:]
    text = "\n".join(r.getMessage() for r in new)
    assert not [r for r in new if r.levelno >= logging.ERROR], text
    assert not [s for s in sent if s in text], text
