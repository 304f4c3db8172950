"""``regdesk print receipt|cards|recap|calibration`` and ``regdesk verify-card``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from regdesk.cli.context import Access, CliContext, CliError, output_file
from regdesk.domain.problems import error
from regdesk.i18n import render, t
from regdesk.i18n.formats import long_day
from regdesk.services.errors import NothingToPrint
from regdesk.services.membership import state_text
from regdesk.services.printouts import (
    InvalidCard,
    Offsets,
    Period,
    calibration_offsets,
    calibration_page,
    card_standing,
    cards_to_print,
    print_cards,
    print_recap,
    print_receipt,
    printer_scale,
    receipt_name,
    save_printer_scale,
    stamped_name,
    unique_output,
    verify_card_text,
)

DEFAULT_OUTPUT_HELP = ("PDF file (default: a new file in the current folder, never overwriting "
                       "an earlier one)")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("print", help="cetak tanda bukti, kartu, rekap / print")
    sub = p.add_subparsers(dest="print_command", required=True, metavar="WHAT")

    receipt = sub.add_parser("receipt", help="Tanda Bukti Pendaftaran (A5)")
    receipt.add_argument("ref")
    receipt.add_argument("-o", "--output", type=output_file, help=DEFAULT_OUTPUT_HELP)
    receipt.set_defaults(func=receipt_cmd, access=Access.SIGNED_IN)

    cards = sub.add_parser("cards", help="kartu peserta (setelah KPJ terbit) / member cards "
                                         "(once the KPJ is issued)")
    which = cards.add_mutually_exclusive_group(required=True)
    which.add_argument("--ref", action="append", metavar="REF")
    which.add_argument("--all-ready", action="store_true",
                       help="every member with a KPJ (not cancelled, not ended)")
    cards.add_argument("--stock", choices=("a4-10", "cr80"), default="a4-10")
    cards.add_argument("--printer", metavar="NAME",
                       help="apply the calibration saved for this printer")
    cards.add_argument("-o", "--output", type=output_file, help=DEFAULT_OUTPUT_HELP)
    cards.set_defaults(func=cards_cmd, access=Access.SIGNED_IN)

    recap = sub.add_parser("recap", help="rekap desa / village recap")
    period = recap.add_mutually_exclusive_group(required=True)
    period.add_argument("--month", metavar="YYYY-MM")
    period.add_argument("--day", metavar="YYYY-MM-DD")
    recap.add_argument("-o", "--output", type=output_file, help=DEFAULT_OUTPUT_HELP)
    recap.set_defaults(func=recap_cmd, access=Access.SIGNED_IN)

    calibration = sub.add_parser("calibration", help="halaman kalibrasi / calibration page")
    calibration.add_argument("--stock", choices=("a4-10", "cr80"), default="a4-10")
    calibration.add_argument("--printer", metavar="NAME",
                             help="print with (and, with --dx/--dy, save) this printer's offsets")
    for name in ("dx", "dy", "back-dx", "back-dy"):
        calibration.add_argument(f"--{name}", type=float, metavar="MM",
                                 help="offset in mm (+x right, +y down)")
    calibration.add_argument("--scale", type=float, metavar="PERCENT",
                             help="with --printer: save the scale direct printing applies "
                                  "(101 when the page's 100 mm ruler measures 99 mm)")
    calibration.add_argument("-o", "--output", required=True, type=output_file)
    calibration.set_defaults(func=calibration_cmd, access=Access.OPEN)

    verify = subparsers.add_parser("verify-card", help="periksa QR kartu / verify a card QR")
    verify.add_argument("text", help="the text read from the card's QR code")
    verify.set_defaults(func=verify_cmd, access=Access.OPEN)


def _writable(ctx: CliContext, path: Path) -> Path:
    if not path.parent.exists():
        raise CliError(render(error("file", "file.unreadable",
                                    detail=f"{path.parent} does not exist")))
    return path


def receipt_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    user = ctx.acting_user()
    args.output = args.output or unique_output(Path.cwd(), receipt_name(store, args.ref))
    view = print_receipt(store, args.ref, _writable(ctx, args.output), user=user)
    ctx.emit({"local_ref": view.local_ref, "output": str(args.output)},
             t("cli.print.receipt_done", ref=view.local_ref, output=args.output))
    return 0


def cards_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    user = ctx.acting_user()
    try:
        views = cards_to_print(store, None if args.all_ready else args.ref)
    except NothingToPrint as exc:
        raise CliError(t("cli.print.no_cards"), exit_code=1) from exc

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty() and not ctx.as_json:
            print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr,
                  flush=True)

    args.output = args.output or unique_output(Path.cwd(),
                                               stamped_name(store, f"kartu-{args.stock}"))
    pages = print_cards(store, views, _writable(ctx, args.output), stock=args.stock, user=user,
                        progress=progress, printer=args.printer)
    ctx.emit({"cards": len(views), "pages": pages, "output": str(args.output)},
             t("cli.print.cards_done", cards=len(views), pages=pages, output=args.output))
    return 0


def recap_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        period = (Period.month(args.month) if args.month
                  else Period.day(date.fromisoformat(args.day)))
    except ValueError as exc:
        field, expected = ("month", "YYYY-MM") if args.month else ("day", "YYYY-MM-DD")
        raise CliError(render(error(field, "date.format", expected=expected))) from exc
    store = ctx.store()
    user = ctx.acting_user()
    name = stamped_name(store, f"rekap-{args.month or args.day}")
    args.output = args.output or unique_output(Path.cwd(), name)
    data = print_recap(store, period, _writable(ctx, args.output), user=user)
    ctx.emit({"rows": data.total_registrations, "monthly_total": data.total_monthly,
              "output": str(args.output)},
             t("cli.print.recap_done", period=period.label, rows=data.total_registrations,
               output=args.output))
    return 0


def calibration_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the calibration page; with ``--printer`` and offsets, remember them for cards."""
    given = (args.dx, args.dy, args.back_dx, args.back_dy)
    offsets = None
    if any(v is not None for v in given):
        offsets = Offsets(args.dx or 0.0, args.dy or 0.0, args.back_dx, args.back_dy)
    if args.scale is not None and not args.printer:
        problem = error("scale", "print.scale_needs_printer")
        raise CliError(render(problem), problems=[problem])
    store = ctx.store() if args.printer else None
    saving = offsets is not None or args.scale is not None
    user = ctx.acting_user() if args.printer and saving else None
    offsets = calibration_offsets(store, stock=args.stock, printer=args.printer,
                                  offsets=offsets, user=user)
    scale = None
    if store is not None and args.printer:
        if args.scale is not None:
            assert user is not None
            save_printer_scale(store, args.printer, args.scale, user=user)
        scale = round(printer_scale(store, args.printer) * 100, 2)
    calibration_page(_writable(ctx, args.output), stock=args.stock, offsets=offsets,
                     scale_percent=scale)
    data = {"output": str(args.output), "printer": args.printer, "scale_percent": scale,
            "offsets": None if offsets is None else {"dx": offsets.dx, "dy": offsets.dy,
                                                     "back_dx": offsets.back_dx,
                                                     "back_dy": offsets.back_dy}}
    ctx.emit(data, str(args.output))
    return 0


def verify_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    """Whether HQ signed the card; for a member card (version 2) also its KPJ, state and
    paid-through as of the day its data was read (never live: said so)."""
    store = ctx.store()
    try:
        card = verify_card_text(store, args.text)
    except InvalidCard:
        ctx.emit({"valid": False}, t("cli.verify_card.not_valid"))
        return 1
    standing = card_standing(store, card)
    data = {"valid": True, "member_number": card.member_number,
            "registration_number": card.member_number, "name": card.name,
            "nik_masked": card.nik_masked, "programmes": list(card.programmes),
            "village_code": card.village_code, "village_name": card.village_name,
            "registered_on": card.registered_on.isoformat(),
            "valid_from": card.valid_from.isoformat(), "kpj": card.kpj, "state": card.state,
            "paid_through": card.paid_through.isoformat() if card.paid_through else None,
            "as_of": card.as_of.isoformat() if card.as_of else None}
    common = {"name": card.name, "village_name": card.village_name,
              "programmes": "+".join(card.programmes)}
    if standing is None or card.as_of is None:
        text = t("cli.verify_card.valid_registration", registration_number=card.member_number,
                 **common)
    else:
        data["state_text"] = state_text(standing)
        text = t("cli.verify_card.valid_member", kpj=card.kpj, state=data["state_text"],
                 as_of=long_day(card.as_of), **common)
    ctx.emit(data, text)
    return 0
