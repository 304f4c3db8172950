"""``regdesk-hq programmes billing``: the billing list of one sponsor programme for one month.

One line per person whose funded period under the programme runs that month: HQ's
registration number, the name (from the stored payload), the masked NIK, the village's name
(``hq_region``), the months of the period and that month's Rupiah (the fee rules in force
that month: :func:`regdesk.domain.programme_use.month_costs`), then the total. Written as
xlsx (:mod:`regdesk.tabular.writer`: owner-only, atomic) or PDF (:mod:`regdesk.cards.billing`,
written beside the target and moved into place). Money is integer Rupiah.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, func, select

from regdesk.domain.fees import PAYMENT_PERIODS, RateTable, add_months
from regdesk.domain.masking import mask_nik
from regdesk.domain.programme_use import FundedPeriod, month_costs
from regdesk.domain.programmes import Programme, ProgrammeError
from regdesk.hq.db import read_tx
from regdesk.hq.programme_rollup import KEY, period_of
from regdesk.hq.programmes import programmes_by_id
from regdesk.hq.tables import T_FUNDED_PERIOD, T_MEMBER, T_REG, T_REGION
from regdesk.i18n import PRINT_LANG, funding_label, printed
from regdesk.i18n.formats import month_year, rupiah
from regdesk.oscompat import create_private

if TYPE_CHECKING:
    from regdesk.cards.billing import BillingSheetData

__all__ = ["FORMATS", "BillingLine", "BillingList", "billing_list", "period_text",
           "sheet_data", "write_billing", "write_pdf", "write_xlsx"]

FORMATS = (".xlsx", ".pdf")


@dataclass(frozen=True, slots=True)
class BillingLine:
    registration_number: str
    name: str
    nik_masked: str
    village: str
    first_month: date
    last_month: date
    amount: int


@dataclass(frozen=True, slots=True)
class BillingList:
    programme: Programme
    month: date
    lines: tuple[BillingLine, ...]

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


def _payload(text: str) -> dict[str, object]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _name(payload: str) -> str:
    return str(_payload(payload).get("full_name") or "")


def _nik(row: object) -> str:
    """Masked: the full NIK is never in a billing list."""
    nik = getattr(row, "nik", None) or str(_payload(getattr(row, "payload", "")).get("nik", ""))
    return mask_nik(nik)


def billing_list(engine: Engine, programme_id: int, month: date, *,
                 rates: RateTable) -> BillingList:
    """The list for ``month`` (its first day), ordered by village, then registration number.
    An unknown programme raises :class:`ProgrammeError`."""
    t, m, r = T_FUNDED_PERIOD.c, T_MEMBER.c, T_REG.c
    query = (select(*KEY, r.payload, r.nik, func.coalesce(m.registration_number,
                                                          r.registration_number, "")
                    .label("number"), func.coalesce(T_REGION.c.name, t.village_code)
                    .label("village"))
             .select_from(T_FUNDED_PERIOD.join(T_REG, r.uuid == t.uuid)
                          .outerjoin(T_MEMBER, m.uuid == t.uuid)
                          .outerjoin(T_REGION, T_REGION.c.code == t.village_code))
             .where(t.programme_id == programme_id, t.first_month <= month,
                    t.first_month > add_months(month, -max(PAYMENT_PERIODS))))
    with read_tx(engine) as conn:
        programme = programmes_by_id(conn).get(programme_id)
        if programme is None:
            raise ProgrammeError(f"programme {programme_id}: no such programme")
        rows = conn.execute(query).all()
    price = cache(lambda period: dict(month_costs(rates, period)))
    lines = []
    for row in rows:
        period: FundedPeriod = period_of(row)
        amount = price(period).get(month)
        if amount is None:  # the period ended before the month (or cannot be priced)
            continue
        lines.append(BillingLine(str(row.number), _name(row.payload), _nik(row),
                                 str(row.village), period.first_month, period.last_month,
                                 amount))
    lines.sort(key=lambda x: (x.village, x.registration_number, x.name))
    return BillingList(programme, month, tuple(lines))


def period_text(line: BillingLine) -> str:
    """``November 2026 – Januari 2027`` (one month: ``November 2026``), printed language."""
    first = month_year(line.first_month, PRINT_LANG)
    if line.last_month == line.first_month:
        return first
    return printed("print.billing.period", first=first,
                   last=month_year(line.last_month, PRINT_LANG))


HEADERS = ("print.billing.col.no", "print.billing.col.registration_number",
           "print.billing.col.name", "print.billing.col.nik", "print.billing.col.village",
           "print.billing.col.period", "print.billing.col.amount")
KINDS = ("int", "text", "text", "text", "text", "text", "int")


def _xlsx_rows(billing: BillingList) -> Iterator[tuple[object, ...]]:
    for i, line in enumerate(billing.lines, start=1):
        yield (i, line.registration_number, line.name, line.nik_masked, line.village,
               period_text(line), line.amount)
    yield (None, "", printed("print.billing.total", count=len(billing.lines)), "", "", "",
           billing.total)


def write_xlsx(path: Path, billing: BillingList) -> int:
    from regdesk.tabular.writer import write_xlsx as write

    write(path, [printed(key) for key in HEADERS], KINDS, _xlsx_rows(billing),
          sheet=printed("print.billing.sheet"))
    return len(billing.lines)


def sheet_data(billing: BillingList) -> BillingSheetData:
    """Every value of the PDF already in words (no ISO dates, no codes)."""
    from regdesk.cards.billing import BillingSheetData, BillingSheetRow

    g = billing.programme
    return BillingSheetData(
        sponsor=g.sponsor, funding=funding_label(g.funding_source, PRINT_LANG),
        budget_reference=g.budget_reference, month=month_year(billing.month, PRINT_LANG),
        rows=tuple(BillingSheetRow(line.registration_number, line.name, line.nik_masked,
                                   line.village, period_text(line), rupiah(line.amount))
                   for line in billing.lines),
        total=rupiah(billing.total))


def write_pdf(path: Path, billing: BillingList) -> int:
    from regdesk.cards.billing import render_billing_list

    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private(partial)
    try:
        render_billing_list(sheet_data(billing), partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return len(billing.lines)


def write_billing(path: Path, billing: BillingList) -> int:
    """Write ``path`` (.xlsx or .pdf, by its suffix); returns the number of lines."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ProgrammeError(f"{path}: the billing list is written as .xlsx or .pdf")
    return (write_xlsx if suffix == ".xlsx" else write_pdf)(path, billing)
