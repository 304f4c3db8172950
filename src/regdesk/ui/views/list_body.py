"""A dialog's list: a read-only table of whole rows, one selected at a time, columns sized to
their contents, and a centred sentence shown instead when there is nothing to list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QWidget,
)


def list_body(owner: QWidget, name: str, headers: list[str]
              ) -> tuple[QStandardItemModel, QTableView, QLabel, QStackedWidget]:
    """(model, table, empty sentence, the stack holding both); object names ``{name}Table``
    and ``{name}Empty`` (tests find them by these)."""
    model = QStandardItemModel(0, len(headers), owner)
    model.setHorizontalHeaderLabels(headers)
    table = QTableView()
    table.setObjectName(f"{name}Table")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    empty = QLabel()
    empty.setObjectName(f"{name}Empty")
    empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
    empty.setWordWrap(True)
    body = QStackedWidget()
    body.addWidget(table)
    body.addWidget(empty)
    return model, table, empty, body
