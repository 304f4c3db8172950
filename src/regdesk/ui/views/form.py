"""The registration form: layout, input masks, Enter-to-next-field. Logic lives in
:class:`regdesk.ui.controllers.form.RegistrationFormController` (this class is its view)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from regdesk.domain.fees import PAYMENT_PERIODS
from regdesk.domain.occupations import OccupationList
from regdesk.i18n.formats import number
from regdesk.ui.controllers.form import FIELDS, FeeSummary, grouped_amount
from regdesk.ui.labels import funding_labels, gender_labels
from regdesk.ui.style import set_invalid

#: Enter moves through these (derived fields are skipped; Tab still visits everything).
ENTER_ORDER = ("nik", "full_name", "address", "rt", "rw", "phone", "occupation_code", "income",
               "consent_given")
ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5a00;"


def _digits(widget: QLineEdit, pattern: str) -> QLineEdit:
    widget.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), widget))
    return widget


class RegistrationFormView(QWidget):
    """Emits ``edited(field, text)`` for every change the clerk makes, ``committed(field)``
    when focus leaves a field; ``save_requested`` (Ctrl+S) and ``discard_requested`` (Esc)."""

    edited = Signal(str, str)
    committed = Signal(str)
    confirm_toggled = Signal(bool)
    save_requested = Signal()
    discard_requested = Signal()
    open_existing = Signal(str)  # the local reference of the record already holding the NIK

    def __init__(self, occupations: OccupationList, income_levels: list[int],
                 lang: str = "id", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registrationForm")
        self._occupations = occupations
        self._lang = lang
        self._setting = False
        self.inputs: dict[str, QWidget] = {}
        self.problem_labels: dict[str, QLabel] = {}
        self.row_labels: dict[str, QLabel] = {}
        self._build(income_levels)
        self.retranslate()
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_requested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.discard_requested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # -- layout ---------------------------------------------------------------------------
    def _build(self, income_levels: list[int]) -> None:
        self.title = QLabel()
        self.title.setObjectName("formTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.hq_box = QFrame()  # HQ's reasons when fixing a record it set aside
        self.hq_box.setObjectName("hqReasons")
        self.hq_box.setStyleSheet(
            "#hqReasons { background: #fdecea; border: 1px solid #e6a4a4; }")
        hq_layout = QVBoxLayout(self.hq_box)
        self.hq_heading = QLabel()
        self.hq_heading.setObjectName("hqHeading")
        self.hq_heading.setStyleSheet(ERROR_STYLE + " font-weight: 600;")
        self.hq_list = QLabel()
        self.hq_list.setObjectName("hqReasonList")
        self.hq_list.setWordWrap(True)
        self.hq_list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hq_layout.addWidget(self.hq_heading)
        hq_layout.addWidget(self.hq_list)
        self.hq_box.hide()
        self._hq_reasons: list[str] = []
        w = self.inputs
        w["nik"] = _digits(QLineEdit(), r"\d{0,16}")
        w["full_name"] = QLineEdit()
        w["birth_date"] = QLineEdit()
        w["birth_date"].setInputMask("00-00-0000")  # type: ignore[attr-defined]
        w["gender"] = QComboBox()
        w["birth_place"] = QLineEdit()
        w["kk_number"] = _digits(QLineEdit(), r"\d{0,16}")
        w["address"] = QLineEdit()
        w["rt"] = _digits(QLineEdit(), r"\d{0,3}")
        w["rw"] = _digits(QLineEdit(), r"\d{0,3}")
        w["postal_code"] = _digits(QLineEdit(), r"\d{0,5}")
        w["phone"] = _digits(QLineEdit(), r"[+\d][\d \-]{0,16}")
        w["email"] = QLineEdit()
        occupation = QComboBox()
        occupation.setEditable(True)
        occupation.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(occupation.model(), occupation)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        occupation.setCompleter(completer)
        # Enter while the suggestions are open reaches the popup, not the line edit
        completer.popup().installEventFilter(self)
        self._popups = {completer.popup(): "occupation_code"}
        w["occupation_code"] = occupation
        w["second_occupation_code"] = QComboBox()  # optional: first item is "none"
        income = QComboBox()
        income.setEditable(True)
        income.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        income.addItems([number(v, "id") for v in income_levels])
        income.setCurrentIndex(-1)
        income.lineEdit().setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[\d.]{0,15}"), income))
        income.setCompleter(None)  # inline completion would fight the grouping while typing
        income.lineEdit().textEdited.connect(self._regroup_income)
        w["income"] = income
        w["jht"] = QCheckBox()
        w["period_months"] = QComboBox()
        w["programme_id"] = QComboBox()  # the sponsor programmes open to the person
        w["programme_id"].setSizeAdjustPolicy(  # type: ignore[attr-defined]
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        w["programme_id"].setMinimumContentsLength(24)  # type: ignore[attr-defined]
        w["funding"] = QComboBox()
        w["sponsor_name"] = QLineEdit()
        w["budget_reference"] = QLineEdit()
        w["consent_given"] = QCheckBox()
        for name, widget in w.items():
            widget.setObjectName(name)
            self._wire(name, widget)

        self.office = QLabel()
        self.office.setObjectName("office")
        self.recorded_by = QLabel()
        self.fee_monthly, self.fee_discount, self.fee_total = QLabel(), QLabel(), QLabel()
        for lbl in (self.fee_monthly, self.fee_discount, self.fee_total):
            lbl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fee_total.setStyleSheet("font-weight: 600;")
        self.fee_discount.setStyleSheet("color: #1b5e20;")
        self.ineligible = QLabel()  # why the person cannot be registered (no fee then)
        self.ineligible.setObjectName("ineligible")
        self.ineligible.setWordWrap(True)
        self.ineligible.setStyleSheet(ERROR_STYLE + " font-weight: 600;")
        self.ineligible.hide()
        self.duplicate_link = QLabel()  # "open that record" under the NIK's problem
        self.duplicate_link.setObjectName("duplicateLink")
        self.duplicate_link.setTextFormat(Qt.TextFormat.RichText)
        self.duplicate_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.duplicate_link.linkActivated.connect(self.open_existing.emit)
        self.duplicate_link.hide()
        self._duplicate: str | None = None

        self.sections = {key: QGroupBox() for key in
                         ("identity", "address", "work", "funding", "consent")}
        forms = {key: QFormLayout(box) for key, box in self.sections.items()}
        for f in forms.values():
            f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._rows(forms["identity"], "nik", "full_name", "birth_date", "gender",
                   "birth_place", "kk_number")
        forms["address"].addRow(self._label("office"), self.office)
        self._rows(forms["address"], "address", "rt", "rw", "postal_code", "phone", "email")
        self._rows(forms["work"], "occupation_code", "second_occupation_code", "income", "jht",
                   "period_months")
        forms["work"].addRow(self.ineligible)
        forms["work"].addRow(self._label("fee_monthly"), self.fee_monthly)
        forms["work"].addRow(self._label("fee_discount"), self.fee_discount)
        forms["work"].addRow(self._label("fee_total"), self.fee_total)
        self._rows(forms["funding"], "programme_id", "funding", "sponsor_name",
                   "budget_reference")
        self._rows(forms["consent"], "consent_given")
        forms["consent"].addRow(self._label("recorded_by"), self.recorded_by)

        self.warning_box = QFrame()
        self.warning_box.setObjectName("warningBox")
        self.warning_box.setStyleSheet(
            "#warningBox { background: #fff8e1; border: 1px solid #e0c060; }")
        wl = QVBoxLayout(self.warning_box)
        self.warning_text = QLabel()
        self.warning_text.setWordWrap(True)
        self.warning_text.setStyleSheet(WARNING_STYLE)
        self.confirm = QCheckBox()
        self.confirm.setObjectName("confirmWarnings")
        self.confirm.toggled.connect(self._confirm_changed)
        wl.addWidget(self.warning_text)
        wl.addWidget(self.confirm)
        self.warning_box.hide()

        self.save_button = QPushButton()
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(False)
        self.save_button.clicked.connect(self.save_requested.emit)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("discardButton")
        self.cancel_button.clicked.connect(self.discard_requested.emit)

        grid = QGridLayout()
        grid.addWidget(self.sections["identity"], 0, 0)
        grid.addWidget(self.sections["address"], 1, 0)
        grid.addWidget(self.sections["work"], 0, 1)
        right = QVBoxLayout()
        right.addWidget(self.sections["funding"])
        right.addWidget(self.sections["consent"])
        right.addStretch(1)
        grid.addLayout(right, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(grid)
        body_layout.addWidget(self.warning_box)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.addWidget(self.title)
        outer.addWidget(self.hq_box)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)
        order = [w[name] for name in ("nik", "full_name", "birth_date", "gender", "birth_place",
                                      "kk_number", "address", "rt", "rw", "postal_code",
                                      "phone", "email", "occupation_code",
                                      "second_occupation_code", "income", "jht",
                                      "period_months", "programme_id", "funding",
                                      "sponsor_name",
                                      "budget_reference", "consent_given")]
        order += [self.confirm, self.save_button, self.cancel_button]
        for a, b in pairwise(order):
            QWidget.setTabOrder(a, b)

    def _label(self, key: str) -> QLabel:
        label = QLabel()
        self.row_labels[key] = label
        return label

    def _rows(self, form: QFormLayout, *names: str) -> None:
        for name in names:
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(self.inputs[name])
            problem = QLabel()
            problem.setObjectName(f"problem_{name}")
            problem.setWordWrap(True)
            problem.hide()
            box.addWidget(problem)
            if name == "nik":
                box.addWidget(self.duplicate_link)
            self.problem_labels[name] = problem
            label = self._label(name)
            label.setBuddy(self.inputs[name])
            form.addRow(label, cell)

    def _wire(self, name: str, widget: QWidget) -> None:
        widget.installEventFilter(self)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda text, n=name: self._emit(n, text))
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(lambda on, n=name: self._emit(n, "1" if on else "0"))
        elif isinstance(widget, QComboBox) and name == "income":
            widget.editTextChanged.connect(lambda text, n=name: self._emit(n, text))
            widget.lineEdit().installEventFilter(self)
        elif isinstance(widget, QComboBox) and widget.isEditable():
            widget.activated.connect(lambda _i, n=name: self._emit_combo(n))
            widget.lineEdit().installEventFilter(self)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(lambda _i, n=name: self._emit_combo(n))

    def _regroup_income(self, text: str) -> None:
        """Thousands grouping while typing (1.000.000), the cursor after the same digit."""
        combo = self.inputs["income"]
        assert isinstance(combo, QComboBox)
        edit = combo.lineEdit()
        shown, cursor = grouped_amount(text, edit.cursorPosition())
        if shown != text:
            edit.setText(shown)
        edit.setCursorPosition(cursor)

    def _skip_separator(self, edit: QLineEdit, key: int) -> None:
        """Backspace just after (Delete just before) a group separator removes the digit
        beyond it, as the clerk means, instead of a separator the grouping puts back."""
        text, pos = edit.text(), edit.cursorPosition()
        if edit.hasSelectedText():
            return
        if key == Qt.Key.Key_Backspace and pos > 0 and text[pos - 1] == ".":
            edit.setCursorPosition(pos - 1)
        elif key == Qt.Key.Key_Delete and pos < len(text) and text[pos] == ".":
            edit.setCursorPosition(pos + 1)

    def _emit(self, name: str, text: str) -> None:
        if not self._setting:
            self.edited.emit(name, text)

    def _emit_combo(self, name: str) -> None:
        combo = self.inputs[name]
        assert isinstance(combo, QComboBox)
        if not self._setting:
            self.edited.emit(name, str(combo.currentData() or ""))

    def _confirm_changed(self, on: bool) -> None:
        if not self._setting:
            self.confirm_toggled.emit(on)

    # -- keyboard -------------------------------------------------------------------------
    def _field_of(self, obj: QObject) -> str | None:
        for name, widget in self.inputs.items():
            if obj is widget or (isinstance(widget, QComboBox) and widget.isEditable()
                                 and obj is widget.lineEdit()):
                return name
        return None

    def _enter(self, event: QEvent) -> bool:
        return event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
            event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                  Qt.KeyboardModifier.KeypadModifier)

    def _accept_suggestion(self, name: str) -> None:
        """Enter in a completer's popup: the highlighted suggestion, else the first one
        (the clerk typed enough to name it), then on to the next field."""
        combo = self.inputs[name]
        assert isinstance(combo, QComboBox)
        completer = combo.completer()
        popup = completer.popup()
        index = popup.currentIndex()
        if not index.isValid() and completer.completionCount() > 0:
            index = completer.completionModel().index(0, 0)
        chosen = str(index.data()) if index.isValid() else ""
        popup.hide()
        if chosen:
            combo.setEditText(chosen)
        self.resolve_occupation()
        self.committed.emit(name)
        self.focus_after(name)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        popup_of = self._popups.get(obj)  # type: ignore[call-overload]
        if popup_of is not None:
            if self._enter(event):
                self._accept_suggestion(popup_of)
                return True
            return False
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and \
                isinstance(obj, QLineEdit) and self._field_of(obj) == "income":
            self._skip_separator(obj, event.key())
            return False
        if kind == QEvent.Type.FocusOut:
            name = self._field_of(obj)
            if name == "occupation_code":
                self.resolve_occupation()
            if name:
                self.committed.emit(name)
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() == Qt.KeyboardModifier.NoModifier:
            name = self._field_of(obj)
            if name:
                if name == "occupation_code":
                    self.resolve_occupation()
                self.committed.emit(name)
                self.focus_after(name)
                return True
        return False

    def focus_after(self, name: str) -> None:
        """Enter: the next field in entry order (after the last one, the save button); from
        a field Enter skips (e.g. the second occupation), the next entry field after it."""
        order = list(ENTER_ORDER)
        if name in order:
            start = order.index(name) + 1
        elif name in FIELDS:
            start = next((i for i, n in enumerate(order)
                          if FIELDS.index(n) > FIELDS.index(name)), len(order))
        else:
            start = len(order)
        for nxt in order[start:]:
            widget = self.inputs[nxt]
            if widget.isVisibleTo(self) and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
        self.save_button.setFocus(Qt.FocusReason.TabFocusReason)

    def resolve_occupation(self) -> None:
        """Pick the occupation the clerk's text names (exact, else the only match)."""
        combo = self.inputs["occupation_code"]
        assert isinstance(combo, QComboBox)
        text = combo.currentText().strip()
        if not text:
            return
        exact = [i for i in range(combo.count()) if combo.itemText(i).casefold() == text.casefold()]
        matches = exact or [o for o in range(combo.count())
                            if text.casefold() in combo.itemText(o).casefold()
                            or text.casefold() == str(combo.itemData(o))]
        if matches:
            combo.setCurrentIndex(matches[0])
            combo.setEditText(combo.itemText(matches[0]))
            self._emit_combo("occupation_code")
        else:
            self.edited.emit("occupation_code", text)

    # -- FormView protocol ----------------------------------------------------------------
    def set_field(self, name: str, value: str) -> None:
        widget = self.inputs.get(name)
        if widget is None:
            return
        self._setting = True
        try:
            if isinstance(widget, QLineEdit):
                widget.setText(value)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(value == "1")
            elif isinstance(widget, QComboBox) and name == "income":
                digits = "".join(ch for ch in value if ch.isdigit())
                widget.setEditText(number(int(digits), "id")
                                   if digits else "")
            elif isinstance(widget, QComboBox):
                idx = widget.findData(value)
                widget.setCurrentIndex(idx)
                if widget.isEditable() and idx < 0:
                    widget.setEditText("")
        finally:
            self._setting = False

    def show_field_problems(self, problems: Mapping[str, list[tuple[str, str]]]) -> None:
        for name, label in self.problem_labels.items():
            items = problems.get(name) or []
            if not items:
                label.hide()
                label.clear()
                continue
            severe = any(sev == "error" for sev, _ in items)
            label.setStyleSheet(ERROR_STYLE if severe else WARNING_STYLE)
            label.setText("\n".join(text for _, text in items))
            label.show()
        for name, widget in self.inputs.items():
            items = problems.get(name) or []
            severe = any(sev == "error" for sev, _ in items)
            set_invalid(widget, severe)
            # a screen reader hears the message with the field
            widget.setAccessibleDescription("\n".join(text for _, text in items))

    def show_hq_reasons(self, reasons: list[str]) -> None:
        """Why HQ set the record aside, at the top of the form while it is fixed."""
        self._hq_reasons = list(reasons)
        self.hq_box.setVisible(bool(reasons))
        self.hq_list.setText("\n".join(f"• {r}" for r in reasons))

    def show_warnings(self, sentences: list[str], confirmed: bool) -> None:
        self.warning_box.setVisible(bool(sentences))
        self.warning_text.setText("\n".join(f"⚠ {s}" for s in sentences))
        self._setting = True
        self.confirm.setChecked(confirmed and bool(sentences))
        self._setting = False

    def show_fee(self, fee: FeeSummary | None) -> None:
        if fee is None:
            self.fee_monthly.setText("—")
            self.fee_total.setText("—")
            self.fee_discount.setText("—")
            return
        self.fee_monthly.setText(fee.monthly)
        self.fee_total.setText(self.tr("%1 for %n month(s)", "", fee.period_months)
                               .replace("%1", fee.period_total))
        if fee.discount_total:
            self.fee_discount.setText(self.tr("%1: −%2 for this period")
                                      .replace("%1", fee.discount_name or "")
                                      .replace("%2", fee.discount_total))
        else:
            self.fee_discount.setText(self.tr("none"))

    def show_ineligible(self, reasons: list[str]) -> None:
        self.ineligible.setVisible(bool(reasons))
        self.ineligible.setText("\n".join(
            self.tr("Cannot be registered: %1").replace("%1", r) for r in reasons))

    def show_duplicate(self, local_ref: str | None) -> None:
        self._duplicate = local_ref
        self._duplicate_text()

    def _duplicate_text(self) -> None:
        ref = self._duplicate
        self.duplicate_link.setVisible(ref is not None)
        if ref is not None:
            text = self.tr("Open %1").replace("%1", html.escape(ref))
            self.duplicate_link.setText(f'<a href="{html.escape(ref)}">{text}</a>')

    def show_office(self, village: str, kecamatan: str, code: str) -> None:
        self.office.setText(self.tr("%1, Kecamatan %2 (%3)").replace("%1", village)
                            .replace("%2", kecamatan).replace("%3", code))

    def show_programmes(self, items: list[tuple[str, str]], current: str) -> None:
        combo = self.inputs["programme_id"]
        assert isinstance(combo, QComboBox)
        self._setting = True
        try:
            combo.clear()
            for value, text in items:
                combo.addItem(text, value)
                combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        finally:
            self._setting = False

    def lock_programme_fields(self, locked: bool) -> None:
        """Funding, sponsor and budget reference come from the picked programme."""
        self._programme_locked = locked
        self.inputs["funding"].setEnabled(not locked)
        for name in ("sponsor_name", "budget_reference"):
            edit = self.inputs[name]
            assert isinstance(edit, QLineEdit)
            edit.setReadOnly(locked)
        self._locked_tips()

    def _locked_tips(self) -> None:
        tip = self.tr("Filled in from the sponsor programme") \
            if getattr(self, "_programme_locked", False) else ""
        for name in ("funding", "sponsor_name", "budget_reference"):
            self.inputs[name].setToolTip(tip)

    def set_recorded_by(self, name: str) -> None:
        self.recorded_by.setText(name)

    def set_editing(self, local_ref: str | None) -> None:
        self._editing = local_ref
        self._title()

    def _title(self) -> None:
        ref = getattr(self, "_editing", None)
        self.title.setText(self.tr("Edit registration %1").replace("%1", ref) if ref
                           else self.tr("New registration"))

    # -- translation ----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_lang(self, lang: str) -> None:
        self._lang = lang
        self._fill_combos()

    def retranslate(self) -> None:
        self._title()
        self.hq_heading.setText(self.tr("HQ set this record aside. Fix what it says, then save:"))
        self._duplicate_text()
        titles = {"identity": self.tr("Identity"), "address": self.tr("Address"),
                  "work": self.tr("Work and contribution"), "funding": self.tr("Funding"),
                  "consent": self.tr("Consent")}
        for key, box in self.sections.items():
            box.setTitle(titles[key])
        labels = {
            "nik": self.tr("NIK (16 digits)"), "full_name": self.tr("Full name"),
            "birth_date": self.tr("Birth date (DD-MM-YYYY)"), "gender": self.tr("Gender"),
            "birth_place": self.tr("Birth place"), "kk_number": self.tr("Family card no."),
            "office": self.tr("Village"), "address": self.tr("Address (street, house no.)"),
            "rt": self.tr("RT"), "rw": self.tr("RW"), "postal_code": self.tr("Postal code"),
            "phone": self.tr("Mobile number"), "email": self.tr("E-mail"),
            "occupation_code": self.tr("Occupation"),
            "second_occupation_code": self.tr("Second occupation (optional)"),
            "income": self.tr("Monthly income (Rp)"),
            "jht": self.tr("Old-age savings"), "period_months": self.tr("Pay for"),
            "fee_monthly": self.tr("Contribution per month"),
            "fee_discount": self.tr("Discount"), "fee_total": self.tr("Amount due"),
            "programme_id": self.tr("&Sponsor programme"),
            "funding": self.tr("Paid by"), "sponsor_name": self.tr("Sponsor name"),
            "budget_reference": self.tr("Budget reference"),
            "consent_given": self.tr("Consent"), "recorded_by": self.tr("Recorded by"),
        }
        for key, label in self.row_labels.items():
            label.setText(labels.get(key, key))
        jht = self.inputs["jht"]
        assert isinstance(jht, QCheckBox)
        jht.setText(self.tr("Add JHT (2% of income)"))
        consent = self.inputs["consent_given"]
        assert isinstance(consent, QCheckBox)
        consent.setText(self.tr("The worker has read and agrees to be registered"))
        self._locked_tips()
        self.inputs["programme_id"].setAccessibleName(self.tr("Sponsor programme"))
        self.confirm.setText(self.tr("I have checked these warnings; save anyway"))
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Close (Esc)"))
        nik = self.inputs["nik"]
        assert isinstance(nik, QLineEdit)
        nik.setPlaceholderText(self.tr("e.g. 3216064508900001"))
        phone = self.inputs["phone"]
        assert isinstance(phone, QLineEdit)
        phone.setPlaceholderText(self.tr("e.g. 0812 3456 7890"))
        occupation = self.inputs["occupation_code"]
        assert isinstance(occupation, QComboBox)
        occupation.lineEdit().setPlaceholderText(self.tr("type to search"))
        self._fill_combos()

    def _fill_combos(self) -> None:
        self._setting = True
        try:
            def refill(name: str, items: list[tuple[str, str]]) -> None:
                combo = self.inputs[name]
                assert isinstance(combo, QComboBox)
                current = combo.currentData()
                text = combo.currentText() if combo.isEditable() else ""
                combo.clear()
                for code, label in items:
                    combo.addItem(label, code)
                idx = combo.findData(current) if current is not None else -1
                combo.setCurrentIndex(idx)
                if combo.isEditable() and idx < 0:
                    combo.setEditText(text)

            refill("gender", gender_labels())
            refill("funding", funding_labels())
            refill("period_months", [(str(m), self.tr("%n month(s)", "", m))
                                     for m in PAYMENT_PERIODS])
            refill("occupation_code", [(o.code, o.name(self._lang)) for o in self._occupations])
            refill("second_occupation_code",
                   [("", ""), *((o.code, o.name(self._lang)) for o in self._occupations)])
        finally:
            self._setting = False
