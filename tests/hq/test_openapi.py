"""The checked-in docs/openapi.json must match the app (regenerate on purpose)."""

from __future__ import annotations

import json
from pathlib import Path

from regdesk.hq.openapi import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_openapi_has_not_drifted():
    current = render()
    assert DOC.exists(), "run: python -m regdesk.hq.openapi > docs/openapi.json"
    assert json.loads(DOC.read_text(encoding="utf-8")) == json.loads(current), (
        "API changed: review, then run python -m regdesk.hq.openapi > docs/openapi.json"
    )


def test_openapi_lists_the_protocol():
    paths = set(json.loads(render())["paths"])
    assert paths == {"/api/v1/health", "/api/v1/enrol", "/api/v1/push", "/api/v1/changes",
                     "/api/v1/verify"}
