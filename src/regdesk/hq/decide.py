"""HQ's acceptance rules for pushed records: pure (no SQL, no clock, no I/O).

:func:`decide` judges one record against what HQ knows of its uuid and NIK;
:func:`decide_batch` judges a batch in order, each record seeing what the earlier ones of the
same batch changed. Order of checks per record: forbidden (other village) → stale / resend /
conflict (against the newest known version of the uuid) → rejected (domain validation
errors) → duplicate (NIK held by another uuid) → accepted.

The records HQ knows are immutable named tuples (cheaper to make than frozen dataclasses, and
a batch makes several per record).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from regdesk.wire.push import Outcome


class Incoming(NamedTuple):
    """A pushed record, as the rules see it."""

    uuid: str
    version: int
    hash: str  # of the canonical payload
    claimed_village: str | None  # the payload's village code (normalised), if it has one
    nik: str | None  # None when the payload is not a registration at all
    valid: bool  # a registration without validation errors


class KnownRegistration(NamedTuple):
    """The newest stored version of a uuid."""

    version: int
    hash: str
    village_code: str
    answer: str  # the JSON answer given for it, resent byte for byte


class KnownMember(NamedTuple):
    """A member: the uuid that holds a NIK. ``registration_number`` is None for a member made by
    the batch being decided (the store numbers it)."""

    uuid: str
    nik: str
    village_code: str
    since: date
    registration_number: str | None = None


@dataclass(frozen=True, slots=True)
class Knowledge:
    """What HQ knows for one batch: stored registrations and members, keyed by uuid
    (members holding one of the batch's NIKs included)."""

    registrations: Mapping[str, KnownRegistration] = field(default_factory=dict)
    members: Mapping[str, KnownMember] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Refused:
    """Forbidden, stale or conflict: nothing is stored."""

    outcome: Outcome


@dataclass(frozen=True, slots=True)
class Resend:
    """The newest known version again: its stored answer, nothing stored."""

    answer: str


@dataclass(frozen=True, slots=True)
class Repeat:
    """A repeat of record ``index`` of the same batch: the same answer, nothing stored."""

    index: int


@dataclass(frozen=True, slots=True)
class Rejected:
    """Stored with its validation problems."""


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Stored; the NIK is a member under another uuid."""

    holder: KnownMember


@dataclass(frozen=True, slots=True)
class Accepted:
    """Stored; the uuid is (or becomes, when ``new_member``) the member holding the NIK."""

    new_member: bool


Verdict = Refused | Resend | Repeat | Rejected | Duplicate | Accepted
_STORED = frozenset({Rejected, Duplicate, Accepted})
# the verdicts without data, made once (a batch decides thousands of records a second)
FORBIDDEN, STALE, CONFLICT = (Refused(o) for o in (Outcome.FORBIDDEN, Outcome.STALE,
                                                    Outcome.CONFLICT))
REJECTED = Rejected()
ACCEPTED_NEW, ACCEPTED_KNOWN = Accepted(new_member=True), Accepted(new_member=False)


def is_stored(verdict: Verdict) -> bool:
    """Whether the record is stored as the newest version of its uuid."""
    return type(verdict) in _STORED


class InBatch(NamedTuple):
    """A version of a uuid stored earlier in the same batch (as record ``position``)."""

    position: int
    version: int
    hash: str
    village_code: str


Latest = KnownRegistration | InBatch


def decide(rec: Incoming, *, village: str, latest: Latest | None,
           member: KnownMember | None, nik_holder: KnownMember | None) -> Verdict:
    """The verdict on ``rec`` pushed by a device of ``village``, given the newest version of
    its uuid (``latest``), the member of its uuid and the member holding its NIK."""
    if rec.claimed_village not in (None, village) or (
            latest is not None and latest.village_code != village):
        return FORBIDDEN
    if latest is not None and rec.version <= latest.version:
        return _same_or_older(rec, latest)
    if not rec.valid or rec.nik is None:
        return REJECTED
    if nik_holder is not None and nik_holder.uuid != rec.uuid:
        return Duplicate(nik_holder)
    return ACCEPTED_NEW if member is None else ACCEPTED_KNOWN


def _same_or_older(rec: Incoming, latest: Latest) -> Verdict:
    if rec.version < latest.version:
        return STALE
    if rec.hash != latest.hash:
        return CONFLICT
    if isinstance(latest, InBatch):
        return Repeat(latest.position)
    return Resend(latest.answer)


@dataclass
class Decision:
    """The verdicts of a batch (one per record, in order) and the members after it."""

    verdicts: list[Verdict]
    members: dict[str, KnownMember]  # by uuid, after the batch
    new_members: list[str]  # uuids that became members, in order
    nik_changed: list[str]  # uuids of known members whose NIK the batch changed

    @property
    def stored(self) -> int:
        """How many records are stored."""
        return sum(1 for v in self.verdicts if is_stored(v))

    @property
    def forbidden(self) -> int:
        return sum(1 for v in self.verdicts if v == FORBIDDEN)


class _Ledger:
    """What HQ knows, as the batch changes it (a copy; the knowledge is left as it was)."""

    def __init__(self, known: Knowledge, village: str, today: date) -> None:
        self.village, self.today = village, today
        self.latest: dict[str, Latest] = dict(known.registrations)
        self.members = dict(known.members)
        self.by_nik = {m.nik: m.uuid for m in self.members.values()}
        self.new: list[str] = []
        self.changed: list[str] = []

    def take(self, index: int, rec: Incoming) -> Verdict:
        """The verdict on record ``index`` of the batch, learning what it changes."""
        holder = self.by_nik.get(rec.nik) if rec.nik is not None else None
        verdict = decide(rec, village=self.village, latest=self.latest.get(rec.uuid),
                         member=self.members.get(rec.uuid),
                         nik_holder=None if holder is None else self.members[holder])
        if type(verdict) in _STORED:
            self.latest[rec.uuid] = InBatch(index, rec.version, rec.hash, self.village)
            if type(verdict) is Accepted and rec.nik is not None:
                self._hold(rec.uuid, rec.nik)
        return verdict

    def _hold(self, uuid: str, nik: str) -> None:
        member = self.members.get(uuid)
        if member is None:
            self.members[uuid] = KnownMember(uuid, nik, self.village, self.today)
            self.new.append(uuid)
        elif member.nik != nik:
            self.by_nik.pop(member.nik, None)
            self.members[uuid] = member._replace(nik=nik)
            if uuid not in self.new and uuid not in self.changed:
                self.changed.append(uuid)
        self.by_nik[nik] = uuid


def decide_batch(records: Sequence[Incoming], known: Knowledge, *, village: str,
                 today: date) -> Decision:
    """The verdicts on a batch pushed by a device of ``village``; a member made by the batch
    dates from ``today``. ``known`` is not changed."""
    ledger = _Ledger(known, village, today)
    verdicts = [ledger.take(index, rec) for index, rec in enumerate(records)]
    return Decision(verdicts, ledger.members, ledger.new, ledger.changed)
