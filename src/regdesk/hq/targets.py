"""Coverage targets as HQ master data: ``regdesk-hq targets import FILE`` and ``list``.

A targets file (xlsx or csv) has one row per area — a village ``32.16.06.2006``, a kecamatan
``32.16.06`` or the regency ``32.16`` — and optionally an occupation group (an occupation
code of ``occupations.csv``: ``perangkat-desa``, ``ketua-rt``, ``petani``, ``nelayan`` …;
blank for all workers). Columns: ``docs/hq-targets.md``. Headers are matched through the
desk import's tolerant mapping (:mod:`regdesk.tabular.headers`) with the aliases below.

The import is all-or-nothing (one problem anywhere: nothing written), idempotent (a row equal
to what HQ holds changes nothing and takes no new seq), and only adds or changes rows: an
area left out of the file keeps its target. Each written row gets a seq of HQ's sequence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from regdesk.domain.coverage import Target, level_of, target_problems
from regdesk.hq import audit, counters
from regdesk.hq.db import read_tx, write_tx
from regdesk.hq.tables import T_OCCUPATION, T_REGION, T_TARGET
from regdesk.tabular.cells import cell_text, parse_integer_cell
from regdesk.tabular.dates import parse_date_cell
from regdesk.tabular.headers import map_headers, normalise_header
from regdesk.tabular.reader import SheetError, is_blank, read_sheet

_ALIASES: dict[str, tuple[str, ...]] = {
    "area_code": ("kode wilayah", "kode area", "kode desa", "kode kecamatan", "kode",
                  "kode desa kecamatan", "wilayah", "area", "area code"),
    "group": ("kelompok", "kelompok pekerjaan", "kelompok sasaran", "pekerjaan", "group",
              "occupation group"),
    "workers": ("jumlah pekerja", "estimasi pekerja", "perkiraan pekerja", "total pekerja",
                "pekerja", "estimasi jumlah pekerja", "workers", "estimated workers"),
    "informal": ("pekerja informal", "jumlah pekerja informal", "estimasi pekerja informal",
                 "informal", "pekerja bpu", "informal workers"),
    "baseline_covered": ("sudah terlindungi", "terlindungi awal", "peserta awal",
                         "cakupan awal", "baseline", "baseline covered", "jumlah terlindungi"),
    "target_share": ("target", "target cakupan", "persentase target", "target persen",
                     "target share"),
    "target_date": ("tanggal target", "target tanggal", "batas waktu", "tenggat",
                    "target date"),
    "source": ("sumber", "sumber data", "source"),
    "-": ("nama", "nama wilayah", "nama desa", "desa", "kecamatan", "keterangan", "name",
          "note"),
}
ALIASES = {normalise_header(a): target for target, names in _ALIASES.items() for a in names}
REQUIRED = ("area_code", "workers", "baseline_covered", "target_share")
OPTIONAL = ("group", "informal", "target_date", "source")
_RULES = {
    "required": "is required",
    "integer": "must be a whole number",
    "share": "must be a share: 65%, 65 or 0.65",
    "date": "must be a date (2029-12-31 or 31/12/2029)",
    "area_code": "must be a region code NN.NN, NN.NN.NN or NN.NN.NN.NNNN",
    "area_unknown": "is no region HQ knows (import-regions)",
    "group_unknown": "is no occupation code HQ knows",
    "workers_positive": "must be above zero",
    "informal_within_workers": "must be between 0 and the workers",
    "baseline_within_workers": "must be between 0 and the workers",
    "share_range": "must be above 0% and at most 100%",
    "repeated": "repeats an area and group of an earlier row",
}
_FIELD_OF_RULE = {"workers_positive": "workers", "informal_within_workers": "informal",
                  "baseline_within_workers": "baseline_covered", "share_range": "target_share",
                  "area_code": "area_code"}


class TargetFileError(ValueError):
    """The file cannot be read as a targets list at all (names the file and why)."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int
    field: str
    column: str | None
    code: str

    def line(self, file_name: str) -> str:
        where = f"column {self.column!r}" if self.column else f"field {self.field}"
        return f"{file_name}: row {self.row}, {where}: {self.field} {_RULES[self.code]} " \
               f"[targets.{self.code}]"


@dataclass
class ImportResult:
    file_name: str
    dry_run: bool
    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run and bool(self.added or self.changed)

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file_name, "dry_run": self.dry_run, "rows": self.rows,
                "added": self.added, "changed": self.changed, "unchanged": self.unchanged,
                "written": self.written,
                "problems": [{"row": p.row, "field": p.field, "column": p.column,
                              "code": f"targets.{p.code}"} for p in self.problems]}

    def summary(self) -> str:
        mode = "dry run, nothing written" if self.dry_run else (
            "nothing written" if not self.ok else "written")
        return (f"{self.file_name}: {self.rows} row(s): {self.added} added, {self.changed} "
                f"changed, {self.unchanged} unchanged, {len(self.problems)} problem(s) — {mode}")


def parse_share(value: object) -> Fraction | None:
    """``65%``, ``"65"``, ``"65,5 %"``, ``0.65`` (an Excel percent cell) → an exact share;
    ``None`` when unreadable. A number above 1 is a percentage."""
    if isinstance(value, bool) or value is None:
        return None
    text = (repr(value) if isinstance(value, float) else cell_text(value)).strip()
    percent = text.endswith("%")
    text = text.removesuffix("%").strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    share = Fraction(number)
    return share / 100 if percent or share > 1 else share


def share_text(share: Fraction) -> str:
    """The exact decimal of a share read from a file (``Fraction(13, 20)`` → ``"0.65"``)."""
    exact = Decimal(share.numerator) / Decimal(share.denominator)
    return format(exact.normalize(), "f")


@dataclass(frozen=True, slots=True)
class _Row:
    row: int
    target: Target
    source: str


def _integer(value: object) -> int | None:
    parsed, problems = parse_integer_cell(value, field="n")
    if problems or parsed is None:
        return None
    if isinstance(parsed, int):
        return parsed
    text = str(parsed).replace(".", "").replace(" ", "")
    return int(text) if text.isdigit() else None


def _numbers(cells: dict[str, object], problems: list[tuple[str, str]]) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for name in ("workers", "informal", "baseline_covered"):
        if cell_text(cells.get(name)) == "":
            out[name] = None
            continue
        out[name] = _integer(cells[name])
        if out[name] is None:
            problems.append((name, "integer"))
    return out


def _day(cells: dict[str, object], epoch1904: bool, problems: list[tuple[str, str]]
         ) -> date | None:
    if cell_text(cells.get("target_date")) == "":
        return None
    day, found = parse_date_cell(cells["target_date"], field="target_date", epoch1904=epoch1904)
    if day is None or found:
        problems.append(("target_date", "date"))
    return day


def _read_row(number: int, cells: dict[str, object], epoch1904: bool
              ) -> tuple[_Row | None, list[tuple[str, str]]]:
    problems = [(f, "required") for f in REQUIRED if cell_text(cells.get(f)) == ""]
    if problems:
        return None, problems
    ints = _numbers(cells, problems)
    share = parse_share(cells["target_share"])
    if share is None:
        problems.append(("target_share", "share"))
    day = _day(cells, epoch1904, problems)
    if problems or share is None:
        return None, problems
    group = cell_text(cells.get("group")).strip().casefold() or None
    target = Target(cell_text(cells["area_code"]).strip(), ints["workers"] or 0,
                    ints["informal"], ints["baseline_covered"] or 0, share, day, group)
    problems += [(_FIELD_OF_RULE[c], c) for c in target_problems(target)]
    return _Row(number, target, cell_text(cells.get("source")).strip()), problems


def read_targets(path: Path
                 ) -> tuple[list[_Row], list[RowProblem], int, dict[str, str | None]]:
    """The sound rows of the file as targets, the problems of the others, the number of
    rows and the header of each field."""
    try:
        sheet = read_sheet(path, remembered=ALIASES)
    except SheetError as exc:
        raise TargetFileError(f"{path.name}: cannot be read as a list ({exc.code})") from exc
    except OSError as exc:
        raise TargetFileError(f"{path.name}: {exc.strerror or exc}") from exc
    hm = map_headers(sheet.headers, ALIASES)
    missing = [f for f in REQUIRED if hm.column_of(f) is None]
    if missing:
        raise TargetFileError(f"{path.name}: no column for {', '.join(missing)} "
                              f"(header row {sheet.header_row}; docs/hq-targets.md)")
    rows: list[_Row] = []
    problems: list[RowProblem] = []
    seen: set[tuple[str, str | None]] = set()
    count = 0
    for number, cells in sheet.rows:
        if is_blank(cells):
            continue
        count += 1
        by_field = {f: cells[i] for f, i in hm.field_columns.items() if i < len(cells)}
        row, found = _read_row(number, by_field, sheet.epoch1904)
        if row is not None and (row.target.area, row.target.group) in seen:
            found.append(("area_code", "repeated"))
        problems += [RowProblem(number, f, _header(hm, f), c) for f, c in found]
        if row is not None and not found:
            seen.add((row.target.area, row.target.group))
            rows.append(row)
    return rows, problems, count, {f: _header(hm, f) for f in ("area_code", "group")}


def _header(hm: Any, name: str) -> str | None:
    index = hm.column_of(name)
    return None if index is None else str(hm.headers[index])


def _known(conn: Connection, rows: Sequence[_Row],
           columns: dict[str, str | None]) -> list[RowProblem]:
    """Areas HQ has no region for, and groups that are no occupation code."""
    villages = {r.target.area for r in rows if level_of(r.target.area).value == "village"}
    found = set(conn.execute(select(T_REGION.c.code)
                             .where(T_REGION.c.code.in_(sorted(villages)))).scalars())
    prefixes = {r.target.area for r in rows} - villages
    known_prefixes = {p for p in prefixes if conn.execute(
        select(T_REGION.c.code).where(T_REGION.c.code.startswith(p + ".")).limit(1)
    ).first() is not None}
    groups = set(conn.execute(select(T_OCCUPATION.c.code)).scalars())
    out = []
    for r in rows:
        if r.target.area not in found | known_prefixes:
            out.append(RowProblem(r.row, "area_code", columns["area_code"], "area_unknown"))
        if r.target.group is not None and r.target.group not in groups:
            out.append(RowProblem(r.row, "group", columns["group"], "group_unknown"))
    return out


def _values(r: _Row) -> dict[str, Any]:
    t = r.target
    return {"area_code": t.area, "group_code": t.group or "", "workers": t.workers,
            "informal": t.informal, "baseline_covered": t.baseline_covered,
            "target_share": share_text(t.target_share), "target_date": t.target_date,
            "source": r.source}


def import_targets(engine: Engine, path: Path, *, now: datetime,
                   dry_run: bool = False, actor: str = "cli") -> ImportResult:
    """Check the file and, unless ``dry_run`` or anything is wrong, write it in one
    transaction. Raises :class:`TargetFileError` when the file is no targets list."""
    rows, problems, count, columns = read_targets(path)
    result = ImportResult(path.name, dry_run, rows=count, problems=problems)
    with write_tx(engine) as conn:
        result.problems += _known(conn, rows, columns)
        held = {(r.area_code, r.group_code): r for r in conn.execute(select(T_TARGET))}
        new, changed = [], []
        for r in rows:
            values = _values(r)
            old = held.get((values["area_code"], values["group_code"]))
            if old is None:
                new.append(values)
            elif any(getattr(old, k) != v for k, v in values.items()):
                changed.append((old.id, values))
        result.added, result.changed = len(new), len(changed)
        result.unchanged = len(rows) - len(new) - len(changed)
        result.problems.sort(key=lambda p: (p.row, p.field))
        if not result.ok or dry_run or not (new or changed):
            return result
        seq = counters.allocate(conn, counters.SEQ, len(new) + len(changed))
        if new:
            conn.execute(insert(T_TARGET), [{**v, "seq": seq + i, "updated_at": now}
                                            for i, v in enumerate(new)])
        for i, (row_id, values) in enumerate(changed, start=len(new)):
            conn.execute(update(T_TARGET).where(T_TARGET.c.id == row_id)
                         .values(**values, seq=seq + i, updated_at=now))
        audit.record(conn, actor=actor, action="targets.import", entity="targets", at=now,
                     detail={"file": path.name, "added": len(new), "changed": len(changed),
                             "first_seq": seq})
    return result


@dataclass(frozen=True, slots=True)
class StoredTarget:
    target: Target
    source: str
    seq: int


def load_targets(conn: Connection, *, area_prefix: str | None = None) -> list[StoredTarget]:
    """HQ's targets ordered by area and group; ``area_prefix`` keeps one area and those
    inside it (a kecamatan and its villages) and the areas above it."""
    query = select(T_TARGET).order_by(T_TARGET.c.area_code, T_TARGET.c.group_code)
    out = []
    for r in conn.execute(query):
        if area_prefix is not None and not (
                r.area_code == area_prefix or r.area_code.startswith(area_prefix + ".")
                or area_prefix.startswith(r.area_code + ".")):
            continue
        out.append(StoredTarget(
            Target(r.area_code, int(r.workers), _int(r.informal), int(r.baseline_covered),
                   Fraction(r.target_share), r.target_date, r.group_code or None),
            r.source, int(r.seq)))
    return out


def list_targets(engine: Engine) -> list[StoredTarget]:
    with read_tx(engine) as conn:
        return load_targets(conn)


def target_dict(s: StoredTarget) -> dict[str, Any]:
    t = s.target
    return {"area_code": t.area, "level": level_of(t.area).value, "group": t.group,
            "workers": t.workers, "informal": t.informal,
            "baseline_covered": t.baseline_covered, "target_share": share_text(t.target_share),
            "target_people": t.target_people, "target_date": _iso(t.target_date),
            "source": s.source, "seq": s.seq}


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
