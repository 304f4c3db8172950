"""HQ's SQLModel tables (all prefixed ``hq_``). The schema itself is owned by the alembic
migrations in ``regdesk/hq/migrations``; these classes must match them.

Bulk paths use ``Model.__table__`` with SQLAlchemy Core; the ORM is for single rows.
Datetimes are naive UTC.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class Counter(SQLModel, table=True):
    """Named counters: ``seq`` (server change sequence), ``registration`` (serials of HQ's
    registration numbers; ``member`` before revision 0002), ``kpj`` (serials of KPJ-format
    numbers HQ issues itself when ``membership_authority`` is ``local``),
    ``master`` (seq of the last master-data change, for validation-context caching)."""

    __tablename__ = "hq_counter"
    name: str = Field(primary_key=True, max_length=32)
    value: int = Field(sa_column=Column(BigInteger, nullable=False))


class Setting(SQLModel, table=True):
    __tablename__ = "hq_setting"
    name: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_column=Column(Text, nullable=False))


class EnrolCode(SQLModel, table=True):
    """One-time enrolment code; only its SHA-256 is stored."""

    __tablename__ = "hq_enrol_code"
    code_hash: str = Field(primary_key=True, max_length=64)
    village_code: str = Field(max_length=13)
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    device_id: str | None = Field(default=None, max_length=36)


class Device(SQLModel, table=True):
    __tablename__ = "hq_device"
    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=100)
    village_code: str = Field(max_length=13)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime
    revoked_at: datetime | None = None


class Batch(SQLModel, table=True):
    """A processed push batch and its exact answer (the idempotency record)."""

    __tablename__ = "hq_batch"
    batch_id: str = Field(primary_key=True, max_length=36)
    device_id: str = Field(max_length=36)
    request_hash: str = Field(max_length=64)
    response: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime


class Registration(SQLModel, table=True):
    """Newest known version of each registration uuid, with HQ's verdict on it."""

    __tablename__ = "hq_registration"
    __table_args__ = (Index("ix_hq_registration_village_seq", "village_code", "seq"),)
    uuid: str = Field(primary_key=True, max_length=36)
    village_code: str = Field(max_length=13)
    device_id: str = Field(max_length=36)
    version: int
    payload_hash: str = Field(max_length=64)
    payload: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(max_length=16)
    nik: str | None = Field(default=None, max_length=16)
    registration_number: str | None = Field(default=None, max_length=11)
    card_qr: str | None = Field(default=None, sa_column=Column(Text))
    answer: str = Field(sa_column=Column(Text, nullable=False))
    seq: int = Field(sa_column=Column(BigInteger, nullable=False))
    received_at: datetime
    # Perlu ditinjau (0008): a set-aside record resolved at HQ; cleared by a new version
    review_note: str | None = Field(default=None, sa_column=Column(Text))
    reviewed_at: datetime | None = None


class Member(SQLModel, table=True):
    """One accepted person per uuid: HQ's registration number, NIK (unique) and since when.
    (Called "member" for history: membership proper — the KPJ — is ``hq_membership``.)"""

    __tablename__ = "hq_member"
    uuid: str = Field(primary_key=True, max_length=36)
    registration_number: str = Field(max_length=11, unique=True)
    nik: str = Field(max_length=16, unique=True)
    village_code: str = Field(max_length=13)
    since: date


class Membership(SQLModel, table=True):
    """What BPJS Ketenagakerjaan (or HQ, ``local``) says of a registration: its KPJ and an
    end. ``seq`` is from HQ's sequence (moved whenever the membership or its payments change)
    so ``/changes`` pages it with everything else."""

    __tablename__ = "hq_membership"
    __table_args__ = (Index("ix_hq_membership_village_seq", "village_code", "seq"),)
    uuid: str = Field(primary_key=True, max_length=36)
    village_code: str = Field(max_length=13)
    kpj: str | None = Field(default=None, max_length=11, unique=True)
    ended_on: date | None = None
    ended_reason: str | None = Field(default=None, max_length=16)
    seq: int = Field(sa_column=Column(BigInteger, nullable=False))
    updated_at: datetime


class Payment(SQLModel, table=True):
    """A contribution paid for the months ``first_month`` … ``last_month`` (first days).
    The natural key (uuid, months, paid_on, reference) makes a re-import change nothing."""

    __tablename__ = "hq_payment"
    __table_args__ = (UniqueConstraint("uuid", "first_month", "last_month", "paid_on",
                                       "reference", name="uq_hq_payment_natural"),)
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36, index=True)
    first_month: date
    last_month: date
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    channel: str = Field(max_length=40)
    reference: str = Field(max_length=64)
    paid_on: date
    import_id: int | None = None


class ImportRun(SQLModel, table=True):
    """One applied import of a BPJS Ketenagakerjaan file (members or payments)."""

    __tablename__ = "hq_import_run"
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    file_name: str = Field(max_length=255)
    file_sha256: str = Field(max_length=64, index=True)
    counts: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime


class Region(SQLModel, table=True):
    __tablename__ = "hq_region"
    code: str = Field(primary_key=True, max_length=13)
    name: str = Field(max_length=200)
    postal_code: str | None = Field(default=None, max_length=5)
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))


class Occupation(SQLModel, table=True):
    __tablename__ = "hq_occupation"
    code: str = Field(primary_key=True, max_length=64)
    row: str = Field(sa_column=Column(Text, nullable=False))
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))


class Rates(SQLModel, table=True):
    __tablename__ = "hq_rates"
    id: int = Field(primary_key=True)
    data: str = Field(sa_column=Column(Text, nullable=False))
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))


class Target(SQLModel, table=True):
    """A coverage target (:mod:`regdesk.domain.coverage`): one per area code (village,
    kecamatan, regency) and occupation group (``""``: all workers). ``target_share`` is the
    exact decimal as text (``"0.65"``); ``source`` says where the figures come from."""

    __tablename__ = "hq_target"
    __table_args__ = (UniqueConstraint("area_code", "group_code",
                                       name="uq_hq_target_area_group"),)
    id: int | None = Field(default=None, primary_key=True)
    area_code: str = Field(max_length=13)
    group_code: str = Field(max_length=64)
    workers: int = Field(sa_column=Column(BigInteger, nullable=False))
    informal: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    baseline_covered: int = Field(sa_column=Column(BigInteger, nullable=False))
    target_share: str = Field(max_length=16)
    target_date: date | None = None
    source: str = Field(sa_column=Column(Text, nullable=False))
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    updated_at: datetime


class FundingSource(SQLModel, table=True):
    """One funding source of ``funding_sources.json`` (``row``: its JSON form)."""

    __tablename__ = "hq_funding_source"
    code: str = Field(primary_key=True, max_length=40)
    row: str = Field(sa_column=Column(Text, nullable=False))
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))


class Programme(SQLModel, table=True):
    """A sponsor programme (``data``: :meth:`regdesk.domain.programmes.Programme.to_dict`);
    every change takes a new ``seq`` and ``version`` and leaves a ``hq_programme_change``."""

    __tablename__ = "hq_programme"
    id: int | None = Field(default=None, primary_key=True)
    status: str = Field(max_length=8)
    data: str = Field(sa_column=Column(Text, nullable=False))
    version: int
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    updated_at: datetime


class FundedPeriod(SQLModel, table=True):
    """A paid period of an accepted registration (:class:`regdesk.domain.programme_use.
    FundedPeriod`): ``number`` 0 is the registration's own, n its n-th renewal. Rewritten
    with every stored version of the uuid; ``cost`` is its price month by month with the fee
    rules in force for each month. Programme roll-ups and quota checks read this table."""

    __tablename__ = "hq_funded_period"
    __table_args__ = (Index("ix_hq_funded_period_programme", "programme_id"),)
    uuid: str = Field(primary_key=True, max_length=36)
    number: int = Field(primary_key=True)
    programme_id: int | None = None
    village_code: str = Field(max_length=13)
    first_month: date
    months: int
    income: int = Field(sa_column=Column(BigInteger, nullable=False))
    jht: bool
    transport: bool
    funding: str = Field(max_length=40)
    cost: int = Field(sa_column=Column(BigInteger, nullable=False))


class ActiveSpan(SQLModel, table=True):
    """A day range (``end_day`` exclusive; ``None``: open) in which a membership is active
    (:func:`regdesk.domain.lifecycle.active_spans`), with its village and the occupation of
    its registration: coverage counts active members in SQL from these rows. Rewritten
    whenever the membership, its payments or its registration change
    (:mod:`regdesk.hq.spans`, migration 0006)."""

    __tablename__ = "hq_active_span"
    __table_args__ = (Index("ix_hq_active_span_village_day", "village_code", "first_day",
                            "end_day", "occupation_code"),)
    uuid: str = Field(primary_key=True, max_length=36)
    first_day: date = Field(primary_key=True)
    end_day: date | None = None
    village_code: str = Field(max_length=13)
    occupation_code: str | None = Field(default=None, max_length=64)


class ProgrammeChange(SQLModel, table=True):
    """The audit trail of programmes: each version as it was written, by whom and when."""

    __tablename__ = "hq_programme_change"
    __table_args__ = (UniqueConstraint("programme_id", "version",
                                       name="uq_hq_programme_change"),)
    id: int | None = Field(default=None, primary_key=True)
    programme_id: int
    version: int
    action: str = Field(max_length=16)
    data: str = Field(sa_column=Column(Text, nullable=False))
    changed_by: str = Field(max_length=64)
    changed_at: datetime


class Operator(SQLModel, table=True):
    """A console operator (:mod:`regdesk.hq.operators`): an argon2 password hash, a role
    (``admin``, ``operator``, ``viewer``), for viewers an optional kecamatan scope, and the
    sign-in throttle (failures in a row, locked until), and when they last signed out
    (which ends every session of theirs begun before)."""

    __tablename__ = "hq_operator"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True)
    password_hash: str = Field(sa_column=Column(Text, nullable=False))
    role: str = Field(max_length=16)
    kecamatan: str | None = Field(default=None, max_length=8)
    disabled: bool = False
    failed_count: int = 0
    locked_until: datetime | None = None
    signed_out_at: datetime | None = None  # sessions signed in before this are void
    created_at: datetime


class Audit(SQLModel, table=True):
    """The HQ audit log: who (an operator's name, or ``cli``), when, what (``action`` on
    ``entity``) and a JSON ``detail`` that never holds personal data."""

    __tablename__ = "hq_audit"
    __table_args__ = (Index("ix_hq_audit_at", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    actor: str = Field(max_length=64)
    action: str = Field(max_length=32)
    entity: str = Field(max_length=80)
    detail: str = Field(sa_column=Column(Text, nullable=False))


T_COUNTER = Counter.__table__
T_SETTING = Setting.__table__
T_ENROL = EnrolCode.__table__
T_DEVICE = Device.__table__
T_BATCH = Batch.__table__
T_REG = Registration.__table__
T_MEMBER = Member.__table__
T_MEMBERSHIP = Membership.__table__
T_PAYMENT = Payment.__table__
T_IMPORT_RUN = ImportRun.__table__
T_REGION = Region.__table__
T_OCCUPATION = Occupation.__table__
T_RATES = Rates.__table__
T_TARGET = Target.__table__
T_FUNDING_SOURCE = FundingSource.__table__
T_PROGRAMME = Programme.__table__
T_PROGRAMME_CHANGE = ProgrammeChange.__table__
T_FUNDED_PERIOD = FundedPeriod.__table__
T_ACTIVE_SPAN = ActiveSpan.__table__
T_OPERATOR = Operator.__table__
T_AUDIT = Audit.__table__
