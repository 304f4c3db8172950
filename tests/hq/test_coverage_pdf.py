"""``regdesk-hq coverage --format pdf``: the coverage report with its bar chart, on SQLite and
PostgreSQL, parsed back; and the pure rows → bars mapping of ``cards.coverage_report``.

Figures below the regency are MADE UP for the tests (per-village estimates are not public).
Kecamatan 32.16.12 (Kedung Waringin): village 2001 Karangsambung 1.200 workers, 480 covered
at baseline, target 65 % → 780 people; village 2002 Waringinjaya 800 workers, 400 baseline,
65 % → 520. Kecamatan 32.16.13 (Pebayuran): village 1011 Kertasari 1.000 workers, 700
baseline, target 60 %. On 2026-05-20 two members of Karangsambung and one of Waringinjaya
are active (paid January to June), one more of Karangsambung is in grace (paid to April):
Karangsambung 482 covered = 40,2 %, 298 still needed; Waringinjaya 401 = 50,1 %, 119; the
kecamatan 2.000 workers, 3 active, 883 covered = 44,2 %, target 1.300 people = 65,0 %, 417
still needed; Pebayuran 70,0 % against 60,0 %, nothing needed.
"""

from __future__ import annotations

import csv
import io
import stat
from datetime import UTC, date, datetime
from fractions import Fraction
from pathlib import Path
from uuid import uuid4

import pytest
from pypdf import PdfReader
from sqlalchemy import insert

from regdesk.cards.coverage_report import (
    Bar,
    CoverageReport,
    bars,
    chart,
    render_coverage_report,
    table_rows,
    target_line,
)
from regdesk.domain.coverage import Target, coverage
from regdesk.hq.cli import main
from regdesk.hq.tables import T_MEMBERSHIP, T_PAYMENT

SAMPLE = Path(__file__).parents[2] / "resources/data/targets-kabupaten-bekasi.csv"
K12, K13 = "32.16.12", "32.16.13"
V1, V2, V3 = "32.16.12.2001", "32.16.12.2002", "32.16.13.1011"
AT = "2026-05-20"


def _run(db_url, capsys, *args):
    code = main(["--db", db_url, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _text(pdf: Path | bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def _top_down(pdf: Path, names: set[str]) -> list[str]:
    """Those of ``names`` drawn on page 1, from the top of the page down (the bars' order as
    read, whatever order the chart draws them in)."""
    seen: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        x, y = tm[4], tm[5]
        if text.strip() in names:
            seen.append((cm[1] * x + cm[3] * y + cm[5], text.strip()))

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    return [name for _, name in sorted(seen, key=lambda s: -s[0])]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _in_order(text: str, *parts: str) -> bool:
    text, at = _flat(text), 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


@pytest.fixture(scope="module")
def district(db_url, hq_runtime, tmp_path_factory):
    """The made-up figures of the module's docstring, imported once per backend."""
    path = tmp_path_factory.mktemp("cov") / "targets.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["kode wilayah", "jumlah pekerja", "sudah terlindungi", "target"])
        w.writerows([[V1, 1200, 480, "65%"], [V2, 800, 400, "65%"], [V3, 1000, 700, "60%"]])
    for file in (SAMPLE, path):
        assert main(["--db", db_url, "targets", "import", str(file)]) == 0
    members = [(V1, "2026-06-01"), (V1, "2026-06-01"), (V1, "2026-04-01"), (V2, "2026-06-01")]
    with hq_runtime.engine.begin() as conn:
        for i, (village, last) in enumerate(members):
            u = str(uuid4())
            conn.execute(insert(T_MEMBERSHIP).values(
                uuid=u, village_code=village, kpj=str(98_000_000_000 + i), ended_on=None,
                ended_reason=None, seq=0, updated_at=datetime(2026, 5, 1, tzinfo=UTC)))
            conn.execute(insert(T_PAYMENT).values(
                uuid=u, first_month=date(2026, 1, 1), last_month=date.fromisoformat(last),
                amount=16_800, channel="test", reference=f"T-{u}", paid_on=date(2026, 1, 5)))
    # written by hand, not through an import: their active spans are worked out here
    assert main(["--db", db_url, "rebuild-spans"]) == 0
    return db_url


def test_one_kecamatan_report_has_the_village_bars_and_the_table(district, tmp_path, capsys):
    out = tmp_path / "cakupan-12.pdf"
    code, printed, err = _run(district, capsys, "coverage", "--kecamatan", K12, "--at", AT,
                              "--format", "pdf", "-o", str(out))
    assert code == 0, err
    assert "written to" in printed
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not out.with_name(out.name + ".partial").exists()
    pages, text = _text(out)
    assert pages == 1
    assert "Cakupan Kepesertaan BPJS Ketenagakerjaan — Kecamatan Kedung Waringin" in _flat(text)
    assert "Keadaan per 20 Mei 2026" in text and AT not in text
    chart_part, table_part = text.split("Wilayah", 1)
    # the chart: one bar per village (name and share), the kecamatan's target line
    assert "Cakupan per desa/kelurahan" in chart_part and "Target 65,0%" in chart_part
    assert _top_down(out, {"Karangsambung", "Waringinjaya"}) == [
        "Karangsambung", "Waringinjaya",  # the bars
        "Karangsambung", "Waringinjaya"]  # the table
    assert "40,2%" in chart_part and "50,1%" in chart_part
    assert "Pebayuran" not in text and "Kertasari" not in text
    # the table: villages, then the kecamatan's total
    assert _in_order(table_part, "Karangsambung 1.200 2 482 40,2% 65,0% 298",
                     "Waringinjaya 800 1 401 50,1% 65,0% 119",
                     "Kecamatan Kedung Waringin 2.000 3 883 44,2% 65,0% 417")
    assert "32.16.12" not in text


def test_the_regency_report_has_a_bar_per_kecamatan(district, tmp_path, capsys):
    out = tmp_path / "cakupan.pdf"
    code, _, err = _run(district, capsys, "coverage", "--at", AT, "--format", "pdf",
                        "-o", str(out))
    assert code == 0, err
    _, text = _text(out)
    assert "Cakupan Kepesertaan BPJS Ketenagakerjaan — Kabupaten Bekasi" in _flat(text)
    chart_part, table_part = text.split("Wilayah", 1)
    assert "Cakupan per kecamatan" in chart_part
    assert "Target 65,0%" in chart_part  # the regency's own target (the shipped file)
    names = {"Kedung Waringin", "Pebayuran"}
    assert _top_down(out, names)[:2] == ["Kedung Waringin", "Pebayuran"]  # the bars
    assert "44,2%" in chart_part and "70,0%" in chart_part
    assert "Karangsambung" not in chart_part  # villages are in the table only
    assert _in_order(table_part, "Kedung Waringin 2.000 3 883 44,2% 65,0% 417",
                     "Karangsambung 1.200", "Waringinjaya 800",
                     "Pebayuran 1.000 0 700 70,0% 60,0% 0",
                     "Kertasari 1.000", "Kabupaten Bekasi 1.500.000")


def test_pdf_needs_an_output_file(district, capsys):
    code, _, err = _run(district, capsys, "coverage", "--format", "pdf")
    assert code == 1 and err.strip() == "regdesk-hq: error: coverage --format needs -o FILE"


# --- the pure mapping (no database) ---------------------------------------------------------


def _rows(day: date = date(2026, 5, 20)):
    targets = [Target(V1, 1200, None, 480, Fraction(65, 100), None),
               Target(V2, 800, None, 400, Fraction(65, 100), None),
               Target(V3, 1000, None, 700, Fraction(60, 100), None),
               Target("32.16", 1_500_000, None, 690_000, Fraction(65, 100), None)]
    return coverage(targets, {(V1, None): 2, (V2, None): 1, (V1, "petani"): 1}, at=day)


NAMES = {K12: "Kedung Waringin", K13: "Pebayuran", V1: "Karangsambung", V2: "Waringinjaya",
         "32.16": "Kabupaten Bekasi"}


def test_bars_are_the_kecamatan_shares_against_their_targets():
    report = CoverageReport(_rows(), NAMES, date(2026, 5, 20))
    got = bars(report)
    assert [b.label for b in got] == ["Kedung Waringin", "Pebayuran"]
    assert got[0] == Bar(K12, "Kedung Waringin", pytest.approx(44.15), pytest.approx(65.0),
                         "44,2%")  # the label rounds the exact 883/2000, not the float
    assert (got[1].share, got[1].target) == (pytest.approx(70.0), pytest.approx(60.0))
    assert target_line(report) == pytest.approx(65.0)
    drawing = chart(report)
    (bar_chart,) = [c for c in drawing.contents if hasattr(c, "data")]
    assert bar_chart.data == [[b.share for b in got]]
    assert bar_chart.barLabelArray == [["44,2%", "70,0%"]]
    assert bar_chart.categoryAxis.categoryNames == ["Kedung Waringin", "Pebayuran"]


def test_one_kecamatan_bars_are_its_villages_and_unnamed_areas_show_their_code():
    rows = [r for r in _rows() if r.area.startswith(K12)]
    report = CoverageReport(rows, {V1: "Karangsambung"}, date(2026, 5, 20), K12)
    assert [(b.label, round(b.share or 0, 2)) for b in bars(report)] == [
        ("Karangsambung", 40.17), (V2, 50.12)]
    assert target_line(report) == pytest.approx(65.0)  # 1.300 people of 2.000 workers
    assert [(r.area, bold) for r, bold in table_rows(report)] == [
        (V1, False), (V2, False), (K12, True)]  # group rows are left to the xlsx


def test_a_long_report_splits_its_table_over_pages_with_the_header_repeated():
    targets = [Target(f"32.16.{k:02d}.{2000 + v}", 1000 + v, None, 400, Fraction(65, 100),
                      None) for k in range(1, 24) for v in range(1, 11)]
    report = CoverageReport(coverage(targets, {}, at=date(2026, 5, 20)), {},
                            date(2026, 5, 20))
    assert len(bars(report)) == 23
    assert target_line(report) == pytest.approx(65.04, abs=0.01)  # ceil() per village
    buffer = io.BytesIO()
    render_coverage_report(report, buffer)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(buffer.getvalue())).pages]
    assert len(pages) >= 4
    assert [p.count("Wilayah") for p in pages] == [1] * len(pages)  # the header on each
    assert f"Halaman {len(pages)}" in pages[-1] and "32.16.23.2010" in pages[-1]


def test_an_empty_report_says_so():
    buffer = io.BytesIO()
    render_coverage_report(CoverageReport([], {}, date(2026, 5, 20)), buffer)
    _, text = _text(buffer.getvalue())
    assert "Belum ada target atau peserta aktif" in text


def test_a_regency_without_kecamatan_figures_prints_its_total_without_a_chart():
    rows = coverage([Target("32.16", 1_500_000, None, 690_000, Fraction(65, 100), None)], {},
                    at=date(2026, 5, 20))
    buffer = io.BytesIO()
    render_coverage_report(CoverageReport(rows, NAMES, date(2026, 5, 20)), buffer)
    _, text = _text(buffer.getvalue())
    assert "hanya angka seluruh wilayah" in text and "Cakupan per kecamatan" not in text
    assert "Kabupaten Bekasi 1.500.000 0 690.000 46,0% 65,0% 285.000" in _flat(text)
