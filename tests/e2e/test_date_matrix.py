"""The date-sensitive paths (fees, receipts, recaps, ages) at fixed dates: month and year
ends, a leap day, inside and outside each PP 50/2025 window. Expected figures are worked by
hand here from the rules (JKK 1% and JHT 2% of income, JKM Rp 6.800; PP 50/2025 halves JKK
and JKM for transport BPU in 2026-01..2027-03 and other BPU in 2026-04..2026-12, not when
paid from APBD/APBN), not by the code under test."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.clock import TestClock
from tests.factories import valid_registration_data

from regdesk.domain.registration import registration_from_dict
from regdesk.services.printouts import Period, print_receipt, recap_data
from regdesk.store import Store, UserInfo
from regdesk.store.errors import ValidationFailed

DATES = [
    "2025-12-31T23:30",  # before any window, last half hour of a year
    "2026-01-31T23:30",  # month end; transport window open, other BPU not yet
    "2026-03-31T23:59",  # the day before the other-BPU window opens
    "2026-04-01T00:05",  # its first minutes
    "2026-11-30T23:45",  # a 30-day month's end
    "2026-12-31T23:30",  # last day of the other-BPU window; year end
    "2027-01-01T00:15",  # the other-BPU window closed; transport still open
    "2027-03-31T12:00",  # last day of the transport window
    "2027-04-01T08:00",  # no window at all
    "2028-02-29T10:00",  # leap day
]
WINDOWS = {True: (date(2026, 1, 1), date(2027, 3, 31)),
           False: (date(2026, 4, 1), date(2026, 12, 31))}
INCOME, JKM, OCCUPATION = 1_000_000, 6_800, {True: "ojek-online", False: "petani"}


def months_from(first: date, count: int) -> list[date]:
    index = first.year * 12 + first.month - 1
    return [date((index + i) // 12, (index + i) % 12 + 1, 1) for i in range(count)]


def hand_fee(first: date, months: int, *, transport: bool, funding: str, jht: bool) -> int:
    low, high = WINDOWS[transport]
    total = 0
    for month in months_from(first, months):
        jkk, jkm = INCOME // 100, JKM
        if low <= month <= high and funding not in ("apbd", "apbn"):
            jkk, jkm = jkk // 2, jkm // 2
        total += jkk + jkm + (INCOME * 2 // 100 if jht else 0)
    return total


def rupiah(amount: int) -> str:
    return f"Rp {amount:,}".replace(",", ".")


def nik_for(born: date, serial: int = 1) -> str:
    """A Setiamekar NIK of a woman born on ``born`` (day + 40)."""
    return f"321606{born.day + 40:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def register(store: Store, admin: UserInfo, **overrides: object):  # type: ignore[no-untyped-def]
    overrides.setdefault("consent_at", store.clock().isoformat())
    reg, problems = registration_from_dict(valid_registration_data(**overrides))
    assert not problems, problems
    return store.add(reg, user=admin)


pytestmark = pytest.mark.parametrize("clock", DATES, indirect=True)


@pytest.mark.parametrize(("transport", "funding", "months", "jht"), [
    (False, "self", 12, True), (True, "self", 6, False), (False, "apbd", 3, False),
    (True, "apbdes", 12, True)])
def test_fee_is_summed_month_by_month_from_the_registration_month(
        store: Store, admin: UserInfo, clock: TestClock, transport: bool, funding: str,
        months: int, jht: bool, tmp_path: Path) -> None:
    view = register(store, admin, occupation_code=OCCUPATION[transport], funding=funding,
                    period_months=months, jht=jht, sponsor_name="" if funding == "self"
                    else "Pemdes Setiamekar")
    expected = hand_fee(clock.month(), months, transport=transport, funding=funding, jht=jht)
    out = tmp_path / "receipt.pdf"
    print_receipt(store, view.uuid, out, user=admin)
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert f"Total dibayar {rupiah(expected)}" in text.replace("\n", " ")
    discounted = any(WINDOWS[transport][0] <= m <= WINDOWS[transport][1]
                     for m in months_from(clock.month(), months)) and funding != "apbd"
    assert ("Keringanan PP 50/2025" in text) is discounted


def test_recap_of_the_month_holds_what_was_registered_today(
        store: Store, admin: UserInfo, clock: TestClock) -> None:
    register(store, admin)
    month = Period.month(clock.start.strftime("%Y-%m"))
    data = recap_data(store, month, admin)
    assert [row.registered_on for row in data.rows] == [clock.today()]
    assert data.rows[0].monthly_contribution == hand_fee(
        clock.month(), 1, transport=False, funding="self", jht=False)
    before = Period.month((clock.month() - timedelta(days=1)).strftime("%Y-%m"))
    assert recap_data(store, before, admin).rows == ()


def test_age_limit_is_the_65th_birthday_on_the_day(
        store: Store, admin: UserInfo, clock: TestClock) -> None:
    today = clock.today()
    try:
        turns_65_today = today.replace(year=today.year - 65)
    except ValueError:  # 29 February: 65 years back has none; the 28th is the birthday
        turns_65_today = date(today.year - 65, 2, 28)
    with pytest.raises(ValidationFailed) as refused:
        register(store, admin, nik=nik_for(turns_65_today), birth_date=str(turns_65_today))
    assert "age.too_old" in {p.code for p in refused.value.problems}
    younger = turns_65_today + timedelta(days=1)
    view = register(store, admin, nik=nik_for(younger, 2), birth_date=str(younger))
    assert view.registration.birth_date == younger
