"""The desk database behind one object: open (migrating first), then one short transaction per
operation. Callers get frozen read models; they never see sessions or SQL."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert
from sqlmodel import Session, SQLModel

from regdesk import masterdata
from regdesk.domain.problems import error
from regdesk.domain.programmes import Programme
from regdesk.domain.regions import level_of, normalize_region_code
from regdesk.domain.registration import Registration
from regdesk.domain.validation import ValidationContext
from regdesk.oscompat import create_private, is_network_path, make_private, private_dir
from regdesk.store import (
    audit,
    cipher,
    deskkey,
    encrypt,
    keystore,
    migrate,
    outbox,
    reference,
    registrations,
    search,
    signin,
    streams,
    users,
)
from regdesk.store.db import make_engine
from regdesk.store.deskkey import DeskKey
from regdesk.store.errors import (
    AuthenticationFailed,
    DatabaseLocked,
    NetworkDrive,
    NotInitialised,
    ValidationFailed,
)
from regdesk.store.membership_ops import MembershipOps
from regdesk.store.region_lookup import SqliteRegionTable
from regdesk.store.search import Filters
from regdesk.store.settings import OFFICE_VILLAGE, get_setting, set_setting
from regdesk.store.sync_ops import SyncOps
from regdesk.store.views import (
    AuditView,
    Page,
    RegistrationView,
    UserInfo,
    VersionEntry,
)
from regdesk.store.writer import FairLock

Clock = Callable[[], datetime]
PLAIN = DeskKey(b"", b"")  # an unencrypted file (benchmarks' baseline only)
SYSTEM = UserInfo(0, "system", "RegDesk", users.Role.ADMIN.value, True)


def local_now() -> datetime:
    """Aware local time (the office's clock decides 'today' for ages and fees)."""
    return datetime.now().astimezone()


class Store(SyncOps, MembershipOps):
    """The desk database.

    **One writer.** Every write transaction of the process — a clerk's save, a print run's
    audit entries, sync's batches and pulled pages, an import — goes through ``write()``,
    which holds one fair (first come, first served) lock for the whole transaction. Writers
    never meet in SQLite's busy handler; they queue in arrival order, and sync keeps each of
    its transactions to one batch, so a save waits at most for the short transactions queued
    before it. A write is durable when ``write()`` returns (WAL, ``synchronous=FULL``).
    Nested ``write()`` on one thread raises ``NestedWrite``. Reads (``read()``) take no lock:
    WAL lets them run beside the writer.
    """

    def __init__(self, path: Path, *, key: DeskKey | None = None, clock: Clock = local_now,
                 regions_in_memory: bool = False):
        """A second handle on an opened (encrypted, migrated) database; ``open`` makes one.
        ``key=PLAIN`` (an empty master) works on an unencrypted file: the benchmarks'
        baseline, never the app."""
        key = key or deskkey.key_for(path)
        self.path = path
        self.key = key
        self.regions_in_memory = regions_in_memory
        self.clock = clock
        master = key.master or None
        self._writer = make_engine(path, master=master, salt=key.salt)
        self._write_lock = FairLock()
        self._reader = make_engine(path, writer=False, master=master, salt=key.salt)
        self._context: ValidationContext | None = None
        self._office_village: str | None = None
        self._context_lock = threading.Lock()

    @classmethod
    def open(cls, path: Path, *, clock: Clock = local_now,
             regions_in_memory: bool = False) -> Store:
        """Open (creating the file if needed) and migrate to the newest schema.

        Region lookups are answered by the database unless ``regions_in_memory``. A path on
        a network drive is refused (:class:`NetworkDrive`): SQLite's WAL does not work there.

        The file is encrypted (SQLCipher, :mod:`regdesk.store.cipher`): a new one gets a new
        key and recovery code, a plain one from before is encrypted in place first
        (:mod:`regdesk.store.encrypt`), an encrypted one whose key this PC does not hold is
        refused (:class:`DatabaseLocked`). Files and folders it creates are owner-only.
        """
        if is_network_path(path):
            raise NetworkDrive()
        key = cls._unlock(path)
        store = cls(path, key=key, clock=clock, regions_in_memory=regions_in_memory)
        with store._write_lock:
            migrate.upgrade(store._writer, path, key.master)
        with store.write() as session:
            reference.seed_shipped(session)
        return store

    @staticmethod
    def _unlock(path: Path) -> DeskKey:
        if not path.parent.exists():
            private_dir(path.parent)
        encrypt.finish_interrupted(path)
        if cipher.is_plain(path):
            return encrypt.encrypt_in_place(path)
        key = deskkey.key_for(path)
        if not path.exists() or path.stat().st_size == 0:
            create_private(path)
            return key
        with contextlib.suppress(PermissionError):  # someone else's: SQLite decides
            make_private(path)
        if not cipher.opens_with(path, key.master):
            raise DatabaseLocked()
        return key

    def connect_raw(self) -> cipher.Connection:
        """A bare keyed DB-API connection to the database (region lookups)."""
        return cipher.connect(self.path, self.key.master or None, self.key.salt or None,
                              check_same_thread=False, timeout=10)

    # -- encryption ---------------------------------------------------------------------
    def take_recovery_code(self) -> str | None:
        """The recovery code set-up has not shown yet, handed out once (``None`` after)."""
        return keystore.take_recovery_code(self.key.salt)

    def encryption_status(self) -> dict[str, Any]:
        """What Settings and ``regdesk status`` say: the cipher, where the key is kept (the
        OS credential store, or a private file and which), the desk's key fingerprint."""
        with self._reader.connect() as connection:
            version = connection.exec_driver_sql("PRAGMA cipher_version").scalar()
        where = keystore.location(self.key.salt)
        return {"cipher": f"SQLCipher {version}" if version else None,
                "key_location": where,
                "key_file": str(keystore.key_file_path(self.key.salt))
                if where == keystore.FILE else None,
                "fingerprint": self.key.fingerprint}

    def close(self) -> None:
        """Let SQLite refresh its planner statistics, then release the connections."""
        with self._context_lock:
            self._release_context()
        with self._write_lock, self._writer.connect() as connection:
            connection.exec_driver_sql("PRAGMA optimize")
        self._writer.dispose()
        self._reader.dispose()

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE … COMMIT) under the process's one writer
        lock, taken in arrival order; rolled back on any error."""
        with (self._write_lock, Session(self._writer, expire_on_commit=False) as session,
              session.begin()):
            yield session

    def give_way(self) -> bool:
        """For long jobs between rows: wait while another thread writes or waits to (see
        :meth:`regdesk.store.writer.FairLock.give_way`); True if it waited."""
        return self._write_lock.give_way()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self._reader) as session, session.begin():
            yield session

    @property
    def engine(self) -> Engine:
        return self._writer

    # -- master data --------------------------------------------------------------------
    def context(self) -> ValidationContext:
        with self._context_lock:
            if self._context is None:
                with self.read() as session:
                    self._context = reference.load_context(
                        session, regions_db=None if self.regions_in_memory else self.connect_raw)
            return self._context

    def programmes(self) -> list[tuple[int, Programme]]:
        """Sponsor programmes pulled from HQ (id, programme), open and closed."""
        with self.read() as session:
            return reference.load_programmes(session)

    def invalidate_context(self) -> None:
        """New master data: the next ``context()`` reads it. (The old context is not closed:
        a form may still hold it; its connection closes when it is collected.)"""
        with self._context_lock:
            self._context = None

    def _release_context(self) -> None:
        if self._context is not None and isinstance(self._context.regions, SqliteRegionTable):
            self._context.regions.close()
        self._context = None

    # -- set-up -------------------------------------------------------------------------
    def is_initialised(self) -> bool:
        with self.read() as session:
            return users.any_user(session) and get_setting(session, OFFICE_VILLAGE) is not None

    def office_village(self) -> str:
        if self._office_village is None:
            with self.read() as session:
                village = get_setting(session, OFFICE_VILLAGE)
            if village is None:
                raise NotInitialised()
            self._office_village = str(village)
        return self._office_village

    def set_office_village(self, code: str, *, user: UserInfo = SYSTEM) -> str:
        village = normalize_region_code(code)
        if village is None or level_of(village) != 4:
            raise ValidationFailed([error("village", "village.format", example="32.16.06.2006")])
        if village not in self.context().regions:
            raise ValidationFailed([error("village", "village.unknown", value=village)])
        now = self.clock()
        with self.write() as session:
            set_setting(session, OFFICE_VILLAGE, village)
            self._office_village = None
            audit.record(
                session,
                at=now,
                actor=user.username,
                action="settings.office_village",
                entity="setting",
                entity_id=OFFICE_VILLAGE,
                detail={"village": village},
            )
        return village

    def initialise(
        self, *, village: str, admin_username: str, admin_password: str, admin_name: str = ""
    ) -> UserInfo:
        """First run: office village and the admin account, in one go."""
        self.set_office_village(village)
        return self.create_user(
            username=admin_username,
            password=admin_password,
            role=users.Role.ADMIN.value,
            full_name=admin_name,
            acting=None,
        )

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self.read() as session:
            return get_setting(session, key, default)

    def set_setting(self, key: str, value: Any, *, user: UserInfo = SYSTEM) -> None:
        now = self.clock()
        with self.write() as session:
            set_setting(session, key, value)
            audit.record(
                session,
                at=now,
                actor=user.username,
                action="settings.change",
                entity="setting",
                entity_id=key,
            )

    # -- users --------------------------------------------------------------------------
    def create_user(
        self,
        *,
        username: str,
        password: str,
        role: str,
        full_name: str = "",
        acting: UserInfo | None,
    ) -> UserInfo:
        """``acting`` must be an admin, except for the very first account (then ``None``)."""
        now = self.clock()
        with self.write() as session:
            if acting is None:
                if users.any_user(session):
                    raise ValidationFailed([error("role", "permission.denied", role="-")])
                actor = "setup"
            else:
                users.require_role(acting, users.Role.ADMIN)
                actor = acting.username
            return users.create_user(
                session,
                username=username,
                password=password,
                role=role,
                full_name=full_name,
                actor=actor,
                now=now,
            )

    def authenticate(self, username: str, password: str) -> UserInfo:
        """Sign in, throttled and audited (:mod:`regdesk.store.signin`): the active account,
        or ``AuthenticationFailed`` (``SigninThrottled``, ``AccountLocked``). The password is
        checked outside the writer, so a sign-in never holds up a save."""
        name = username.strip().casefold()
        now = self.clock()
        with self.read() as session:
            attempts = signin.attempts_of(session, name)
            stored = users.password_hash_of(session, name)
        refused = signin.refusal(attempts, masterdata.signin_policy(), now)
        ok = refused is None and users.verify_password(stored, password)
        with self.write() as session:
            signin.record(session, name, ok=ok, refused=refused, now=now)
            if ok:  # hashes made with older, heavier parameters
                users.rehash_if_needed(session, username=name, password=password)
                user = users.get_user(session, name)
        if refused is not None:
            raise refused
        if not ok or user is None:
            raise AuthenticationFailed()
        return user

    def unlock_user(self, username: str, *, actor: UserInfo) -> bool:
        """Lift a sign-in lock or wait (admins; checked by the service)."""
        with self.write() as session:
            return signin.unlock(session, username.strip().casefold(), actor=actor.username,
                                 now=self.clock())

    def user(self, username: str) -> UserInfo | None:
        with self.read() as session:
            return users.get_user(session, username)

    def list_users(self) -> list[UserInfo]:
        with self.read() as session:
            return users.list_users(session)

    # -- registrations ------------------------------------------------------------------
    def add(
        self,
        reg: Registration,
        *,
        user: UserInfo,
        confirmed_warnings: Iterable[str] = (),
        registration_uuid: str | None = None,
        audit_detail: dict[str, object] | None = None,
    ) -> RegistrationView:
        village = self.office_village()
        ctx = self.context()
        now = self.clock()
        with self.write() as session:
            return registrations.create_registration(
                session,
                reg,
                ctx=ctx,
                user=user,
                now=now,
                office_village=village,
                confirmed_warnings=confirmed_warnings,
                registration_uuid=registration_uuid,
                audit_detail=audit_detail,
            )

    def update(
        self,
        key: str,
        reg: Registration,
        *,
        user: UserInfo,
        expected_version: int | None = None,
        confirmed_warnings: Iterable[str] = (),
        action: str = "registration.update",
    ) -> RegistrationView:
        ctx = self.context()
        now = self.clock()
        with self.write() as session:
            return registrations.update_registration(
                session,
                key,
                reg,
                ctx=ctx,
                user=user,
                now=now,
                expected_version=expected_version,
                confirmed_warnings=confirmed_warnings,
                action=action,
            )

    def cancel(self, key: str, *, reason: str, user: UserInfo) -> RegistrationView:
        now = self.clock()
        with self.write() as session:
            return registrations.cancel_registration(
                session, key, reason=reason, user=user, now=now
            )

    def get(self, key: str) -> RegistrationView:
        with self.read() as session:
            return registrations.get_registration(session, key)

    def nik_holder(self, nik: str, *, exclude_uuid: str | None = None) -> str | None:
        """The local reference of a live registration on this desk holding ``nik`` (one
        indexed lookup, no lock)."""
        with self.read() as session:
            return registrations.active_holder(session, nik, exclude_uuid)

    def versions(self, key: str) -> list[VersionEntry]:
        with self.read() as session:
            return registrations.versions_of(session, key)

    def audit_trail(self, key: str) -> list[AuditView]:
        with self.read() as session:
            row = registrations.find_row(session, key)
            return audit.entries_for(session, row.uuid)

    def search(
        self, query: str, *, filters: Filters | None = None, offset: int = 0, limit: int = 50
    ) -> Page:
        with self.read() as session:
            return search.search(session, query, filters=filters, offset=offset, limit=limit)

    def count(self, filters: Filters | None = None) -> int:
        with self.read() as session:
            return search.count(session, filters=filters)

    def pending_under_programmes(self) -> list[tuple[str, Registration]]:
        """Records saved here, not yet answered by HQ, that name a sponsor programme."""
        with self.read() as session:
            return registrations.pending_under_programmes(session)

    def created_between(self, start: datetime, end: datetime) -> list[RegistrationView]:
        with self.read() as session:
            return registrations.views_created_between(session, start, end)

    def ready_for_cards(self) -> list[RegistrationView]:
        with self.read() as session:
            return registrations.ready_for_cards(session)

    # -- streams for long jobs (each page its own short read; see store/streams.py) ------
    def count_created_between(self, start: datetime, end: datetime) -> int:
        with self.read() as session:
            return streams.count_created_between(session, start, end)

    def iter_created_between(self, start: datetime, end: datetime, *,
                             page: int = streams.PAGE) -> Iterator[Sequence[Any]]:
        """Pages of raw rows (``streams.RECAP_COLUMNS``) created in ``[start, end)``."""
        def fetch(after: int, limit: int) -> Sequence[Any]:
            with self.read() as session:
                return streams.created_between_page(session, start, end, after, limit)

        return streams.pages(fetch, page)

    def count_ready_for_cards(self) -> int:
        with self.read() as session:
            return streams.count_ready_for_cards(session)

    def iter_ready_for_cards(self, *, page: int = 500) -> Iterator[list[RegistrationView]]:
        """:meth:`ready_for_cards` page by page."""
        def fetch(after: int, limit: int) -> Sequence[Any]:
            with self.read() as session:
                return streams.ready_for_cards_page(session, after, limit)

        for found in streams.pages(fetch, page):
            yield [view for _seq, view in found]

    def record_audit(self, *, action: str, entity: str, entity_id: str, user: UserInfo,
                     detail: dict[str, Any] | None = None) -> None:
        """An audit entry for something that changed no data (e.g. a print or reprint)."""
        self.record_audits(action=action, entity=entity, user=user,
                           entries=[(entity_id, detail)])

    def record_audits(self, *, action: str, entity: str, user: UserInfo,
                      entries: Iterable[tuple[str, dict[str, Any] | None]]) -> None:
        """Several audit entries of one action (a print run) in one short transaction: one
        Core insert of all rows, so a 1,000-card run holds the writer for milliseconds."""
        now = self.clock()
        rows = [{"at": now, "actor": user.username, "action": action, "entity": entity,
                 "entity_id": entity_id, "fields": "[]",
                 "detail": json.dumps(detail or {}, ensure_ascii=False)}
                for entity_id, detail in entries]
        if not rows:
            return
        with self.write() as session:
            session.connection().execute(insert(SQLModel.metadata.tables["audit"]), rows)

    def sync_status(self) -> dict[str, Any]:
        with self.read() as session:
            by_status = search.counts_by_status(session)
            return {
                "pending": outbox.pending_count(session),
                "needs_attention": by_status.get("needs_attention", 0),
                "synced": by_status.get("synced", 0),
                "last_success": outbox.last_success(session),
            }
