"""The registrations list: a ``QAbstractTableModel`` that pages from ``Store.search``.

Only the rows fetched so far exist in the model; the view's scrolling calls ``fetchMore``
which asks the :class:`PageSource` for the next page (off the UI thread). A new query or
filter bumps a generation counter so late answers to old queries are dropped.

Each page may carry the membership standing of its rows (``StatedPage``, computed in one batch
on the search thread); the membership column shows it in words, and its colour roles follow
the state's tone. The words carry the meaning; the colour only supports it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from regdesk.domain.phone_text import national_mobile
from regdesk.i18n.formats import moment_text
from regdesk.services.member_list import StatedPage
from regdesk.services.membership import MemberStanding, state_text, tone_of
from regdesk.store.search import Filters
from regdesk.store.views import ListRow, Page
from regdesk.ui.labels import TONE_COLOURS, status_label

Index = QModelIndex | QPersistentModelIndex
OnPage = Callable[[Page | StatedPage], None]


class PageSource(Protocol):
    def request(self, query: str, filters: Filters, offset: int, limit: int,
                on_page: OnPage) -> None:
        """Fetch one page asynchronously and call ``on_page`` on the UI thread."""


COL_REF, COL_NAME, COL_NIK, COL_MEMBER, COL_PHONE, COL_STATUS, COL_STATE, COL_CREATED = range(8)
COLUMNS = 8
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the ListRow itself (works through proxies too)
TONE_ROLE = Qt.ItemDataRole.UserRole + 2  # the membership tone: ok/warn/bad/wait/none
STANDING_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's MemberStanding (or None)


class RegistrationsModel(QAbstractTableModel):
    """Rows of :class:`ListRow`, newest first, fetched ``page_size`` at a time."""

    first_page_loaded = Signal()
    page_loaded = Signal()  # any page (after the rows and has_more are in)

    def __init__(self, source: PageSource, page_size: int = 200) -> None:
        super().__init__()
        self._source = source
        self.shown_nik: Callable[[str], str] = lambda nik: nik  # the signed-in role's view
        self.page_size = page_size
        self._rows: list[ListRow] = []
        self._standings: dict[str, MemberStanding] = {}
        self._has_more = False
        self._loading = False
        self._generation = 0
        self.query = ""
        self.filters = Filters()

    # -- querying -------------------------------------------------------------------------
    def set_query(self, query: str, filters: Filters | None = None) -> None:
        """Start over with a new search (the first page arrives asynchronously)."""
        self.query = query
        if filters is not None:
            self.filters = filters
        self.beginResetModel()
        self._rows = []
        self._standings = {}
        self._has_more = False
        self._generation += 1
        self._loading = True  # the reset's listeners see "loading", not "empty"
        self.endResetModel()
        self._request(0)

    def refresh(self) -> None:
        self.set_query(self.query, self.filters)

    def _request(self, offset: int) -> None:
        generation = self._generation
        self._loading = True

        def on_page(page: Page | StatedPage) -> None:
            if generation != self._generation:
                return  # an answer to an older query
            self._loading = False
            if isinstance(page, StatedPage):
                self._standings.update(page.standings)
            if page.rows:
                start = len(self._rows)
                self.beginInsertRows(QModelIndex(), start, start + len(page.rows) - 1)
                self._rows.extend(page.rows)
                self.endInsertRows()
            self._has_more = page.has_more
            if offset == 0:
                self.first_page_loaded.emit()
            self.page_loaded.emit()

        self._source.request(self.query, self.filters, offset, self.page_size, on_page)

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def has_more(self) -> bool:
        return self._has_more

    @property
    def generation(self) -> int:
        """Bumped by every new query: an answer for an older one is stale."""
        return self._generation

    # -- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request(len(self._rows))

    def row_at(self, row: int) -> ListRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def standing_at(self, row: int) -> MemberStanding | None:
        found = self.row_at(row)
        return self._standings.get(found.uuid) if found else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if index.column() == COL_STATE:
            return self._state_data(self._standings.get(row.uuid), role)
        if index.column() == COL_MEMBER and role == Qt.ItemDataRole.ToolTipRole:
            return self._member_tip(row)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._display(row, index.column())

    @staticmethod
    def _state_data(standing: MemberStanding | None, role: int) -> Any:
        if role == STANDING_ROLE:
            return standing
        if standing is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole):
            return state_text(standing.standing)
        tone = tone_of(standing.state)
        if role == TONE_ROLE:
            return tone
        colours = TONE_COLOURS.get(tone)
        if colours and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(colours[0])
        if colours and role == Qt.ItemDataRole.BackgroundRole:
            return QColor(colours[1])
        return None

    def _display(self, row: ListRow, col: int) -> Any:
        if col == COL_REF:
            return row.local_ref
        if col == COL_NAME:
            return row.full_name
        if col == COL_NIK:
            return self.shown_nik(row.nik)
        if col == COL_MEMBER:
            return self.member_number(row)
        if col == COL_PHONE:
            return national_mobile(row.phone)
        if col == COL_STATUS:
            return status_label(row.status)
        if col == COL_CREATED:
            return moment_text(row.created_at)
        return None

    def member_number(self, row: ListRow) -> str:
        """The member's KPJ once BPJS issued it, else HQ's registration number, else
        nothing yet."""
        standing = self._standings.get(row.uuid)
        return (standing.kpj if standing is not None else None) or row.member_number or ""

    def _member_tip(self, row: ListRow) -> str | None:
        standing = self._standings.get(row.uuid)
        kpj = standing.kpj if standing is not None else None
        if kpj:
            return self.tr("KPJ %1").replace("%1", kpj)
        if row.member_number:
            return self.tr("Registration number %1 (no KPJ yet)").replace("%1", row.member_number)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Reference"), self.tr("Name"), self.tr("NIK"), self.tr("Member no."),
                self.tr("Mobile"), self.tr("Status"), self.tr("Membership"),
                self.tr("Registered"))[section]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_MEMBER),
                                  self.index(len(self._rows) - 1, COL_STATE))
