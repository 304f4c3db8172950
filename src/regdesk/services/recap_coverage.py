"""The village's coverage on the recap's first page: the coverage panel's rows
(:func:`regdesk.services.village_panel.panel_from`) in the printouts' language, dated by HQ's
day, or nothing when the desk never pulled HQ's figures."""

from __future__ import annotations

from typing import Any

from regdesk.i18n import PRINT_LANG
from regdesk.services.village_panel import panel_from
from regdesk.store import Store


def coverage_lines(store: Store) -> dict[str, Any]:
    """``coverage`` ((label, figure) pairs, in words) and ``coverage_note`` for
    :class:`regdesk.cards.data.RecapData`."""
    panel = panel_from(store.village_figures(), pending=0, needs_attention=0, programmes={},
                       usage={}, lang=PRINT_LANG)
    if not panel.has_figures:
        return {}
    return {"coverage": tuple((row.label, row.value) for row in panel.figures),
            "coverage_note": panel.as_of}
