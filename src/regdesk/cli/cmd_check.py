"""``regdesk check-nik`` and ``regdesk fees``: the domain rules, no database needed."""

from __future__ import annotations

import argparse
from datetime import date

from regdesk import masterdata
from regdesk.cli.context import Access, CliContext, funding_arg, report_problems
from regdesk.domain.fees import PAYMENT_PERIODS, quote
from regdesk.domain.nik import parse_nik
from regdesk.domain.problems import Problem, error, has_errors
from regdesk.domain.regions import RegionTable
from regdesk.domain.registration import Funding
from regdesk.i18n import render, t
from regdesk.i18n.formats import long_day, month_year, rupiah

SECTORS = ("transport", "non-transport")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("check-nik", help="periksa NIK / check a NIK")
    p.add_argument("nik")
    p.add_argument("--birth-date", metavar="YYYY-MM-DD")
    p.add_argument("--gender", choices=("L", "P"))
    p.set_defaults(func=check_nik, access=Access.OPEN)

    f = subparsers.add_parser("fees", help="hitung iuran / compute contributions")
    f.add_argument("--income", required=True, metavar="N")
    f.add_argument("--sector", required=True, choices=SECTORS)
    f.add_argument("--funding", required=True, type=funding_arg, metavar="CODE",
                   help="funding source: " + ", ".join(x.value for x in Funding))
    f.add_argument("--start", required=True, metavar="YYYY-MM")
    f.add_argument("--months", type=int, default=1, choices=PAYMENT_PERIODS)
    f.add_argument("--jht", action="store_true", help="include JHT (old-age savings)")
    f.set_defaults(func=fees, access=Access.OPEN)


def _regions() -> RegionTable:
    return RegionTable(masterdata.shipped_region_names(), masterdata.shipped_postal_codes())


def check_nik(args: argparse.Namespace, ctx: CliContext) -> int:
    problems: list[Problem] = []
    birth_date = None
    if args.birth_date:
        try:
            birth_date = date.fromisoformat(args.birth_date)
        except ValueError:
            problems.append(error("birth_date", "date.format", expected="YYYY-MM-DD"))
    regions = _regions()
    info, nik_problems = parse_nik(
        args.nik, today=date.today(), regions=regions, birth_date=birth_date, gender=args.gender
    )
    problems += nik_problems
    valid = info is not None and not has_errors(problems)
    data = {
        "valid": valid,
        "birth_date": info.birth_date.isoformat() if info else None,
        "gender": info.gender if info else None,
        "province": info.province if info else None,
        "regency": info.regency if info else None,
        "kecamatan": info.kecamatan if info else None,
        "problems": [
            {
                "field": p.field,
                "code": p.code,
                "severity": p.severity.value,
                "message": render(p),
            }
            for p in problems
        ],
    }
    if ctx.as_json:
        ctx.emit(data)
    else:
        if info is not None:
            places = " / ".join(
                filter(
                    None,
                    (
                        regions.name(info.province),
                        regions.name(info.regency),
                        regions.name(info.kecamatan),
                    ),
                )
            )
            gender = (t("cli.check_nik.gender.male") if info.gender == "L"
                      else t("cli.check_nik.gender.female"))
            key = "cli.check_nik.valid" if valid else "cli.check_nik.not_valid"
            print(t(key, born=long_day(info.birth_date), gender=gender,
                    place=places or info.kecamatan))
        report_problems(ctx, problems)
    return 0 if valid else 1


def fees(args: argparse.Namespace, ctx: CliContext) -> int:
    rates = masterdata.shipped_rates()
    problems: list[Problem] = []
    text = str(args.income).strip().replace(".", "").replace(",", "")
    if text.isascii() and text.lstrip("-").isdigit():
        income = int(text)  # a negative or absurd figure is below/above the rate table
        problems += rates.check_income(income)
    else:
        income = -1
        problems.append(error("income", "type.integer"))
    try:
        year, month = (int(x) for x in args.start.split("-"))
        start = date(year, month, 1)
    except ValueError:
        start = None
        problems.append(error("start", "date.format", expected="YYYY-MM"))
    if problems or start is None:
        report_problems(ctx, problems)
        return 1
    result = quote(
        rates,
        start=start,
        months=args.months,
        income=income,
        transport=args.sector == "transport",
        funding=args.funding.value,
        jht=args.jht,
    )
    data = {
        "months": [
            {
                "month": m.month.strftime("%Y-%m"),
                "jkk": m.jkk,
                "jkm": m.jkm,
                "jht": m.jht,
                "total": m.total,
                "discount": m.discount,
            }
            for m in result.months
        ],
        "total": result.total,
        "saved": result.saved,
    }
    if ctx.as_json:
        ctx.emit(data)
        return 0
    print(f"{'Bulan':14} {'JKK':>12} {'JKM':>12} {'JHT':>12} {'Jumlah':>12}")
    for m in result.months:
        note = f"  ({m.discount})" if m.discount else ""
        print(
            f"{month_year(m.month):14} {rupiah(m.jkk):>12} {rupiah(m.jkm):>12} "
            f"{rupiah(m.jht):>12} {rupiah(m.total):>12}{note}"
        )
    print(t("cli.fees.total", amount=rupiah(result.total)))
    if result.saved:
        print(t("cli.fees.discount", amount=rupiah(result.saved)))
    return 0
