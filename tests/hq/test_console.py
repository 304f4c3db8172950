"""The HQ console without a browser (TestClient, SQLite and PostgreSQL): sign-in, CSRF on
every POST, the growing sign-in delay, roles and a viewer's kecamatan scope, the idle
timeout, the audit log, and that device tokens and console cookies stay apart."""

from __future__ import annotations

import dataclasses
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from regdesk.hq import devices, operators
from regdesk.hq.app import create_app
from regdesk.hq.cli import main
from regdesk.hq.coverage import district_coverage
from regdesk.hq.tables import T_AUDIT, T_ENROL

from .console_seed import AT, KECAMATAN, V1, V2, seed_district

PASSWORD = "kata-sandi-panjang"
_seeded: set[str] = set()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 5, 20, 3, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def console_clock() -> Clock:
    return Clock()


@pytest.fixture
def client(hq_runtime, console_clock, tmp_path):
    if hq_runtime.settings.db_url not in _seeded:
        seed_district(hq_runtime.engine, tmp_path)
        _seeded.add(hq_runtime.settings.db_url)
    rt = dataclasses.replace(hq_runtime, today=lambda: AT)
    app = create_app(rt.settings, rt)
    app.state.console.clock = console_clock
    with TestClient(app) as c:
        yield c


def _user(engine, role: str, kecamatan: str | None = None) -> str:
    name = f"{role}-{uuid.uuid4().hex[:8]}"
    operators.add_operator(engine, username=name, password=PASSWORD, role=role,
                           kecamatan=kecamatan, now=datetime(2026, 5, 1, tzinfo=UTC))
    return name


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def _login(c: TestClient, name: str, password: str = PASSWORD):
    token = _csrf(c.get("/console/login").text)
    return c.post("/console/login", data={"username": name, "password": password,
                                          "csrf": token}, follow_redirects=False)


def _audit(engine, action: str, entity: str) -> list:
    with engine.connect() as conn:
        return conn.execute(select(T_AUDIT).where(T_AUDIT.c.action == action,
                                                  T_AUDIT.c.entity == entity)).all()


def test_operators_cli_add_list_disable(db_url, hq_runtime, capsys, monkeypatch):
    name = f"cli-{uuid.uuid4().hex[:6]}"
    monkeypatch.setenv("REGDESK_HQ_NEW_PASSWORD", "pendek")
    assert main(["--db", db_url, "operators", "add", name, "--role", "admin"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "regdesk-hq: error: password: must have at least 10 characters"
    monkeypatch.setenv("REGDESK_HQ_NEW_PASSWORD", PASSWORD)
    assert main(["--db", db_url, "operators", "add", name, "--role", "viewer",
                 "--kecamatan", KECAMATAN]) == 0
    assert f"operator {name} added as viewer (kecamatan {KECAMATAN})" in capsys.readouterr().out
    assert main(["--db", db_url, "operators", "add", name, "--role", "admin"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["--db", db_url, "operators", "add", "x" + name, "--role", "admin",
                 "--kecamatan", KECAMATAN]) == 1
    assert "only a viewer" in capsys.readouterr().err
    assert main(["--db", db_url, "operators", "list"]) == 0
    assert f"{name}\tviewer\t{KECAMATAN}\tactive" in capsys.readouterr().out
    assert main(["--db", db_url, "operators", "disable", name]) == 0
    assert main(["--db", db_url, "operators", "list"]) == 0
    assert f"{name}\tviewer\t{KECAMATAN}\tdisabled" in capsys.readouterr().out
    assert _audit(hq_runtime.engine, "operator.add", f"operator:{name}")[0].actor == "cli"
    assert _audit(hq_runtime.engine, "operator.disable", f"operator:{name}")
    with hq_runtime.engine.connect() as conn:  # no password, no hash in the audit log
        details = [r.detail for r in conn.execute(select(T_AUDIT.c.detail))]
    assert not any(PASSWORD in d or "argon2" in d for d in details)


def test_sign_in_and_pages_and_sign_out(client, hq_runtime):
    name = _user(hq_runtime.engine, "admin")
    assert client.get("/console/", follow_redirects=False).headers["location"] == \
        "/console/login"
    r = _login(client, name)
    assert r.status_code == 303 and r.headers["location"] == "/console/"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/console" in cookie
    for path in ("/console/", "/console/desa", "/console/perangkat"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "no-store" in page.headers["cache-control"]
    assert _audit(hq_runtime.engine, "login", f"operator:{name}")
    token = _csrf(client.get("/console/").text)
    assert client.post("/console/logout", data={"csrf": token},
                       follow_redirects=False).status_code == 303
    assert client.get("/console/", follow_redirects=False).status_code == 303
    assert _audit(hq_runtime.engine, "logout", f"operator:{name}")


def test_the_overview_shows_district_coverage(client, hq_runtime):
    """A viewer of kecamatan 32.16.05 sees its figures exactly as district_coverage has them."""
    name = _user(hq_runtime.engine, "viewer", KECAMATAN)
    _login(client, name)
    rows = {r.area: r for r in district_coverage(hq_runtime.engine, at=AT, kecamatan=KECAMATAN)
            if r.group is None}
    html = client.get("/console/").text
    top = rows[KECAMATAN]
    assert (top.covered, top.workers, top.still_needed) == (63, 150, 35)
    for field, value in (("covered", 63), ("workers", 150), ("needed", 35), ("active", 3)):
        assert f'id="top-{field}" data-value="{value}"' in html
    assert "Tambun Utara" in html and "63,0%" not in html  # 63/150 = 42,0 %
    assert "42,0%" in html
    desa = client.get("/console/desa").text
    for v, covered, needed in ((V1, 41, 24), (V2, 22, 11)):
        row = re.search(rf'<tr data-area="{re.escape(v)}">(.*?)</tr>', desa, re.S).group(1)
        assert (rows[v].covered, rows[v].still_needed) == (covered, needed)
        assert f'data-value="{covered}"' in row and f'data-value="{needed}"' in row
    assert "32.16.06." not in desa  # the viewer's scope: one kecamatan


def test_english_is_switchable(client, hq_runtime):
    _login(client, _user(hq_runtime.engine, "operator"))
    assert "Ringkasan" in client.get("/console/").text
    page = client.get("/console/lang/en?next=/console/desa")
    assert page.status_code == 200 and "Still needed" in page.text and 'lang="en"' in page.text
    assert client.get("/console/lang/en?next=https://evil.example/",
                      follow_redirects=False).headers["location"] == "/console/"


def test_every_post_needs_the_session_csrf_token(client, hq_runtime):
    name = _user(hq_runtime.engine, "admin")
    assert client.post("/console/login", data={"username": name, "password": PASSWORD}
                       ).status_code == 403  # even signing in
    _login(client, name)
    with hq_runtime.engine.connect() as conn:
        codes = len(conn.execute(select(T_ENROL)).all())
    for token in ("", "forged", _csrf(TestClient(client.app).get("/console/login").text)):
        r = client.post("/console/perangkat/kode", data={"village": V1, "csrf": token})
        assert r.status_code == 403 and "token" in r.text
    with hq_runtime.engine.connect() as conn:
        assert len(conn.execute(select(T_ENROL)).all()) == codes  # nothing written
    assert client.post("/console/logout", data={}).status_code == 403


def test_wrong_passwords_lock_with_a_growing_delay(client, hq_runtime, console_clock):
    name = _user(hq_runtime.engine, "admin")
    for _ in range(3):
        r = _login(client, name, "salah-salah-salah")
        assert r.status_code == 401 and "salah" in r.text
    r = _login(client, name)  # the right password, but locked for 2 s after three failures
    assert r.status_code == 429 and "2 detik" in r.text
    console_clock.now += timedelta(seconds=3)
    assert _login(client, name, "salah-lagi-salah").status_code == 401
    assert "4 detik" in _login(client, name).text  # the delay doubles
    console_clock.now += timedelta(seconds=5)
    assert _login(client, name).status_code == 303  # right: the count resets
    assert _audit(hq_runtime.engine, "login.failed", f"operator:{name}")
    assert _audit(hq_runtime.engine, "login.locked", f"operator:{name}")
    unknown = _login(client, "nobody-" + name, "salah-salah-salah")
    assert unknown.status_code == 401 and "salah" in unknown.text  # same answer


@pytest.mark.parametrize("role", ["viewer", "operator"])
def test_only_admins_open_perangkat(client, hq_runtime, role):
    _login(client, _user(hq_runtime.engine, role))
    assert client.get("/console/").status_code == 200
    assert client.get("/console/perangkat").status_code == 403
    token = _csrf(client.get("/console/").text)
    assert client.post("/console/perangkat/kode",
                       data={"village": V1, "csrf": token}).status_code == 403
    assert 'href="/console/perangkat"' not in client.get("/console/").text


def test_the_session_ends_after_the_idle_timeout(client, hq_runtime, console_clock):
    _login(client, _user(hq_runtime.engine, "viewer"))
    console_clock.now += timedelta(minutes=29)
    assert client.get("/console/").status_code == 200  # seen again: the timeout slides
    console_clock.now += timedelta(minutes=29)
    assert client.get("/console/").status_code == 200
    console_clock.now += timedelta(minutes=31)
    r = client.get("/console/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/login?expired=1"
    assert "lama tidak aktif" in client.get(r.headers["location"]).text


def test_a_disabled_operator_is_signed_out_at_once(client, hq_runtime):
    name = _user(hq_runtime.engine, "admin")
    _login(client, name)
    assert operators.disable_operator(hq_runtime.engine, name, now=AT_MOMENT)
    assert client.get("/console/", follow_redirects=False).status_code == 303
    assert _login(client, name).status_code == 401


AT_MOMENT = datetime(2026, 5, 20, 4, 0, tzinfo=UTC)


def test_issue_code_and_revoke_are_audited(client, hq_runtime):
    _login(client, _user(hq_runtime.engine, "admin"))
    page = client.post("/console/perangkat/kode",
                       data={"village": V1, "csrf": _csrf(client.get("/console/").text)})
    code = re.search(r'id="enrol-code" class="code">([A-Z0-9-]+)<', page.text).group(1)
    assert "http://testserver" in page.text and f"Kode untuk Satriajaya ({V1})" in page.text
    bad = client.post("/console/perangkat/kode",
                      data={"village": "32.16.05.9999", "csrf": _csrf(page.text)})
    assert bad.status_code == 400 and "tidak dikenal" in bad.text
    dev, token = devices.enrol(hq_runtime.engine, code=code, device_name="desk-console")
    page = client.get("/console/perangkat")
    assert f'data-device="{dev.id}"' in page.text and dev.id not in re.sub(
        r'(data-device|action)="[^"]*"', "", page.text)  # the id is no text on screen
    r = client.post(f"/console/perangkat/{dev.id}/cabut", data={"csrf": _csrf(page.text)},
                    follow_redirects=False)
    assert r.status_code == 303
    assert devices.authenticate(hq_runtime.engine, token) is None
    assert _audit(hq_runtime.engine, "device.revoke", f"device:{dev.id}")
    assert _audit(hq_runtime.engine, "enrol_code.issue", f"village:{V1}")


def test_device_tokens_and_console_cookies_stay_apart(client, hq_runtime):
    code = devices.create_enrol_code(hq_runtime.engine, village_code=V2, hours=1)
    enrolled = client.post("/api/v1/enrol", json={"code": code, "device_name": "d"}).json()
    bearer = {"Authorization": f"Bearer {enrolled['token']}"}
    assert client.get("/console/", headers=bearer, follow_redirects=False).status_code == 303
    r = _login(client, _user(hq_runtime.engine, "admin"))
    cookie = r.cookies.get("regdesk_console") or client.cookies.get("regdesk_console")
    api = TestClient(client.app)
    refused = api.get("/api/v1/changes", headers={"Cookie": f"regdesk_console={cookie}"})
    assert refused.status_code == 401
    assert api.get("/console/", headers={"Cookie": "regdesk_console=forged.value"},
                   follow_redirects=False).status_code == 303


def test_console_routes_stay_out_of_the_api_document(client):
    assert not [p for p in client.get("/openapi.json").json()["paths"] if "console" in p]
    assert client.get("/console/static/htmx-2.0.11.min.js").status_code == 200


def test_vendored_files_match_their_recorded_sha256():
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for table in (root / "src/regdesk/hq/console/static/VENDORED.md",
                  root / "tests/vendor/VENDORED.md"):
        rows = re.findall(r"^\| `([^`]+)` \| `[^`]+`[^|]*\| ([\d.]+) \|[^|]*\| `([0-9a-f]{64})`",
                          table.read_text(encoding="utf-8"), re.M)
        assert rows, table
        for name, version, digest in rows:
            assert version in name
            data = (table.parent / name).read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest, name


def test_signing_out_voids_a_copied_cookie_and_sessions_have_a_lifetime(
        client, hq_runtime, console_clock):
    name = _user(hq_runtime.engine, "admin")
    _login(client, name)
    copied = client.cookies.get("regdesk_console")
    other = TestClient(client.app)
    other.cookies.set("regdesk_console", copied, path="/console")
    assert other.get("/console/", follow_redirects=False).status_code == 200
    client.post("/console/logout", data={"csrf": _csrf(client.get("/console/").text)})
    assert other.get("/console/", follow_redirects=False).status_code == 303
    console_clock.now += timedelta(seconds=1)
    _login(client, name)
    for _ in range(24):  # busy all day: never idle (11 h 36 min)…
        console_clock.now += timedelta(minutes=29)
        assert client.get("/console/desa", follow_redirects=False).status_code == 200
    console_clock.now += timedelta(minutes=25)  # …yet out 12 hours after signing in
    r = client.get("/console/", follow_redirects=False)
    assert r.headers["location"] == "/console/login?expired=1"


def test_desks_not_synced_for_days_and_the_week_start():
    from regdesk.hq.console.queries import DeviceRow, stale_devices, week_start

    now = datetime(2026, 5, 20, 3, 0, tzinfo=UTC)  # Wednesday 10.00 WIB
    old, new = now - timedelta(days=30), now - timedelta(days=1)
    rows = [DeviceRow("a", "never synced, enrolled long ago", V1, old, None, None),
            DeviceRow("b", "synced yesterday", V1, old, None, new),
            DeviceRow("c", "synced 8 days ago", V2, old, None, now - timedelta(days=8)),
            DeviceRow("d", "revoked", V2, old, old, None),
            DeviceRow("e", "enrolled yesterday, not yet synced", V2, new, None, None)]
    assert [d.id for d in stale_devices(rows, now=now, days=7)] == ["a", "c"]
    monday = week_start(now)
    assert (monday.isoformat(), monday.astimezone(UTC).isoformat()) == (
        "2026-05-18T00:00:00+07:00", "2026-05-17T17:00:00+00:00")
    sunday_night = datetime(2026, 5, 24, 16, 59, tzinfo=UTC)  # 23.59 WIB
    assert week_start(sunday_night) == monday


def test_the_overview_lists_a_desk_that_has_not_synced(client, hq_runtime, console_clock):
    from regdesk.hq.timeutil import utcnow

    code = devices.create_enrol_code(hq_runtime.engine, village_code=V1, hours=1)
    name = f"desk-lama-{uuid.uuid4().hex[:6]}"
    devices.enrol(hq_runtime.engine, code=code, device_name=name)
    _login(client, _user(hq_runtime.engine, "admin"))
    console_clock.now = utcnow() + timedelta(days=1)
    assert name not in client.get("/console/").text
    console_clock.now = utcnow() + timedelta(days=8)
    _login(client, _user(hq_runtime.engine, "admin"))  # the old session went idle meanwhile
    page = client.get("/console/").text
    assert name in re.search(r'<ul id="stale-list">(.*?)</ul>', page, re.S).group(1)
    assert "belum pernah" in page
