"""Names in a list → codes: occupations ("Ketua RT", "Kaur Umum") and villages ("Cibening").

Exactly one match or a problem: an ambiguous or unknown name is never resolved by guessing.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, field

from regdesk.domain.occupations import OccupationList
from regdesk.domain.problems import Problem, error
from regdesk.domain.regions import RegionTable, level_of, normalize_region_code

# Common titles in village lists and the occupation group they belong to.
OCCUPATION_SYNONYMS: dict[str, str] = {
    "petani": "petani",
    "pekebun": "petani",
    "tani": "petani",
    "buruh tani": "buruh-tani",
    "pkl": "pkl",
    "pedagang kaki lima": "pkl",
    "prt": "prt",
    "asisten rumah tangga": "prt",
    "art": "prt",
    "kernet": "kernet",
    "kondektur": "kernet",
    "becak": "pengemudi-becak",
    "tukang becak": "pengemudi-becak",
    "buruh tambak": "pembudidaya-ikan",
    "petambak": "pembudidaya-ikan",
    "guru honorer": "guru-honorer",
    "nelayan": "nelayan",
    "pedagang": "pedagang",
    "dagang": "pedagang",
    "wiraswasta": "pedagang",
    "ojol": "ojek-online",
    "ojek online": "ojek-online",
    "ojek": "ojek-pangkalan",
    "ojek pangkalan": "ojek-pangkalan",
    "sopir": "sopir",
    "supir": "sopir",
    "driver": "sopir",
    "kurir": "kurir",
    "buruh": "buruh-harian",
    "buruh harian": "buruh-harian",
    "buruh harian lepas": "buruh-harian",
    "bhl": "buruh-harian",
    "tukang": "tukang",
    "tukang bangunan": "tukang",
    "pemulung": "pemulung",
    "marbot": "marbot",
    "guru ngaji": "marbot",
    "ustadz": "marbot",
    "amil": "marbot",
    "ketua rt": "ketua-rt",
    "rt": "ketua-rt",
    "ketua rw": "ketua-rw",
    "rw": "ketua-rw",
    "kader": "kader",
    "kader posyandu": "kader",
    "kader pkk": "kader",
    "linmas": "linmas",
    "hansip": "linmas",
    "perangkat desa": "perangkat-desa",
    "sekdes": "perangkat-desa",
    "sekretaris desa": "perangkat-desa",
    "kaur": "perangkat-desa",
    "kasi": "perangkat-desa",
    "kadus": "perangkat-desa",
    "kepala dusun": "perangkat-desa",
    "staf desa": "perangkat-desa",
    "bpd": "bpd",
    "anggota bpd": "bpd",
    "ketua bpd": "bpd",
}
_PREFIX_SYNONYMS = ("kaur ", "kasi ", "kadus ", "kepala dusun ", "kader ", "staf ")
_VILLAGE_PREFIX = re.compile(r"^(?:desa|kelurahan|kel|ds)\.?\s+", re.IGNORECASE)


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).replace("_", " ").split())


@dataclass
class Lookups:
    """Occupation and village resolution for one import (cached per distinct text)."""

    occupations: OccupationList
    regions: RegionTable
    office_village: str
    _occupation_cache: dict[str, tuple[str | None, list[Problem]]] = field(default_factory=dict)
    _village_cache: dict[str, tuple[str | None, list[Problem]]] = field(default_factory=dict)
    _villages_by_name: dict[str, list[str]] | None = None

    def occupation(self, text: str, *, field: str = "occupation_code"
                   ) -> tuple[str | None, list[Problem]]:
        """The code a cell names; a refusal names ``field`` (the main or second column)."""
        if text not in self._occupation_cache:
            self._occupation_cache[text] = self._occupation(text)
        code, problems = self._occupation_cache[text]
        if field != "occupation_code":
            problems = [dataclasses.replace(p, field=field) for p in problems]
        return code, problems

    def _occupation(self, text: str) -> tuple[str | None, list[Problem]]:
        key = _key(text)
        if text.strip() in self.occupations:
            return text.strip(), []
        by_name = {_key(o.name_id): o.code for o in self.occupations}
        by_part = {_key(part): o.code for o in self.occupations for part in o.name_id.split("/")}
        code = (
            OCCUPATION_SYNONYMS.get(key)
            or by_name.get(key)
            or by_part.get(key)
            or by_name.get(key.replace(" ", "-"))
        )
        if code is None and key.startswith(_PREFIX_SYNONYMS):
            code = OCCUPATION_SYNONYMS.get(key.split(" ", 1)[0])
        if code is None or code not in self.occupations:
            return None, [self._unknown_occupation(text.strip(), key)]
        return code, []

    def _unknown_occupation(self, value: str, key: str) -> Problem:
        """The refusal, naming the nearest entries of the list when some are close."""
        names = {_key(part): o.name_id for o in self.occupations
                 for part in (o.name_id, *o.name_id.split("/"))}
        close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
        nearest = list(dict.fromkeys(names[k] for k in close))
        if not nearest:
            return error("occupation_code", "occupation.unknown", value=value)
        return error("occupation_code", "occupation.unknown_nearest", value=value,
                     nearest=", ".join(nearest))

    def village(self, text: str) -> tuple[str | None, list[Problem]]:
        if text not in self._village_cache:
            self._village_cache[text] = self._village(text)
        return self._village_cache[text]

    def _index(self) -> dict[str, list[str]]:
        if self._villages_by_name is None:
            regency = self.office_village.rsplit(".", 2)[0]
            index: dict[str, list[str]] = {}
            for village in self.regions.villages_under(regency):
                index.setdefault(_key(village.name), []).append(village.code)
            self._villages_by_name = index
        return self._villages_by_name

    def _village(self, text: str) -> tuple[str | None, list[Problem]]:
        raw = text.strip()
        code = normalize_region_code(raw)
        if code is not None and level_of(code) == 4:
            return code, []  # the domain checks that it exists
        candidates = self._index().get(_key(_VILLAGE_PREFIX.sub("", raw)), [])
        if len(candidates) == 1:
            return candidates[0], []
        office_kecamatan = self.office_village.rsplit(".", 1)[0]
        local = [c for c in candidates if c.startswith(office_kecamatan + ".")]
        if len(local) == 1:
            return local[0], []
        if candidates:
            return None, [
                error("village_code", "village.ambiguous", name=raw, codes=sorted(candidates))
            ]
        return None, [error("village_code", "village.name_unknown", name=raw)]
