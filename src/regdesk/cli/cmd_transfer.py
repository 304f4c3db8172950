"""``regdesk transfer export -o FILE`` and ``regdesk transfer import-receipt FILE``: the
offline transfer bundle for villages without a usable link (docs/transfer.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from regdesk.cli.context import Access, CliContext, CliError, output_file
from regdesk.i18n import t
from regdesk.services.transfer import TransferError, export_bundle, import_receipt

MESSAGES = {  # the sentence of each transfer failure code
    "not_enrolled": "cli.transfer.error.not_enrolled",
    "no_hq_key": "cli.transfer.error.no_hq_key",
    "no_token": "cli.transfer.error.no_token",
    "other_device": "cli.transfer.error.other_device",
    "receipt_refused": "cli.transfer.error.receipt_refused",
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    t = subparsers.add_parser("transfer", help="kirim lewat flashdisk / offline transfer to HQ")
    sub = t.add_subparsers(dest="transfer_command", required=True, metavar="ACTION")
    e = sub.add_parser("export", help="tulis data yang belum terkirim ke berkas / write the "
                       "unsent outbox as an encrypted bundle")
    e.add_argument("-o", "--output", type=output_file, required=True, metavar="FILE")
    e.set_defaults(func=export_cmd, access=Access.SIGNED_IN)
    r = sub.add_parser("import-receipt", help="terapkan tanda terima HQ / apply HQ's receipt")
    r.add_argument("file", type=Path)
    r.set_defaults(func=receipt_cmd, access=Access.SIGNED_IN)


def _error(exc: TransferError) -> CliError:
    key = MESSAGES.get(exc.code)
    return CliError(t(key) if key else str(exc),
                    exit_code=3 if exc.code != "other_device" else 2)


def export_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    user = ctx.acting_user()
    try:
        result = export_bundle(ctx.store(), args.output, user=user)
    except TransferError as exc:
        raise _error(exc) from exc
    except OSError as exc:
        raise CliError(t("cli.transfer.cannot_write", reason=exc.strerror), 1) from exc
    data = {"batches": result.batches, "records": result.records,
            "file": str(result.path) if result.path else None}
    if result.path is None:
        ctx.emit(data, t("cli.transfer.nothing_waiting"))
        return 0
    ctx.emit(data, t("cli.transfer.exported", records=result.records, batches=result.batches,
                     file=result.path))
    return 0


def receipt_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    user = ctx.acting_user()
    try:
        result = import_receipt(ctx.store(), args.file, user=user)
    except TransferError as exc:
        raise _error(exc) from exc
    except OSError as exc:
        raise CliError(t("cli.transfer.cannot_read", reason=exc.strerror), 1) from exc
    applied = sum(result.outcomes.values())
    accepted = result.outcomes.get("accepted", 0)
    ctx.emit({"batches": result.batches, "applied": applied, "outcomes": result.outcomes,
              "pending": result.pending},
             t("cli.transfer.applied", applied=applied, accepted=accepted,
               attention=applied - accepted, pending=result.pending))
    return 0
