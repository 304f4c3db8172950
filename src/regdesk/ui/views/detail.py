"""The detail pane beside the list: the record, HQ's reasons, history for supervisors."""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from regdesk.domain.phone_text import national_mobile
from regdesk.i18n import field_label, render
from regdesk.i18n.formats import long_day, rupiah, short_day
from regdesk.ui.labels import TONE_COLOURS, funding_labels, status_label

if TYPE_CHECKING:  # the window must import fast: no store (SQLAlchemy) at start-up
    from regdesk.domain.regions import RegionTable
    from regdesk.services.history import HistoryText
    from regdesk.services.member_list import MembershipFacts
    from regdesk.store.views import RegistrationView


def _day_text(value: object) -> str:
    """HQ's ISO day (``2026-12-02``) as the clerk reads it (*2 Des 2026*)."""
    try:
        return short_day(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value or "?")


def hq_reasons(view: RegistrationView) -> list[str]:
    """HQ's verdict as sentences: its problems, or what a duplicate/refusal means (the
    detail pane, and the form while the record is fixed)."""
    reasons = [render(p) for p in view.hq_problems]
    answer = view.hq_answer or {}
    outcome = answer.get("outcome")
    if outcome == "duplicate":
        other = answer.get("duplicate_of") or {}
        reasons.append(QCoreApplication.translate(
            "DetailPane", "This NIK is already registered in village %1 since %2. "
                          "Check the NIK with the worker's KTP.")
                       .replace("%1", str(other.get("village_name")
                                          or other.get("village_code") or "?"))
                       .replace("%2", _day_text(other.get("since"))))
    elif outcome and not reasons and view.status.value == "needs_attention":
        reasons.append(QCoreApplication.translate(
            "DetailPane", "HQ did not accept this record (%1).").replace("%1", str(outcome)))
    if answer.get("review_note"):  # HQ resolved the set-aside record (Perlu ditinjau)
        reasons.append(QCoreApplication.translate("DetailPane", "HQ's note: %1")
                       .replace("%1", str(answer["review_note"])))
    return reasons


class DetailPane(QWidget):
    edit_requested = Signal()
    cancel_requested = Signal()
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.tabs = QTabWidget()
        self.summary = QTextBrowser()
        self.summary.setObjectName("detailSummary")
        self.history = QTextBrowser()
        self.history.setObjectName("detailHistory")
        self.tabs.addTab(self.summary, "")
        self.tabs.addTab(self.history, "")
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editButton")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelRegistrationButton")
        self.print_button = QPushButton()
        self.print_button.setObjectName("printButton")
        self.edit_button.clicked.connect(self.edit_requested.emit)
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        self.print_button.clicked.connect(self.print_requested.emit)
        buttons = QHBoxLayout()
        for b in (self.edit_button, self.cancel_button, self.print_button):
            b.setAutoDefault(True)  # Enter on a focused button presses it
            buttons.addWidget(b)
        self.placeholder = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.view: RegistrationView | None = None
        self.show_record(None)
        self.retranslate()

    def show_record(self, view: RegistrationView | None, *, regions: RegionTable | None = None,
                    occupation: str = "", nik: str | None = None,
                    second_occupation: str = "",
                    membership: MembershipFacts | None = None) -> None:
        """``nik``: as the signed-in role may see it (masked for clerks); else the whole NIK.
        ``occupation``/``second_occupation``: the list's names (else the codes are shown).
        ``membership``: the state, KPJ and days in words (``member_list.facts_of``)."""
        self.view = view
        has = view is not None
        self.tabs.setVisible(has)
        self.placeholder.setVisible(not has)
        for b in (self.edit_button, self.cancel_button, self.print_button):
            b.setEnabled(has and view is not None and view.status.value != "cancelled")
        if view is None:
            self.summary.clear()
            self.history.clear()
            return
        r = view.registration
        village = regions.name(r.village_code) if regions else r.village_code
        funding = dict(funding_labels()).get(r.funding.value, r.funding.value)
        rows = [
            (self.tr("Reference"), view.local_ref),
            (self.tr("Status"), status_label(view.status.value)),
            *self._membership_rows(view, membership),
            (field_label("nik"), nik or r.nik),
            (field_label("full_name"), r.full_name),
            (field_label("birth_date"), long_day(r.birth_date)),
            (field_label("gender"), r.gender.value),
            (field_label("address"),
             f"{r.address}, RT {r.rt}/RW {r.rw}, {village} {r.postal_code}"),
            (field_label("phone"), national_mobile(r.phone)),
            (field_label("occupation_code"), occupation or r.occupation_code),
            *([(field_label("second_occupation_code"),
                second_occupation or r.second_occupation_code)]
              if r.second_occupation_code else []),
            (field_label("income"), rupiah(r.income)),
            (field_label("funding"), funding),
            (self.tr("Version"), str(view.version)),
        ]
        if view.cancel_reason:
            rows.append((self.tr("Cancel reason"), view.cancel_reason))
        body = "".join(self._row_html(k, v, membership) for k, v in rows)
        reasons = self.hq_reasons(view)
        extra = ""
        if reasons:
            items = "".join(f"<li>{html.escape(r)}</li>" for r in reasons)
            heading = self.tr("HQ says")
            extra = (f"<h3 style='color:#b00020'>{html.escape(heading)}</h3>"
                     f"<ul>{items}</ul>")
        self.summary.setHtml(f"<h2>{html.escape(r.full_name)}</h2>{extra}<table>{body}</table>")

    def _membership_rows(self, view: RegistrationView,
                         facts: MembershipFacts | None) -> list[tuple[str, str]]:
        if facts is None:
            return [(self.tr("Registration number"), view.member_number or "—")]
        return [(self.tr("Membership"), facts.state),
                (self.tr("KPJ"), facts.kpj or "—"),
                (self.tr("Registration number"), facts.registration_number or "—"),
                (self.tr("Paid through"), facts.paid_through or "—"),
                (self.tr("Next due"), facts.next_due or "—")]

    def _row_html(self, key: str, value: object, facts: MembershipFacts | None) -> str:
        style = ""
        if facts is not None and key == self.tr("Membership") and facts.tone in TONE_COLOURS:
            fg, bg = TONE_COLOURS[facts.tone]
            style = f" style='color:{fg}; background-color:{bg}; font-weight:bold'"
        return (f"<tr><th align=left>{html.escape(key)}</th>"
                f"<td{style}>{html.escape(str(value))}</td></tr>")

    def hq_reasons(self, view: RegistrationView) -> list[str]:
        return hq_reasons(view)

    def show_history_tab(self) -> None:
        """Ctrl+H: the History tab, when the signed-in role may see it."""
        if self.tabs.isVisible() and self.tabs.isTabEnabled(1):
            self.tabs.setCurrentIndex(1)
            self.history.setFocus()

    def focus_record(self) -> None:
        """Enter on a row: the record is open; Enter again edits it."""
        if self.edit_button.isEnabled():
            self.edit_button.setFocus()
        else:
            self.summary.setFocus()

    def show_history(self, text: HistoryText | None) -> None:
        """The versions and audit trail as sentences (``services.history``); ``None`` = the
        clerk may not see them (supervisors and admins only)."""
        self.tabs.setTabEnabled(1, text is not None)
        if text is None:
            self.history.clear()
            return
        parts = []
        for title, lines in ((self.tr("Versions"), text.versions),
                             (self.tr("Audit trail"), text.events)):
            items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
            parts.append(f"<h3>{html.escape(title)}</h3><ul>{items}</ul>")
        self.history.setHtml("".join(parts))

    def set_print_available(self, available: bool) -> None:
        self.print_button.setProperty("available", available)
        if not available:
            self.print_button.setEnabled(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Details"))
        self.tabs.setTabText(1, self.tr("History"))
        self.edit_button.setText(self.tr("Edit"))
        self.cancel_button.setText(self.tr("Cancel registration…"))
        self.print_button.setText(self.tr("Print receipt"))
        self.placeholder.setText(self.tr("Select a registration to see it here."))
