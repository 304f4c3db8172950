"""Coverage against the district's targets, at a date. Pure: the day, the rules, the targets
and the members are passed in.

A **target** (master data at HQ) is set for one area — a village ``32.16.06.2006``, a
kecamatan ``32.16.06`` or the regency ``32.16`` — and optionally one occupation group: the
estimated workers (total and informal), the number already covered at the baseline, and
the share to reach by a date (the district: 1.5 million workers, 46 % → 65 %).

**Covered** at a date = the baseline covered + the members *active* on that day as
:func:`regdesk.domain.lifecycle.status_on` reads them (protected in a paid month; grace and
inactive do not count). Members registered through RegDesk are people who were not covered
before, so they add to the baseline.

**Roll-up**: a village's active members count in its kecamatan and the regency. An area's
estimate is its own target row when there is one; otherwise the sum of its children's,
provided every child that appears (has a target or active members) has an estimate — else
the area has none (a share of a partial sum would mislead). Workers needed for the target
are ``ceil(share × workers)`` for an area's own row, the sum of its children's otherwise;
**still needed** = that minus covered, never below zero (an area over its target leaves
nothing to do, and its surplus is not lent to a neighbour below the kecamatan's own row).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from regdesk.domain.lifecycle import LifecycleRules, Member, State, standings


class Level(StrEnum):
    VILLAGE = "village"
    KECAMATAN = "kecamatan"
    REGENCY = "regency"


def level_of(code: str) -> Level:
    """``32.16`` regency, ``32.16.06`` kecamatan, ``32.16.06.2006`` village; else ``ValueError``."""
    parts = code.split(".")
    widths = [len(p) if p.isdigit() and p.isascii() else -1 for p in parts]
    if widths not in ([2, 2], [2, 2, 2], [2, 2, 2, 4]):
        raise ValueError(f"area code {code!r}: must be NN.NN, NN.NN.NN or NN.NN.NN.NNNN")
    return {2: Level.REGENCY, 3: Level.KECAMATAN, 4: Level.VILLAGE}[len(parts)]


def kecamatan_of(village_code: str) -> str:
    return ".".join(village_code.split(".")[:3])


def regency_of(code: str) -> str:
    return ".".join(code.split(".")[:2])


def parent_of(code: str) -> str | None:
    parts = code.split(".")
    return ".".join(parts[:-1]) if len(parts) > 2 else None


@dataclass(frozen=True, slots=True)
class Target:
    """One target row. ``group`` is an occupation group (``None``: all workers)."""

    area: str
    workers: int
    informal: int | None  # None: no estimate published
    baseline_covered: int
    target_share: Fraction
    target_date: date | None  # None: the source states no date
    group: str | None = None

    @property
    def target_people(self) -> int:
        return math.ceil(self.target_share * self.workers)


def target_problems(t: Target) -> list[str]:
    """Codes of what is wrong with a target row (empty when it is sound)."""
    out = []
    try:
        level_of(t.area)
    except ValueError:
        out.append("area_code")
    if t.workers <= 0:
        out.append("workers_positive")
    if t.informal is not None and not 0 <= t.informal <= t.workers:
        out.append("informal_within_workers")
    if not 0 <= t.baseline_covered <= t.workers:
        out.append("baseline_within_workers")
    if not 0 < t.target_share <= 1:
        out.append("share_range")
    return out


@dataclass(frozen=True, slots=True)
class AreaCoverage:
    """One area's (and group's) figures at ``at``. The estimate fields are ``None`` when the
    area has no estimate (no target row and not every child has one)."""

    area: str
    level: Level
    group: str | None
    at: date
    active: int
    workers: int | None = None
    informal: int | None = None
    baseline_covered: int | None = None
    target_people: int | None = None
    target_share: Fraction | None = None  # own row only (a sum of children has no one share)
    target_date: date | None = None

    @property
    def covered(self) -> int | None:
        return None if self.baseline_covered is None else self.baseline_covered + self.active

    @property
    def share(self) -> Fraction | None:
        if self.workers is None or self.covered is None:
            return None
        return Fraction(self.covered, self.workers)

    @property
    def still_needed(self) -> int | None:
        if self.target_people is None or self.covered is None:
            return None
        return max(0, self.target_people - self.covered)


Key = tuple[str, str | None]  # (village code, occupation group or None for all)


def count_active(members: Iterable[tuple[str, str | None, Member]], day: date,
                 rules: LifecycleRules) -> Counter[Key]:
    """Active members on ``day`` by (village, group) and by (village, ``None``) — every
    active member counts once in its village's all-workers figure and once in its group."""
    listed = list(members)
    read = standings([m for _, _, m in listed], day, rules)
    counts: Counter[Key] = Counter()
    for (village, group, _), standing in zip(listed, read, strict=True):
        if standing.state is State.ACTIVE:
            counts[(village, None)] += 1
            if group is not None:
                counts[(village, group)] += 1
    return counts


@dataclass(slots=True)
class _Sum:
    active: int = 0
    workers: int = 0
    informal: int | None = 0
    baseline: int = 0
    target: int = 0
    children: int = 0
    complete: bool = True


def _own(t: Target, active: int, at: date) -> AreaCoverage:
    return AreaCoverage(t.area, level_of(t.area), t.group, at, active, t.workers, t.informal,
                        t.baseline_covered, t.target_people, t.target_share, t.target_date)


def _from_children(area: str, group: str | None, s: _Sum, at: date) -> AreaCoverage:
    if not s.complete or s.children == 0:
        return AreaCoverage(area, level_of(area), group, at, s.active)
    return AreaCoverage(area, level_of(area), group, at, s.active, s.workers, s.informal,
                        s.baseline, s.target)


def _add(s: _Sum, child: AreaCoverage) -> None:
    s.active += child.active
    s.children += 1
    if child.workers is None or child.baseline_covered is None or child.target_people is None:
        s.complete = False
        return
    s.workers += child.workers
    s.informal = None if s.informal is None or child.informal is None \
        else s.informal + child.informal
    s.baseline += child.baseline_covered
    s.target += child.target_people


def _areas(keys: Iterable[Key]) -> dict[Level, set[Key]]:
    """Each key's area and every area above it, by level."""
    by_level: dict[Level, set[Key]] = {lv: set() for lv in Level}
    for area, group in keys:
        code: str | None = area
        while code is not None:
            by_level[level_of(code)].add((code, group))
            code = parent_of(code)
    return by_level


def coverage(targets: Sequence[Target], active: Mapping[Key, int], *,
             at: date) -> list[AreaCoverage]:
    """Figures for every area and group that has a target or active members, with the
    kecamatan and regency above them: villages, then kecamatan, then regencies, each sorted
    by code, the all-workers row (group ``None``) before the group rows."""
    own = {(t.area, t.group): t for t in targets}
    if len(own) != len(targets):
        raise ValueError("two targets for the same area and group")
    direct: Counter[Key] = Counter({k: v for k, v in active.items() if v})
    for area, group in own:
        direct.setdefault((area, group), 0)
    by_level = _areas(direct)
    sums: dict[Key, _Sum] = {}
    out: list[AreaCoverage] = []
    for lv in (Level.VILLAGE, Level.KECAMATAN, Level.REGENCY):
        for key in sorted(by_level[lv], key=lambda k: (k[0], k[1] is not None, k[1] or "")):
            s = sums.get(key, _Sum())
            s.active += direct.get(key, 0)
            row = _own(own[key], s.active, at) if key in own else _from_children(*key, s, at)
            out.append(row)
            parent = parent_of(key[0])
            if parent is not None:
                _add(sums.setdefault((parent, key[1]), _Sum()), row)
    return out
