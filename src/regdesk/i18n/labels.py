"""Labels for the codes of the domain that every layer shows (funding sources, prospect
statuses)."""

from __future__ import annotations

from regdesk.domain.funding import LEGACY_CODES
from regdesk.domain.registration import Funding
from regdesk.i18n.state import has, t


def funding_label(code: str, lang: str | None = None) -> str:
    """The label of a funding code (``apbdes-add`` → ``APBDes / ADD``; the values stored before
    the catalogue, such as ``apbdes``, read as their codes); unknown codes as they are."""
    key = f"funding.{LEGACY_CODES.get(code, code)}"
    return t(key, lang=lang) if has(key, lang) else code


def funding_labels(lang: str | None = None) -> list[tuple[str, str]]:
    """Every funding code with its label, in the order of :class:`Funding`."""
    return [(f.value, funding_label(f.value, lang)) for f in Funding]


def prospect_status_label(status: str, lang: str | None = None) -> str:
    """The words of a prospect status (``not_visited`` → ``belum didatangi``)."""
    key = f"prospect.status.{status}"
    return t(key, lang=lang) if has(key, lang) else status
