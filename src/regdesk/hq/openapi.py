"""``python -m regdesk.hq.openapi > docs/openapi.json``: the checked-in API description."""

from __future__ import annotations

import json
from typing import Any

from regdesk.hq.app import create_app
from regdesk.hq.settings import Settings


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document (no database needed)."""
    return create_app(Settings(db_url="sqlite:///unused.sqlite3")).openapi()


def render() -> str:
    return json.dumps(openapi_document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(render(), end="")
