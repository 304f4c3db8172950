"""The main window: layout only. Pages: loading, sign-in, and the work area (list + detail,
or the registration form). The app (``regdesk.ui.app``) connects the signals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QDesktopServices,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from regdesk.i18n.formats import number
from regdesk.ui.controllers.activity import ActivityLog
from regdesk.ui.controllers.sync_status import StatusTexts
from regdesk.ui.labels import TONE_COLOURS, status_label
from regdesk.ui.style import INPUT_STYLE
from regdesk.ui.views.activity import ActivityDialog, Toast
from regdesk.ui.views.coverage_panel import CoveragePanel
from regdesk.ui.views.detail import DetailPane
from regdesk.ui.views.login import LoginPage

SEARCH_DEBOUNCE_MS = 35  # issue 4: results ≤ 50 ms after the last key
STATUS_FILTERS = ("", "pending", "needs_attention", "synced", "cancelled")
DATE_FILTERS = ("", "today", "7d", "30d")


def _open_with_system(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _dot(colour: str, size: int) -> QPixmap:
    """The sync state's icon: a filled circle in the state's colour."""
    side = max(8, size - 4)
    pixmap = QPixmap(side, side)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(QColor(colour))
    painter.drawEllipse(1, 1, side - 2, side - 2)
    painter.end()
    return pixmap


# = regdesk.services.member_list.MEMBERSHIP_FILTERS (not imported: the window loads light)
MEMBERSHIP_FILTERS = ("", "due_this_month", "grace", "inactive", "waiting_for_kpj")
DETAIL_WIDTH = 440  # the detail pane's first width: its rows fit; the list takes the rest
STRETCH_COLUMN = 1  # the name (= models.registrations.COL_NAME) takes the width left over


class MainWindow(QMainWindow):
    search_changed = Signal(str)  # debounced
    filters_changed = Signal()
    close_requested = Signal(object)  # the QCloseEvent; the app may ignore it
    open_requested = Signal()  # Enter on a row of the list: the selected record

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setMinimumSize(1000, 600)
        self.setStyleSheet(INPUT_STYLE)  # focus ring and red border on every input
        self._splitter_restored = False
        self.pages = QStackedWidget()
        self.loading = QLabel()
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.login = LoginPage()
        self.work = QWidget()
        self.work.setObjectName("workPage")
        for page in (self.loading, self.login, self.work):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self._build_work()
        self._build_status_bar()
        self._build_menu()
        self._build_coverage()
        self.activity = ActivityLog()
        self.toast = Toast(self)
        self.open_path: Callable[[Path], None] = _open_with_system  # tests collect instead
        self.activity_dialog: ActivityDialog | None = None
        self.retranslate()

    # -- layout ---------------------------------------------------------------------------
    def _build_work(self) -> None:
        self.new_button = QPushButton()
        self.new_button.setObjectName("newButton")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.date_filter = QComboBox()
        self.date_filter.setObjectName("dateFilter")
        self.membership_filter = QComboBox()  # Tab from the date filter reaches it
        self.membership_filter.setObjectName("membershipFilter")
        self.attention_button = QPushButton()
        self.attention_button.setObjectName("attentionButton")
        self.attention_button.setCheckable(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self.search_changed.emit(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.flush_search)
        self.status_filter.currentIndexChanged.connect(lambda _i: self._status_changed())
        self.date_filter.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        self.membership_filter.currentIndexChanged.connect(
            lambda _i: self.filters_changed.emit())
        self.attention_button.toggled.connect(self._attention_toggled)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.search, 1)
        top.addWidget(self.status_filter)
        top.addWidget(self.date_filter)
        top.addWidget(self.membership_filter)
        top.addWidget(self.attention_button)

        self.banner = QFrame()
        self.banner.setObjectName("savedBanner")
        self.banner.setStyleSheet("#savedBanner { background: #e8f5e9; border: 1px solid "
                                  "#a5d6a7; }")
        self.banner_text = QLabel()
        self.banner_text.setObjectName("bannerText")
        self.banner_print = QPushButton()
        self.banner_print.setObjectName("bannerPrint")
        self.banner_close = QPushButton("×")
        self.banner_close.setFlat(True)
        self.banner_close.clicked.connect(self.banner.hide)
        bl = QHBoxLayout(self.banner)
        bl.addWidget(self.banner_text, 1)
        bl.addWidget(self.banner_print)
        bl.addWidget(self.banner_close)
        self.banner.hide()

        self.table = QTableView()
        self.table.setObjectName("registrations")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.viewport().installEventFilter(self)  # resized: fit the columns again
        self.detail = DetailPane()
        # above the list: how many it holds; in place of an empty table: why it is empty
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        self.count_label.setAccessibleName(self.tr("Result count"))
        self.empty_state = QFrame()
        self.empty_state.setObjectName("emptyState")
        self.empty_text = QLabel()
        self.empty_text.setObjectName("emptyText")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setWordWrap(True)
        self.empty_text.setStyleSheet("font-size: 13pt; font-weight: 600; color: #3c4043;")
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: #5f6368;")
        empty_layout = QVBoxLayout(self.empty_state)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addWidget(self.empty_hint)
        empty_layout.addStretch(2)
        self.results = QStackedWidget()
        self.results.setObjectName("results")
        self.results.addWidget(self.table)
        self.results.addWidget(self.empty_state)
        self.list_header = QHBoxLayout()
        self.list_header.setContentsMargins(0, 0, 0, 0)
        self.list_header.addWidget(self.count_label, 1)
        self.detail_toggle = QPushButton()
        self.detail_toggle.setObjectName("detailToggle")
        self.detail_toggle.setFlat(True)
        self.list_header.addWidget(self.detail_toggle)
        list_side = QWidget()
        list_side.setObjectName("listSide")
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(2)
        list_layout.addLayout(self.list_header)
        list_layout.addWidget(self.results, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(list_side)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)  # a wider window widens the list, not the pane
        self.splitter.setStretchFactor(1, 0)
        self.search.installEventFilter(self)  # Down: into the results
        self.table.installEventFilter(self)  # Enter: open the row; Up on the first: search

        self.inner = QStackedWidget()
        self.inner.addWidget(self.splitter)
        self.list_page = self.splitter
        layout = QVBoxLayout(self.work)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.inner, 1)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.sync_icon = QLabel()
        self.sync_icon.setObjectName("syncIcon")
        self.online_label = QLabel()
        self.online_label.setObjectName("onlineLabel")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.last_sync_label = QLabel()
        self.user_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("syncButton")
        # Online state above the last sync, the counts beside them: in one row the three
        # texts do not fit a 1280 px window once translations run 40 % longer.
        sync_info = QWidget()
        sync_info.setObjectName("syncInfo")
        column = QVBoxLayout(sync_info)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.online_label)
        column.addWidget(self.last_sync_label)
        bar.addWidget(self.sync_icon)
        bar.addWidget(sync_info)
        bar.addWidget(self.counts_label)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.sync_button)

    def _build_menu(self) -> None:
        self.act_new = QAction(self)
        self.act_new.setShortcut(QKeySequence.StandardKey.New)
        self.act_find = QAction(self)
        self.act_find.setShortcut(QKeySequence.StandardKey.Find)
        self.act_find.triggered.connect(self.focus_search)
        self.act_settings = QAction(self)
        self.act_lock = QAction(self)
        self.act_lock.setShortcut(QKeySequence("Ctrl+L"))
        self.act_switch = QAction(self)
        self.act_quit = QAction(self)
        self.act_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.act_quit.triggered.connect(self.close)
        self.menu_file = self.menuBar().addMenu("")
        for act in (self.act_new, self.act_find, self.act_settings):
            self.menu_file.addAction(act)
        self.menu_file.addSeparator()
        for act in (self.act_lock, self.act_switch, self.act_quit):
            self.menu_file.addAction(act)
        self.new_button.clicked.connect(self.act_new.trigger)

        self.act_print_receipt = QAction(self)
        self.act_print_receipt.setShortcut(QKeySequence.StandardKey.Print)
        self.act_print_cards = QAction(self)
        self.act_print_ready = QAction(self)
        self.act_recap = QAction(self)
        self.act_due = QAction(self)
        self.act_due.setShortcut(QKeySequence("Ctrl+J"))
        self.menu_print = self.menuBar().addMenu("")
        for act in (self.act_print_receipt, self.act_print_cards, self.act_print_ready,
                    self.act_recap, self.act_due):
            self.menu_print.addAction(act)

        self.act_edit = QAction(self)
        self.act_edit.setShortcut(QKeySequence("Ctrl+E"))
        self.act_history = QAction(self)
        self.act_history.setShortcut(QKeySequence("Ctrl+H"))
        self.act_history.triggered.connect(self.detail.show_history_tab)
        self.act_renew = QAction(self)  # a further paid period for the selected member
        self.act_renew.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.menu_record = self.menuBar().addMenu("")
        for act in (self.act_edit, self.act_history, self.act_renew):
            self.menu_record.addAction(act)
        self.act_print_cards.setShortcut(QKeySequence("Ctrl+Shift+P"))

        self.act_import = QAction(self)
        self.act_import.setShortcut(QKeySequence("Ctrl+I"))
        self.act_needs_fixing = QAction(self)
        self.act_prospects = QAction(self)
        self.act_backup = QAction(self)
        self.act_transfer_export = QAction(self)
        self.act_transfer_receipt = QAction(self)
        self.menu_data = self.menuBar().addMenu("")
        for act in (self.act_import, self.act_needs_fixing, self.act_prospects):
            self.menu_data.addAction(act)
        self.menu_data.addSeparator()
        self.menu_data.addAction(self.act_backup)
        self.menu_data.addSeparator()
        for act in (self.act_transfer_export, self.act_transfer_receipt):
            self.menu_data.addAction(act)

        self.act_activity = QAction(self)
        self.act_activity.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.act_activity.triggered.connect(self.show_activity)
        self.act_zoom_in = QAction(self)
        self.act_zoom_in.setShortcuts([QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")])
        self.act_zoom_out = QAction(self)
        self.act_zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.act_zoom_reset = QAction(self)
        self.act_zoom_reset.setShortcut(QKeySequence("Ctrl+0"))
        self.act_detail = QAction(self)
        self.act_detail.setCheckable(True)
        self.act_detail.setChecked(True)
        self.act_detail.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.act_detail.toggled.connect(self.set_detail_visible)
        self.detail_toggle.clicked.connect(self.act_detail.toggle)
        self.act_coverage = QAction(self)  # the village coverage panel (a dock)
        self.act_coverage.setCheckable(True)
        self.act_coverage.setShortcut(QKeySequence("Ctrl+K"))
        self.menu_view = self.menuBar().addMenu("")
        self.menu_view.addAction(self.act_coverage)
        self.menu_view.addAction(self.act_activity)
        self.menu_view.addAction(self.act_detail)
        self.menu_view.addSeparator()
        for act in (self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset):
            self.menu_view.addAction(act)

        self.act_shortcuts = QAction(self)
        self.act_shortcuts.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.act_shortcuts.triggered.connect(self.show_shortcuts)
        self.menu_help = self.menuBar().addMenu("")
        self.menu_help.addAction(self.act_shortcuts)

    def _build_coverage(self) -> None:
        self.coverage = CoveragePanel()
        self.coverage_dock = QDockWidget()
        self.coverage_dock.setObjectName("coverageDock")
        self.coverage_dock.setWidget(self.coverage)
        self.coverage_dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                                           | Qt.DockWidgetArea.RightDockWidgetArea)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.coverage_dock)
        self.coverage_dock.hide()
        self.act_coverage.toggled.connect(self.set_coverage_visible)
        self.coverage_dock.visibilityChanged.connect(self._coverage_visibility)

    def set_coverage_visible(self, on: bool) -> None:
        """Ctrl+K: the village coverage panel, shown and focused, or hidden again."""
        self.coverage_dock.setVisible(on)
        if on:
            self.coverage_dock.raise_()
            self.coverage.focus()
        if self.act_coverage.isChecked() != on:
            self.act_coverage.setChecked(on)

    def _coverage_visibility(self, visible: bool) -> None:
        if not visible and self.coverage_dock.isHidden():  # closed by its own button
            self.act_coverage.setChecked(False)

    def set_column_widths(self) -> None:
        """The list's model is in: fit its columns (the splitter keeps a restored state)."""
        if not self._splitter_restored:
            width = max(self.splitter.width(), self.width())
            self.splitter.setSizes([max(400, width - DETAIL_WIDTH), DETAIL_WIDTH])
        self.fit_columns()

    def fit_columns(self) -> None:
        """Every column as wide as its header and the rows in view need (never clipped);
        the width left over goes to the name. When the columns need more than the list
        has (a narrow screen with the detail pane open) the list scrolls sideways."""
        model, header = self.table.model(), self.table.horizontalHeader()
        if model is None or model.columnCount() == 0:
            return
        pad = 2 * self.table.style().pixelMetric(
            self.table.style().PixelMetric.PM_FocusFrameHMargin) + 8
        needs = [max(header.sectionSizeHint(c), self.table.sizeHintForColumn(c) + pad)
                 for c in range(model.columnCount())]
        spare = self.table.viewport().width() - sum(needs)
        if spare > 0 and len(needs) > STRETCH_COLUMN:
            needs[STRETCH_COLUMN] += spare
        for column, width in enumerate(needs):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def column_problems(self) -> list[str]:
        """Columns narrower than their header or the rows in view need (for the tests)."""
        model, header = self.table.model(), self.table.horizontalHeader()
        found = []
        for c in range(model.columnCount() if model is not None else 0):
            need = max(header.sectionSizeHint(c), self.table.sizeHintForColumn(c))
            if header.sectionSize(c) + 1 < need:
                found.append(f"{model.headerData(c, Qt.Orientation.Horizontal)!r}: "
                             f"{header.sectionSize(c)} < {need}")
        return found

    def set_detail_visible(self, on: bool) -> None:
        """Collapse or open the detail pane (Ctrl+Shift+D, the list's button; remembered)."""
        self.detail.setVisible(on)
        if self.act_detail.isChecked() != on:
            self.act_detail.setChecked(on)
        self._detail_texts()

    def _detail_texts(self) -> None:
        on = self.act_detail.isChecked()
        self.detail_toggle.setText(self.tr("Hide details ▸") if on else self.tr("◂ Show details"))
        self.detail_toggle.setToolTip(self.act_detail.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText))

    # -- behaviour that is pure layout ----------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) \
                or event.modifiers() not in (Qt.KeyboardModifier.NoModifier,
                                             Qt.KeyboardModifier.KeypadModifier):
            return False
        key = event.key()
        if obj is self.search and key == Qt.Key.Key_Down:
            self.enter_results()
            return True
        if obj is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.table.currentIndex().isValid():
                self.set_detail_visible(True)  # opening a record shows it
                self.open_requested.emit()
            return True
        if obj is self.table and key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
            self.focus_search()
            return True
        return False

    def enter_results(self) -> None:
        """Down from the search box: the list, on its first row unless one is chosen."""
        self.flush_search()
        model = self.table.model()
        if model is None or model.rowCount() == 0:
            return
        self.table.setFocus()
        if not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(what, keys) for every menu action with a shortcut, in menu order, plus the
        list's own keys: the Help → Keyboard shortcuts page."""
        rows = []
        for menu in (self.menu_file, self.menu_record, self.menu_print, self.menu_data,
                     self.menu_view, self.menu_help):
            for act in menu.actions():
                if not act.shortcut().isEmpty():
                    rows.append((act.text().replace("&", ""), act.shortcut().toString(
                        QKeySequence.SequenceFormat.NativeText)))
        rows += [(self.tr("From the search box into the results"), self.tr("Down")),
                 (self.tr("Open the chosen registration"), self.tr("Enter")),
                 (self.tr("Back to the search box"), self.tr("Up on the first row")),
                 (self.tr("Save the form"), QKeySequence(QKeySequence.StandardKey.Save)
                  .toString(QKeySequence.SequenceFormat.NativeText)),
                 (self.tr("Leave the form"), self.tr("Esc"))]
        return rows

    def show_shortcuts(self) -> None:
        from regdesk.ui.views.dialogs import ShortcutsDialog

        ShortcutsDialog(self.shortcut_rows(), self).open()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def flush_search(self) -> None:
        """Enter in the search box: search now, no debounce."""
        if self._debounce.isActive():
            self._debounce.stop()
            self.search_changed.emit(self.search.text())

    def _status_changed(self) -> None:
        self.attention_button.blockSignals(True)
        self.attention_button.setChecked(self.status_filter.currentData() == "needs_attention")
        self.attention_button.blockSignals(False)
        self.filters_changed.emit()

    def _attention_toggled(self, on: bool) -> None:
        self.status_filter.setCurrentIndex(
            STATUS_FILTERS.index("needs_attention") if on else 0)

    def set_signed_in(self, signed_in: bool) -> None:
        """Menus and the status bar only for a signed-in clerk (not on the lock screen)."""
        self.menuBar().setEnabled(signed_in)
        self.statusBar().setVisible(signed_in)
        if not signed_in:
            self.set_coverage_visible(False)  # nobody's figures over the sign-in page

    def show_work(self) -> None:
        self.pages.setCurrentWidget(self.work)

    def show_login(self) -> None:
        self.pages.setCurrentWidget(self.login)

    def show_banner(self, text: str, *, print_enabled: bool, print_tip: str) -> None:
        self.banner_text.setText(text)
        self.banner_print.setEnabled(print_enabled)
        self.banner_print.setToolTip(print_tip)
        self.banner.show()

    def show_note(self, text: str) -> None:
        """A short note in place of the work (e.g. the backup while closing)."""
        self.loading.setText(text)
        self.pages.setCurrentWidget(self.loading)

    def show_sync_status(self, texts: StatusTexts) -> None:
        """Sync state only, with an icon and colour by ``texts.tone``."""
        colour = TONE_COLOURS.get(texts.tone, ("#5f6368", ""))[0]
        self.sync_icon.setPixmap(_dot(colour, self.fontMetrics().height()))
        self.sync_icon.setToolTip(texts.online)
        self.sync_icon.setProperty("tone", texts.tone)
        self.online_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.online_label.setText(texts.online)
        self.online_label.setToolTip(texts.online_tip)
        self.counts_label.setText(texts.counts)
        self.last_sync_label.setText(texts.last_sync)
        self.set_attention_count(texts.attention)

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setVisible(done < total)
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def show_message(self, text: str, ms: int = 0, path: Path | None = None, *,
                     error: bool = False) -> None:
        """A transient notification (never in the status bar, which shows sync state only);
        a result (``ms`` > 0, a file or an error) is also kept in the Aktivitas list."""
        self.toast.show_text(text, ms, error=error)
        if ms > 0 or path is not None or error:
            self.activity.add(text, path, error=error)

    def clear_message(self) -> None:
        self.toast.dismiss()

    def show_activity(self) -> None:
        """The Aktivitas dialog: the last results with their files."""
        if self.activity_dialog is None:
            self.activity_dialog = ActivityDialog(self.activity, self.open_path, self)
            self.activity_dialog.finished.connect(self._activity_closed)
        self.activity_dialog.show()
        self.activity_dialog.raise_()

    def _activity_closed(self) -> None:
        dialog, self.activity_dialog = self.activity_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def show_list_state(self, count: str, empty: str | None, hint: str = "") -> None:
        """The count above the list; ``empty``: the sentence shown in place of the table."""
        self.count_label.setText(count)
        if empty is None:
            self.results.setCurrentWidget(self.table)
            return
        self.empty_text.setText(empty)
        self.empty_hint.setText(hint)
        self.empty_hint.setVisible(bool(hint))
        self.results.setCurrentWidget(self.empty_state)

    def set_attention_count(self, count: int) -> None:
        self._attention = count
        self.attention_button.setText(self.tr("Needs attention (%1)").replace("%1", number(count)))

    # -- state ----------------------------------------------------------------------------
    def restore_state(self, settings: QSettings) -> None:
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 720)
        splitter = settings.value("main/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self._splitter_restored = self.splitter.restoreState(splitter)
        shown = settings.value("main/detail_visible", True)
        self.set_detail_visible(str(shown).lower() not in ("false", "0"))

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/splitter", self.splitter.saveState())
        settings.setValue("main/detail_visible", self.act_detail.isChecked())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_requested.emit(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationFontChange:
            # widgets under a style sheet keep their old font: setting it again re-polishes
            # them with the new application font (Ctrl+plus / Ctrl+minus)
            self.setStyleSheet("")
            self.setStyleSheet(INPUT_STYLE)
        return super().event(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("RegDesk — BPJS Ketenagakerjaan registration"))
        self.loading.setText(self.tr("Opening the database…"))
        self.new_button.setText(self.tr("New registration (Ctrl+N)"))
        self.search.setPlaceholderText(
            self.tr("Search: name, NIK, mobile number, member number or reference (Ctrl+F)"))
        self.banner_print.setText(self.tr("Print receipt"))
        for combo, items in (
            (self.status_filter, [(code, status_label(code) if code else self.tr("All statuses"))
                                  for code in STATUS_FILTERS]),
            (self.date_filter, [("", self.tr("Any date")), ("today", self.tr("Today")),
                                ("7d", self.tr("Last 7 days")), ("30d", self.tr("Last 30 days"))]),
            (self.membership_filter, list(zip(MEMBERSHIP_FILTERS, (
                self.tr("All memberships"), self.tr("Due this month"), self.tr("In grace"),
                self.tr("Inactive"), self.tr("Waiting for KPJ")), strict=True))),
        ):
            index = max(0, combo.currentIndex())
            combo.blockSignals(True)
            combo.clear()
            for code, text in items:
                combo.addItem(text, code)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self.membership_filter.setToolTip(self.tr("Show only members in this state"))
        self.membership_filter.setAccessibleName(self.tr("Membership filter"))
        self.set_attention_count(getattr(self, "_attention", 0))
        self.sync_button.setText(self.tr("Sync now"))
        self.menu_view.setTitle(self.tr("&View"))
        self.act_activity.setText(self.tr("Activity (recent results and files)"))
        self.act_detail.setText(self.tr("Detail pane"))
        self.act_coverage.setText(self.tr("Village coverage"))
        self.coverage_dock.setWindowTitle(self.tr("Village coverage"))
        self._detail_texts()
        self.act_zoom_in.setText(self.tr("Larger text"))
        self.act_zoom_out.setText(self.tr("Smaller text"))
        self.act_zoom_reset.setText(self.tr("Normal text size"))
        self.menu_file.setTitle(self.tr("&Desk"))
        self.act_new.setText(self.tr("New registration"))
        self.act_find.setText(self.tr("Search"))
        self.act_settings.setText(self.tr("Settings…"))
        self.act_lock.setText(self.tr("Lock"))
        self.act_switch.setText(self.tr("Switch user"))
        self.act_quit.setText(self.tr("Quit"))
        self.menu_print.setTitle(self.tr("&Print"))
        self.act_print_receipt.setText(self.tr("Print receipt"))
        self.act_print_cards.setText(self.tr("Print cards for the selected registrations…"))
        self.act_print_ready.setText(self.tr("Print all cards ready…"))
        self.act_recap.setText(self.tr("Village recap…"))
        self.act_due.setText(self.tr("Due and lapsed list…"))
        self.menu_data.setTitle(self.tr("D&ata"))
        self.act_import.setText(self.tr("Import a list (Excel/CSV)…"))
        self.act_needs_fixing.setText(self.tr("Save the “Needs fixing” list (.xlsx)…"))
        self.act_prospects.setText(self.tr("Prospect worklists…"))
        self.act_backup.setText(self.tr("Back up now"))
        self.act_transfer_export.setText(self.tr("Export data to carry (USB)…"))
        self.act_transfer_receipt.setText(self.tr("Import HQ receipt…"))
        self.menu_record.setTitle(self.tr("&Registration"))
        self.act_edit.setText(self.tr("Edit"))
        self.act_history.setText(self.tr("History"))
        self.act_renew.setText(self.tr("Renew membership…"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.act_shortcuts.setText(self.tr("Keyboard shortcuts"))
