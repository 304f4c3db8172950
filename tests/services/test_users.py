import pytest
from tests.services.support import PASSWORD

from regdesk.services import users
from regdesk.services.errors import NotInitialised, PermissionDenied
from regdesk.store import AuthenticationFailed, Role, Store, UserInfo


def test_sign_in_needs_an_initialised_desk(store: Store) -> None:
    with pytest.raises(NotInitialised):
        users.sign_in(store, "admin", PASSWORD)


def test_sign_in_names_the_user_and_checks_the_password(store: Store,
                                                        operator: UserInfo) -> None:
    assert users.sign_in(store, "ani", PASSWORD) == operator
    assert users.sign_in(store, " ANI ", PASSWORD) == operator  # as typed at the desk
    with pytest.raises(AuthenticationFailed):
        users.sign_in(store, "ani", "salah-sandi")


def test_there_is_no_default_user(store: Store, admin: UserInfo) -> None:
    """Nobody acts as the first admin without its password: the old shortcut is gone."""
    assert not hasattr(users, "acting_user")
    with pytest.raises(AuthenticationFailed) as caught:
        users.sign_in(store, "", PASSWORD)
    assert [p.code for p in caught.value.problems] == ["password.wrong"]


def test_an_unknown_name_gets_the_wrong_password_answer(store: Store, admin: UserInfo) -> None:
    with pytest.raises(AuthenticationFailed) as caught:
        users.sign_in(store, "siapa", PASSWORD)
    assert [p.code for p in caught.value.problems] == ["password.wrong"]
    assert "siapa" not in str(caught.value)


def test_only_admins_add_users(store: Store, operator: UserInfo) -> None:
    with pytest.raises(PermissionDenied):
        users.add_user(store, acting=operator, username="eko", password="rahasia-456",
                       role=Role.OPERATOR.value)


def test_listing_users_needs_a_supervisor(store: Store, admin: UserInfo,
                                          operator: UserInfo, supervisor: UserInfo) -> None:
    names = {u.username for u in users.list_users(store, acting=supervisor)}
    assert names == {"admin", "ani", "budi"}
    with pytest.raises(PermissionDenied):
        users.list_users(store, acting=operator)


def test_roles_rank(operator: UserInfo, supervisor: UserInfo, admin: UserInfo) -> None:
    assert not users.has_role(operator, Role.SUPERVISOR)
    assert users.has_role(supervisor, Role.SUPERVISOR)
    assert users.has_role(admin, Role.ADMIN)


def test_office_village_is_an_admin_setting(store: Store, admin: UserInfo,
                                            operator: UserInfo) -> None:
    assert users.set_office_village(store, "32.16.18.2005", user=admin) == "32.16.18.2005"
    assert store.office_village() == "32.16.18.2005"
    with pytest.raises(PermissionDenied):
        users.set_office_village(store, "32.16.06.2006", user=operator)


def test_generated_passwords_differ() -> None:
    assert users.generated_password() != users.generated_password()
    assert len(users.generated_password()) >= 12


def test_sign_in_and_who_manages_accounts(store: Store, operator: UserInfo,
                                          supervisor: UserInfo, admin: UserInfo) -> None:
    from tests.services.support import PASSWORD

    from regdesk.store import AuthenticationFailed

    assert users.authenticate(store, "ani", PASSWORD).username == "ani"
    with pytest.raises(AuthenticationFailed):
        users.authenticate(store, "ani", "wrong-password")
    assert [users.manages_users(u) for u in (operator, supervisor, admin)] == \
        [False, False, True]
