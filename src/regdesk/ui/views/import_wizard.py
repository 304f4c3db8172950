"""The import wizard (layout only): file and sheet → preview and column mapping → check
(dry run, problems per row) → import and result. The flow (``regdesk.ui.controllers.imports``)
does the work on the DB thread and fills the pages through the ``show_*`` methods."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from regdesk.ui.models.import_rows import OutcomesModel, PreviewModel

PAGE_FILE, PAGE_MAPPING, PAGE_CHECK, PAGE_RESULT = range(4)
IGNORE = "-"


class _Page(QWizardPage):
    """A page that is complete once the flow says so (answers arrive asynchronously)."""

    def __init__(self) -> None:
        super().__init__()
        self.ready = False

    def set_ready(self, ready: bool) -> None:
        self.ready = ready
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.ready


class FilePage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.browse = QPushButton()
        self.sheet = QComboBox()
        self.sheet.setObjectName("importSheet")
        self.note = QLabel()
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("File (.xlsx or .csv)"), row)
        self.form.addRow(self.tr("Sheet"), self.sheet)
        self.form.addRow(self.note)
        self.setTitle(self.tr("Choose the list to import"))
        self.setSubTitle(self.tr("An Excel (.xlsx) or CSV file with one person per row."))
        self.browse.setText(self.tr("Browse…"))


class MappingPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.preview = PreviewModel()
        self.table = QTableView()
        self.table.setObjectName("importPreview")
        self.table.setModel(self.preview)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMaximumHeight(190)
        self.mapping_box = QWidget()
        self.mapping_form = QFormLayout(self.mapping_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.mapping_box)
        self.combos: list[QComboBox] = []
        self.consent = QCheckBox(self.tr("Everyone on this list agreed to be registered "
                                         "(consent collected on paper)"))
        self.consent.setObjectName("importConsent")
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(QLabel(self.tr("Which field does each column hold? Recognised "
                                        "columns are filled in; choose the rest.")))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.consent)
        layout.addWidget(self.note)
        self.setTitle(self.tr("Preview and columns"))


class CheckPage(_Page):
    def __init__(self, outcomes: OutcomesModel) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setObjectName("importCheckSummary")
        self.summary.setWordWrap(True)
        self.table = QTableView()
        self.table.setObjectName("importProblems")
        self.table.setModel(outcomes)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(self.tr("No rows to import: the sheet is empty below its "
                                    "header row."))
        self.empty.setObjectName("importNoRows")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        outcomes.modelReset.connect(lambda: self._rows_changed(outcomes.rowCount()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)  # in place of an empty table
        self.setTitle(self.tr("Check before importing"))
        self.setSubTitle(self.tr("Nothing has been saved yet. Rows with problems are kept in "
                                 "the “Needs fixing” list; the others are imported."))
        self.setCommitPage(True)

    def _rows_changed(self, rows: int) -> None:
        self.table.setVisible(rows > 0)
        self.empty.setVisible(rows == 0)


class ResultPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setObjectName("importResultSummary")
        self.summary.setWordWrap(True)
        self.save_report = QPushButton()
        self.save_report.setObjectName("importSaveReport")
        self.save_report.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.save_report)
        layout.addStretch(1)
        self.setTitle(self.tr("Import finished"))
        self.save_report.setText(self.tr("Save the problem report (.xlsx)…"))


class ImportWizard(QWizard):
    """Signals ask the flow for work; the flow answers through the ``show_*`` methods."""

    file_chosen = Signal(str)
    preview_requested = Signal()
    check_requested = Signal()
    import_requested = Signal()
    report_requested = Signal(str)

    def __init__(self, fields: Sequence[tuple[str, str]], parent: QWidget | None = None,
                 *, outcomes: OutcomesModel) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import a list (Excel/CSV)"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.fields = list(fields)  # (target, label)
        self.file_page = FilePage()
        self.mapping_page = MappingPage()
        self.check_page = CheckPage(outcomes)
        self.result_page = ResultPage()
        for page_id, page in enumerate((self.file_page, self.mapping_page, self.check_page,
                                        self.result_page)):
            self.setPage(page_id, page)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Back"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.file_page.path.editingFinished.connect(
            lambda: self.file_chosen.emit(self.file_page.path.text().strip()))
        self.file_page.browse.clicked.connect(self._browse)
        self.result_page.save_report.clicked.connect(self._ask_report_path)
        self._last_id = PAGE_FILE
        self.currentIdChanged.connect(self._entered)
        # set by the flow: stops the check/import under way (True) instead of closing
        self.cancel_job: Callable[[], bool] | None = None
        self.resize(900, 620)

    def reject(self) -> None:
        """Cancel or Esc: while a check or an import runs, stop it (the wizard stays open
        and says so); otherwise close."""
        if self.cancel_job is not None and self.cancel_job():
            return
        super().reject()

    # -- user actions ---------------------------------------------------------------------
    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the list"), "",
                                              self.tr("Lists (*.xlsx *.xlsm *.csv *.txt)"))
        if name:
            self.choose_file(name)

    def choose_file(self, name: str) -> None:
        self.file_page.path.setText(name)
        self.file_chosen.emit(name)

    def _ask_report_path(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the problem report"),
                                              "laporan-impor.xlsx", "Excel (*.xlsx)")
        if name:
            self.report_requested.emit(name)

    def _entered(self, page_id: int) -> None:
        forward, self._last_id = page_id > self._last_id, page_id
        if not forward:  # Back keeps what the page holds (the clerk's mapping choices)
            return
        signal = {PAGE_MAPPING: self.preview_requested, PAGE_CHECK: self.check_requested,
                  PAGE_RESULT: self.import_requested}.get(page_id)
        if signal is not None:
            self.page(page_id).set_ready(False)  # type: ignore[attr-defined]
            signal.emit()

    # -- filled by the flow ---------------------------------------------------------------
    def path(self) -> str:
        return self.file_page.path.text().strip()

    def sheet(self) -> str | None:
        return self.file_page.sheet.currentData() or None

    def show_sheets(self, names: Sequence[str], note: str) -> None:
        combo = self.file_page.sheet
        combo.clear()
        for name in names:
            combo.addItem(name, name)
        combo.setEnabled(len(names) > 1)
        self.file_page.note.setText(note)
        self.file_page.set_ready(not note)

    def show_preview(self, headers: Sequence[str], rows: Sequence[Sequence[object]],
                     targets: Sequence[str | None], note: str) -> None:
        page = self.mapping_page
        page.preview.set_rows(headers, rows)
        while page.mapping_form.rowCount():
            page.mapping_form.removeRow(0)
        page.combos = []
        for header, target in zip(headers, targets, strict=True):
            combo = QComboBox()
            combo.addItem(self.tr("(not used)"), IGNORE)
            for value, label in self.fields:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(target or IGNORE)))
            combo.setObjectName(f"map:{header}")
            page.combos.append(combo)
            page.mapping_form.addRow(str(header) or "—", combo)
        page.note.setText(note)
        page.set_ready(bool(headers))

    def targets(self) -> list[str]:
        return [c.currentData() for c in self.mapping_page.combos]

    def consent_given(self) -> bool:
        return self.mapping_page.consent.isChecked()

    def show_mapping_problem(self, note: str) -> None:
        self.mapping_page.note.setText(note)

    def show_check(self, summary: str, importable: bool) -> None:
        self.check_page.summary.setText(summary)
        self.check_page.table.resizeRowsToContents()
        self.check_page.set_ready(importable)

    def show_result(self, summary: str, has_report: bool) -> None:
        self.result_page.summary.setText(summary)
        self.result_page.save_report.setEnabled(has_report)
        self.result_page.set_ready(True)

    def show_failure(self, page_id: int, text: str) -> None:
        label = {PAGE_FILE: self.file_page.note, PAGE_MAPPING: self.mapping_page.note,
                 PAGE_CHECK: self.check_page.summary,
                 PAGE_RESULT: self.result_page.summary}[page_id]
        label.setText(text)
        if page_id == PAGE_RESULT:
            self.result_page.set_ready(True)
