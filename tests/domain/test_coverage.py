"""Coverage at a date: a small district worked by hand, and properties of the roll-up."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regdesk import masterdata
from regdesk.domain.coverage import (
    AreaCoverage,
    Level,
    Target,
    count_active,
    coverage,
    kecamatan_of,
    level_of,
    target_problems,
)
from regdesk.domain.lifecycle import Member, Payment, Stage

RULES = masterdata.shipped_lifecycle_rules()
AT = date(2026, 5, 20)  # May's contribution was due on the 15th
BY = date(2029, 12, 31)
A, B, C = "32.16.06.2006", "32.16.06.2007", "32.16.07.2001"


def _paid(first: str, last: str, on: str) -> Payment:
    return Payment(date.fromisoformat(first + "-01"), date.fromisoformat(last + "-01"),
                   date.fromisoformat(on))


ACTIVE = Member(Stage.ACCEPTED, "1", (_paid("2026-01", "2026-06", "2026-01-05"),))
GRACE = Member(Stage.ACCEPTED, "2", (_paid("2026-01", "2026-04", "2026-01-05"),))  # May unpaid
INACTIVE = Member(Stage.ACCEPTED, "3", (_paid("2025-06", "2026-01", "2025-06-05"),))
WAITING = Member(Stage.ACCEPTED, "4")
NO_KPJ = Member(Stage.ACCEPTED)
ENDED = Member(Stage.ACCEPTED, "5", (_paid("2026-01", "2026-12", "2026-01-05"),),
               ended_on=date(2026, 3, 1))
LATE = Member(Stage.ACCEPTED, "6", (_paid("2026-05", "2026-05", "2026-05-25"),))  # not yet paid


def t(area: str, workers: int, baseline: int, share: str, *, informal: int | None = None,
      group: str | None = None) -> Target:
    return Target(area, workers, workers // 2 if informal is None else informal, baseline,
                  Fraction(share), BY, group)


def _by(rows: list[AreaCoverage]) -> dict[tuple[str, str | None], AreaCoverage]:
    return {(r.area, r.group): r for r in rows}


def test_only_active_members_count_grace_inactive_waiting_and_ended_do_not() -> None:
    members = [(A, "perangkat_desa", ACTIVE), (A, "perangkat_desa", ACTIVE), (A, None, ACTIVE),
               (A, None, GRACE), (A, None, INACTIVE), (A, None, WAITING), (A, None, NO_KPJ),
               (A, None, ENDED), (A, None, LATE), (B, None, ACTIVE), (B, None, ACTIVE),
               (C, "petani", ACTIVE)]
    counts = count_active(members, AT, RULES)
    assert counts == {(A, None): 3, (A, "perangkat_desa"): 2, (B, None): 2, (C, None): 1,
                      (C, "petani"): 1}


def test_small_district_by_hand() -> None:
    """Worked by hand:

    village A: 1000 workers, 400 covered at baseline, target 65 % → 650; 3 active → 403
      covered, 40.3 %, 247 still needed.
    village B: 500 workers, 200 baseline, 65 % → 325; 2 active → 202, 123 needed.
    kecamatan 32.16.06 (no row of its own): 1500 workers, 600 baseline, 975 to reach,
      5 active → 605 covered, 370 needed.
    village C: no estimate (1 active); kecamatan 32.16.07's own row: 2000 workers, 1000
      baseline, 60 % → 1200; 1 active → 1001, 199 needed.
    regency 32.16's own row: 4000 workers, 46 % = 1840 baseline, 65 % → 2600; 6 active →
      1846 covered, 754 needed.
    group perangkat_desa in A: 20 workers, 0 baseline, 100 % → 20; 2 active → 18 needed; the
      kecamatan sums it (A is its only child with the group); group petani has no estimate.
    """
    targets = [t(A, 1000, 400, "0.65", informal=600), t(B, 500, 200, "0.65"),
               t("32.16.07", 2000, 1000, "0.6"), t("32.16", 4000, 1840, "0.65"),
               t(A, 20, 0, "1", informal=20, group="perangkat_desa")]
    active = {(A, None): 3, (A, "perangkat_desa"): 2, (B, None): 2, (C, None): 1,
              (C, "petani"): 1}
    rows = coverage(targets, active, at=AT)
    got = _by(rows)
    a = got[(A, None)]
    assert (a.level, a.active, a.covered, a.share, a.target_people, a.still_needed) == (
        Level.VILLAGE, 3, 403, Fraction(403, 1000), 650, 247)
    assert (a.informal, a.target_share, a.target_date, a.at) == (600, Fraction(13, 20), BY, AT)
    assert (got[(B, None)].covered, got[(B, None)].still_needed) == (202, 123)
    k6 = got[("32.16.06", None)]
    assert (k6.workers, k6.baseline_covered, k6.target_people, k6.active, k6.covered,
            k6.still_needed, k6.target_share) == (1500, 600, 975, 5, 605, 370, None)
    c = got[(C, None)]
    assert (c.active, c.workers, c.share, c.still_needed) == (1, None, None, None)
    k7 = got[("32.16.07", None)]
    assert (k7.active, k7.covered, k7.target_people, k7.still_needed) == (1, 1001, 1200, 199)
    r = got[("32.16", None)]
    assert (r.level, r.active, r.covered, r.target_people, r.still_needed) == (
        Level.REGENCY, 6, 1846, 2600, 754)
    g = got[("32.16.06", "perangkat_desa")]
    assert (g.active, g.target_people, g.still_needed) == (2, 20, 18)
    assert got[("32.16", "petani")].workers is None  # village C's petani have no estimate
    # no member of 32.16.07 is in the group and it has no such row: it does not appear there
    assert got[("32.16", "perangkat_desa")].workers == 20
    assert ("32.16.07", "perangkat_desa") not in got
    assert [row.level for row in rows] == sorted((row.level for row in rows),
                                                 key=[Level.VILLAGE, Level.KECAMATAN,
                                                      Level.REGENCY].index)


def test_without_a_regency_row_the_regency_sums_its_kecamatan_when_all_have_estimates() -> None:
    targets = [t(A, 1000, 400, "0.65"), t("32.16.07", 2000, 1000, "0.6")]
    got = _by(coverage(targets, {(A, None): 3, (C, None): 1}, at=AT))
    r = got[("32.16", None)]
    assert (r.workers, r.baseline_covered, r.target_people, r.active, r.still_needed) == (
        3000, 1400, 1850, 4, 1850 - 1404)


def test_an_area_over_its_target_needs_nothing_and_two_rows_for_one_area_are_refused() -> None:
    got = _by(coverage([t(A, 100, 60, "0.65")], {(A, None): 10}, at=AT))
    assert (got[(A, None)].covered, got[(A, None)].still_needed) == (70, 0)
    with pytest.raises(ValueError, match="same area"):
        coverage([t(A, 100, 60, "0.65"), t(A, 200, 60, "0.65")], {}, at=AT)


@pytest.mark.parametrize(("code", "level"), [("32.16", Level.REGENCY),
                                             ("32.16.06", Level.KECAMATAN), (A, Level.VILLAGE)])
def test_levels(code: str, level: Level) -> None:
    assert level_of(code) is level


@pytest.mark.parametrize("code", ["32", "32.16.6", "32.16.06.206", "32.16.06.2006.1", "ab.16",
                                  "32.16.06.２００６"])
def test_bad_area_codes_are_refused(code: str) -> None:
    with pytest.raises(ValueError, match="area code"):
        level_of(code)


def test_target_problems_name_each_rule() -> None:
    assert target_problems(t(A, 100, 40, "0.65")) == []
    bad = Target("32.16.6", 0, 5, 7, Fraction(0), BY)
    assert target_problems(bad) == ["area_code", "workers_positive", "informal_within_workers",
                                    "baseline_within_workers", "share_range"]


_villages = st.sampled_from([f"32.16.{k:02d}.{2000 + v}" for k in (1, 2, 3) for v in (1, 2, 3)])


@st.composite
def _district(draw: st.DrawFn) -> tuple[list[Target], dict[tuple[str, str | None], int]]:
    villages = draw(st.lists(_villages, unique=True, min_size=1, max_size=6))
    targets = []
    for v in villages:
        workers = draw(st.integers(1, 10_000))
        targets.append(Target(v, workers, draw(st.integers(0, workers)),
                              draw(st.integers(0, workers)),
                              Fraction(draw(st.integers(1, 100)), 100), BY))
    active: dict[tuple[str, str | None], int] = {
        (v, None): draw(st.integers(0, 500)) for v in villages}
    extra = draw(st.lists(_villages, max_size=3))  # villages with members but no estimate
    for v in extra:
        active.setdefault((v, None), draw(st.integers(1, 50)))
    return targets, active


@settings(max_examples=150, deadline=None)
@given(_district())
def test_roll_up_sums_and_still_needed_reaches_the_target(
        district: tuple[list[Target], dict[tuple[str, str | None], int]]) -> None:
    targets, active = district
    rows = coverage(targets, active, at=AT)
    got = _by(rows)
    assert got[("32.16", None)].active == sum(active.values())
    for (area, _), row in got.items():
        if row.level is Level.KECAMATAN:
            assert row.active == sum(n for (v, _), n in active.items() if kecamatan_of(v) == area)
        if row.still_needed is not None:
            assert row.covered is not None and row.target_people is not None
            assert row.still_needed >= 0
            assert row.covered + row.still_needed >= row.target_people
            assert row.still_needed == 0 or row.covered + row.still_needed == row.target_people
    estimated = {v for v, _ in ((x.area, x.group) for x in targets)}
    complete = all(v in estimated for v, _ in active)
    regency = got[("32.16", None)]
    assert (regency.workers is not None) == complete
    if complete:
        assert regency.workers == sum(x.workers for x in targets)
        assert regency.target_people == sum(x.target_people for x in targets)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 2_000_000), st.integers(0, 100), st.integers(1, 100),
       st.integers(0, 100_000))
def test_share_and_need_of_one_row(workers: int, base_pct: int, target_pct: int,
                                   active: int) -> None:
    baseline = workers * base_pct // 100
    row = coverage([Target(A, workers, workers, baseline, Fraction(target_pct, 100), BY)],
                   {(A, None): active}, at=AT)[0]
    assert row.share == Fraction(baseline + active, workers)
    need = row.still_needed
    assert need is not None
    assert (Fraction(baseline + active + need, workers) >= Fraction(target_pct, 100))
    assert need == 0 or Fraction(baseline + active + need - 1, workers) < Fraction(target_pct,
                                                                                    100)
