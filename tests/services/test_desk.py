from tests.services.support import fields

from regdesk.services import registrations
from regdesk.services.desk import Overview, overview
from regdesk.store import Store, UserInfo


def test_a_new_database_is_not_set_up(store: Store) -> None:
    assert overview(store) == Overview(False)


def test_counts_of_a_working_desk(store: Store, operator: UserInfo) -> None:
    registrations.register(store, fields(), user=operator)
    desk = overview(store)
    assert (desk.initialised, desk.village, desk.village_name) == (
        True, "32.16.06.2006", "Setiamekar")
    assert (desk.registrations, desk.pending, desk.synced, desk.last_success) == (1, 1, 0, None)
