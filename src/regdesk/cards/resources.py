"""The long printed texts, from the catalogue like every other printed text."""

from __future__ import annotations

from regdesk.i18n import printed


def default_payment_instructions() -> str:
    """The payment instructions printed on receipts unless the caller gives others."""
    return printed("print.receipt.payment_instructions").strip()
