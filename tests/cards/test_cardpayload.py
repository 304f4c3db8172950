from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.cards.cards_helpers import payload

from regdesk.domain.cardpayload import CardPayload, decode_payload, encode_payload

names = st.text(min_size=1, max_size=120).filter(lambda s: s.strip())
programmes = st.sets(st.sampled_from(["JKK", "JKM", "JHT", "JP", "JKP"]), min_size=1)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2179, 1, 1))


@given(
    name=names,
    village=st.text(max_size=60),
    member=st.from_regex(r"[0-9]{11}", fullmatch=True),
    head=st.from_regex(r"[0-9]{4}", fullmatch=True),
    tail=st.from_regex(r"[0-9]{4}", fullmatch=True),
    progs=programmes,
    d1=dates,
    d2=dates,
)
def test_roundtrip_any_unicode(name, village, member, head, tail, progs, d1, d2):
    p = CardPayload(
        member, name, f"{head}********{tail}", tuple(progs), "32.16.06.2006", village, d1, d2
    )
    data = encode_payload(p)
    assert decode_payload(data) == p
    assert encode_payload(decode_payload(data)) == data


def test_compact_and_deterministic():
    p = payload()
    assert encode_payload(p) == encode_payload(replace(p))
    assert len(encode_payload(p)) <= 50


def test_programmes_canonical_order():
    p = replace(payload(), programmes=("JHT", "JKK", "JKM"))
    assert p.programmes == ("JKK", "JKM", "JHT")


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"\x00",
        b"\x02" + b"\x00" * 30,
        b"hello world",
        encode_payload(payload())[:-1],
        encode_payload(payload()) + b"x",
    ],
)
def test_garbage_raises_value_error(garbage):
    with pytest.raises(ValueError):
        decode_payload(garbage)


def test_invalid_utf8_raises():
    data = bytearray(encode_payload(payload()))
    data[21] = 0xFF  # first byte of the name
    with pytest.raises(ValueError):
        decode_payload(bytes(data))


@pytest.mark.parametrize(
    "field,value",
    [
        ("member_number", "123"),
        ("nik_masked", "3216061204900001"),
        ("village_code", "3216062006"),
        ("programmes", ("XYZ",)),
        ("name", "  "),
    ],
)
def test_invalid_fields(field, value):
    with pytest.raises(ValueError):
        replace(payload(), **{field: value})


@given(
    kpj=st.from_regex(r"[0-9]{11}", fullmatch=True),
    state=st.sampled_from(["waiting_for_payment", "active", "grace", "inactive", "ended"]),
    paid=st.none() | st.dates(min_value=date(2000, 1, 2), max_value=date(2179, 1, 1)),
    as_of=st.dates(min_value=date(2000, 1, 2), max_value=date(2179, 1, 1)),
)
def test_member_card_payload_roundtrips_kpj_state_and_paid_through(kpj, state, paid, as_of):
    p = replace(payload(), kpj=kpj, state=state, paid_through=paid, as_of=as_of)
    data = encode_payload(p)
    assert data[0] == 2 and decode_payload(data) == p


def test_a_payload_without_kpj_keeps_version_one_bytes():
    assert encode_payload(payload())[0] == 1


@pytest.mark.parametrize("bad", [
    {"state": "active", "as_of": date(2026, 12, 2)},  # facts without a KPJ
    {"kpj": "2301234567", "state": "active", "as_of": date(2026, 12, 2)},  # 10 digits
    {"kpj": "23012345678", "state": "happy", "as_of": date(2026, 12, 2)},
    {"kpj": "23012345678", "state": "active"},  # no as-of day
])
def test_member_facts_are_checked(bad):
    with pytest.raises(ValueError):
        replace(payload(), **bad)
