"""Translated labels for codes the UI shows (statuses, funding, genders)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from regdesk import i18n


def status_label(status: str) -> str:
    return {
        "draft": QCoreApplication.translate("Status", "Draft"),
        "pending": QCoreApplication.translate("Status", "Waiting for sync"),
        "synced": QCoreApplication.translate("Status", "Synced"),
        "needs_attention": QCoreApplication.translate("Status", "Needs attention"),
        "cancelled": QCoreApplication.translate("Status", "Cancelled"),
    }.get(status, status)


def funding_labels() -> list[tuple[str, str]]:
    return i18n.funding_labels()


def gender_labels() -> list[tuple[str, str]]:
    return [("", ""), ("L", QCoreApplication.translate("Gender", "Male")),
            ("P", QCoreApplication.translate("Gender", "Female"))]
