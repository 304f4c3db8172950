"""What membership views ask of the desk database: KPJ, paid periods, lifecycle rules and
the member-card print count. Part of the ``Store`` facade (mixed in, like ``SyncOps``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING

from regdesk.domain.lifecycle import LifecycleRules
from regdesk.store import audit, membership, reference
from regdesk.store.membership import MembershipView

if TYPE_CHECKING:
    from sqlmodel import Session

    from regdesk.store.views import RegistrationView, UserInfo


class MembershipOps:
    """Mixed into ``Store``; uses its ``read``/``write`` transactions and its clock."""

    clock: Callable[[], datetime]

    if TYPE_CHECKING:
        def read(self) -> AbstractContextManager[Session]: ...
        def write(self) -> AbstractContextManager[Session]: ...

    def membership(self, uuid: str) -> MembershipView | None:
        """What HQ reported of this registration's membership, or None (nothing yet)."""
        with self.read() as session:
            return membership.membership_of(session, uuid)

    def memberships(self, uuids: Iterable[str] | None = None) -> dict[str, MembershipView]:
        with self.read() as session:
            return membership.memberships(session, uuids)

    def member_candidates(self) -> list[RegistrationView]:
        """Registrations that can owe a contribution (see ``membership.member_candidates``)."""
        with self.read() as session:
            return membership.member_candidates(session)

    def standing_inputs(self, *, with_kpj: bool
                        ) -> list[tuple[str, str, MembershipView | None]]:
        """See :func:`regdesk.store.membership.standing_inputs` (one read)."""
        with self.read() as session:
            return membership.standing_inputs(session, with_kpj=with_kpj)

    def lifecycle_rules(self) -> LifecycleRules:
        with self.read() as session:
            return reference.load_lifecycle_rules(session)

    def count_card_prints(self, uuids: Sequence[str], *, user: UserInfo,
                          chunk: int = 500) -> None:
        """Count (and audit, ``card.print``) one card printed for each of ``uuids``, in short
        transactions of ``chunk`` members: a 10,000-card run holds the writer for a few
        milliseconds at a time, so a save between two chunks commits at once."""
        for start in range(0, len(uuids), chunk):
            part = list(uuids[start:start + chunk])
            with self.write() as session:
                counts = membership.count_card_prints(session, part)
                audit.record_many(session, at=self.clock(), actor=user.username,
                                  action="card.print", entity="registration",
                                  entries=[(uuid, {"print": counts.get(uuid, 0)})
                                           for uuid in part])

    def count_card_print(self, uuid: str, *, user: UserInfo) -> int:
        """Count (and audit) one member card printed; returns n (1 = first print, 2 = the
        first reprint …)."""
        with self.write() as session:
            count = membership.count_card_print(session, uuid)
            audit.record(session, at=self.clock(), actor=user.username, action="card.print",
                         entity="registration", entity_id=uuid, detail={"print": count})
            return count
