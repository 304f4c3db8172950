"""The village coverage panel: HQ's figures and this desk's counts turned into rows of text,
days in words (never ISO), and what it says before figures were ever pulled."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from tests.services.support import VILLAGE
from tests.services.test_programme_pick import PROGRAMME, _publish, fields

from regdesk.domain.programme_use import Usage
from regdesk.domain.programmes import Programme
from regdesk.services import programme_pick, registrations, village_panel
from regdesk.services.village_panel import panel_from
from regdesk.store import Store, UserInfo

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")

FIGURES: dict[str, Any] = {
    "village_code": VILLAGE, "as_of": "2026-11-20", "registered": 1250,
    "waiting_for_kpj": 12, "waiting_for_payment": 3, "active": 1100, "grace": 40,
    "inactive": 95, "ended": 0, "workers": 2000, "baseline_covered": 200, "covered": 1300,
    "target_people": 1400, "target_share": "0.7", "target_date": "2027-12-31",
    "still_needed": 100, "programmes": [{"id": 7, "people": 2, "committed": 33_600}],
    "pulled_at": "2026-11-20T09:14:00+07:00"}


def _programme(**changes: Any) -> Programme:
    p = {**PROGRAMME, **changes}
    return Programme(p["sponsor"], p["funding_source"], p["dpa_number"], p["budget_year"],
                     p["ceiling"], p["quota"], date(2026, 10, 1), date(2027, 6, 1), p["paid"],
                     (), tuple(p["villages"]), p["status"])


def _values(panel: village_panel.VillagePanel) -> dict[str, str]:
    return {row.key: row.value for row in panel.figures + panel.local}


def test_figures_become_rows_in_indonesian() -> None:
    panel = panel_from(FIGURES, pending=4, needs_attention=1, programmes={7: _programme()},
                       usage={7: Usage(3, 50_400)}, lang="id")
    assert panel.has_figures
    assert panel.as_of == "angka kantor kabupaten per 20 November 2026"
    assert [r.label for r in panel.figures] == [
        "Terdaftar", "Menunggu KPJ", "Menunggu pembayaran", "Aktif", "Masa tenggang",
        "Tidak aktif", "Cakupan", "Target cakupan", "Target (orang)", "Masih perlu"]
    values = _values(panel)
    assert values["registered"] == "1.250" and values["active"] == "1.100"
    assert values["coverage"] == "65,0% (1.300 dari 2.000 pekerja)"
    assert values["target_share"] == "70,0%"
    assert values["target_people"] == "1.400 s.d. 31 Desember 2027"
    assert values["still_needed"] == "100"
    assert (values["pending"], values["needs_attention"]) == ("4", "1")
    [row] = panel.programmes
    assert (row.sponsor, row.people, row.rupiah) == (
        "Pemdes Setiamekar", "3 dari 3 orang", "Rp 50.400 dari pagu Rp 100.000")
    texts = [panel.as_of, *values.values(), row.people, row.rupiah]
    assert not [x for x in texts if ISO.search(x) or "T09" in x]


def test_english_is_complete() -> None:
    panel = panel_from(FIGURES, pending=0, needs_attention=0, programmes={7: _programme()},
                       usage={7: Usage(3, 50_400)}, lang="en")
    assert panel.as_of == "district office figures as of 20 November 2026"
    assert _values(panel)["coverage"] == "65.0% (1,300 of 2,000 workers)"
    assert _values(panel)["target_people"] == "1,400 by 31 December 2027"
    assert panel.programmes[0].people == "3 of 3 people"


def test_never_pulled_says_so_and_keeps_the_local_counts() -> None:
    panel = panel_from(None, pending=2, needs_attention=0, programmes={}, usage={}, lang="id")
    assert not panel.has_figures and panel.figures == [] and panel.programmes == []
    assert panel.as_of == "belum pernah diambil dari kantor kabupaten"
    assert _values(panel) == {"pending": "2", "needs_attention": "0"}


def test_a_village_without_a_target_shows_only_its_counts() -> None:
    bare = {k: v for k, v in FIGURES.items() if not k.startswith(("target", "workers",
                                                                   "covered", "still"))}
    panel = panel_from(bare, pending=0, needs_attention=0, programmes={}, usage={}, lang="id")
    assert [r.key for r in panel.figures] == list(village_panel.STATES)


def test_the_store_panel_counts_records_hq_has_not_answered(store: Store,
                                                            operator: UserInfo) -> None:
    _publish(store, people=1, committed=16_800)
    record = programme_pick.with_programme(store, 7, fields(), day=date(2026, 11, 16))
    registrations.register(store, record, user=operator)
    panel = village_panel.village_panel(store, lang="id")
    assert panel.as_of == "angka kantor kabupaten per 15 November 2026"
    assert _values(panel)["pending"] == "1"
    [row] = panel.programmes
    assert row.people == "2 dari 3 orang"  # HQ's one plus the record saved here


def test_the_form_choices_carry_what_each_programme_has_left(store: Store,
                                                             operator: UserInfo) -> None:
    _publish(store, 8, sponsor="PT Closed", status="closed")
    _publish(store, people=1, committed=16_800)  # the last pull's figures
    [choice] = programme_pick.programme_choices(store, village_code=VILLAGE,
                                                occupation_codes=(), day=date(2026, 11, 16))
    assert choice.id == 7 and choice.fields["budget_reference"] == "DPA 412/7 / 2026"
    assert programme_pick.choice_label(choice, "id") == (
        "Pemdes Setiamekar — Dana Desa, DPA 412/7 / 2026 (s.d. Juni 2027) · sisa 2 orang, "
        "Rp 83.200")
    kept = programme_pick.programme_choices(store, village_code=VILLAGE, occupation_codes=(),
                                            day=date(2026, 11, 16), keep=8)
    assert [c.id for c in kept] == [7, 8]  # an edited record's own programme stays listed
