"""``regdesk transfer export -o FILE`` and ``regdesk transfer import-receipt FILE``: the
offline transfer bundle for villages without a usable link (docs/transfer.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from regdesk.cli.context import CliContext, CliError
from regdesk.services.transfer import TransferError, export_bundle, import_receipt

MESSAGES = {
    "not_enrolled": ("Perangkat belum terdaftar di HQ. Jalankan: regdesk enrol URL KODE",
                     "This desk is not enrolled with HQ. Run: regdesk enrol URL CODE"),
    "no_hq_key": ("Kunci enkripsi HQ belum diketahui perangkat ini; daftarkan ulang ke HQ.",
                  "This desk does not know HQ's encryption key; re-enrol with HQ."),
    "no_token": ("Token perangkat tidak ditemukan; daftarkan ulang ke HQ.",
                 "The device token is missing; re-enrol with HQ."),
    "other_device": ("Tanda terima ini untuk perangkat lain; tidak diterapkan.",
                     "This receipt is for another device; nothing applied."),
    "receipt_refused": ("Tanda terima ditolak: rusak atau diubah; tidak diterapkan.",
                        "Receipt refused: damaged or altered; nothing applied."),
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    t = subparsers.add_parser("transfer", help="kirim lewat flashdisk / offline transfer to HQ")
    sub = t.add_subparsers(dest="transfer_command", required=True, metavar="ACTION")
    e = sub.add_parser("export", help="tulis data yang belum terkirim ke berkas / write the "
                       "unsent outbox as an encrypted bundle")
    e.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    e.set_defaults(func=export_cmd)
    r = sub.add_parser("import-receipt", help="terapkan tanda terima HQ / apply HQ's receipt")
    r.add_argument("file", type=Path)
    r.set_defaults(func=receipt_cmd)


def _error(ctx: CliContext, exc: TransferError) -> CliError:
    indonesian, english = MESSAGES.get(exc.code, (str(exc), str(exc)))
    return CliError(ctx.t(indonesian, english), exit_code=3 if exc.code != "other_device" else 2)


def export_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    user = ctx.acting_user()
    try:
        result = export_bundle(ctx.store(), args.output, user=user)
    except TransferError as exc:
        raise _error(ctx, exc) from exc
    except OSError as exc:
        raise CliError(ctx.t(f"Berkas tidak dapat ditulis: {exc.strerror}",
                             f"Cannot write the file: {exc.strerror}"), 1) from exc
    data = {"batches": result.batches, "records": result.records,
            "file": str(result.path) if result.path else None}
    if result.path is None:
        ctx.emit(data, ctx.t("Tidak ada data yang menunggu; berkas tidak dibuat.",
                             "Nothing is waiting to be sent; no file written."))
        return 0
    ctx.emit(data, ctx.t(
        f"{result.records} pendaftaran dalam {result.batches} kelompok ditulis ke {result.path}."
        " Bawa berkas ini ke kantor yang terhubung ke HQ.",
        f"{result.records} registration(s) in {result.batches} batch(es) written to "
        f"{result.path}. Take this file to an office connected to HQ."))
    return 0


def receipt_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    user = ctx.acting_user()
    try:
        result = import_receipt(ctx.store(), args.file, user=user)
    except TransferError as exc:
        raise _error(ctx, exc) from exc
    except OSError as exc:
        raise CliError(ctx.t(f"Berkas tidak dapat dibaca: {exc.strerror}",
                             f"Cannot read the file: {exc.strerror}"), 1) from exc
    applied = sum(result.outcomes.values())
    accepted = result.outcomes.get("accepted", 0)
    ctx.emit({"batches": result.batches, "applied": applied, "outcomes": result.outcomes,
              "pending": result.pending},
             ctx.t(f"Diterapkan {applied} jawaban (diterima {accepted}, perlu perhatian "
                   f"{applied - accepted}); menunggu {result.pending}.",
                   f"Applied {applied} answer(s) (accepted {accepted}, needs attention "
                   f"{applied - accepted}); pending {result.pending}."))
    return 0
