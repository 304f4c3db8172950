from datetime import date

import pytest

from regdesk import masterdata
from regdesk.domain.fees import quote, round_rupiah

RATES = masterdata.shipped_rates()


def one_month(
    month: str,
    *,
    transport: bool,
    funding: str = "self",
    income: int = 1_000_000,
    jht: bool = False,
):
    y, m = (int(x) for x in month.split("-"))
    result = quote(
        RATES,
        start=date(y, m, 1),
        months=1,
        income=income,
        transport=transport,
        funding=funding,
        jht=jht,
    )
    return result.months[0]


@pytest.mark.parametrize(
    ("month", "transport", "jkk", "jkm", "discounted"),
    [
        # non-transport window 2026-04-01 .. 2026-12-31
        ("2026-03", False, 10_000, 6_800, False),
        ("2026-04", False, 5_000, 3_400, True),
        ("2026-12", False, 5_000, 3_400, True),
        ("2027-01", False, 10_000, 6_800, False),
        # transport window 2026-01-01 .. 2027-03-31
        ("2025-12", True, 10_000, 6_800, False),
        ("2026-01", True, 5_000, 3_400, True),
        ("2027-03", True, 5_000, 3_400, True),
        ("2027-04", True, 10_000, 6_800, False),
    ],
)
def test_pp_50_2025_boundaries(
    month: str, transport: bool, jkk: int, jkm: int, discounted: bool
) -> None:
    fee = one_month(month, transport=transport)
    assert (fee.jkk, fee.jkm) == (jkk, jkm)
    assert (fee.discount == "PP 50/2025") is discounted
    assert fee.saved == (8_400 if discounted else 0)


@pytest.mark.parametrize("transport", [True, False])
def test_apbd_funding_gets_no_discount(transport: bool) -> None:
    fee = one_month("2026-06", transport=transport, funding="apbd")
    assert (fee.jkk, fee.jkm, fee.discount) == (10_000, 6_800, None)


@pytest.mark.parametrize("funding", ["self", "apbdes", "dana-desa", "csr", "other"])
def test_other_funding_sources_keep_the_discount(funding: str) -> None:
    assert one_month("2026-06", transport=False, funding=funding).discount == "PP 50/2025"


def test_jht_is_two_percent_and_never_discounted() -> None:
    fee = one_month("2026-06", transport=False, income=2_000_000, jht=True)
    assert (fee.jkk, fee.jkm, fee.jht, fee.total) == (10_000, 3_400, 40_000, 53_400)


def test_minimum_totals_without_discount() -> None:
    assert one_month("2027-06", transport=False).total == 16_800
    assert one_month("2027-06", transport=False, jht=True).total == 36_800


def test_top_level_income() -> None:
    fee = one_month("2027-06", transport=False, income=20_700_000, jht=True)
    assert (fee.jkk, fee.jht) == (207_000, 414_000)


def test_twelve_month_advance_from_november_2026_crosses_the_window_end() -> None:
    result = quote(
        RATES,
        start=date(2026, 11, 1),
        months=12,
        income=1_000_000,
        transport=False,
        funding="self",
        jht=False,
    )
    totals = [m.total for m in result.months]
    assert totals == [8_400, 8_400] + [16_800] * 10
    assert result.total == 184_800
    assert result.saved == 16_800
    assert [m.month for m in result.months][-1] == date(2027, 10, 1)


def test_transport_advance_from_november_2026_is_discounted_until_march_2027() -> None:
    result = quote(
        RATES,
        start=date(2026, 11, 1),
        months=12,
        income=1_000_000,
        transport=True,
        funding="self",
        jht=False,
    )
    assert [m.discount is not None for m in result.months] == [True] * 5 + [False] * 7
    assert result.total == 5 * 8_400 + 7 * 16_800


def test_a_mid_month_start_counts_from_that_month() -> None:
    result = quote(
        RATES,
        start=date(2026, 3, 20),
        months=3,
        income=1_000_000,
        transport=False,
        funding="self",
        jht=False,
    )
    assert [m.total for m in result.months] == [16_800, 8_400, 8_400]


def test_rejects_periods_other_than_1_3_6_12() -> None:
    with pytest.raises(ValueError, match="payment period"):
        quote(
            RATES,
            start=date(2026, 1, 1),
            months=2,
            income=1_000_000,
            transport=False,
            funding="self",
            jht=False,
        )


@pytest.mark.parametrize(
    ("income", "code"),
    [
        (999_999, "income.below_minimum"),
        (20_700_001, "income.above_maximum"),
        (1_200_000, "income.not_a_level"),
    ],
)
def test_income_must_be_a_declared_level(income: int, code: str) -> None:
    [problem] = RATES.check_income(income)
    assert (problem.field, problem.code) == ("income", code)


def test_levels_span_the_documented_range() -> None:
    assert RATES.income_levels[0] == 1_000_000
    assert RATES.income_levels[-1] == 20_700_000


def test_rounding_rule_is_half_up_to_whole_rupiah() -> None:
    from decimal import Decimal

    assert round_rupiah(Decimal("3400.5")) == 3401
    assert round_rupiah(Decimal("3400.49")) == 3400
