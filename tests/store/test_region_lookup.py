"""The database-backed region table answers exactly like the in-memory one."""

import threading

import pytest

from regdesk import masterdata
from regdesk.domain.regions import RegionTable
from regdesk.store.region_lookup import SqliteRegionTable

MEMORY = RegionTable(masterdata.shipped_region_names(), masterdata.shipped_postal_codes())


@pytest.fixture
def table(store_path):
    from regdesk.store import Store

    Store.open(store_path).close()  # migrated and seeded
    regions = SqliteRegionTable(Store(store_path).connect_raw)
    yield regions
    regions.close()


@pytest.mark.parametrize("code", ["32", "32.16", "32.16.06", "32.16.06.2006", "32.16.18.2005",
                                  "32.99", "32.16.06.9999", "99", ""])
def test_lookups_match_memory(table, code) -> None:
    assert (code in table) == (code in MEMORY)
    assert table.name(code) == MEMORY.name(code)
    assert table.postal_code(code) == MEMORY.postal_code(code)
    assert table.get(code) == MEMORY.get(code)


def test_listing_matches_memory(table) -> None:
    assert len(table) == len(MEMORY)
    assert list(table.children("32.16")) == list(MEMORY.children("32.16"))
    assert list(table.children("32.16.06")) == list(MEMORY.children("32.16.06"))
    assert table.ancestors("32.16.06.2006") == MEMORY.ancestors("32.16.06.2006")
    assert [r.code for r in table.villages_matching("setia", within="32.16")] == [
        r.code for r in MEMORY.villages_matching("setia", within="32.16")]
    assert dict(table.items()) == dict(MEMORY.items())


def test_safe_from_several_threads(table) -> None:
    codes = [c for c, _ in MEMORY.items()][:2000]
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for code in codes:
                assert table.name(code) == MEMORY.name(code)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_villages_under_a_regency(table) -> None:
    villages = table.villages_under("32.16")
    assert len(villages) == 187
    assert villages == MEMORY.villages_under("32.16")
    assert table.villages_under("32.16.06")[0].code == "32.16.06.1001"
