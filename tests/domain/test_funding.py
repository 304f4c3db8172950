"""Funding sources are data: the PP 50/2025 exclusion follows funding_sources.json."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regdesk import masterdata
from regdesk.domain.fees import RateTable, add_months, month_fee
from regdesk.domain.funding import LEGACY_CODES, FundingDataError, FundingSources
from regdesk.domain.registration import Funding
from regdesk.i18n import funding_label

SOURCES = masterdata.shipped_funding_sources()
CODES = SOURCES.codes()
ALL_VALUES = CODES + tuple(LEGACY_CODES)
GOVERNMENT = {"apbn", "apbd-provinsi", "apbd-kabupaten"}


def test_the_catalogue_is_the_enum_and_names_every_source_of_the_domain_notes() -> None:
    assert set(CODES) == {f.value for f in Funding}
    assert set(CODES) == {"mandiri", "apbn", "apbd-provinsi", "apbd-kabupaten", "apbdes-add",
                          "dana-desa", "csr", "baznas", "donor-lain"}
    for source in SOURCES.sources:
        assert source.references, source.code  # every source cites where it comes from
        assert source.treatment("PP 50/2025", date(2026, 6, 1)) is not None, source.code


def test_old_stored_values_read_as_their_codes() -> None:
    assert {old: SOURCES.canonical(old) for old in LEGACY_CODES} == dict(LEGACY_CODES)
    assert Funding("self") is Funding.MANDIRI and Funding("apbd") is Funding.APBD_KABUPATEN
    assert Funding("apbdes") is Funding.APBDES_ADD and Funding("other") is Funding.DONOR_LAIN
    with pytest.raises(ValueError):
        Funding("apbdx")
    assert SOURCES.canonical("apbdx") is None


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_code_and_old_value_has_a_label_in_both_catalogues(lang: str) -> None:
    for code in ALL_VALUES:
        label = funding_label(code, lang)
        assert label != code or code in ("csr",), (lang, code)
    assert funding_label("apbd", "id") == funding_label("apbd-kabupaten", "id") == "APBD Kabupaten"
    assert funding_label("apbn", "en") == "APBN (central budget)"


def test_only_apbn_and_apbd_are_excluded_from_pp50_as_shipped() -> None:
    day = date(2026, 6, 1)
    assert {c for c in CODES if SOURCES.excluded(c, "PP 50/2025", day)} == GOVERNMENT
    assert SOURCES.excluded("apbd", "PP 50/2025", day)  # the old value too
    assert not SOURCES.excluded("apbn", "another rule", day)


def _with_treatments(excluded: set[str]) -> FundingSources:
    data = SOURCES.to_dict()
    for source in data["sources"]:
        for t in source["treatments"]:
            t["discount"] = "excluded" if source["code"] in excluded else "applies"
    return FundingSources.from_dict(json.loads(json.dumps(data)))


MONTHS = st.integers(0, 35).map(lambda i: add_months(date(2025, 7, 1), i))


@settings(max_examples=150, deadline=None)
@given(excluded=st.sets(st.sampled_from(CODES)), funding=st.sampled_from(ALL_VALUES),
       month=MONTHS, transport=st.booleans(), jht=st.booleans(),
       income=st.sampled_from((1_000_000, 3_500_000, 20_700_000)))
def test_the_discount_follows_the_funding_data(excluded: set[str], funding: str, month: date,
                                               transport: bool, jht: bool, income: int) -> None:
    sources = _with_treatments(excluded)
    table = RateTable.from_dict(masterdata.rates_dict(), sources)
    fee = month_fee(table, month, income=income, transport=transport, funding=funding, jht=jht)
    window = (date(2026, 1, 1), date(2027, 3, 31)) if transport else (date(2026, 4, 1),
                                                                      date(2026, 12, 31))
    in_window = window[0] <= month <= window[1]
    code = LEGACY_CODES.get(funding, funding)
    assert (fee.discount is not None) == (in_window and code not in excluded)
    full = month_fee(RateTable.from_dict(masterdata.rates_dict(), _with_treatments(set(CODES))),
                     month, income=income, transport=transport, funding=funding, jht=jht)
    assert full.discount is None and fee.total == full.total - fee.saved
    if fee.discount is not None:
        assert fee.saved == full.jkk + full.jkm - fee.jkk - fee.jkm > 0 and fee.jht == full.jht


def test_a_ruling_that_starts_later_is_dated() -> None:
    data = SOURCES.to_dict()
    dd = next(s for s in data["sources"] if s["code"] == "dana-desa")
    dd["treatments"] = [
        {**dd["treatments"][0], "valid_to": "2026-06-30"},
        {**dd["treatments"][0], "valid_from": "2026-07-01", "discount": "excluded"},
    ]
    table = RateTable.from_dict(masterdata.rates_dict(), FundingSources.from_dict(data))
    june, july = (month_fee(table, date(2026, m, 1), income=1_000_000, transport=False,
                            funding="dana-desa", jht=False) for m in (6, 7))
    assert (june.total, july.total) == (8_400, 16_800)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["sources"][0].update(code="Bad Code"), "sources[0].code"),
    (lambda d: d["sources"][1].update(kind="state"), "sources[1].kind"),
    (lambda d: d["sources"][2]["treatments"][0].update(discount="maybe"),
     "sources[2].treatments[0].discount"),
    (lambda d: d["sources"][3]["treatments"][0].update(valid_from="2026-13-01"),
     "sources[3].treatments[0].valid_from"),
    (lambda d: d["sources"][4].update(legacy_codes=["self"]), "code 'self' used twice"),
])
def test_malformed_data_is_refused_naming_the_field(change, message) -> None:  # type: ignore[no-untyped-def]
    data = SOURCES.to_dict()
    change(data)
    with pytest.raises(FundingDataError, match=message.replace("[", r"\[").replace("]", r"\]")):
        FundingSources.from_dict(data)
