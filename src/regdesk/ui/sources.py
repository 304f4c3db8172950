"""Adapters from the services to UI models (store calls never run on the UI thread)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from regdesk.services import member_list
from regdesk.services.member_list import StatedPage
from regdesk.store import Store, UserInfo
from regdesk.store.search import Filters
from regdesk.ui.models.registrations import OnPage
from regdesk.ui.tasks import TaskRunner


class StorePageSource:
    """:class:`regdesk.ui.models.registrations.PageSource` over
    :func:`regdesk.services.member_list.search_with_states`, as the signed-in clerk
    (``user()``; the list asks for nothing before someone signs in): each page comes with its
    rows' membership standings on ``day()`` (the session clock's day), read in one batch."""

    def __init__(self, runner: TaskRunner, store: Store,
                 user: Callable[[], UserInfo | None],
                 day: Callable[[], date] | None = None) -> None:
        self._runner = runner
        self._store = store
        self._user = user
        self._day = day or (lambda: store.clock().date())
        self._sent = 0
        self._newest_query = 0  # the request number of the newest first page
        self.skipped = 0  # searches never run because a newer query came first

    def request(self, query: str, filters: Filters, offset: int, limit: int,
                on_page: OnPage) -> None:
        """Queued on the search thread; when its turn comes and a newer query was typed
        meanwhile, it is skipped (the model drops its answer anyway), so fast typing on a
        large database runs only the newest search."""
        store, user, day = self._store, self._user(), self._day()
        self._sent += 1
        number = self._sent
        if offset == 0:
            self._newest_query = number

        def work() -> StatedPage | None:
            if number < self._newest_query or user is None:  # int read: safe across threads
                self.skipped += 1
                return None
            return member_list.search_with_states(store, query, user=user, day=day,
                                                  filters=filters, offset=offset, limit=limit)

        def done(page: StatedPage | None) -> None:
            if page is not None:
                on_page(page)

        self._runner.search(work, done)
