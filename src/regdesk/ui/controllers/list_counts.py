"""What the registrations list says above and in place of its rows, with no Qt: the count
("1.234 pendaftaran", or "200+ pendaftaran" while a search has more pages than are loaded)
and the empty state ("Belum ada pendaftaran", "Tidak ada yang cocok", "Belum ada yang perlu
perhatian").

A count is exact when it is known: every row loaded (no more pages), or ``count(filters)``
answered on the worker pool (filters only: one ``count(*)``, 15–130 ms at 200k rows, see
``bench/bench_list_counts.py``). With a search text the list does not count: it says how many
rows it has loaded, with "+" while there are more; scrolling loads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from regdesk.i18n import t
from regdesk.i18n.formats import number


@dataclass(frozen=True)
class ListSituation:
    """The list's query and what it has so far (``total``: the exact count, when known)."""

    query: str
    status: str | None
    filtered: bool  # a status, date or membership filter is chosen
    loaded: int
    has_more: bool
    total: int | None = None
    loading: bool = False


def needs_count(s: ListSituation) -> bool:
    """Whether to ask the store for the exact count: more pages than loaded, and no search
    text (a filter-only count is one indexed ``count(*)``)."""
    return s.has_more and s.total is None and not s.query.strip()


def count_text(s: ListSituation) -> str:
    """"1.234 pendaftaran"; "200+ pendaftaran" while more pages exist and no exact count is
    known; empty while the first page is on its way."""
    if s.loading and not s.loaded:
        return ""
    if s.total is not None:
        return t("ui.list.count", s.total, count=number(s.total))
    if s.has_more:
        return t("ui.list.count_more", s.loaded, count=number(s.loaded))
    return t("ui.list.count", s.loaded, count=number(s.loaded))


def empty_text(s: ListSituation) -> str | None:
    """The sentence shown in place of an empty table (``None``: rows, or still loading)."""
    if s.loaded or s.loading:
        return None
    if s.status == "needs_attention" and not s.query.strip():
        return t("ui.list.empty_attention")
    if s.query.strip() or s.filtered:
        return t("ui.list.no_match")
    return t("ui.list.empty")


def empty_hint(s: ListSituation) -> str:
    """The line under the empty state: what the clerk can do next."""
    if s.status == "needs_attention" and not s.query.strip():
        return t("ui.list.empty_attention_hint")
    if s.query.strip() or s.filtered:
        return t("ui.list.no_match_hint")
    return t("ui.list.empty_hint")
