"""Adapters from the store to UI models (store calls always go through the DB thread)."""

from __future__ import annotations

from collections.abc import Callable

from regdesk.store import Store
from regdesk.store.search import Filters
from regdesk.ui.models.registrations import OnPage
from regdesk.ui.tasks import TaskRunner


class StorePageSource:
    """:class:`regdesk.ui.models.registrations.PageSource` over ``Store.search``."""

    def __init__(self, runner: TaskRunner, store: Callable[[], Store | None]) -> None:
        self._runner = runner
        self._store = store

    def request(self, query: str, filters: Filters, offset: int, limit: int,
                on_page: OnPage) -> None:
        store = self._store()
        if store is None:
            return
        self._runner.db(lambda: store.search(query, filters=filters, offset=offset, limit=limit),
                        on_page)
