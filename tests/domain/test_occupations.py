"""The shipped occupation list: the BPU groups a village office enrols."""

from __future__ import annotations

from regdesk import masterdata


def test_the_list_names_the_groups_clerks_meet_each_with_both_languages() -> None:
    rows = masterdata.occupation_rows()
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes))
    assert codes[-1] == "lainnya"  # "other" stays last in the picker
    for code in ("buruh-tani", "pembudidaya-ikan", "prt", "pkl", "guru-honorer",
                 "guru-madrasah", "pengurus-rumah-ibadah", "kernet", "pengemudi-becak"):
        assert code in codes
    assert all(row["name_id"].strip() and row["name_en"].strip() for row in rows)


def test_transport_flag_marks_the_pp50_transport_sector() -> None:
    occupations = masterdata.occupations_from_rows(masterdata.occupation_rows())
    transport = {o.code for o in occupations if o.transport}
    assert transport == {"ojek-online", "ojek-pangkalan", "sopir", "kurir", "kernet",
                         "pengemudi-becak"}
