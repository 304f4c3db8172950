"""``regdesk enrol URL CODE`` and ``regdesk sync [--status]``."""

from __future__ import annotations

import argparse
import sys

from regdesk.cli.context import CliContext, CliError
from regdesk.services.sync import Kind, Progress, SyncError, enrol, status, sync_once
from regdesk.store import Role

ERROR_TEXT = {
    Kind.OFFLINE: ("HQ tidak dapat dihubungi; data aman dan akan dikirim nanti.",
                   "HQ is unreachable; data is safe and will be sent later."),
    Kind.SERVER: ("HQ sedang bermasalah; coba lagi nanti.", "HQ has a problem; try again later."),
    Kind.BUSY: ("HQ sedang sibuk; coba lagi nanti.", "HQ is busy; try again later."),
    Kind.PROTOCOL: ("Jawaban HQ tidak terbaca; akan dicoba lagi.",
                    "HQ's answer was unreadable; will retry."),
    Kind.AUTH: ("Perangkat ini ditolak HQ (token dicabut). Daftarkan ulang: regdesk enrol URL KODE",
                "HQ refused this device (token revoked). Re-enrol: regdesk enrol URL CODE"),
    Kind.CLIENT: ("HQ menolak permintaan ini; hubungi admin.",
                  "HQ refused the request; contact the administrator."),
    Kind.NOT_ENROLLED: ("Perangkat belum terdaftar di HQ. Jalankan: regdesk enrol URL KODE",
                        "This desk is not enrolled with HQ. Run: regdesk enrol URL CODE"),
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    e = subparsers.add_parser("enrol", help="daftarkan perangkat ke HQ / enrol with HQ")
    e.add_argument("url", help="HQ address, e.g. https://hq.example:8765")
    e.add_argument("code", help="one-time enrolment code from HQ")
    e.add_argument("--name", default=None, help="device name shown at HQ")
    e.set_defaults(func=enrol_cmd)

    s = subparsers.add_parser("sync", help="kirim dan ambil data / sync with HQ (one pass)")
    s.add_argument("--status", action="store_true", help="only show the sync status")
    s.add_argument("--batch-size", type=int, default=100)
    s.set_defaults(func=sync_cmd)


def sync_error(ctx: CliContext, exc: SyncError) -> CliError:
    indonesian, english = ERROR_TEXT.get(exc.kind, (str(exc), str(exc)))
    return CliError(ctx.t(indonesian, english), exit_code=3)


def enrol_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    user = ctx.acting_user(Role.ADMIN)
    try:
        device = enrol(ctx.store(), args.url, args.code, user=user, device_name=args.name)
    except SyncError as exc:
        if exc.kind is Kind.CLIENT:
            raise CliError(ctx.t("Kode pendaftaran tidak sah atau kedaluwarsa.",
                                 "Enrolment code is invalid or expired."), 3) from exc
        raise sync_error(ctx, exc) from exc
    ctx.emit(device.as_dict(),
             ctx.t(f"Terdaftar di HQ sebagai {device.device_id} untuk desa {device.village_code}.",
                   f"Enrolled with HQ as {device.device_id} for village {device.village_code}."))
    return 0


def _progress_printer(ctx: CliContext):  # type: ignore[no-untyped-def]
    if ctx.as_json or not sys.stderr.isatty():
        return None

    def show(p: Progress) -> None:
        if p.phase == "push" and p.total:
            width = 30
            filled = int(width * p.sent / p.total)
            eta = f" ~{p.eta_seconds:.0f}s" if p.eta_seconds else ""
            print(f"\r[{'#' * filled}{'.' * (width - filled)}] {p.sent}/{p.total}{eta}",
                  end="", file=sys.stderr, flush=True)
        elif p.phase == "done":
            print(file=sys.stderr)

    return show


def sync_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    if args.status:
        data = status(store)
        keys = ("pending", "needs_attention", "synced", "last_success")
        ctx.emit({k: data[k] for k in keys},
                 ctx.t(f"Menunggu: {data['pending']}  perlu perhatian: {data['needs_attention']}"
                       f"  tersinkron: {data['synced']}  terakhir: {data['last_success'] or '-'}",
                       f"Pending: {data['pending']}  needs attention: {data['needs_attention']}"
                       f"  synced: {data['synced']}  last: {data['last_success'] or '-'}"))
        return 0
    user = ctx.acting_user()
    if args.batch_size < 1 or args.batch_size > 500:
        raise CliError(ctx.t("--batch-size harus 1–500.", "--batch-size must be 1–500."))
    try:
        summary = sync_once(store, user=user, batch_size=args.batch_size,
                            on_progress=_progress_printer(ctx))
    except SyncError as exc:
        raise sync_error(ctx, exc) from exc
    ctx.emit(summary.as_dict(),
             ctx.t(f"Terkirim {summary.sent}, diterima {summary.accepted}, perlu perhatian "
                   f"{summary.needs_attention}, diambil {summary.pulled}, menunggu "
                   f"{summary.pending}."
                   + (" Semua tersinkron." if summary.all_synced else ""),
                   f"Sent {summary.sent}, accepted {summary.accepted}, needs attention "
                   f"{summary.needs_attention}, pulled {summary.pulled}, pending "
                   f"{summary.pending}." + (" All synced." if summary.all_synced else "")))
    if summary.error is not None:
        error = sync_error(ctx, summary.error)
        if not ctx.as_json:
            print(f"regdesk: {error}", file=sys.stderr)
        return error.exit_code
    return 0
