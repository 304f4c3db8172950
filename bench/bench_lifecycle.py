"""``status_on`` for a district's members on one day (issue #11: 1M members in ≤ 2 s).

Builds ``--members`` members with a realistic mix (waiting for a KPJ, nothing paid yet, paid
monthly with gaps, paid ahead for 3/6/12 months, ended) from a fixed seed, then times
``lifecycle.standings`` over all of them for one day. As a floor in the same run it times a
plain loop that only reads each member's payments (``floor``), so the ratio says how much the
rule itself costs on this machine, whatever its load.

Prints one JSON document: ``members``, ``seconds`` (best of ``--repeat``), ``per_member_us``,
``floor_seconds``, ``ratio_to_floor``, ``states`` (how many in each state) and ``goal_met``
(``seconds`` ≤ 2 for 1M members, scaled for other sizes).

    python bench/bench_lifecycle.py [--members 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from datetime import date, timedelta

from regdesk.domain.lifecycle import Member, Payment, Stage, standings
from regdesk.masterdata import shipped_lifecycle_rules

DAY = date(2027, 3, 20)


def _month(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, 1)


def _member(rng: random.Random) -> Member:
    kind = rng.random()
    if kind < 0.10:
        return Member(Stage.ACCEPTED)
    if kind < 0.15:
        return Member(Stage.ACCEPTED, kpj="1")
    if kind < 0.17:
        return Member(Stage.ACCEPTED, kpj="1", ended_on=date(2026, 9, 1))
    start = rng.randrange(0, 24)  # first paid month: 2025-04 … 2027-03
    payments: list[Payment] = []
    month = start
    while month < 24 + rng.randrange(0, 3):
        span = rng.choice((1, 1, 1, 3, 6, 12))
        first = _month(2025, 4 + month)
        last = _month(2025, 4 + month + span - 1)
        payments.append(Payment(first, last, first - timedelta(days=rng.randrange(0, 20))))
        month += span + (rng.random() < 0.15) * rng.randrange(1, 5)  # sometimes a gap
    rng.shuffle(payments)  # arrival order is not month order
    return Member(Stage.ACCEPTED, kpj="1", payments=tuple(payments))


def _floor(members: list[Member]) -> float:
    started = time.perf_counter()
    total = 0
    for member in members:
        for payment in member.payments:
            total += payment.first_month <= DAY
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rules = shipped_lifecycle_rules()
    rng = random.Random(11)
    members = [_member(rng) for _ in range(args.members)]
    best = floor = float("inf")
    result = []
    for _ in range(args.repeat):
        floor = min(floor, _floor(members))
        started = time.perf_counter()
        result = standings(members, DAY, rules)
        best = min(best, time.perf_counter() - started)
    goal = 2.0 * args.members / 1_000_000
    print(json.dumps({
        "members": args.members, "day": DAY.isoformat(), "seconds": round(best, 3),
        "per_member_us": round(best / args.members * 1e6, 3),
        "floor_seconds": round(floor, 3), "ratio_to_floor": round(best / floor, 2),
        "states": dict(Counter(s.state.value for s in result)),
        "goal_seconds": round(goal, 3), "goal_met": best <= goal,
    }, indent=1))


if __name__ == "__main__":
    main()
