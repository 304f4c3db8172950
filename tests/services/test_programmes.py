"""The desk keeps HQ's programmes and offers the open, eligible ones for a person."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from regdesk import masterdata
from regdesk.domain.programmes import ProgrammeError
from regdesk.services.programmes import eligible_programmes
from regdesk.store import Store

BASE: dict[str, Any] = {
    "funding_source": "apbdes-add", "dpa_number": "DPA 900/12", "budget_year": 2026,
    "ceiling": 12_000_000, "quota": 50, "period_from": "2026-01", "period_to": "2026-12",
    "paid": "JKK+JKM", "occupations": [], "villages": [], "status": "open"}


def _change(pid: int, version: int, seq: int, **fields: Any) -> dict[str, Any]:
    return {"kind": "programme", "seq": seq, "id": pid, "version": version,
            "programme": {**BASE, **fields}}


def test_pulled_programmes_are_offered_when_open_and_eligible(store: Store) -> None:
    data = masterdata.funding_sources_dict()
    store.apply_changes([
        {"kind": "funding_sources", "seq": 5, "sources": data},
        _change(1, 1, 6, sponsor="Pemdes Setiamekar", villages=["32.16.06.2006"]),
        _change(2, 1, 7, sponsor="Pemkab Bekasi", funding_source="apbd-kabupaten"),
        _change(3, 1, 8, sponsor="HNSI Bekasi", occupations=["P02"], funding_source="csr"),
        _change(4, 2, 9, sponsor="PT Tutup", status="closed"),
    ], next_cursor=9)
    offers = eligible_programmes(store, village_code="32.16.06.2006",
                                 occupation_codes=("P01",), day=date(2026, 3, 15))
    assert [(o.id, o.sponsor_name, o.budget_reference) for o in offers] == [
        (1, "Pemdes Setiamekar", "DPA 900/12 / 2026"), (2, "Pemkab Bekasi", "DPA 900/12 / 2026")]
    other_village = eligible_programmes(store, village_code="32.16.06.2007",
                                        occupation_codes=("P02",), day=date(2026, 3, 15))
    assert [o.id for o in other_village] == [3, 2]
    assert eligible_programmes(store, village_code="32.16.06.2006", occupation_codes=("P01",),
                               day=date(2027, 1, 1)) == []
    # a later version closes one; an older version arriving late changes nothing
    store.apply_changes([_change(2, 3, 10, sponsor="Pemkab Bekasi", status="closed"),
                         _change(2, 2, 11, sponsor="Pemkab Bekasi")], next_cursor=11)
    assert [o.id for o in eligible_programmes(store, village_code="32.16.06.2006",
                                              occupation_codes=("P01",),
                                              day=date(2026, 3, 15))] == [1]
    assert {pid for pid, _ in store.programmes()} == {1, 2, 3, 4}


def test_a_malformed_programme_is_refused_and_nothing_moves(store: Store) -> None:
    with pytest.raises(ProgrammeError, match="ceiling: a whole number is required"):
        store.apply_changes([_change(1, 1, 6, sponsor="X", ceiling="many")], next_cursor=6)
    assert store.programmes() == []
