"""Translated labels for codes the UI shows (statuses, funding, genders)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from regdesk import i18n


def status_label(status: str) -> str:
    """The status label in the process language (the catalogue's ``status.*``, shared with
    the printouts)."""
    return i18n.status_label(status)


def funding_labels() -> list[tuple[str, str]]:
    return i18n.funding_labels()


def gender_labels() -> list[tuple[str, str]]:
    return [("", ""), ("L", QCoreApplication.translate("Gender", "Male")),
            ("P", QCoreApplication.translate("Gender", "Female"))]
