from datetime import date

import pytest
from tests.factories import valid_registration_data

from regdesk.domain.registration import registration_from_dict
from regdesk.store import Filters
from regdesk.store.search import classify, fts_query

PEOPLE = [
    ("3216064508900001", "1990-08-05", "P", "Siti Nurjanah", "081234567890"),
    ("3216061708850001", "1985-08-17", "L", "Budi Santoso", "081311112222"),
    ("3216060101800002", "1980-01-01", "L", "Dédé Suryana", "085711112222"),
    ("3216064203950003", "1995-03-02", "P", "SITI AMINAH", "089611112222"),
]


@pytest.fixture
def people(store, admin):
    views = []
    for nik, born, gender, name, phone in PEOPLE:
        reg, problems = registration_from_dict(
            valid_registration_data(
                nik=nik, birth_date=born, gender=gender, full_name=name, phone=phone
            )
        )
        assert reg is not None, problems
        views.append(store.add(reg, user=admin))
    return views


def names(page):
    return [row.full_name for row in page.rows]


def test_name_prefix_is_case_insensitive_newest_first(store, people) -> None:
    assert names(store.search("siti")) == ["SITI AMINAH", "Siti Nurjanah"]
    assert names(store.search("SIT")) == ["SITI AMINAH", "Siti Nurjanah"]
    assert names(store.search("siti nur")) == ["Siti Nurjanah"]
    assert names(store.search("nurjanah siti")) == ["Siti Nurjanah"]


def test_accents_are_ignored(store, people) -> None:
    assert names(store.search("dede")) == ["Dédé Suryana"]
    assert names(store.search("Dédé")) == ["Dédé Suryana"]


def test_exact_keys(store, people) -> None:
    assert names(store.search("3216061708850001")) == ["Budi Santoso"]
    assert names(store.search("0813-1111-2222")) == ["Budi Santoso"]
    assert names(store.search("+62 857 1111 2222")) == ["Dédé Suryana"]
    assert names(store.search(people[0].local_ref)) == ["Siti Nurjanah"]
    assert names(store.search("3216061708850009")) == []


def test_member_number_search(store, people) -> None:
    from tests import dbfile

    with dbfile.connect(store.path) as connection:
        connection.execute(
            "UPDATE registration SET member_number='12345678901' WHERE uuid=?", (people[1].uuid,)
        )
    assert names(store.search("12345678901")) == ["Budi Santoso"]


def test_paging(store, people) -> None:
    first = store.search("", limit=3)
    second = store.search("", limit=3, offset=3)
    assert first.has_more and not second.has_more
    assert len(first.rows) == 3 and len(second.rows) == 1
    assert {r.uuid for r in first.rows}.isdisjoint({r.uuid for r in second.rows})


def test_status_and_date_filters(store, admin, people) -> None:
    store.cancel(people[0].uuid, reason="ganda", user=admin)
    assert names(store.search("siti", filters=Filters(status="cancelled"))) == ["Siti Nurjanah"]
    assert store.count(Filters(status="pending")) == 3
    today = store.clock().date()
    assert store.count(Filters(date_from=today, date_to=today)) == 4
    assert store.count(Filters(date_from=date(2030, 1, 1))) == 0


def test_renamed_registration_is_found_by_its_new_name(store, admin, people) -> None:
    reg = people[1].registration.replace(full_name="Budiman Santoso")
    store.update(people[1].uuid, reg, user=admin)
    assert names(store.search("budiman")) == ["Budiman Santoso"]
    assert names(store.search("budi")) == ["Budiman Santoso"]  # prefix of the new name


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("3216064508900001", "nik"),
        ("12345678901", "member"),
        ("0812 3456 7890", "phone"),
        ("3216062006-000001", "ref"),
        ("siti", "name"),
        ("", "all"),
        ('"; DROP', "name"),
    ],
)
def test_classify(text: str, kind: str) -> None:
    assert classify(text)[0] == kind


def test_fts_query_quotes_user_text() -> None:
    assert fts_query('siti "nur') == '"siti"* "nur"*'
    assert fts_query("!!!") is None


def test_hostile_text_finds_nothing_and_does_not_crash(store, people) -> None:
    assert names(store.search('" OR 1=1 --')) == []
    assert names(store.search("NEAR(")) == []


# -- parts of a NIK (≥ 6 digits) and of a phone (≥ 4 digits) -------------------------------
# PEOPLE's NIKs: 3216064508900001, 3216061708850001, 3216060101800002, 3216064203950003;
# phones (stored +62…): 081234567890, 081311112222, 085711112222, 089611112222.


@pytest.mark.parametrize(("text", "expected"), [
    ("450890", ["Siti Nurjanah"]),  # birth-date part of the NIK
    ("1708 8500", ["Budi Santoso"]),  # separators are ignored
    ("800002", ["Dédé Suryana"]),  # the tail
    ("42039500", ["SITI AMINAH"]),
    ("321606", ["SITI AMINAH", "Dédé Suryana", "Budi Santoso", "Siti Nurjanah"]),  # newest first
    ("4567", ["Siti Nurjanah"]),  # 4 phone digits anywhere
    ("1111 2222", ["SITI AMINAH", "Dédé Suryana", "Budi Santoso"]),
    ("0813", ["Budi Santoso"]),  # national form: the start of the number
    ("+62 813", ["Budi Santoso"]),  # international form, same number
    ("62813", ["Budi Santoso"]),
    ("0857-1111", ["Dédé Suryana"]),
    ("+62857", ["Dédé Suryana"]),
    ("81234567890", ["Siti Nurjanah"]),  # 11 digits, no such member number: a phone part
])
def test_partial_nik_and_phone_find_records(store, people, text, expected) -> None:
    assert names(store.search(text)) == expected


def test_too_short_parts_find_nothing_by_substring(store, people) -> None:
    assert names(store.search("45089")) == []  # 5 NIK digits: below the NIK minimum
    assert names(store.search("508900")) == ["Siti Nurjanah"]  # 6 of them: found
    assert names(store.search("456")) == []  # 3 phone digits: below the phone minimum
    assert names(store.search("0812 3")) == ["Siti Nurjanah"]  # "0812 3" is 5 digits: phone
    assert classify("45089")[0] == "digits" and classify("456")[0] == "name"


def test_the_whole_part_must_match_not_only_its_last_digits(store, people) -> None:
    # the index is asked for the last 6 digits; the rows must still hold the whole part
    assert names(store.search("450890")) == ["Siti Nurjanah"]
    assert names(store.search("99450890")) == []
    assert names(store.search("9934567890")) == []  # ends like Siti's phone, starts otherwise
    assert names(store.search("2345 6789")) == ["Siti Nurjanah"]


def test_a_national_part_does_not_match_a_zero_inside_the_number(store, admin, people) -> None:
    reg, problems = registration_from_dict(valid_registration_data(
        nik="3216060505900004", birth_date="1990-05-05", gender="L", full_name="Asep",
        phone="085608131234"))  # holds "0813" inside, not at its start
    assert reg is not None, problems
    store.add(reg, user=admin)
    assert names(store.search("0813")) == ["Budi Santoso"]
    assert names(store.search("0813 1234")) == []
    assert names(store.search("08131234")) == []  # national: must start the number
    assert names(store.search("8131234")) == ["Asep"]  # no leading 0: anywhere


def test_parts_follow_edits_and_cancelled_rows_keep_their_status(store, admin, people) -> None:
    reg = people[1].registration.replace(phone="+6287712345678")
    store.update(people[1].uuid, reg, user=admin)
    assert names(store.search("0813 1111")) == []
    assert names(store.search("0877 1234")) == ["Budi Santoso"]
    store.cancel(people[0].uuid, reason="ganda", user=admin)
    page = store.search("450890")
    assert [(r.full_name, r.status) for r in page.rows] == [("Siti Nurjanah", "cancelled")]
    assert names(store.search("450890", filters=Filters(status="pending"))) == []


@pytest.mark.parametrize("text", ['12345" OR "1', "1234*", "+", "+-", "0000 0000 0000 0000 0"])
def test_digit_like_hostile_text_does_not_crash(store, people, text) -> None:
    store.search(text)
