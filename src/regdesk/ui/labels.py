"""Translated labels for codes the UI shows (statuses, funding, genders)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def status_label(status: str) -> str:
    t = QCoreApplication.translate
    return {
        "draft": t("Status", "Draft"),
        "pending": t("Status", "Waiting for sync"),
        "synced": t("Status", "Synced"),
        "needs_attention": t("Status", "Needs attention"),
        "cancelled": t("Status", "Cancelled"),
    }.get(status, status)


def funding_labels() -> list[tuple[str, str]]:
    t = QCoreApplication.translate
    return [
        ("self", t("Funding", "Self-paid")),
        ("apbd", t("Funding", "APBD Kabupaten")),
        ("apbdes", t("Funding", "APBDes / ADD")),
        ("dana-desa", t("Funding", "Dana Desa")),
        ("csr", t("Funding", "CSR (company)")),
        ("other", t("Funding", "Other sponsor")),
    ]


def gender_labels() -> list[tuple[str, str]]:
    t = QCoreApplication.translate
    return [("", ""), ("L", t("Gender", "Male")), ("P", t("Gender", "Female"))]
