"""Occupations named in a sheet: a close miss is refused with the nearest entries named."""

from __future__ import annotations

import pytest

from regdesk import masterdata
from regdesk.domain.regions import RegionTable
from regdesk.i18n import render
from regdesk.tabular.lookups import Lookups


@pytest.fixture
def lookups() -> Lookups:
    return Lookups(masterdata.shipped_occupations(), RegionTable({}), "32.16.06.2006")


def test_a_typo_is_refused_naming_the_nearest_entries(lookups: Lookups) -> None:
    code, problems = lookups.occupation("Pedagangg")
    assert code is None and [p.code for p in problems] == ["occupation.unknown_nearest"]
    assert "Pedagang" in problems[0].params["nearest"]
    assert render(problems[0], "id") == (
        "Pekerjaan Pedagangg tidak ada di daftar. Yang mirip: "
        f"{problems[0].params['nearest']}.")


def test_nothing_close_is_refused_as_unknown(lookups: Lookups) -> None:
    code, problems = lookups.occupation("Astronot")
    assert code is None and [p.code for p in problems] == ["occupation.unknown"]


def test_known_names_still_map(lookups: Lookups) -> None:
    assert lookups.occupation("Ketua RT") == ("ketua-rt", [])
    assert lookups.occupation("Buruh tani") == ("buruh-tani", [])  # its own entry now
    assert lookups.occupation("PKL") == ("pkl", [])
    assert lookups.occupation("Tukang becak") == ("pengemudi-becak", [])


def test_the_second_column_is_matched_alike_and_its_refusal_names_it(lookups: Lookups) -> None:
    assert lookups.occupation("ojol", field="second_occupation_code") == ("ojek-online", [])
    code, problems = lookups.occupation("Pedagangg", field="second_occupation_code")
    assert code is None
    assert [(p.field, p.code) for p in problems] == [
        ("second_occupation_code", "occupation.unknown_nearest")]
    assert "Pedagang" in problems[0].params["nearest"]
    # the cached answer for the main column still names the main field
    assert [p.field for p in lookups.occupation("Pedagangg")[1]] == ["occupation_code"]
