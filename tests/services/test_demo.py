from tests.services.support import NOW

from regdesk.domain.problems import has_errors
from regdesk.domain.validation import validate_registration
from regdesk.services import demo, users
from regdesk.store import Store


def test_prepare_office_creates_the_admin_once(store: Store) -> None:
    password = demo.prepare_office(store, village=None, default_village="32.16.18.2005",
                                   admin_password=None)
    assert password and store.authenticate("admin", password).username == "admin"
    assert store.office_village() == "32.16.18.2005"
    again = demo.prepare_office(store, village="32.16.06.2006", default_village="x",
                                admin_password=None)
    assert again is None and store.office_village() == "32.16.06.2006"


def test_demo_data_is_valid_and_never_added_twice(store: Store) -> None:
    demo.prepare_office(store, village="32.16.06.2006", default_village="x",
                        admin_password="rahasia-123")
    admin = users.sign_in(store, "admin", "rahasia-123")
    seen: list[tuple[int, int]] = []
    first = demo.add_demo_data(store, count=30, user=admin, seed=5,
                               progress=lambda d, t: seen.append((d, t)))
    assert (first.added, first.total, first.village) == (30, 30, "32.16.06.2006")
    assert seen == []  # one chunk: nothing to report before the end
    again = demo.add_demo_data(store, count=30, user=admin, seed=5)
    assert (again.added, again.total) == (0, 30)  # the same people are not added twice
    for reg in demo.generate(20, village_code="32.16.06.2006", postal_code="17510",
                             today=NOW.date(), recorded_by="admin", seed=1):
        _reg, problems = validate_registration(reg, today=NOW.date(), ctx=store.context())
        assert not has_errors(problems)


def test_demo_people_are_marked_and_real_ones_counted(store: Store) -> None:
    from tests.factories import valid_registration_data

    from regdesk.services import registrations

    demo.prepare_office(store, village="32.16.06.2006", default_village="x",
                        admin_password="rahasia-123")
    admin = users.sign_in(store, "admin", "rahasia-123")
    assert demo.real_registrations(store) == 0
    demo.add_demo_data(store, count=5, user=admin, seed=5)
    assert demo.real_registrations(store) == 0  # every demo person is marked as such
    view = store.search("", limit=1).rows[0]
    [created] = store.audit_trail(view.uuid)
    assert created.action == demo.DEMO_ACTION
    registrations.register(store, valid_registration_data(consent_at=None), user=admin)
    assert demo.real_registrations(store) == 1
