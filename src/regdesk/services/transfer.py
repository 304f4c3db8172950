"""The offline (USB) transfer: export the unsent outbox as a bundle, apply HQ's receipt."""

from __future__ import annotations

from pathlib import Path

from regdesk.services.jobs import NO_JOB, Job
from regdesk.services.personal_data import EXPORT_ACTION, NikRule, export_detail
from regdesk.store import Role, Store, UserInfo
from regdesk.store.users import require_role
from regdesk.sync import usb
from regdesk.transfer.receipt import ReceiptError

TransferError = usb.TransferError
ExportResult = usb.ExportResult
ReceiptResult = usb.ReceiptResult


def export_bundle(store: Store, path: Path, *, user: UserInfo,
                  job: Job = NO_JOB) -> ExportResult:
    """Claim every unsent record and write it to ``path`` (``path`` is ``None`` in the
    result when nothing was waiting). Raises :class:`TransferError` or ``OSError``.

    The bundle carries whole records, but encrypted to HQ's key (only HQ can open it) and
    written 0600: nothing to ask or mask. It is audited like every export of personal data
    (kind ``transfer_bundle``, ``"encrypted": true``), after the file is in place (the claims
    are committed before the write; a resent bundle is audited again).

    A long job: a cancel is honoured up to the claim (nothing claimed, nothing written);
    from the claim on the bundle is written through to the end (the file is written to a
    temporary name and renamed), so claimed records always reach a file."""
    require_role(user, Role.OPERATOR)
    job.step(0, 1)  # the last cancel point: past it the claim commits
    result = usb.export_bundle(store, path)
    if result.path is not None:
        store.record_audit(
            action=EXPORT_ACTION, entity="export", entity_id="transfer_bundle", user=user,
            detail=export_detail(kind="transfer_bundle", fmt="bundle", rows=result.records,
                                 rule=NikRule(full=True), target=result.path,
                                 extra={"encrypted": True, "batches": result.batches}))
    return result


def import_receipt(store: Store, path: Path, *, user: UserInfo) -> ReceiptResult:
    """Apply HQ's signed receipt (idempotent). A damaged or altered receipt raises
    ``TransferError("receipt_refused")``; an unreadable file ``OSError``."""
    require_role(user, Role.OPERATOR)
    try:
        return usb.import_receipt(store, path)
    except ReceiptError as exc:
        raise TransferError("receipt_refused") from exc
