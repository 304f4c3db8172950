"""The long printed texts: from the catalogue like every other printed text, or from the data
files where they are rules (how to pay)."""

from __future__ import annotations

from regdesk.i18n import PRINT_LANG
from regdesk.masterdata import payment_instructions


def before_kpj_instructions() -> str:
    """What a receipt says about paying before a KPJ exists (``payment.json``)."""
    return str(payment_instructions()[f"before_kpj_{PRINT_LANG}"]).strip()
