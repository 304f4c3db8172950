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


def test_docs_pages_are_off_unless_set_but_the_document_stays(hq_runtime):
    from fastapi.testclient import TestClient

    from regdesk.hq.app import create_app
    from regdesk.hq.settings import Settings, env_settings

    url = hq_runtime.settings.db_url
    off = TestClient(create_app(Settings(db_url=url), hq_runtime))
    assert off.get("/docs").status_code == 404 and off.get("/redoc").status_code == 404
    assert off.get("/openapi.json").json()["info"]["title"] == "RegDesk HQ"
    on = TestClient(create_app(Settings(db_url=url, docs=True), hq_runtime))
    assert on.get("/docs").status_code == 200 and on.get("/redoc").status_code == 200
    assert env_settings({"REGDESK_HQ_DOCS": "1"})["docs"] is True
    assert env_settings({})["docs"] is False
