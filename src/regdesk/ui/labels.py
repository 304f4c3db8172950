"""Translated labels for codes the UI shows (statuses, funding, genders)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from regdesk import i18n

# (text, background) per membership tone: dark text on a pale tint, contrast ≥ 7:1 (WCAG
# AAA); the words always carry the meaning, the colour only supports them
TONE_COLOURS = {"ok": ("#1b5e20", "#e8f5e9"), "warn": ("#6d4c00", "#fff4d6"),
                "bad": ("#8e0000", "#fdecee"), "wait": ("#0d3c78", "#e7f0fb")}


def status_label(status: str) -> str:
    """The status label in the process language (the catalogue's ``status.*``, shared with
    the printouts)."""
    return i18n.status_label(status)


def funding_labels() -> list[tuple[str, str]]:
    return i18n.funding_labels()


def gender_labels() -> list[tuple[str, str]]:
    return [("", ""), ("L", QCoreApplication.translate("Gender", "Male")),
            ("P", QCoreApplication.translate("Gender", "Female"))]
