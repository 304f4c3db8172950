"""What ``regdesk`` with no command does: start the desktop app when it exists and a display
is available; otherwise a short status of the database and the next commands to try."""

from __future__ import annotations

import argparse

from regdesk.cli.context import CliContext
from regdesk.services.desk import overview


def run_default(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        from regdesk.ui.launch import launch  # type: ignore[import-not-found]
    except ImportError:
        launch = None
    if launch is not None:
        code = launch(args, ctx)
        if code is not None:
            return int(code)
    return status(ctx)


def status(ctx: CliContext) -> int:
    desk = overview(ctx.store())
    if not desk.initialised:
        ctx.emit(
            {"db": str(ctx.db_path), "initialised": False},
            ctx.t(
                f"Basis data {ctx.db_path} belum disiapkan.\n"
                "Coba: regdesk demo   (data contoh)   atau   regdesk init",
                f"Database {ctx.db_path} is not set up yet.\n"
                "Try: regdesk demo   (demo data)   or   regdesk init",
            ),
        )
        return 0
    village, name, total = desk.village, desk.village_name, desk.registrations
    sync = {"pending": desk.pending, "needs_attention": desk.needs_attention,
            "synced": desk.synced, "last_success": desk.last_success}
    data = {
        "db": str(ctx.db_path),
        "initialised": True,
        "village": village,
        "village_name": name,
        "registrations": total,
        **sync,
    }
    text = ctx.t(
        f"RegDesk — desa {name} ({village})\nBasis data: {ctx.db_path}\n"
        f"Pendaftaran: {total:,}  menunggu sinkron: {sync['pending']:,}  "
        f"perlu perhatian: {sync['needs_attention']:,}  tersinkron: {sync['synced']:,}\n"
        "Perintah: regdesk search NAMA | regdesk show REF | regdesk --help",
        f"RegDesk — village {name} ({village})\nDatabase: {ctx.db_path}\n"
        f"Registrations: {total:,}  pending sync: {sync['pending']:,}  "
        f"needs attention: {sync['needs_attention']:,}  synced: {sync['synced']:,}\n"
        "Commands: regdesk search NAME | regdesk show REF | regdesk --help",
    )
    ctx.emit(data, text)
    return 0
