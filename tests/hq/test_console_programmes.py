"""The console's second slice without a browser (TestClient, SQLite and PostgreSQL): Program
sponsor (create, open, close, the billing list download), Pendaftaran (search, the detail and
its audited full NIK, a viewer's masked and scoped view) and the audit log page."""

from __future__ import annotations

import dataclasses
import io
import re
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, insert, select

from regdesk.domain.masking import mask_nik
from regdesk.hq import programmes
from regdesk.hq.app import create_app
from regdesk.hq.tables import T_AUDIT, T_MEMBERSHIP, T_PROGRAMME, T_PROGRAMME_CHANGE

from .console_seed import AT, seed_district
from .factories import VILLAGE, batch, record
from .test_console import Clock, _csrf, _login, _seeded, _user  # one seeding per database

TODAY = date(2026, 11, 10)


@pytest.fixture
def client(hq_runtime, tmp_path):
    if hq_runtime.settings.db_url not in _seeded:
        seed_district(hq_runtime.engine, tmp_path)
        _seeded.add(hq_runtime.settings.db_url)
    rt = dataclasses.replace(hq_runtime, today=lambda: AT)
    app = create_app(rt.settings, rt)
    app.state.console.clock = Clock()
    with TestClient(app) as c:
        yield c


@pytest.fixture
def today(hq_runtime, monkeypatch):
    monkeypatch.setattr(hq_runtime, "today", lambda: TODAY)
    return TODAY


def _form(**changes: Any) -> dict[str, str]:
    sponsor = f"Pemdes Setiamekar {uuid.uuid4().hex[:6]}"
    return {"sponsor": sponsor, "funding_source": "dana-desa", "dpa_number": "DPA 412/7",
            "budget_year": "2026", "ceiling": "10.000.000", "quota": "3",
            "period_from": "2026-10", "period_to": "2027-06", "paid": "JKK+JKM",
            "occupations": "", "villages": VILLAGE, "status": "draft", **changes}


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _audit(engine, action: str, entity: str | None = None) -> list:
    where = [T_AUDIT.c.action == action]
    if entity is not None:
        where.append(T_AUDIT.c.entity == entity)
    with engine.connect() as conn:
        return conn.execute(select(T_AUDIT).where(*where)).all()


def _create(client: TestClient, **changes: Any) -> tuple[str, int]:
    form = _form(**changes)
    r = client.post("/console/program", data={**form, "csrf": _csrf(
        client.get("/console/program").text)}, follow_redirects=False)
    assert r.status_code == 303, r.text
    found = [p for p in programmes.list_programmes(client.app.state.hq.engine)
             if p.programme.sponsor == form["sponsor"]]
    assert len(found) == 1
    return form["sponsor"], found[0].id


def test_bad_programme_input_is_one_line_beside_the_form_and_writes_nothing(client,
                                                                          hq_runtime):
    _login(client, _user(hq_runtime.engine, "operator"))
    token = _csrf(client.get("/console/program").text)
    before = (_count(hq_runtime.engine, T_PROGRAMME), _count(hq_runtime.engine, T_AUDIT))
    for changes, line in (({"ceiling": "banyak"}, "ceiling: a whole number is required"),
                          ({"period_to": "2026-01"}, "period_to: before period_from"),
                          ({"villages": "32.16"}, "villages: &#39;32.16&#39; is not a village"),
                          ({"sponsor": " "}, "sponsor: required")):
        r = client.post("/console/program", data={**_form(**changes), "csrf": token})
        assert r.status_code == 400
        error = re.search(r'<p class="error" role="alert" id="create-error">([^<]*)</p>',
                          r.text).group(1)
        assert error.startswith("Program tidak dibuat: " + line), error
        assert 'value="DPA 412/7"' in r.text  # the form keeps what was typed
    after = (_count(hq_runtime.engine, T_PROGRAMME), _count(hq_runtime.engine, T_AUDIT))
    assert after == before


def test_create_open_and_close_a_programme_audited(client, hq_runtime):
    name = _user(hq_runtime.engine, "operator")
    _login(client, name)
    sponsor, pid = _create(client)
    page = client.get("/console/program?dibuat=1").text
    assert "Program dibuat." in page and sponsor in page and "draf" in page
    row = re.search(rf'<tr data-programme="{pid}">(.*?)</tr>', page, re.S).group(1)
    assert "Rp10.000.000" in row.replace("\xa0", "").replace(" ", "") or "10.000.000" in row
    assert "Oktober 2026 – Juni 2027" in row
    token = _csrf(page)
    assert client.post(f"/console/program/{pid}/buka", data={"csrf": token},
                       follow_redirects=False).status_code == 303
    assert programmes.get_programme(hq_runtime.engine, pid)[0].programme.status == "open"
    assert client.post(f"/console/program/{pid}/tutup", data={"csrf": token},
                       follow_redirects=False).status_code == 303
    again = client.post(f"/console/program/{pid}/tutup", data={"csrf": token})
    assert again.status_code == 400 and "already closed" in again.text
    for action in ("programme.add", "programme.open", "programme.closed"):
        rows = _audit(hq_runtime.engine, action, f"programme:{pid}")
        assert [r.actor for r in rows] == [name], action
    with hq_runtime.engine.connect() as conn:
        trail = conn.execute(select(T_PROGRAMME_CHANGE.c.action, T_PROGRAMME_CHANGE.c.changed_by)
                             .where(T_PROGRAMME_CHANGE.c.programme_id == pid)
                             .order_by(T_PROGRAMME_CHANGE.c.version)).all()
    assert [tuple(t) for t in trail] == [("add", name), ("open", name), ("closed", name)]


def test_a_viewer_reads_programmes_but_cannot_write(client, hq_runtime):
    _login(client, _user(hq_runtime.engine, "admin"))
    sponsor, pid = _create(client)
    client.post("/console/logout", data={"csrf": _csrf(client.get("/console/").text)})
    _login(client, _user(hq_runtime.engine, "viewer"))
    page = client.get("/console/program")
    assert page.status_code == 200 and sponsor in page.text
    assert 'action="/console/program"' not in page.text and "/buka" not in page.text
    token = _csrf(page.text)
    before = _count(hq_runtime.engine, T_PROGRAMME)
    assert client.post("/console/program", data={**_form(), "csrf": token}).status_code == 403
    assert client.post(f"/console/program/{pid}/buka", data={"csrf": token}).status_code == 403
    assert client.get(f"/console/program/{pid}/tagihan?month=2026-11").status_code == 403
    assert _count(hq_runtime.engine, T_PROGRAMME) == before
    assert programmes.get_programme(hq_runtime.engine, pid)[0].programme.status == "draft"
    assert client.get("/console/audit").status_code == 403
    client.post("/console/logout", data={"csrf": token})
    _login(client, _user(hq_runtime.engine, "admin"))
    log = client.get("/console/audit", params={"action": "programme.add"}).text
    assert f"program {sponsor}" in log  # the programme by its sponsor, not its number


def test_the_billing_list_downloads_as_xlsx_and_pdf_with_masked_niks(
        client, hq_runtime, desk, new_registration, today):
    _login(client, _user(hq_runtime.engine, "operator"))
    sponsor, pid = _create(client, status="open")
    payload = new_registration(
        funding="dana-desa", sponsor_name=sponsor, budget_reference="DPA 412/7 / 2026",
        programme_id=pid, period_months=3, start_month="2026-11-01",
        consent_at="2026-11-05T09:00:00+07:00")
    pushed = desk.push(batch([record(payload)])).json()["results"][0]
    assert pushed["outcome"] == "accepted", pushed
    r = client.get(f"/console/program/{pid}/tagihan?month=2026-11&format=xlsx")
    assert r.status_code == 200
    assert r.headers["content-disposition"] == \
        f'attachment; filename="tagihan-program-{pid}-2026-11.xlsx"'
    sheet = load_workbook(io.BytesIO(r.content), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    cells = [str(c) for row in rows for c in row if c is not None]
    assert mask_nik(payload["nik"]) in cells and payload["nik"] not in cells
    assert payload["full_name"] in cells and 8_400 in rows[1]
    pdf = client.get(f"/console/program/{pid}/tagihan?month=2026-11&format=pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert mask_nik(payload["nik"]) in text and payload["nik"] not in text
    bad = client.get(f"/console/program/{pid}/tagihan?month=2026-13")
    assert bad.status_code == 400 and "YYYY-MM" in bad.text


def _search(client: TestClient, q: str) -> str:
    token = _csrf(client.get("/console/pendaftaran").text)
    page = client.post("/console/pendaftaran", data={"q": q, "csrf": token})
    assert page.status_code == 200
    return re.sub(r'<input id="q" name="q" value="[^"]*"', "", page.text)  # what was typed


def _push(desk, make, **kw) -> tuple[dict, dict]:
    payload = make(**kw)
    rec = record(payload)
    answer = desk.push(batch([rec])).json()["results"][0]
    return {**rec, "answer": answer}, payload


def test_search_by_nik_name_kpj_and_number(client, hq_runtime, desk, new_registration):
    letters = "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:6])
    name = f"Sumarni Tes{letters}"
    rec, payload = _push(desk, new_registration, full_name=name)
    token = _csrf(client.get("/console/login").text)
    assert client.post("/console/pendaftaran", data={"q": name, "csrf": token}
                       ).status_code == 401  # signed out: nothing found, nothing shown
    assert rec["answer"]["outcome"] == "accepted", rec["answer"]
    number = rec["answer"]["member_number"]
    kpj = str(uuid.uuid4().int)[:11]
    with hq_runtime.engine.begin() as conn:
        conn.execute(insert(T_MEMBERSHIP).values(
            uuid=rec["uuid"], village_code=VILLAGE, kpj=kpj, seq=0,
            updated_at=datetime(2026, 5, 1, tzinfo=UTC)))
    _login(client, _user(hq_runtime.engine, "operator"))
    for q in (payload["nik"], name.split()[1].lower(), kpj, number):
        page = _search(client, q)
        row = re.search(rf'<tr data-registration="{rec["uuid"]}">(.*?)</tr>', page, re.S)
        assert row, q
        cells = row.group(1)
        for shown in (name, mask_nik(payload["nik"]), "Setiamekar", "diterima", number, kpj):
            assert shown in cells, (q, shown)
        assert payload["nik"] not in page  # masked in the list, even when searched by it
    rejected, bad = _push(desk, new_registration, gender="X")
    assert rejected["answer"]["outcome"] == "rejected"
    page = _search(client, bad["nik"])
    assert f'data-registration="{rejected["uuid"]}"' in page and "ditolak" in page
    detail = client.get(f"/console/pendaftaran/{rejected['uuid']}").text
    problems = re.search(r'<ul id="problems">(.*?)</ul>', detail, re.S).group(1)
    assert "gender" not in problems and "<li>" in problems  # sentences, not codes
    assert "Tidak ada pendaftaran" in _search(client, "zzzqqq")


def test_the_full_nik_only_on_the_detail_for_operators_and_audited(
        client, hq_runtime, desk, new_registration):
    rec, payload = _push(desk, new_registration)
    nik, path = payload["nik"], f"/console/pendaftaran/{rec['uuid']}"
    name = _user(hq_runtime.engine, "operator")
    _login(client, name)
    page = client.get(path).text
    assert nik not in page and mask_nik(nik) in page
    assert not _audit(hq_runtime.engine, "registration.view_full_nik",
                      f"registration:{rec['uuid']}")
    assert client.post(f"{path}/nik", data={"csrf": "forged"}).status_code == 403
    shown = client.post(f"{path}/nik", data={"csrf": _csrf(page)})
    assert shown.status_code == 200
    assert re.search(r'id="nik" class="code">(\d+)<', shown.text).group(1) == nik
    rows = _audit(hq_runtime.engine, "registration.view_full_nik", f"registration:{rec['uuid']}")
    assert [r.actor for r in rows] == [name] and nik not in rows[0].detail
    client.post("/console/logout", data={"csrf": _csrf(shown.text)})
    _login(client, _user(hq_runtime.engine, "admin"))
    log = client.get("/console/audit", params={"action": "registration.view_full_nik",
                                                "actor": name}).text
    entries = re.findall(r'<tr data-action="([^"]+)">(.*?)</tr>', log, re.S)
    assert entries and {a for a, _ in entries} == {"registration.view_full_nik"}
    assert "NIK lengkap dilihat" in entries[0][1] and name in entries[0][1]
    assert rec["uuid"] not in log and not re.search(r"\d{4}-\d{2}-\d{2}T", log)
    assert client.get("/console/audit", params={"actor": "nobody-at-all"}).status_code == 200


def test_a_viewer_sees_masked_niks_and_only_their_kecamatan(client, hq_runtime, desk,
                                                           new_registration):
    rec, payload = _push(desk, new_registration)
    nik, path = payload["nik"], f"/console/pendaftaran/{rec['uuid']}"
    _login(client, _user(hq_runtime.engine, "viewer", "32.16.06"))
    page = client.get(path)
    assert page.status_code == 200 and mask_nik(nik) in page.text and nik not in page.text
    assert f"{path}/nik" not in page.text
    assert client.post(f"{path}/nik", data={"csrf": _csrf(page.text)}).status_code == 403
    found = _search(client, nik)
    assert rec["uuid"] in found and nik not in found
    client.post("/console/logout", data={"csrf": _csrf(found)})
    _login(client, _user(hq_runtime.engine, "viewer", "32.16.05"))  # another kecamatan
    assert client.get(path).status_code == 404
    assert rec["uuid"] not in _search(client, nik)


def test_the_new_pages_in_english(client, hq_runtime):
    _login(client, _user(hq_runtime.engine, "admin"))
    client.get("/console/lang/en?next=/console/")
    assert "Sponsor programmes" in client.get("/console/program").text
    assert "NIK, name, KPJ or registration number" in client.get("/console/pendaftaran").text
    assert "Audit log" in client.get("/console/audit").text
