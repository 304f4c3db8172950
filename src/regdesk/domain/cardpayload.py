"""What a member card's QR code carries, and its compact canonical byte encoding.

Pure: no I/O. The encoding is binary (it is base64url-encoded and signed by
``regdesk.transfer.signing``), so numbers are packed and only the two free-text fields take
variable space. Layout of version 1, big-endian::

    0x01 | member 5 B | NIK head+tail 4 B | village code 5 B | registered_on 2 B
         | valid_from 2 B | programme bits 1 B | len+UTF-8 name | len+UTF-8 village name

Dates are days since 2000-01-01; lengths are LEB128 varints. Decoding accepts only the
exact bytes that encoding would produce (so one payload has one encoding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

VERSION = 1
PROGRAMMES: tuple[str, ...] = ("JKK", "JKM", "JHT", "JP", "JKP")  # bit order, also print order
_EPOCH = date(2000, 1, 1)
_MAX_DAYS = 0xFFFF
_MAX_TEXT_BYTES = 1024

_MEMBER_RE = re.compile(r"[0-9]{11}")
_NIK_MASKED_RE = re.compile(r"([0-9]{4})\*{8}([0-9]{4})")
_VILLAGE_RE = re.compile(r"([0-9]{2})\.([0-9]{2})\.([0-9]{2})\.([0-9]{4})")


@dataclass(frozen=True)
class CardPayload:
    """Signed facts printed on a member card. ``programmes`` is kept in canonical order."""

    member_number: str
    name: str
    nik_masked: str
    programmes: tuple[str, ...]
    village_code: str
    village_name: str
    registered_on: date
    valid_from: date

    def __post_init__(self) -> None:
        if not _MEMBER_RE.fullmatch(self.member_number):
            raise ValueError("member_number must be 11 digits")
        if not self.name.strip():
            raise ValueError("name is empty")
        if not _NIK_MASKED_RE.fullmatch(self.nik_masked):
            raise ValueError("nik_masked must look like 3216********0001")
        if not _VILLAGE_RE.fullmatch(self.village_code):
            raise ValueError("village_code must look like 32.16.06.2006")
        unknown = set(self.programmes) - set(PROGRAMMES)
        if unknown or not self.programmes or len(set(self.programmes)) != len(self.programmes):
            raise ValueError(f"bad programmes {self.programmes!r}")
        canonical = tuple(p for p in PROGRAMMES if p in self.programmes)
        object.__setattr__(self, "programmes", canonical)
        for d in (self.registered_on, self.valid_from):
            if type(d) is not date or not 0 <= (d - _EPOCH).days <= _MAX_DAYS:
                raise ValueError(f"date out of range: {d!r}")
        for text in (self.name, self.village_name):
            if len(text.encode("utf-8")) > _MAX_TEXT_BYTES:
                raise ValueError("text field too long")


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def encode_payload(p: CardPayload) -> bytes:
    """Deterministic compact bytes for ``p`` (see module docstring)."""
    head, tail = _NIK_MASKED_RE.fullmatch(p.nik_masked).groups()  # type: ignore[union-attr]
    bits = sum(1 << i for i, prog in enumerate(PROGRAMMES) if prog in p.programmes)
    out = bytearray([VERSION])
    out += int(p.member_number).to_bytes(5, "big")
    out += int(head + tail).to_bytes(4, "big")
    out += int(p.village_code.replace(".", "")).to_bytes(5, "big")
    out += (p.registered_on - _EPOCH).days.to_bytes(2, "big")
    out += (p.valid_from - _EPOCH).days.to_bytes(2, "big")
    out.append(bits)
    for text in (p.name, p.village_name):
        raw = text.encode("utf-8")
        out += _varint(len(raw)) + raw
    return bytes(out)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise ValueError("card payload truncated")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def uint(self, n: int) -> int:
        return int.from_bytes(self.take(n), "big")

    def varint(self) -> int:
        value = shift = 0
        while True:
            byte = self.take(1)[0]
            value |= (byte & 0x7F) << shift
            if not byte & 0x80:
                return value
            shift += 7
            if shift > 28:
                raise ValueError("card payload length too large")

    def text(self) -> str:
        n = self.varint()
        if n > _MAX_TEXT_BYTES:
            raise ValueError("card payload text too long")
        try:
            return self.take(n).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError("card payload text is not UTF-8") from exc


def decode_payload(b: bytes) -> CardPayload:
    """Inverse of :func:`encode_payload`; raises ``ValueError`` on anything else."""
    r = _Reader(bytes(b))
    if r.uint(1) != VERSION:
        raise ValueError("unknown card payload version")
    member = r.uint(5)
    nik = r.uint(4)
    village = r.uint(5)
    registered = r.uint(2)
    valid = r.uint(2)
    bits = r.uint(1)
    name = r.text()
    village_name = r.text()
    if r.pos != len(r.data):
        raise ValueError("trailing bytes after card payload")
    if member >= 10**11 or nik >= 10**8 or village >= 10**10 or bits >> len(PROGRAMMES):
        raise ValueError("card payload field out of range")
    nik_s, vil_s = f"{nik:08d}", f"{village:010d}"
    payload = CardPayload(
        member_number=f"{member:011d}",
        name=name,
        nik_masked=nik_s[:4] + "*" * 8 + nik_s[4:],
        programmes=tuple(p for i, p in enumerate(PROGRAMMES) if bits >> i & 1),
        village_code=f"{vil_s[:2]}.{vil_s[2:4]}.{vil_s[4:6]}.{vil_s[6:]}",
        village_name=village_name,
        registered_on=_EPOCH + timedelta(days=registered),
        valid_from=_EPOCH + timedelta(days=valid),
    )
    if encode_payload(payload) != r.data:  # e.g. a non-minimal varint
        raise ValueError("card payload is not canonical")
    return payload
