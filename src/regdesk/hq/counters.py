"""Named counters in ``hq_counter``: the server sequence, registration-number serials,
local KPJ serials, master version."""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from regdesk.hq.tables import T_COUNTER

SEQ = "seq"
REGISTRATION = "registration"
KPJ = "kpj"
MASTER = "master"


def allocate(conn: Connection, name: str, n: int) -> int:
    """Reserve ``n`` consecutive values of counter ``name``; returns the first one.

    Call inside :func:`regdesk.hq.db.write_tx` so that values commit in order.
    """
    if n <= 0:
        raise ValueError("n must be positive")
    last = conn.execute(
        update(T_COUNTER)
        .where(T_COUNTER.c.name == name)
        .values(value=T_COUNTER.c.value + n)
        .returning(T_COUNTER.c.value)
    ).scalar_one()
    return int(last) - n + 1


def current(conn: Connection, name: str) -> int:
    return int(conn.execute(select(T_COUNTER.c.value).where(T_COUNTER.c.name == name)).scalar_one())


def set_value(conn: Connection, name: str, value: int) -> None:
    conn.execute(update(T_COUNTER).where(T_COUNTER.c.name == name).values(value=value))
