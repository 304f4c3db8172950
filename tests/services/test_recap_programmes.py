"""The village recap rolls sponsor cost up month by month over each paid period (not the
first month times the headcount) and carries the village's coverage as HQ last reported it."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from tests.services.support import fields
from tests.services.test_programme_pick import _publish

from regdesk.services import printouts, programme_pick, registrations
from regdesk.store import Store, UserInfo


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_sponsor_cost_is_the_whole_period_and_the_coverage_is_on_page_one(
        store: Store, operator: UserInfo, tmp_path: Path) -> None:
    _publish(store)
    from datetime import date

    for nik, name in (("3216064508900002", "Ani Dewi"), ("3216064508900003", "Ani Sari")):
        person = fields(nik=nik, full_name=name, period_months=3)
        person.pop("funding")
        registrations.register(store, programme_pick.with_programme(
            store, 7, person, day=date(2026, 11, 16)), user=operator)
    registrations.register(store, fields(), user=operator)  # self-paid, one month
    with store.write() as session:  # HQ's figures for the village, with its target
        from regdesk.store import sync_state
        from regdesk.store.settings import set_setting

        figures = sync_state.get_figures(session) or {}
        set_setting(session, sync_state.FIGURES, {
            **figures, "registered": 120, "waiting_for_kpj": 7, "active": 95, "grace": 10,
            "inactive": 8, "workers": 1_000, "covered": 555, "target_people": 650,
            "still_needed": 95})
    data = printouts.recap_data(store, printouts.Period.month("2026-11"), operator)
    (line,) = [f for f in data.by_funding if f.sponsor == "Pemdes Setiamekar"]
    # three months from November at Rp 1.000.000: 8.400 + 8.400 (PP 50/2025) + 16.800
    assert (line.count, line.monthly_cost, line.period_cost) == (2, 2 * 8_400, 2 * 33_600)
    out = tmp_path / "rekap.pdf"
    printouts.print_recap(store, printouts.Period.month("2026-11"), out, user=operator)
    text = _pdf_text(out)
    assert "Biaya periode" in text and "Rp 67.200" in text
    assert "Cakupan desa — angka kantor kabupaten per 15 November 2026" in text
    assert "Masih perlu" in text and "55,5%" in text and "650" in text
