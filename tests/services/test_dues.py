"""Who is due for the desk's day: window and state filters across month ends and the
grace/inactive boundary, amounts with the rates in force per month, masked NIK by role, and
the ready reminder text in both languages (no ISO date, pay with the KPJ, never a RegDesk
reference)."""

from __future__ import annotations

import json
import re
import stat
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from tests.clock import TestClock
from tests.services.members import enrol, member
from tests.services.support import VILLAGE

from regdesk.domain.lifecycle import State
from regdesk.services import dues, users
from regdesk.services.personal_data import EXPORT_ACTION, FullNikDenied
from regdesk.store import Store, UserInfo

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture
def store(db_path: Path, clock: TestClock) -> Iterator[Store]:
    """The desk's day is the test's clock (``@pytest.mark.clock``), not the fixed one."""
    s = Store.open(db_path, clock=clock.frozen)
    yield s
    s.close()


@pytest.fixture
def admin(store: Store) -> UserInfo:
    return users.initialise(store, village=VILLAGE, admin="admin", password="rahasia-123",
                            admin_name="Admin Desa")


@pytest.fixture
def siti(store: Store, admin: UserInfo):
    key = enrol(store, admin, VILLAGE)
    return member(store, admin, key, 0)


@pytest.mark.parametrize(("day", "within", "listed", "state", "months"), [
    # paid Nov 2026 - Jan 2027; Feb is due on 15 Feb
    (date(2027, 1, 20), None, False, State.ACTIVE, ()),  # this month: nothing due
    (date(2027, 1, 31), None, False, State.ACTIVE, ()),  # month end: still January's window
    (date(2027, 1, 31), 14, False, State.ACTIVE, ()),  # until 14 Feb: not yet
    (date(2027, 1, 31), 15, True, State.ACTIVE, ("2027-02",)),  # until 15 Feb: due that day
    (date(2027, 2, 1), None, True, State.GRACE, ("2027-02",)),  # unpaid month begun: grace
    (date(2027, 2, 15), 0, True, State.GRACE, ("2027-02",)),  # due day: grace, 0 overdue
    (date(2027, 3, 10), None, True, State.GRACE, ("2027-02", "2027-03")),
    (date(2027, 4, 15), 0, True, State.GRACE, ("2027-02", "2027-03", "2027-04")),
    (date(2027, 4, 16), 0, True, State.INACTIVE, ("2027-04",)),  # 3 months in arrears
    (date(2027, 12, 31), 0, True, State.INACTIVE, ("2027-12",)),
    (date(2028, 2, 29), None, True, State.INACTIVE, ("2028-02",)),  # leap day
])
def test_window_and_states_across_month_ends(store: Store, admin: UserInfo, siti, day,
                                             within, listed, state, months) -> None:
    found = dues.due_list(store, user=admin, day=day, within_days=within)
    assert [r.local_ref for r in found.rows] == ([siti.local_ref] if listed else [])
    if listed:
        row = found.rows[0]
        assert row.state is state
        assert tuple(m.strftime("%Y-%m") for m in row.months_due) == months
        assert row.amount_due == 16_800 * len(months)  # 2027 on: no PP 50/2025 discount


@pytest.mark.parametrize(("day", "state", "overdue"), [
    (date(2027, 2, 15), State.GRACE, 0),
    (date(2027, 2, 16), State.GRACE, 1),
    (date(2027, 4, 15), State.GRACE, 59),
    (date(2027, 4, 16), State.INACTIVE, 60),
])
def test_grace_and_inactive_boundaries(store: Store, admin: UserInfo, siti, day, state,
                                       overdue) -> None:
    row = dues.due_list(store, user=admin, day=day).rows[0]
    assert (row.state, row.days_overdue, row.next_due) == (state, overdue, date(2027, 2, 15))


@pytest.mark.clock("2027-03-10T10:00")
def test_the_desk_day_comes_from_the_clock(store: Store, admin: UserInfo, siti) -> None:
    found = dues.due_list(store, user=admin)
    assert (found.day, found.until) == (date(2027, 3, 10), date(2027, 3, 31))
    assert found.rows[0].state is State.GRACE


def test_state_filter_and_waiting_for_kpj_only_when_asked(store: Store, admin: UserInfo
                                                          ) -> None:
    key = enrol(store, admin, VILLAGE)
    siti = member(store, admin, key, 0)
    late = member(store, admin, key, 1, payments=[("2026-09", "2026-10", "2026-09-01")])
    fresh = member(store, admin, key, 2, payments=[])
    waiting = member(store, admin, key, 3, kpj=None)
    day = date(2026, 12, 20)
    everyone = dues.due_list(store, user=admin, day=day, within_days=60)
    states = {r.local_ref: r.state for r in everyone.rows}
    assert states == {siti.local_ref: State.ACTIVE, late.local_ref: State.GRACE,
                      fresh.local_ref: State.WAITING_FOR_PAYMENT}
    assert everyone.rows[0].local_ref == late.local_ref  # oldest due first
    grace = dues.due_list(store, user=admin, day=day, states={State.GRACE})
    assert [r.local_ref for r in grace.rows] == [late.local_ref]
    kpj = dues.due_list(store, user=admin, day=day, states={State.WAITING_FOR_KPJ})
    assert [r.local_ref for r in kpj.rows] == [waiting.local_ref]
    assert kpj.rows[0].amount_due is None and kpj.rows[0].months_due == ()


def test_amount_uses_the_rates_in_force_for_each_month(store: Store, admin: UserInfo) -> None:
    key = enrol(store, admin, VILLAGE)
    late = member(store, admin, key, 0, payments=[("2026-10", "2026-11", "2026-10-01")])
    row = dues.due_list(store, user=admin, day=date(2027, 1, 10)).rows[0]
    assert row.local_ref == late.local_ref and row.state is State.GRACE
    assert [m.month for m in row.months_due] == [12, 1]
    assert row.amount_due == 8_400 + 16_800  # December under PP 50/2025, January not


def test_nik_masked_unless_a_supervisor_asks_for_whole_niks(store: Store, admin: UserInfo,
                                                             siti) -> None:
    operator = users.add_user(store, acting=admin, username="ani", password="rahasia-123",
                              role="operator", full_name="Ani")
    day = date(2027, 3, 1)
    masked = dues.due_list(store, user=operator, day=day)
    assert masked.nik_masked and masked.rows[0].nik == "3216********0001"
    by_default = dues.due_list(store, user=admin, day=day)  # files: masked for admins too
    assert by_default.nik_masked and by_default.rows[0].nik == "3216********0001"
    whole = dues.due_list(store, user=admin, day=day, full_nik=True)
    assert not whole.nik_masked and whole.rows[0].nik == "3216064508900001"
    assert whole.rows[0].phone == "+6281234567800"
    with pytest.raises(FullNikDenied):
        dues.due_list(store, user=operator, day=day, full_nik=True)


def test_window_end_and_bad_window() -> None:
    assert dues.window_end(date(2028, 2, 10), None) == date(2028, 2, 29)
    assert dues.window_end(date(2026, 12, 31), 1) == date(2027, 1, 1)
    with pytest.raises(ValueError):
        dues.window_end(date(2026, 12, 31), -1)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("day", "within", "state", "amount", "words"), [
    (date(2027, 1, 25), 30, State.ACTIVE, "Rp 16.800",
     {"id": "jatuh tempo 15 Februari 2027", "en": "due on 15 February 2027"}),
    (date(2027, 3, 10), None, State.GRACE, "Rp 33.600",
     {"id": "sejak jatuh tempo 15 Februari 2027", "en": "due on 15 February 2027"}),
    (date(2027, 5, 2), None, State.INACTIVE, "Rp 16.800",
     {"id": "untuk Mei 2027 (jatuh tempo 15 Mei 2027)", "en": "for May 2027 (due on 15 May 2027)"}),
])
def test_reminder_text_in_both_languages(store: Store, admin: UserInfo, siti, lang, day,
                                         within, state, amount, words) -> None:
    row = dues.due_list(store, user=admin, day=day, within_days=within).rows[0]
    assert row.state is state
    text = dues.reminder_text(row, lang, village="Setiamekar")
    assert not ISO.search(text), text
    assert row.kpj and row.kpj in text
    assert amount in text and words[lang] in text
    assert siti.local_ref not in text and (siti.member_number or "x") not in text
    assert "JMO" in text
    if lang == "en":
        assert "Dear Warga A" in text and "Pay with your KPJ number" in text
        assert "Setiamekar village office" in text
    else:
        assert "Yth. Bapak/Ibu Warga A" in text and "Bayar dengan nomor KPJ" in text
        assert "Kantor Desa Setiamekar" in text


def test_reminder_before_a_kpj_says_what_payment_json_says(store: Store, admin: UserInfo
                                                           ) -> None:
    key = enrol(store, admin, VILLAGE)
    waiting = member(store, admin, key, 0, kpj=None)
    row = dues.due_list(store, user=admin, day=date(2026, 12, 1),
                        states={State.WAITING_FOR_KPJ}).rows[0]
    for lang, words in (("id", "setelah nomor KPJ terbit"), ("en", "once the KPJ number")):
        text = dues.reminder_text(row, lang)
        assert words in text
        assert waiting.local_ref not in text and (waiting.member_number or "x") not in text
        assert not ISO.search(text)


def test_sponsored_member_is_told_who_pays(store: Store, admin: UserInfo) -> None:
    key = enrol(store, admin, VILLAGE)
    member(store, admin, key, 0, funding="apbdes", sponsor_name="Pemdes Setiamekar",
           budget_reference="DPA 2026", funding_start="2026-11-01", funding_end="2027-01-31")
    row = dues.due_list(store, user=admin, day=date(2027, 3, 1)).rows[0]
    assert "Pemdes Setiamekar" in dues.reminder_text(row, "id")


def test_many_registrations_read_in_a_fixed_number_of_queries(store: Store, admin: UserInfo
                                                              ) -> None:
    from sqlalchemy import event

    key = enrol(store, admin, VILLAGE)
    for i in range(12):
        member(store, admin, key, i)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        found = dues.due_list(store, user=admin, day=date(2027, 3, 1))
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert len(found.rows) == 12
    assert sum("FROM membership" in s and "registration" not in s.split("FROM")[1]
               for s in statements) <= 1
    assert len(statements) < 20


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_due_list_files_are_owner_only_and_audited(store: Store, admin: UserInfo, siti,
                                                   tmp_path: Path) -> None:
    found = dues.due_list(store, user=admin, day=date(2027, 3, 1))
    out = tmp_path / "out"
    out.mkdir()
    assert dues.export_due_list(store, found, out / "due.xlsx", user=admin) == 1
    assert dues.print_due_list(store, found, out / "due.pdf", user=admin) == 1
    assert dues.write_due_json(store, found, out / "due.json", user=admin) == 1
    assert sorted(p.name for p in out.iterdir()) == ["due.json", "due.pdf", "due.xlsx"]
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {0o600}
    document = json.loads((out / "due.json").read_text(encoding="utf-8"))
    assert document["nik_masked"] and document["rows"][0]["nik"] == "3216********0001"
    with store.read() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT actor, entity_id, detail FROM audit WHERE action = ?",
            (EXPORT_ACTION,)).all()
    assert [(a, k, json.loads(d)) for a, k, d in rows] == [
        ("admin", "due_list", {"kind": "due_list", "format": fmt, "rows": 1, "nik": "masked",
                               "file": f"due.{fmt}", "until": "2027-03-31"})
        for fmt in ("xlsx", "pdf", "json")]
