"""The village's coverage on the recap's first page, from HQ's last figures
(:meth:`regdesk.store.Store.village_figures`): the same numbers as the desk's coverage panel,
dated by HQ's day, or nothing when the desk never pulled them."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from regdesk.i18n import PRINT_LANG, printed
from regdesk.i18n.formats import long_day, number, percent
from regdesk.store import Store

#: (catalogue key of the column, figure's key in VillageFigures)
COLUMNS = (("print.recap.coverage.registered", "registered"),
           ("print.recap.coverage.waiting_for_kpj", "waiting_for_kpj"),
           ("print.recap.coverage.active", "active"),
           ("print.recap.coverage.grace", "grace"),
           ("print.recap.coverage.inactive", "inactive"),
           ("print.recap.coverage.target", "target_people"),
           ("print.recap.coverage.still_needed", "still_needed"))


def _share(figures: dict[str, Any]) -> str:
    covered, workers = figures.get("covered"), figures.get("workers")
    if not covered or not workers:
        return "-"
    return percent(Fraction(int(covered), int(workers)), PRINT_LANG)


def coverage_lines(store: Store) -> dict[str, Any]:
    """``coverage`` and ``coverage_note`` for :class:`regdesk.cards.data.RecapData`."""
    figures = store.village_figures()
    if not figures:
        return {}
    cells = [(label, "-" if figures.get(key) is None else number(int(figures[key]), PRINT_LANG))
             for label, key in COLUMNS]
    cells.append(("print.recap.coverage.share", _share(figures)))
    as_of = long_day(date.fromisoformat(str(figures["as_of"])), PRINT_LANG)
    return {"coverage": tuple(cells),
            "coverage_note": printed("print.recap.coverage.as_of", day=as_of)}
