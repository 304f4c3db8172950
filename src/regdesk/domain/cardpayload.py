"""What a member card's QR code carries, and its compact canonical byte encoding.

Pure: no I/O. The encoding is binary (it is base64url-encoded and signed by
``regdesk.transfer.signing``), so numbers are packed and only the two free-text fields take
variable space. Layout of version 1, big-endian::

    0x01 | member 5 B | NIK head+tail 4 B | village code 5 B | registered_on 2 B
         | valid_from 2 B | programme bits 1 B | len+UTF-8 name | len+UTF-8 village name

Version 2 (a card printed for a member: HQ signed it once BPJS Ketenagakerjaan issued the
KPJ) appends, after the village name::

         | KPJ 5 B | state 1 B | paid_through 2 B (0: none) | as_of 2 B

``state`` is the index in ``STATES`` of ``regdesk.domain.lifecycle.State`` on ``as_of`` (the
day HQ read it): a card's membership facts are as of that day, never live. A payload without
a KPJ is encoded as version 1, so older cards keep their bytes.

Dates are days since 2000-01-01; lengths are LEB128 varints. Decoding accepts only the
exact bytes that encoding would produce (so one payload has one encoding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

VERSION = 1
VERSION_MEMBER = 2
STATES: tuple[str, ...] = ("saved", "sent", "waiting_for_kpj", "waiting_for_payment", "active",
                           "grace", "inactive", "ended")  # lifecycle.State values, wire order
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
    kpj: str | None = None  # BPJS Ketenagakerjaan's number (version 2 only)
    state: str | None = None  # lifecycle state on ``as_of``
    paid_through: date | None = None
    as_of: date | None = None

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
        self._check_membership()

    def _check_membership(self) -> None:
        if self.kpj is None:
            if (self.state, self.paid_through, self.as_of) != (None, None, None):
                raise ValueError("membership facts need a KPJ")
            return
        if not _MEMBER_RE.fullmatch(self.kpj):
            raise ValueError("kpj must be 11 digits")
        if self.state not in STATES or self.as_of is None:
            raise ValueError("a member card needs its state and the day it was read")
        for d in (self.paid_through, self.as_of):
            if d is not None and (type(d) is not date or not 0 < (d - _EPOCH).days <= _MAX_DAYS):
                raise ValueError(f"date out of range: {d!r}")


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
    out = bytearray([VERSION if p.kpj is None else VERSION_MEMBER])
    out += int(p.member_number).to_bytes(5, "big")
    out += int(head + tail).to_bytes(4, "big")
    out += int(p.village_code.replace(".", "")).to_bytes(5, "big")
    out += (p.registered_on - _EPOCH).days.to_bytes(2, "big")
    out += (p.valid_from - _EPOCH).days.to_bytes(2, "big")
    out.append(bits)
    for text in (p.name, p.village_name):
        raw = text.encode("utf-8")
        out += _varint(len(raw)) + raw
    if p.kpj is not None:
        assert p.state is not None and p.as_of is not None
        out += int(p.kpj).to_bytes(5, "big")
        out.append(STATES.index(p.state))
        out += (0 if p.paid_through is None else (p.paid_through - _EPOCH).days).to_bytes(2, "big")
        out += (p.as_of - _EPOCH).days.to_bytes(2, "big")
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
    version = r.uint(1)
    if version not in (VERSION, VERSION_MEMBER):
        raise ValueError("unknown card payload version")
    member = r.uint(5)
    nik = r.uint(4)
    village = r.uint(5)
    registered = r.uint(2)
    valid = r.uint(2)
    bits = r.uint(1)
    name = r.text()
    village_name = r.text()
    membership = _read_membership(r) if version == VERSION_MEMBER else {}
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
        **membership,
    )
    if encode_payload(payload) != r.data:  # e.g. a non-minimal varint
        raise ValueError("card payload is not canonical")
    return payload


def _read_membership(r: _Reader) -> dict[str, Any]:
    kpj, state, paid, as_of = r.uint(5), r.uint(1), r.uint(2), r.uint(2)
    if kpj >= 10**11 or state >= len(STATES):
        raise ValueError("card payload field out of range")
    return {"kpj": f"{kpj:011d}", "state": STATES[state],
            "paid_through": _EPOCH + timedelta(days=paid) if paid else None,
            "as_of": _EPOCH + timedelta(days=as_of)}
