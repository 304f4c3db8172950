"""Table models of the import wizard: the first rows of the file, and the rows the dry run
(or the import) judged, with their problems in the clerk's language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from regdesk.domain.problems import Problem

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class PreviewModel(QAbstractTableModel):
    """Header names and the first rows of the sheet, as read (cells as text)."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.rows: list[list[str]] = []

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        self.beginResetModel()
        self.headers = [str(h) for h in headers]
        self.rows = [["" if c is None else str(c) for c in r] for r in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else None
        return section + 1


class OutcomeRow:
    """One judged row, ready to show (plain object: built on the UI thread)."""

    __slots__ = ("number", "problems", "status")

    def __init__(self, number: int, status: str, problems: list[Problem]) -> None:
        self.number = number
        self.status = status
        self.problems = problems


COL_ROW, COL_STATUS, COL_PROBLEMS = range(3)


class OutcomesModel(QAbstractTableModel):
    """Row number, status, and the problems (one sentence each) of every non-blank row."""

    def __init__(self, render: Callable[[Problem], str],
                 status_text: Callable[[str], str]) -> None:
        super().__init__()
        self._render = render
        self._status_text = status_text
        self.rows: list[OutcomeRow] = []

    def set_rows(self, rows: list[OutcomeRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def problem_text(self, row: int) -> str:
        return "\n".join(self._render(p) for p in self.rows[row].problems)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_PROBLEMS:
            return self.problem_text(index.row())
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == COL_ROW:
            return row.number
        if index.column() == COL_STATUS:
            return self._status_text(row.status)
        return " · ".join(self._render(p) for p in row.problems)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Row"), self.tr("Status"), self.tr("Problems"))[section]
