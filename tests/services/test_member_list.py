"""The list's membership column and filters, computed for the day passed in (the services'
store has a fixed clock; the day is the caller's)."""

from __future__ import annotations

import pytest
from tests.services.member_states import EXPECTED, TODAY, make_states

from regdesk.domain.lifecycle import State
from regdesk.services import member_list
from regdesk.services.membership import state_text
from regdesk.store import Filters, Store, UserInfo


def test_each_filter_finds_its_registrations(store: Store, admin: UserInfo) -> None:
    views = make_states(store, admin)
    by_uuid = {v.uuid: name for name, v in views.items()}
    for which, names in EXPECTED.items():
        found = member_list.filter_uuids(store, TODAY, which)
        assert {by_uuid[u] for u in found} == names, which
        page = store.search("", filters=Filters(uuids=found), limit=50)
        assert {by_uuid[r.uuid] for r in page.rows} == names
    assert store.search("", filters=Filters(uuids=()), limit=50).rows == []
    with pytest.raises(ValueError, match="unknown membership filter"):
        member_list.filter_uuids(store, TODAY, "sometimes")


def test_a_page_carries_each_rows_state(store: Store, admin: UserInfo) -> None:
    views = make_states(store, admin)
    page = member_list.search_with_states(store, "", user=admin, day=TODAY, limit=50)
    assert len(page.rows) == len(views) and set(page.standings) == {r.uuid for r in page.rows}
    words = {name: state_text(page.standings[v.uuid].standing, "id")
             for name, v in views.items()}
    assert words == {
        "active": "Aktif s.d. Juni 2027",
        "due_now": "Masa tenggang (jatuh tempo 15 Maret 2027)",
        "grace": "Masa tenggang (jatuh tempo 15 Februari 2027)",
        "inactive": "Tidak aktif sejak November 2026",
        "unpaid": "Menunggu pembayaran",
        "no_kpj": "Menunggu KPJ",
        "pending": "Terkirim, menunggu HQ",
    }
    assert page.standings[views["no_kpj"].uuid].state is State.WAITING_FOR_KPJ


def test_page_states_read_memberships_once_per_page(store: Store, admin: UserInfo,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    make_states(store, admin)
    calls = []
    real = store.memberships
    monkeypatch.setattr(store, "memberships", lambda uuids=None: calls.append(1) or real(uuids))
    member_list.search_with_states(store, "", user=admin, day=TODAY, limit=50)
    assert calls == [1]
