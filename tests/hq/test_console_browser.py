"""The HQ console in a real browser: Playwright driving Debian's chromium (headless, one
browser for the module; ``apt-get install chromium``, never ``playwright install``), against
a real HQ on 127.0.0.1 with its own SQLite database and the seeded district of
``console_seed``. Each page also gets the axe-core accessibility check (vendored in
``tests/vendor``): no serious or critical violation, and whatever it finds is printed.

Deselect with ``-m 'not browser'``; CI runs them."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from regdesk.domain.signin import SigninPolicy
from regdesk.hq import operators
from regdesk.hq.app import create_app
from regdesk.hq.coverage import district_coverage
from regdesk.hq.runtime import Runtime
from regdesk.hq.server import ThreadedServer, start_in_thread
from regdesk.hq.settings import Settings

from .conftest import UNLIMITED
from .console_seed import AT, V1, seed_district

CHROMIUM = Path(os.environ.get("REGDESK_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core-4.14.1.min.js"
PASSWORD = "kata-sandi-panjang"

pytestmark = [pytest.mark.browser,
              # the browser keeps the session cookie on the machine's clock: so does HQ here
              pytest.mark.machine_clock]


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Runtime, ThreadedServer]]:
    folder = tmp_path_factory.mktemp("console-browser")
    rt = Runtime.open(Settings(db_url=f"sqlite:///{folder / 'hq.sqlite3'}", limits=UNLIMITED),
                      warm=False)
    rt = dataclasses.replace(rt, today=lambda: AT)
    seed_district(rt.engine, folder, regency=True)
    made = datetime(2026, 5, 1, tzinfo=UTC)
    for name, role, scope in (("admin", "admin", None), ("pemantau", "viewer", "32.16.05"),
                              ("terkunci", "admin", None)):
        operators.add_operator(rt.engine, username=name, password=PASSWORD, role=role,
                               kecamatan=scope, now=made)
    app = create_app(rt.settings, rt)
    # a long first wait, so the lockout test cannot outrun it on a slow machine
    app.state.console.policy = SigninPolicy(3, 60, 900, 100)
    server = start_in_thread(app)
    yield rt, server
    server.stop()
    rt.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing in CI (scripts/setup.sh dev installs chromium)")
        pytest.skip(f"{CHROMIUM} missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                               args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser, hq) -> Iterator[object]:
    # bypass_csp: only so the test can inject axe-core; the pages' own CSP stays in force
    context = browser.new_context(viewport={"width": 1366, "height": 768}, bypass_csp=True,
                                  base_url=hq[1].url)
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    yield p
    context.close()
    assert not errors, errors  # no script error on any page


def sign_in(page, name: str = "admin", password: str = PASSWORD):
    page.goto("/console/login")
    page.get_by_label(re.compile("Nama pengguna")).fill(name)
    page.get_by_label(re.compile("Kata sandi")).fill(password)
    with page.expect_response(re.compile("/console/login$")) as answer:
        page.get_by_role("button", name="Masuk").click()
    return answer.value


def check_accessibility(page, label: str) -> None:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => { const r = await axe.run(document); return {passes: "
                           "r.passes.length, violations: r.violations.map(v => ({id: v.id, "
                           "impact: v.impact, nodes: v.nodes.length, help: v.help}))}; }")
    found = result["violations"]
    print(f"axe {label}: {result['passes']} rules passed; "
          f"{json.dumps(found) if found else 'no violations'}")
    bad = [v for v in found if v["impact"] in ("serious", "critical")]
    assert not bad, f"{label}: {bad}"


def test_sign_in_and_the_overview_equals_district_coverage(page, hq):
    rt, _ = hq
    page.goto("/console/login")
    check_accessibility(page, "login")
    assert sign_in(page).status == 303
    page.wait_for_url("**/console/")
    rows = {r.area: r for r in district_coverage(rt.engine, at=AT) if r.group is None}
    regency = rows["32.16"]
    for field, value in (("covered", regency.covered), ("workers", regency.workers),
                         ("needed", regency.still_needed), ("active", regency.active)):
        assert page.locator(f"#top-{field}").get_attribute("data-value") == str(value), field
    kec = rows["32.16.05"]
    cells = page.locator('#kec-table tr[data-area="32.16.05"] td[data-value]')
    assert cells.evaluate_all("cs => cs.map(c => c.dataset.value)") == [
        str(kec.covered), str(kec.still_needed)]
    assert page.evaluate("Chart.getChart(document.getElementById('kec-chart'))"
                         ".data.datasets[0].data.length") == 1  # the bars are drawn
    check_accessibility(page, "ringkasan")
    page.get_by_role("link", name="Desa").click()
    village = page.locator(f'#village-table tr[data-area="{V1}"] td[data-value]')
    assert village.evaluate_all("cs => cs.map(c => c.dataset.value)") == [
        str(rows[V1].covered), str(rows[V1].target_people), str(rows[V1].still_needed)]
    check_accessibility(page, "desa")
    page.set_viewport_size({"width": 375, "height": 740})  # a phone: no sideways page scroll
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.get_by_role("link", name="English").click()
    assert page.get_by_role("heading", name="Villages").is_visible()


def test_issue_a_code_enrol_a_desk_and_revoke_it(page, hq):
    rt, server = hq
    sign_in(page)
    page.get_by_role("link", name="Perangkat").click()
    check_accessibility(page, "perangkat")
    page.get_by_label("Kode desa").fill(V1)
    page.get_by_role("button", name="Buat kode").click()  # htmx swaps the result in
    code = page.locator("#enrol-code").inner_text(timeout=10_000).strip()
    assert page.url.endswith("/console/perangkat")  # swapped in place by htmx
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert page.locator("#hq-address").inner_text() == server.url
    check_accessibility(page, "perangkat with a code")
    r = requests.post(f"{server.url}/api/v1/enrol", json={"code": code, "device_name":
                                                          "Desk Satriajaya"}, timeout=30)
    assert r.status_code == 200, r.text
    token = r.json()["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert requests.get(f"{server.url}/api/v1/changes", headers=bearer,
                        timeout=30).status_code == 200
    page.reload()
    row = page.locator("#device-table tr", has_text="Desk Satriajaya")
    assert row.get_by_text("aktif").is_visible()
    row.get_by_role("button", name="Cabut Desk Satriajaya").click()
    page.wait_for_url("**/console/perangkat")
    assert "dicabut" in page.locator("#device-table tr", has_text="Desk Satriajaya").inner_text()
    refused = requests.get(f"{server.url}/api/v1/changes", headers=bearer, timeout=30)
    assert refused.status_code == 401
    actions = [a.action for a in operators.audit_rows(rt.engine)]
    assert "device.revoke" in actions and "enrol_code.issue" in actions


def test_wrong_passwords_lock_the_name(page, hq):
    for _ in range(3):
        assert sign_in(page, "terkunci", "salah-salah-salah").status == 401
        assert page.get_by_role("alert").inner_text() == "Nama pengguna atau kata sandi salah."
    assert sign_in(page, "terkunci").status == 429  # the right password, while locked
    assert "coba lagi dalam" in page.get_by_role("alert").inner_text()
    check_accessibility(page, "login locked")


def test_a_post_without_the_csrf_token_is_refused(page, hq):
    sign_in(page)
    page.goto("/console/perangkat")
    page.locator("form[action='/console/perangkat/kode'] input[name=csrf]").evaluate(
        "e => e.remove()")
    page.locator("form[action='/console/perangkat/kode']").evaluate(
        "f => f.removeAttribute('hx-post')")  # a plain form post, no htmx
    page.get_by_label("Kode desa").fill(V1)
    with page.expect_response(re.compile("/perangkat/kode$")) as answer:
        page.locator("form[action='/console/perangkat/kode']").evaluate("f => f.submit()")
    assert answer.value.status == 403
    assert "token keamanan" in page.get_by_role("alert").inner_text()
    assert page.request.post("/console/logout", form={}).status == 403


def test_a_viewer_cannot_open_perangkat(page, hq):
    sign_in(page, "pemantau")
    page.wait_for_url("**/console/")
    assert page.get_by_role("link", name="Perangkat").count() == 0
    answer = page.goto("/console/perangkat")
    assert answer is not None and answer.status == 403
    check_accessibility(page, "403")


def test_a_programme_made_in_the_console_reaches_a_desk(page, hq, template_db, clock,
                                                       tmp_path):
    """Create a programme (draft), open it with the button, and a real desk enrolled over
    loopback has it after one pull; the new pages pass the accessibility check."""
    import shutil

    from regdesk.hq import devices
    from regdesk.store import Store
    from regdesk.sync.service import engine_for, enrol

    rt, server = hq
    sign_in(page)
    page.get_by_role("link", name="Program sponsor").click()
    page.wait_for_url("**/console/program")
    check_accessibility(page, "program sponsor")
    page.get_by_label("Sponsor", exact=True).fill("Pemdes Satriajaya")
    page.get_by_label("Sumber dana").select_option("dana-desa")
    page.get_by_label("Nomor DPA").fill("DPA 77/1")
    page.get_by_label("Tahun anggaran").fill("2026")
    page.get_by_label("Plafon (Rupiah)").fill("5.000.000")
    page.get_by_label("Kuota (orang)").fill("20")
    page.get_by_role("button", name="Buat program").click()  # no months yet: refused
    assert page.locator("#create-error").inner_text() == \
        "Program tidak dibuat: period_from: a month YYYY-MM is required"
    assert page.get_by_label("Nomor DPA").input_value() == "DPA 77/1"  # kept
    check_accessibility(page, "program sponsor with an error")
    page.get_by_label("Bulan pertama (TTTT-BB)").fill("2026-05")
    page.get_by_label("Bulan terakhir (TTTT-BB)").fill("2026-12")
    page.get_by_label("Kode desa (boleh kosong)").fill(V1)
    page.get_by_role("button", name="Buat program").click()
    page.wait_for_url("**/console/program?dibuat=1")
    row = page.locator("#programme-table tr", has_text="Pemdes Satriajaya")
    assert "draf" in row.inner_text()
    row.get_by_role("button", name="Buka program Pemdes Satriajaya").click()
    page.wait_for_url("**/console/program")
    assert "dibuka" in page.locator("#programme-table tr", has_text="Pemdes Satriajaya"
                                    ).inner_text()

    path = tmp_path / "desk.sqlite3"
    shutil.copyfile(template_db, path)
    store = Store.open(path, clock=clock)
    try:
        admin = store.initialise(village=V1, admin_username="admin",
                                 admin_password="rahasia-123")
        code = devices.create_enrol_code(rt.engine, village_code=V1)
        enrol(store, server.url, code, user=admin, device_name="desk-program")
        summary = engine_for(store).run_once()
        assert summary.error is None, summary.error
        pulled = {g.sponsor: g for _, g in store.programmes()}
        assert pulled["Pemdes Satriajaya"].status == "open"
        assert pulled["Pemdes Satriajaya"].villages == (V1,)
    finally:
        store.close()

    from .factories import batch, record, registration_dict

    token = requests.post(f"{server.url}/api/v1/enrol", timeout=30, json={
        "code": devices.create_enrol_code(rt.engine, village_code=V1),
        "device_name": "desk-push"}).json()["token"]
    nik = "3216054508900007"
    pushed = requests.post(f"{server.url}/api/v1/push", timeout=30, json=batch([record(
        registration_dict(nik=nik, full_name="Ratna Sariwangi", village_code=V1))]),
        headers={"Authorization": f"Bearer {token}"})
    assert pushed.status_code == 200, pushed.text
    page.get_by_role("link", name="Pendaftaran").click()
    page.get_by_label("NIK, nama, KPJ atau nomor pendaftaran").fill("sariwangi")
    page.get_by_role("button", name="Cari").click()
    page.get_by_text("Ditemukan: 1").wait_for()
    assert nik not in page.content() and "3216********0007" in page.content()
    check_accessibility(page, "pendaftaran")
    page.get_by_role("link", name="Ratna Sariwangi").click()
    check_accessibility(page, "pendaftaran detail")
    page.get_by_role("button", name="Tampilkan NIK lengkap").click()
    assert page.locator("#nik").inner_text() == nik
    assert "registration.view_full_nik" in [a.action for a in operators.audit_rows(rt.engine)]
    page.get_by_role("link", name="Log audit").click()
    page.wait_for_url("**/console/audit")
    assert page.locator('#audit-table tr[data-action="programme.open"]').count() >= 1
    check_accessibility(page, "log audit")
