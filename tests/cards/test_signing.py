import base64

import pytest
from tests.cards.cards_helpers import LONG_NAME, payload

from regdesk.domain.cardpayload import encode_payload
from regdesk.transfer.signing import (
    InvalidCard,
    decode_public_key,
    encode_public_key,
    generate_private_key,
    public_key_of,
    sign_card,
    verify_card,
)

KEY = generate_private_key()
PUB = public_key_of(KEY)


def _b64u(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def test_sign_verify_roundtrip():
    qr = sign_card(payload(name=LONG_NAME), KEY)
    assert qr.startswith("RD1.") and qr.count(".") == 2
    assert verify_card(qr, PUB) == payload(name=LONG_NAME)
    assert len(sign_card(payload(), KEY)) < 170  # fits a version 9 QR at level M


def test_public_key_text_roundtrip():
    assert len(KEY) == 32 and len(PUB) == 32
    assert decode_public_key(encode_public_key(PUB)) == PUB


def test_every_changed_payload_byte_fails():
    qr = sign_card(payload(), KEY)
    _, _body, sig = qr.split(".")
    data = encode_payload(payload())
    for i in range(len(data)):
        forged = bytearray(data)
        forged[i] ^= 0x01
        with pytest.raises(InvalidCard):
            verify_card(f"RD1.{_b64u(bytes(forged))}.{sig}", PUB)


def test_every_changed_character_fails():
    qr = sign_card(payload(), KEY)
    for i in range(4, len(qr)):
        if qr[i] == ".":
            continue
        swapped = "A" if qr[i] != "A" else "B"
        with pytest.raises(InvalidCard):
            verify_card(qr[:i] + swapped + qr[i + 1 :], PUB)


def test_wrong_key_fails():
    qr = sign_card(payload(), KEY)
    with pytest.raises(InvalidCard):
        verify_card(qr, public_key_of(generate_private_key()))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "RD1.",
        "RD1..",
        "RD1.a.b",
        "hello",
        "RD2.AAAA.AAAA",
        "RD1.AA==.AA",
        "RD1.é.é",
        "x" * 5000,
    ],
)
def test_garbage_fails(text):
    with pytest.raises(InvalidCard):
        verify_card(text, PUB)


def test_invalid_card_is_value_error():
    assert issubclass(InvalidCard, ValueError)
