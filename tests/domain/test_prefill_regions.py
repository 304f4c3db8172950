from datetime import UTC, datetime

from regdesk import masterdata
from regdesk.domain.prefill import prefill
from regdesk.domain.regions import RegionTable, is_kelurahan, normalize_region_code

REGIONS = RegionTable(masterdata.shipped_region_names(), masterdata.shipped_postal_codes())
NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def test_bekasi_has_23_kecamatan_and_187_villages() -> None:
    kecamatan = list(REGIONS.children("32.16"))
    villages = [v for k in kecamatan for v in REGIONS.children(k.code)]
    assert len(kecamatan) == 23
    assert len(villages) == 187
    assert REGIONS.name("32.16.18") == "Setu"  # Kemendagri code, not BPS 3216010


def test_lookups_by_level() -> None:
    chain = [r.name for r in REGIONS.ancestors("32.16.06.2006")]
    assert chain == ["Jawa Barat", "Kabupaten Bekasi", "Tambun Selatan", "Setiamekar"]
    assert REGIONS.postal_code("32.16.06.2006") == "17510"
    assert is_kelurahan("32.16.06.1001") and not is_kelurahan("32.16.06.2006")


def test_postal_codes_in_the_regency_are_in_range() -> None:
    codes = {int(p) for c, p in REGIONS.postal_items() if c.startswith("32.16.")}
    assert min(codes) >= 17211 and max(codes) <= 17730


def test_code_normalisation() -> None:
    assert normalize_region_code("3216062006") == "32.16.06.2006"
    assert normalize_region_code("32.16") == "32.16"
    assert normalize_region_code("32160") is None
    assert normalize_region_code("abc") is None


def test_prefill_derives_what_the_clerk_need_not_type() -> None:
    out = prefill(
        {"nik": "3216064508900001", "full_name": "Siti"},
        office_village="32.16.06.2006",
        regions=REGIONS,
        recorded_by="ani",
        now=NOW,
    )
    assert out["birth_date"] == "1990-08-05" and out["gender"] == "P"
    assert out["village_code"] == "32.16.06.2006" and out["postal_code"] == "17510"
    assert out["consent_recorded_by"] == "ani" and out["funding"] == "mandiri"


def test_prefill_never_overrides_typed_values() -> None:
    out = prefill(
        {
            "nik": "3216064508900001",
            "birth_date": "1990-08-06",
            "gender": "L",
            "postal_code": "17520",
        },
        office_village="32.16.06.2006",
        regions=REGIONS,
        recorded_by="ani",
        now=NOW,
    )
    assert (out["birth_date"], out["gender"], out["postal_code"]) == ("1990-08-06", "L", "17520")


def test_birth_date_and_gender_come_from_a_nik_of_a_regency_newer_than_stdnum() -> None:
    """Regression: a Kota Tarakan NIK derived nothing (the place check ignored the table)."""
    out = prefill({"nik": "6571015508900001"}, office_village="32.16.06.2006",
                  regions=REGIONS, recorded_by="ani", now=NOW)
    assert out["birth_date"] == "1990-08-15" and out["gender"] == "P"
