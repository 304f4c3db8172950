"""The village's coverage panel on the desk: HQ's last figures of the village (members by
state, the target and how many are still needed, what each sponsor programme carries) and
what only this desk knows (records saved here HQ has not answered yet, records HQ set aside).

:func:`panel_from` is pure (figures and counts in, rows of text out, in the clerk's language);
:func:`village_panel` reads them from the store: a handful of small queries. Days are in words
("angka kantor kabupaten per 20 November 2026"), never an ISO date or a timestamp.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from regdesk.domain.programme_use import Usage
from regdesk.domain.programmes import Programme
from regdesk.domain.registration import Status
from regdesk.i18n import t
from regdesk.i18n.formats import long_day, number, percent, rupiah
from regdesk.services.programme_usage import known_usage
from regdesk.store import Store
from regdesk.store.search import Filters

__all__ = ["PanelRow", "ProgrammeRow", "VillagePanel", "panel_from", "village_panel"]

#: HQ's counts of members by state, in panel order.
STATES = ("registered", "waiting_for_kpj", "waiting_for_payment", "active", "grace",
          "inactive")


@dataclass(frozen=True, slots=True)
class PanelRow:
    """One line of the panel: ``key`` names it (stable), ``label`` and ``value`` are text."""

    key: str
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class ProgrammeRow:
    """A sponsor programme of the village: people against its quota, Rupiah against its
    ceiling, as this desk knows them (HQ's figures plus records HQ has not answered yet)."""

    programme_id: int
    sponsor: str
    people: str
    rupiah: str


@dataclass(frozen=True)
class VillagePanel:
    as_of: str  # "angka kantor kabupaten per …" or "belum pernah diambil …"
    has_figures: bool
    figures: list[PanelRow] = field(default_factory=list)  # HQ's counts and the target
    local: list[PanelRow] = field(default_factory=list)  # what only this desk knows
    programmes: list[ProgrammeRow] = field(default_factory=list)


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10]) if value else None


def _state_rows(figures: Mapping[str, Any], lang: str | None) -> list[PanelRow]:
    return [PanelRow(key, t(f"ui.panel.{key}", lang=lang), number(int(figures[key]), lang))
            for key in STATES if figures.get(key) is not None]


def _target_rows(figures: Mapping[str, Any], lang: str | None) -> list[PanelRow]:
    rows: list[PanelRow] = []
    covered, workers = figures.get("covered"), figures.get("workers")
    if covered is not None and workers:
        rows.append(PanelRow("coverage", t("ui.panel.coverage", lang=lang), t(
            "ui.panel.coverage_value", lang=lang,
            share=percent(Fraction(int(covered), int(workers)), lang),
            covered=number(int(covered), lang), workers=number(int(workers), lang))))
    if figures.get("target_share"):
        rows.append(PanelRow("target_share", t("ui.panel.target_share", lang=lang),
                             percent(Fraction(str(figures["target_share"])), lang)))
    people, by = figures.get("target_people"), _day(figures.get("target_date"))
    if people is not None:
        value = number(int(people), lang)
        if by is not None:
            value = t("ui.panel.target_by", lang=lang, people=value, day=long_day(by, lang))
        rows.append(PanelRow("target_people", t("ui.panel.target_people", lang=lang), value))
    if figures.get("still_needed") is not None:
        rows.append(PanelRow("still_needed", t("ui.panel.still_needed", lang=lang),
                             number(int(figures["still_needed"]), lang)))
    return rows


def _programme_rows(programmes: Mapping[int, Programme], usage: Mapping[int, Usage],
                    lang: str | None) -> list[ProgrammeRow]:
    rows = []
    for pid, used in usage.items():
        p = programmes.get(pid)
        if p is None:
            continue
        rows.append(ProgrammeRow(
            pid, p.sponsor,
            t("ui.panel.programme_people", lang=lang, people=number(used.people, lang),
              quota=number(p.quota, lang)),
            t("ui.panel.programme_rupiah", lang=lang, committed=rupiah(used.committed),
              ceiling=rupiah(p.ceiling))))
    return sorted(rows, key=lambda r: (r.sponsor.casefold(), r.programme_id))


def panel_from(figures: Mapping[str, Any] | None, *, pending: int, needs_attention: int,
               programmes: Mapping[int, Programme], usage: Mapping[int, Usage],
               lang: str | None = None) -> VillagePanel:
    """The panel of HQ's ``figures`` (``VillageFigures`` JSON as the store keeps it, or
    ``None``: never pulled), this desk's ``pending`` and ``needs_attention`` counts, and the
    people and Rupiah per programme (``usage``) of the programmes known here."""
    local = [PanelRow("pending", t("ui.panel.pending", lang=lang), number(pending, lang)),
             PanelRow("needs_attention", t("ui.panel.needs_attention", lang=lang),
                      number(needs_attention, lang))]
    rows = _programme_rows(programmes, usage, lang)
    as_of = _day(figures.get("as_of")) if figures else None
    if figures is None or as_of is None:
        return VillagePanel(t("ui.panel.never", lang=lang), False, [], local, rows)
    return VillagePanel(t("ui.panel.as_of", lang=lang, day=long_day(as_of, lang)), True,
                        _state_rows(figures, lang) + _target_rows(figures, lang), local, rows)


def village_panel(store: Store, *, lang: str | None = None) -> VillagePanel:
    """The panel as this desk knows it now."""
    return panel_from(
        store.village_figures(), pending=store.count(Filters(status=Status.PENDING.value)),
        needs_attention=store.count(Filters(status=Status.NEEDS_ATTENTION.value)),
        programmes=dict(store.programmes()), usage=known_usage(store), lang=lang)
