"""Concurrent pushes (several threads → one server → one DB): one NIK, one member."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from .conftest import enrol_desk
from .factories import batch, record


def test_concurrent_pushes_of_one_nik_accept_exactly_one(hq_server, hq_runtime,
                                                         new_registration):
    desks = [enrol_desk(hq_server, hq_runtime) for _ in range(4)]
    shared = new_registration()
    bodies = [batch([record(new_registration()) for _ in range(20)] + [record(shared)])
              for _ in desks]
    with ThreadPoolExecutor(len(desks)) as pool:
        responses = list(pool.map(lambda dp: dp[0].push(dp[1]), zip(desks, bodies, strict=True)))
    results = [r.json()["results"] for r in responses]
    shared_outcomes = sorted(res[-1]["outcome"] for res in results)
    assert shared_outcomes == ["accepted", "duplicate", "duplicate", "duplicate"]
    numbers = [x["member_number"] for res in results for x in res if x["outcome"] == "accepted"]
    assert len(numbers) == 4 * 20 + 1 == len(set(numbers))
