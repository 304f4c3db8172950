"""What ``regdesk`` with no command does: start the desktop app when it exists and a display
is available; otherwise a short status of the database and the next commands to try."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from regdesk.cli.context import CliContext
from regdesk.i18n import t
from regdesk.i18n.formats import moment_text
from regdesk.services import security
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
        if not ctx.as_json:  # say why no window opened, and how to get one
            print(t("cli.status.no_display"), file=sys.stderr)
    return status(ctx)


def status(ctx: CliContext) -> int:
    desk = overview(ctx.store())
    if not desk.initialised:
        ctx.emit(
            {"db": str(ctx.db_path), "initialised": False},
            t("cli.status.not_set_up", db=ctx.db_path),
        )
        return 0
    village, name, total = desk.village, desk.village_name, desk.registrations
    sync = {"pending": desk.pending, "needs_attention": desk.needs_attention,
            "synced": desk.synced, "last_success": desk.last_success,
            "master_data_as_of": desk.master_data_as_of}
    data = {
        "db": str(ctx.db_path),
        "initialised": True,
        "village": village,
        "village_name": name,
        "registrations": total,
        **sync,
    }
    text = t("cli.status.summary", name=name, village=village, db=ctx.db_path, total=total,
             pending=desk.pending, needs_attention=desk.needs_attention, synced=desk.synced)
    pulled = desk.master_data_as_of
    text += "\n" + (t("cli.status.master_data", moment=moment_text(
        datetime.fromisoformat(pulled))) if pulled else t("cli.status.master_data_never"))
    encryption = security.status(ctx.store())
    data["encryption"] = encryption
    text += "\n" + t("cli.status.encryption", cipher=encryption["cipher"] or "-",
                     where=t(f"security.where.{encryption['key_location'] or 'none'}",
                             path=encryption["key_file"] or ""))
    ctx.emit(data, text)
    return 0
