"""Transfer fixtures: the real HQ and desk databases of the sync tests, enrolled desks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests import dbfile
from tests.sync.conftest import SETIAMEKAR, Desk, Hq, hq, make_desk  # noqa: F401

from regdesk.cli import main
from regdesk.hq.cli import main as hq_main


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGDESK_KEYRING", "0")  # tokens in the isolated home, never the OS's


@pytest.fixture
def desk(hq: Hq, make_desk: Callable[..., Desk]) -> Desk:  # noqa: F811
    """An enrolled Setiamekar desk holding 5 unsent registrations."""
    instance = make_desk()
    instance.add_demo(5)
    instance.enrol(hq.url, hq.code(SETIAMEKAR))
    return instance


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def run_hq(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = hq_main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def desk_rows(desk: Desk, sql: str) -> list[tuple[Any, ...]]:
    with dbfile.connect(Path(desk.store.path)) as conn:
        return conn.execute(sql).fetchall()


def hq_counts(server: Hq) -> tuple[object, ...]:
    return tuple(server.scalar(f"SELECT count(*) FROM {t}")
                 for t in ("hq_registration", "hq_member", "hq_batch"))
