"""The offline (USB) transfer: export the unsent outbox as a bundle, apply HQ's receipt."""

from __future__ import annotations

from pathlib import Path

from regdesk.store import Role, Store, UserInfo
from regdesk.store.users import require_role
from regdesk.sync import usb
from regdesk.transfer.receipt import ReceiptError

TransferError = usb.TransferError
ExportResult = usb.ExportResult
ReceiptResult = usb.ReceiptResult


def export_bundle(store: Store, path: Path, *, user: UserInfo) -> ExportResult:
    """Claim every unsent record and write it to ``path`` (``path`` is ``None`` in the
    result when nothing was waiting). Raises :class:`TransferError` or ``OSError``."""
    require_role(user, Role.OPERATOR)
    return usb.export_bundle(store, path)


def import_receipt(store: Store, path: Path, *, user: UserInfo) -> ReceiptResult:
    """Apply HQ's signed receipt (idempotent). A damaged or altered receipt raises
    ``TransferError("receipt_refused")``; an unreadable file ``OSError``."""
    require_role(user, Role.OPERATOR)
    try:
        return usb.import_receipt(store, path)
    except ReceiptError as exc:
        raise TransferError("receipt_refused") from exc
