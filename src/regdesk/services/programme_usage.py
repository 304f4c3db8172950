"""Before saving on the desk: would this registration or renewal pass its programme's quota
of people or its ceiling in Rupiah?

The desk knows what HQ counted at the last pull (the village figures of ``/changes``) plus
what it saved since and HQ has not answered yet. Passing the quota or the ceiling is a
*warning* the clerk confirms (HQ has the last word, per record, on push: an over-quota record
goes to needs-attention, nothing is lost). Same rule as HQ:
:func:`regdesk.domain.programme_use.period_problems`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from regdesk.domain.problems import Problem, Severity
from regdesk.domain.programme_use import Usage, funded_periods, period_cost, period_problems
from regdesk.domain.registration import Registration
from regdesk.domain.validation import is_transport, unconfirmed_warnings
from regdesk.services.errors import ValidationFailed, WarningsNotConfirmed
from regdesk.store import Store

__all__ = ["ProgrammeStanding", "known_usage", "moved_periods", "programme_warnings",
           "require_confirmed", "standing", "standings"]


def _add(usage: dict[int, Usage], pid: int, cost: int, *, head: bool) -> None:
    u = usage.get(pid, Usage())
    usage[pid] = Usage(u.people + (1 if head else 0), u.committed + cost)


def known_usage(store: Store, *, leave_out: str | None = None) -> dict[int, Usage]:
    """People and Rupiah per programme: HQ's last figures plus this desk's unanswered
    records (``leave_out``: a uuid not to count, the record being saved)."""
    figures = store.village_figures() or {}
    usage = {int(p["id"]): Usage(int(p["people"]), int(p["committed"]))
             for p in figures.get("programmes", [])}
    ctx = store.context()
    for uuid, reg in store.pending_under_programmes():
        if uuid == leave_out:
            continue
        heads: set[int] = set()
        for period in funded_periods(reg, transport=is_transport(reg, ctx)):
            if period.programme_id is not None:
                _add(usage, period.programme_id, period_cost(ctx.rates, period),
                     head=period.programme_id not in heads)
                heads.add(period.programme_id)
    return usage


def programme_warnings(store: Store, reg: Registration, *, new_periods: Iterable[int],
                       uuid: str | None = None) -> list[Problem]:
    """Warnings for the periods ``new_periods`` (0: the registration's own, n: the n-th
    renewal) of ``reg``: a programme unknown here, closed, for other groups or months, or
    over its quota or ceiling — as far as this desk knows."""
    wanted = set(new_periods)
    if reg.programme_id is None and all(r.programme_id is None for r in reg.renewals):
        return []
    ctx = store.context()
    programmes = dict(store.programmes())
    usage = known_usage(store, leave_out=uuid)
    problems: list[Problem] = []
    mine: dict[int, int] = {}
    for period in funded_periods(reg, transport=is_transport(reg, ctx)):
        pid = period.programme_id
        if pid is None:
            continue
        cost = period_cost(ctx.rates, period)
        if period.number in wanted:
            base = usage.get(pid, Usage())
            problems += period_problems(
                programmes.get(pid), reg, period, cost=cost, counted=pid in mine,
                usage=Usage(base.people, base.committed + mine.get(pid, 0)), as_warning=True)
        mine[pid] = mine.get(pid, 0) + cost
    return problems


def moved_periods(before: Registration, after: Registration) -> list[int]:
    """The periods of ``after`` whose programme is new or another than in ``before``."""
    old = [before.programme_id, *(r.programme_id for r in before.renewals)]
    new = [after.programme_id, *(r.programme_id for r in after.renewals)]
    return [n for n, pid in enumerate(new)
            if pid is not None and (n >= len(old) or old[n] != pid)]


def require_confirmed(problems: list[Problem], confirmed: Iterable[str], *,
                      all_confirmed: bool = False) -> None:
    """Raise :class:`WarningsNotConfirmed` for warnings not confirmed by code (none with
    ``all_confirmed``); errors (a programme the desk does not offer) are refused as such."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise ValidationFailed(errors)
    pending = [] if all_confirmed else unconfirmed_warnings(problems, confirmed)
    if pending:
        raise WarningsNotConfirmed(pending)


@dataclass(frozen=True, slots=True)
class ProgrammeStanding:
    """What a programme carries as this desk knows it, against its quota and ceiling."""

    programme_id: int
    people: int
    quota: int
    committed: int
    ceiling: int
    as_of: date | None  # the day of HQ's figures (None: never pulled)

    @property
    def people_left(self) -> int:
        return max(0, self.quota - self.people)

    @property
    def rupiah_left(self) -> int:
        return max(0, self.ceiling - self.committed)


def standings(store: Store, programme_ids: Iterable[int]) -> dict[int, ProgrammeStanding]:
    """Each known programme's people and Rupiah against its quota and ceiling, from one read
    of the usage (unknown ids are left out)."""
    programmes = dict(store.programmes())
    wanted = [pid for pid in programme_ids if pid in programmes]
    if not wanted:
        return {}
    usage = known_usage(store)
    as_of = (store.village_figures() or {}).get("as_of")
    day = date.fromisoformat(as_of) if as_of else None
    out = {}
    for pid in wanted:
        p, used = programmes[pid], usage.get(pid, Usage())
        out[pid] = ProgrammeStanding(pid, used.people, p.quota, used.committed, p.ceiling, day)
    return out


def standing(store: Store, programme_id: int) -> ProgrammeStanding | None:
    """The programme's people and Rupiah against its quota and ceiling (None: unknown)."""
    return standings(store, [programme_id]).get(programme_id)
