"""Village recap (Rekapitulasi Pendaftaran BPU) as an A4 PDF with tables and signatures."""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from regdesk.cards.data import CountLine, RecapData
from regdesk.cards.fonts import BOLD, REGULAR, register_fonts
from regdesk.cards.output import Out, configure_reportlab
from regdesk.domain.masking import mask_nik
from regdesk.i18n import PRINT_LANG, printed
from regdesk.i18n.formats import printed_moment, rupiah, short_day

PAGE = landscape(A4)
_FULL_NIK = re.compile(r"[0-9]{16}")

TITLE = ParagraphStyle("title", fontName=BOLD, fontSize=13, leading=16)
SUB = ParagraphStyle("sub", fontName=REGULAR, fontSize=8.5, leading=11)
H2 = ParagraphStyle("h2", fontName=BOLD, fontSize=10, leading=13, spaceBefore=8, spaceAfter=3)
CELL = ParagraphStyle("cell", fontName=REGULAR, fontSize=7.5, leading=9)


def _nik(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    return mask_nik(digits) if _FULL_NIK.fullmatch(digits) and "*" not in value else value


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _style(n_rows: int, numeric_cols: tuple[int, ...]) -> TableStyle:
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 7.5),
        ("FONT", (0, 0), (-1, 0), BOLD, 7.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.93, 0.9)),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, n_rows - 1), (-1, n_rows - 1), BOLD, 7.5),
    ]
    cmds += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in numeric_cols]
    return TableStyle(cmds)


_COLUMNS = ("print.recap.col.no", "print.recap.col.date", "print.recap.col.reference",
            "print.recap.col.registration_number", "print.recap.col.name",
            "print.recap.col.nik",
            "print.recap.col.occupation", "print.recap.col.programmes",
            "print.recap.col.funding", "print.recap.col.status", "print.recap.col.monthly")
_FUNDING_COLUMNS = ("print.recap.col.funding", "print.recap.col.sponsor",
                    "print.recap.col.members", "print.recap.col.cost")


def _registrations(data: RecapData) -> Table:
    head = [printed(c) for c in _COLUMNS]
    body = [
        [
            str(i),
            short_day(r.registered_on, PRINT_LANG),
            r.local_ref,
            r.member_number or "-",
            Paragraph(_esc(r.name), CELL),
            _nik(r.nik_masked),
            Paragraph(_esc(r.occupation), CELL),
            ", ".join(r.programmes),
            Paragraph(_esc(r.funding), CELL),
            r.status,
            rupiah(r.monthly_contribution),
        ]
        for i, r in enumerate(data.rows, start=1)
    ]
    total = [
        "",
        "",
        "",
        "",
        printed("print.recap.people", count=data.total_registrations),
        "",
        "",
        "",
        "",
        "",
        rupiah(data.total_monthly),
    ]
    widths = [8, 19, 28, 24, 44, 29, 28, 22, 31, 18, 22]
    table = Table(
        [head, *body, total], colWidths=[w * mm for w in widths], repeatRows=1, hAlign="LEFT"
    )
    table.setStyle(_style(len(body) + 2, (0, 10)))
    return table


def _counts(title: str, lines: tuple[CountLine, ...], total: int) -> Table:
    rows = [[title, printed("print.recap.count")], *[[c.label, str(c.count)] for c in lines],
            [printed("print.recap.total"), str(total)]]
    table = Table(rows, colWidths=[60 * mm, 20 * mm], hAlign="LEFT")
    table.setStyle(_style(len(rows), (1,)))
    return table


def _funding(data: RecapData) -> Table:
    rows: list[list[Any]] = [[printed(c) for c in _FUNDING_COLUMNS]]
    rows += [
        [
            f.label,
            Paragraph(_esc(f.sponsor or "-"), CELL),
            str(f.count),
            rupiah(f.monthly_cost),
        ]
        for f in data.by_funding
    ]
    rows.append(
        [printed("print.recap.total"), "", str(data.total_funded_count),
         rupiah(data.total_funded_monthly)]
    )
    table = Table(rows, colWidths=[40 * mm, 60 * mm, 18 * mm, 28 * mm], hAlign="LEFT")
    table.setStyle(_style(len(rows), (2, 3)))
    return table


def _signatures(data: RecapData) -> Flowable:
    blank = "(........................................)"
    rows = [
        [printed("print.recap.acknowledged"), ""],
        [printed("print.recap.village_head"), printed("print.recap.clerk")],
        ["", ""],
        ["", ""],
        [data.head_name or blank, data.clerk_name or blank],
    ]
    table = Table(rows, colWidths=[90 * mm, 90 * mm], rowHeights=[11, 11, 22, 22, 11])
    table.setStyle(
        TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 9), ("ALIGN", (0, 0), (-1, -1), "CENTER")])
    )
    return KeepTogether([Spacer(1, 8 * mm), table])


def build_story(data: RecapData) -> list[Flowable]:
    place = printed("print.recap.place", village=data.village_name,
                    village_code=data.village_code, kecamatan=data.kecamatan_name)
    if data.printed_at:
        period = printed("print.recap.period_printed", place=place, period=data.period_label,
                         printed=printed_moment(data.printed_at, PRINT_LANG))
    else:
        period = printed("print.recap.period", place=place, period=data.period_label)
    story: list[Flowable] = [
        Paragraph(printed("print.recap.title"), TITLE),
        Paragraph(_esc(period), SUB),
        Paragraph(printed("print.recap.new"), H2),
        _registrations(data),
    ]
    summary = []
    if data.by_occupation:
        summary.append(_counts(printed("print.recap.col.occupation"), data.by_occupation,
                               data.total_by_occupation))
    if data.by_status:
        summary.append(_counts(printed("print.recap.col.status"), data.by_status,
                               data.total_by_status))
    if summary:
        story += [
            Paragraph(printed("print.recap.summary"), H2),
            Table([summary], hAlign="LEFT", style=[("VALIGN", (0, 0), (-1, -1), "TOP")]),
        ]
    if data.by_funding:
        story += [Paragraph(printed("print.recap.by_funding"), H2), _funding(data)]
    story += [Paragraph(_esc(n), SUB) for n in data.notes]
    story.append(_signatures(data))
    return story


def draw_recap(data: RecapData, out: Out) -> None:
    configure_reportlab()
    register_fonts()
    target = str(out) if not hasattr(out, "write") else out
    doc = SimpleDocTemplate(
        target,
        pagesize=PAGE,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=printed("print.recap.doc_title", village=data.village_name, period=data.period_label),
        author="RegDesk",
        invariant=1,
    )
    doc.build(build_story(data), onFirstPage=_page_number, onLaterPages=_page_number)


def _page_number(canv, doc) -> None:  # type: ignore[no-untyped-def]
    canv.setFont(REGULAR, 7)
    canv.drawRightString(PAGE[0] - 12 * mm, 7 * mm, printed("print.recap.page", n=doc.page))
