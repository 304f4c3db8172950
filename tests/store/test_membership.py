"""Membership pulled from HQ: stored per registration, newest HQ seq wins, read as a domain
member whose state the lifecycle rule computes."""

from datetime import date

import pytest
from tests.factories import valid_registration_data

from regdesk.domain.lifecycle import State, status_on
from regdesk.domain.registration import registration_from_dict
from regdesk.store import membership, sync_state


def add(store, admin):
    reg, problems = registration_from_dict(valid_registration_data())
    assert reg is not None, problems
    return store.add(reg, user=admin)


def change(uuid, seq, **over):
    base = {"kind": "membership", "seq": seq, "uuid": uuid, "registration_number": "10000000017",
            "kpj": "23012345678", "state": "active", "as_of": "2026-12-01",
            "payments": [{"first_month": "2026-11", "last_month": "2027-01",
                          "paid_on": "2026-11-03"}]}
    return base | over


def pull(store, changes, cursor):
    with store.write() as session:
        return sync_state.apply_changes(session, changes, next_cursor=cursor, now=store.clock())


@pytest.mark.clock("2026-12-02T09:00")
def test_pulled_membership_is_stored_and_read_as_active(store, admin) -> None:
    view = add(store, admin)
    assert pull(store, [change(view.uuid, 5)], 5) == {"membership": 1}
    got = store.membership(view.uuid)
    assert got is not None and got.kpj == "23012345678" and got.card_prints == 0
    member = membership.domain_member("synced", got)
    standing = status_on(member, date(2026, 12, 2), store.lifecycle_rules())
    assert standing.state is State.ACTIVE and standing.paid_through == date(2027, 1, 31)


@pytest.mark.clock("2026-12-02T09:00")
def test_an_older_change_never_overwrites_a_newer_one(store, admin) -> None:
    view = add(store, admin)
    pull(store, [change(view.uuid, 9, kpj="23099999999")], 9)
    pull(store, [change(view.uuid, 4, kpj="23011111111", payments=[])], 9)
    got = store.membership(view.uuid)
    assert got is not None and got.kpj == "23099999999" and len(got.payments) == 1


@pytest.mark.clock("2026-12-02T09:00")
def test_membership_of_an_unknown_registration_is_skipped(store, admin) -> None:
    pull(store, [change("00000000-0000-4000-8000-000000000000", 3)], 3)
    assert store.memberships() == {}


@pytest.mark.clock("2026-12-02T09:00")
def test_card_prints_are_counted_and_audited(store, admin) -> None:
    view = add(store, admin)
    pull(store, [change(view.uuid, 5)], 5)
    assert [store.count_card_print(view.uuid, user=admin) for _ in range(3)] == [1, 2, 3]
    assert [a.action for a in store.audit_trail(view.uuid)].count("card.print") == 3


def test_pulled_lifecycle_rules_replace_the_shipped_ones(store, admin) -> None:
    rules = {"rules": [{"valid_from": "2015-07-01", "valid_to": None, "due_day": 10,
                        "inactive_after_overdue_months": 6}]}
    pull(store, [{"kind": "lifecycle", "seq": 2, "rules": rules}], 2)
    assert store.lifecycle_rules().rule_for(date(2026, 12, 2)).due_day == 10


def test_pulled_age_limits_replace_the_shipped_ones(store, admin) -> None:
    from regdesk.domain.eligibility import check_age

    assert store.context().ages.rule_for(date(2026, 12, 2)).minimum_age == 15
    rules = {"rules": [{"valid_from": "2015-07-01", "valid_to": None, "minimum_age": 18,
                        "warn_below_age": None, "below_age": 60}]}
    store.apply_changes([{"kind": "age_limits", "seq": 3, "rules": rules}], next_cursor=3)
    ages = store.context().ages  # the context was refreshed by the pull
    assert [p.code for p in check_age(date(2010, 1, 1), today=date(2026, 12, 2),
                                      rules=ages)] == ["age.too_young"]
    assert [p.code for p in check_age(date(1966, 1, 1), today=date(2026, 12, 2),
                                      rules=ages)] == ["age.too_old"]
