"""Adapters from the services to UI models (store calls never run on the UI thread)."""

from __future__ import annotations

from collections.abc import Callable

from regdesk.services import registrations
from regdesk.store import Store, UserInfo
from regdesk.store.search import Filters
from regdesk.store.views import Page
from regdesk.ui.models.registrations import OnPage
from regdesk.ui.tasks import TaskRunner


class StorePageSource:
    """:class:`regdesk.ui.models.registrations.PageSource` over
    :func:`regdesk.services.registrations.search`, as the signed-in clerk (``user()``; the
    list asks for nothing before someone signs in)."""

    def __init__(self, runner: TaskRunner, store: Store,
                 user: Callable[[], UserInfo | None]) -> None:
        self._runner = runner
        self._store = store
        self._user = user
        self._sent = 0
        self._newest_query = 0  # the request number of the newest first page
        self.skipped = 0  # searches never run because a newer query came first

    def request(self, query: str, filters: Filters, offset: int, limit: int,
                on_page: OnPage) -> None:
        """Queued on the search thread; when its turn comes and a newer query was typed
        meanwhile, it is skipped (the model drops its answer anyway), so fast typing on a
        large database runs only the newest search."""
        store, user = self._store, self._user()
        self._sent += 1
        number = self._sent
        if offset == 0:
            self._newest_query = number

        def work() -> Page | None:
            if number < self._newest_query or user is None:  # int read: safe across threads
                self.skipped += 1
                return None
            return registrations.search(store, query, user=user, filters=filters,
                                        offset=offset, limit=limit)

        def done(page: Page | None) -> None:
            if page is not None:
                on_page(page)

        self._runner.search(work, done)
