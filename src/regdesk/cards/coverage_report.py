"""The district's coverage report (A4 portrait PDF): the day in words, a bar chart of the
coverage share per kecamatan (or per village of one kecamatan) with each area's target
marked and the whole area's target as a dashed line, then the table of figures (split over
pages, its header repeated).

The rows are :class:`regdesk.domain.coverage.AreaCoverage` as ``regdesk-hq coverage`` reads
them; ``names`` maps area codes to region names (an area without one shows its code).
Only the all-workers rows (no occupation group) are printed: the group rows are in the
xlsx and JSON. Texts in the printouts' language (``print.coverage.*``)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus.flowables import Flowable

from regdesk.cards.fonts import BOLD, REGULAR, register_fonts, text_width
from regdesk.cards.output import Out, configure_reportlab
from regdesk.domain.coverage import AreaCoverage, Level
from regdesk.i18n import PRINT_LANG, printed
from regdesk.i18n.formats import long_day, number, percent

PAGE = A4
MARGIN = 12 * mm
WIDTH = PAGE[0] - 2 * MARGIN

TITLE = ParagraphStyle("cov-title", fontName=BOLD, fontSize=13, leading=16)
SUB = ParagraphStyle("cov-sub", fontName=REGULAR, fontSize=9, leading=12, spaceAfter=4)
H2 = ParagraphStyle("cov-h2", fontName=BOLD, fontSize=10, leading=13, spaceBefore=6)
NOTE = ParagraphStyle("cov-note", fontName=REGULAR, fontSize=7, leading=9)
CELL = ParagraphStyle("cov-cell", fontName=REGULAR, fontSize=7.5, leading=9)
CELL_BOLD = ParagraphStyle("cov-cell-bold", parent=CELL, fontName=BOLD)
HEAD = ParagraphStyle("cov-head", parent=CELL_BOLD, alignment=2)  # over right-aligned numbers

BAR = colors.Color(0.24, 0.55, 0.42)
TARGET = colors.Color(0.75, 0.12, 0.12)
LABEL_W = 120  # points for the area names left of the bars
MAX_LABEL = LABEL_W - 8
_COLUMNS = (("print.coverage.col.area", 54), ("print.coverage.col.workers", 22),
            ("print.coverage.col.active", 20), ("print.coverage.col.covered", 22),
            ("print.coverage.col.share", 20), ("print.coverage.col.target", 20),
            ("print.coverage.col.still_needed", 22))  # 180 mm of the 186 inside the margins


@dataclass(frozen=True, slots=True)
class CoverageReport:
    rows: Sequence[AreaCoverage]
    names: Mapping[str, str]
    at: date
    kecamatan: str | None = None  # the report of one kecamatan's villages


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: the area's name, its coverage and its target in percent (``None``: the area
    has no estimate, or no target), and the coverage as printed at the bar's end (rounded
    from the exact share, like the table)."""

    code: str
    label: str
    share: float | None
    target: float | None
    share_text: str = ""


def target_of(row: AreaCoverage) -> Fraction | None:
    """The area's own target share; for a sum of children, the people their targets need
    over the estimated workers."""
    if row.target_share is not None:
        return row.target_share
    if row.target_people is None or not row.workers:
        return None
    return Fraction(row.target_people, row.workers)


def _pct(value: Fraction | None) -> float | None:
    return None if value is None else float(value * 100)


def charted(report: CoverageReport) -> list[AreaCoverage]:
    """The all-workers rows the bars show, by code: the kecamatan, or one kecamatan's
    villages."""
    level = Level.KECAMATAN if report.kecamatan is None else Level.VILLAGE
    return sorted((r for r in report.rows if r.group is None and r.level is level),
                  key=lambda r: r.area)


def totals(report: CoverageReport) -> list[AreaCoverage]:
    """The row(s) the charted areas add up to: the regency, or the one kecamatan."""
    if report.kecamatan is not None:
        return [r for r in report.rows if r.group is None and r.area == report.kecamatan]
    return sorted((r for r in report.rows if r.group is None and r.level is Level.REGENCY),
                  key=lambda r: r.area)


def area_name(code: str, names: Mapping[str, str]) -> str:
    return names.get(code) or code


def bars(report: CoverageReport) -> list[Bar]:
    return [Bar(r.area, area_name(r.area, report.names), _pct(r.share), _pct(target_of(r)),
                "" if r.share is None else percent(r.share, PRINT_LANG))
            for r in charted(report)]


def _total_target(report: CoverageReport) -> Fraction | None:
    found = totals(report)
    return target_of(found[0]) if len(found) == 1 else None


def target_line(report: CoverageReport) -> float | None:
    """The whole area's target in percent (the dashed line), when there is one total."""
    return _pct(_total_target(report))


def _short(text: str, size: float) -> str:
    if text_width(text, REGULAR, size) <= MAX_LABEL:
        return text
    while text and text_width(text + "…", REGULAR, size) > MAX_LABEL:
        text = text[:-1]
    return text.rstrip() + "…"


def _value_max(shown: list[Bar], line: float | None) -> float:
    values = [v for b in shown for v in (b.share, b.target) if v is not None]
    top = max([100.0, *values, *([line] if line is not None else [])])
    return float(math.ceil(top / 10) * 10)


def _chart_box(n: int) -> tuple[float, float]:
    """(bar height, plot height): 14 pt a bar, less when many must fit on the page."""
    step = max(6.0, min(14.0, 560 / max(n, 1)))
    return step, step * n


def _bar_chart(shown: list[Bar], vmax: float, plot_h: float, size: float) -> HorizontalBarChart:
    chart = HorizontalBarChart()
    chart.x, chart.y = LABEL_W, 18
    chart.width, chart.height = WIDTH - LABEL_W - 30, plot_h
    chart.data = [[b.share for b in shown]]
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barSpacing, chart.groupSpacing = 0, 3
    chart.categoryAxis.categoryNames = [_short(b.label, size) for b in shown]
    chart.categoryAxis.reverseDirection = 1  # the first area at the top
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = size
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, vmax
    chart.valueAxis.valueStep = 10 if vmax <= 150 else 50
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: f"{v:.0f}%"
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[b.share_text for b in shown]]
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = size
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    return chart


def _marks(drawing: Drawing, chart: HorizontalBarChart, shown: list[Bar], step: float,
           vmax: float, line: float | None, line_text: str) -> None:
    """Each area's target as a red tick across its bar; the total's target dashed."""
    def x_at(value: float) -> float:
        return float(chart.x + chart.width * value / vmax)

    top = chart.y + chart.height
    for i, b in enumerate(shown):
        if b.target is not None:
            mid = top - (i + 0.5) * step
            drawing.add(Line(x_at(b.target), mid - step * 0.45, x_at(b.target),
                             mid + step * 0.45, strokeColor=TARGET, strokeWidth=1.6))
    if line is not None:
        drawing.add(Line(x_at(line), chart.y, x_at(line), top + 4, strokeColor=TARGET,
                         strokeWidth=0.8, strokeDashArray=[3, 2]))
        drawing.add(String(x_at(line), top + 6, line_text, fontName=REGULAR, fontSize=7,
                           fillColor=TARGET, textAnchor="middle"))


def chart(report: CoverageReport) -> Drawing:
    """The bar chart as a ReportLab drawing (shares in percent, target ticks and line)."""
    shown, line = bars(report), target_line(report)
    step, plot_h = _chart_box(len(shown))
    size = min(7.5, step * 0.6)
    vmax = _value_max(shown, line)
    drawing = Drawing(WIDTH, plot_h + 34)
    bar_chart = _bar_chart(shown, vmax, plot_h, size)
    drawing.add(bar_chart)
    total = _total_target(report)
    line_text = "" if total is None else printed("print.coverage.target_line",
                                                 share=percent(total, PRINT_LANG))
    _marks(drawing, bar_chart, shown, step, vmax, line, line_text)
    return drawing


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def table_rows(report: CoverageReport) -> list[tuple[AreaCoverage, bool]]:
    """(row, bold): each charted area — in the regency's report followed by its villages —
    then the total(s) in bold."""
    out: list[tuple[AreaCoverage, bool]] = []
    villages = sorted((r for r in report.rows if r.group is None and r.level is Level.VILLAGE),
                      key=lambda r: r.area)
    for row in charted(report):
        out.append((row, report.kecamatan is None))
        if report.kecamatan is None:
            out += [(v, False) for v in villages if v.area.startswith(row.area + ".")]
    return out + [(t, True) for t in totals(report)]


def _figures(row: AreaCoverage) -> list[str]:
    def count(value: int | None) -> str:
        return "-" if value is None else number(value, PRINT_LANG)

    def share(value: Fraction | None) -> str:
        return "-" if value is None else percent(value, PRINT_LANG)

    return [count(row.workers), count(row.active), count(row.covered), share(row.share),
            share(target_of(row)), count(row.still_needed)]


def _name_cell(report: CoverageReport, row: AreaCoverage, bold: bool) -> Paragraph:
    """The area's name; a village under its kecamatan in the regency's report indented."""
    if row.area == report.kecamatan:
        return Paragraph(_esc(place(report)), CELL_BOLD)
    indent = "" if bold or report.kecamatan is not None else "&nbsp;&nbsp;&nbsp;"
    return Paragraph(indent + _esc(area_name(row.area, report.names)),
                     CELL_BOLD if bold else CELL)


def _table(report: CoverageReport) -> LongTable:
    head = [Paragraph(_esc(printed(key)), CELL_BOLD if i == 0 else HEAD)
            for i, (key, _) in enumerate(_COLUMNS)]
    body: list[list[Any]] = [head]
    bold_rows = []
    for i, (row, bold) in enumerate(table_rows(report), start=1):
        body.append([_name_cell(report, row, bold), *_figures(row)])
        if bold:
            bold_rows.append(i)
    table = LongTable(body, colWidths=[w * mm for _, w in _COLUMNS], repeatRows=1,
                      hAlign="LEFT")
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 7.5),
        ("FONT", (0, 0), (-1, 0), BOLD, 7.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.93, 0.9)),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    cmds += [("FONT", (1, i), (-1, i), BOLD, 7.5) for i in bold_rows]
    table.setStyle(TableStyle(cmds))
    return table


def place(report: CoverageReport) -> str:
    """"Kabupaten Bekasi" / "Kecamatan Karang Bahagia" (empty: several regencies)."""
    if report.kecamatan is not None:
        return printed("print.coverage.kecamatan",
                       name=area_name(report.kecamatan, report.names))
    found = totals(report)
    return area_name(found[0].area, report.names) if len(found) == 1 else ""


def build_story(report: CoverageReport) -> list[Flowable]:
    where = place(report)
    title = printed("print.coverage.title") + (f" — {where}" if where else "")
    story: list[Flowable] = [
        Paragraph(_esc(title), TITLE),
        Paragraph(_esc(printed("print.coverage.as_of", day=long_day(report.at, PRINT_LANG))),
                  SUB),
    ]
    if not charted(report):
        key = "print.coverage.no_bars" if totals(report) else "print.coverage.empty"
        story.append(Paragraph(_esc(printed(key)), SUB))
        if not totals(report):
            return story
    else:
        per = "print.coverage.chart_kecamatan" if report.kecamatan is None \
            else "print.coverage.chart_village"
        story += [Paragraph(_esc(printed(per)), H2), chart(report),
                  Paragraph(_esc(printed("print.coverage.legend")), NOTE)]
    story += [Spacer(1, 4 * mm), _table(report), Spacer(1, 2 * mm),
              Paragraph(_esc(printed("print.coverage.notes")), NOTE)]
    return story


def render_coverage_report(report: CoverageReport, out: Out) -> None:
    configure_reportlab()
    register_fonts()
    target = str(out) if not hasattr(out, "write") else out
    doc = SimpleDocTemplate(
        target, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm, author="RegDesk", invariant=1,
        title=printed("print.coverage.doc_title", place=place(report) or "-",
                      day=long_day(report.at, PRINT_LANG)),
    )
    doc.build(build_story(report), onFirstPage=_page_number, onLaterPages=_page_number)


def _page_number(canv, doc) -> None:  # type: ignore[no-untyped-def]
    canv.setFont(REGULAR, 7)
    canv.drawRightString(PAGE[0] - MARGIN, 7 * mm, printed("print.coverage.page", n=doc.page))
