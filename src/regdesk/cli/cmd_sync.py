"""``regdesk enrol URL CODE`` and ``regdesk sync [--status]``."""

from __future__ import annotations

import argparse
import sys

from regdesk.cli.context import Access, CliContext, CliError
from regdesk.i18n import t
from regdesk.services.sync import (
    Kind,
    Progress,
    SyncError,
    enrol,
    enrol_error_text,
    status,
    sync_error_text,
    sync_once,
)
from regdesk.store import Role

ERROR_KEYS = {  # the sentence of each kind of sync failure
    Kind.OFFLINE: "cli.sync.error.offline",
    Kind.SERVER: "cli.sync.error.server",
    Kind.BUSY: "cli.sync.error.busy",
    Kind.PROTOCOL: "cli.sync.error.protocol",
    Kind.AUTH: "cli.sync.error.auth",
    Kind.CLIENT: "cli.sync.error.client",
    Kind.NOT_ENROLLED: "cli.sync.error.not_enrolled",
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    e = subparsers.add_parser("enrol", help="daftarkan perangkat ke HQ / enrol with HQ")
    e.add_argument("url", help="HQ address, e.g. https://hq.example:8765")
    e.add_argument("code", help="one-time enrolment code from HQ")
    e.add_argument("--name", default=None, help="device name shown at HQ")
    e.add_argument("--allow-plain-http", action="store_true",
                   help="allow http:// (unencrypted) to an HQ on another machine; kept as an "
                   "audited setting. Only for a closed office network: personal data then "
                   "travels in clear")
    e.set_defaults(func=enrol_cmd, access=Access.SIGNED_IN)

    s = subparsers.add_parser("sync", help="kirim dan ambil data / sync with HQ (one pass)")
    s.add_argument("--status", action="store_true", help="only show the sync status")
    s.add_argument("--batch-size", type=int, default=100)
    s.set_defaults(func=sync_cmd, access=Access.SIGNED_IN, open_with="status")


def _kind_text(kind: str) -> str:
    key = ERROR_KEYS.get(Kind(kind))
    return t(key) if key else kind


def sync_error(exc: SyncError) -> CliError:
    """One line naming the cause when known (refused, DNS, TLS, not HQ …), else the kind."""
    return CliError(sync_error_text(exc, _kind_text), exit_code=3)


def enrol_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    user = ctx.acting_user(Role.ADMIN)
    try:
        device = enrol(ctx.store(), args.url, args.code, user=user, device_name=args.name,
                       allow_plain_http=args.allow_plain_http)
    except SyncError as exc:  # the real cause; never "data safe, sent later"
        raise CliError(enrol_error_text(exc), 3) from exc
    ctx.emit(device.as_dict(),
             t("cli.enrol.done", device_id=device.device_id, village=device.village_code))
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
                 t("cli.sync.status", pending=data["pending"],
                   needs_attention=data["needs_attention"], synced=data["synced"],
                   last=data["last_success"] or "-"))
        return 0
    user = ctx.acting_user()
    if args.batch_size < 1 or args.batch_size > 500:
        raise CliError(t("cli.sync.bad_batch_size"))
    try:
        summary = sync_once(store, user=user, batch_size=args.batch_size,
                            on_progress=_progress_printer(ctx))
    except SyncError as exc:
        raise sync_error(exc) from exc
    key = "cli.sync.done_all_synced" if summary.all_synced else "cli.sync.done"
    ctx.emit(summary.as_dict(),
             t(key, sent=summary.sent, accepted=summary.accepted,
               needs_attention=summary.needs_attention, pulled=summary.pulled,
               pending=summary.pending))
    if summary.error is not None:
        error = sync_error(summary.error)
        if not ctx.as_json:
            print(f"regdesk: {error}", file=sys.stderr)
        return error.exit_code
    return 0
