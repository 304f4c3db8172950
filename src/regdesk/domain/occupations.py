"""Occupations: an editable list (resources/data/occupations.csv), each flagged transport or not."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Occupation:
    code: str
    name_id: str
    name_en: str
    transport: bool

    def name(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" else self.name_id


class OccupationList:
    def __init__(self, occupations: Iterable[Occupation]):
        self._by_code = {o.code: o for o in occupations}

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Occupation]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code: str) -> Occupation | None:
        return self._by_code.get(code)
