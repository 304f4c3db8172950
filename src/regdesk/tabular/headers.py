"""Recognising column headers of village lists (``NIK``, ``No KTP``, ``Tempat/Tgl Lahir``, …).

A header is normalised (lower case, punctuation → spaces) and looked up in the built-in
aliases, then in the user's remembered mapping (which wins). Targets are registration fields
plus three spreadsheet-only ones: ``birth_place_date`` (place and date in one cell),
``rt_rw`` (``003/005``) and ``village`` (a village name or code); ``-`` ignores a column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

IGNORE = "-"
COMPOSITE_FIELDS = ("birth_place_date", "rt_rw", "village")
TARGET_FIELDS = (
    "nik",
    "kk_number",
    "full_name",
    "birth_place",
    "birth_date",
    "gender",
    "address",
    "rt",
    "rw",
    "village_code",
    "postal_code",
    "phone",
    "email",
    "occupation_code",
    "second_occupation_code",
    "income",
    "period_months",
    "jht",
    "funding",
    "sponsor_name",
    "budget_reference",
    "funding_start",
    "funding_end",
    "consent_given",
    "start_month",
    *COMPOSITE_FIELDS,
)

_ALIASES: dict[str, tuple[str, ...]] = {
    "nik": (
        "nik",
        "no ktp",
        "nomor ktp",
        "no nik",
        "nomor nik",
        "nik ktp",
        "ktp",
        "no ktp nik",
        "nomor induk kependudukan",
        "no induk kependudukan",
        "nik no ktp",
    ),
    "kk_number": ("no kk", "nomor kk", "kk", "no kartu keluarga", "nomor kartu keluarga"),
    "full_name": (
        "nama",
        "nama lengkap",
        "nama peserta",
        "nama sesuai ktp",
        "nama pekerja",
        "nama anggota",
        "nama karyawan",
    ),
    "birth_place": ("tempat lahir", "tmp lahir", "tpt lahir", "tmpt lahir"),
    "birth_date": (
        "tanggal lahir",
        "tgl lahir",
        "tgl lhr",
        "tanggal lhr",
        "tanggal lahir dd mm yyyy",
    ),
    "birth_place_date": (
        "tempat tgl lahir",
        "tempat tanggal lahir",
        "ttl",
        "tempat dan tanggal lahir",
        "tmp tgl lahir",
        "tempat tgl lhr",
        "tempat lahir tgl lahir",
        "tempat lahir tanggal lahir",
        "tmpt tgl lahir",
    ),
    "gender": (
        "jk",
        "l p",
        "lp",
        "jenis kelamin",
        "kelamin",
        "jns kelamin",
        "gender",
        "sex",
        "jenis kelamin l p",
    ),
    "address": ("alamat", "alamat ktp", "alamat sesuai ktp", "alamat lengkap", "alamat rumah"),
    "rt": ("rt",),
    "rw": ("rw",),
    "rt_rw": ("rt rw",),
    "village": (
        "desa",
        "kelurahan",
        "desa kelurahan",
        "desa kel",
        "kel desa",
        "kelurahan desa",
        "nama desa",
    ),
    "village_code": ("kode desa", "kode wilayah", "kode desa kelurahan"),
    "postal_code": ("kode pos", "kodepos"),
    "phone": (
        "no hp",
        "nomor hp",
        "hp",
        "no telp",
        "no telepon",
        "telepon",
        "telp",
        "no wa",
        "nomor wa",
        "wa",
        "whatsapp",
        "no hp wa",
        "handphone",
        "nomor telepon",
        "no handphone",
        "no hp telepon",
        "hp wa",
        "no telp hp",
        "nomor hp wa",
    ),
    "email": ("email", "e mail", "surel", "alamat email"),
    "occupation_code": (
        "pekerjaan",
        "jabatan",
        "profesi",
        "jenis pekerjaan",
        "pekerjaan jabatan",
        "jabatan pekerjaan",
        "kode pekerjaan",
    ),
    "second_occupation_code": (
        "pekerjaan kedua",
        "pekerjaan 2",
        "pekerjaan ke 2",
        "pekerjaan ii",
        "pekerjaan sampingan",
        "pekerjaan tambahan",
        "second occupation",
        "occupation 2",
    ),
    "income": (
        "penghasilan",
        "upah",
        "pendapatan",
        "penghasilan per bulan",
        "gaji",
        "penghasilan bulanan",
        "upah dilaporkan",
    ),
    "period_months": ("periode", "periode bulan", "lama bayar", "periode pembayaran"),
    "jht": ("jht", "ikut jht", "program jht"),
    "funding": ("sumber dana", "pembiayaan", "sumber pembiayaan", "sumber iuran"),
    "sponsor_name": ("penyandang dana", "sponsor", "nama sponsor", "pemberi dana"),
    "budget_reference": ("referensi anggaran", "no dpa", "dpa", "nomor dpa"),
    "funding_start": ("awal pembiayaan", "mulai pembiayaan"),
    "funding_end": ("akhir pembiayaan", "selesai pembiayaan"),
    "consent_given": ("persetujuan", "setuju", "bersedia", "persetujuan peserta"),
    "start_month": ("bulan mulai", "mulai bulan"),
    IGNORE: (
        "no",
        "no urut",
        "nomor urut",
        "nomor",
        "urut",
        "keterangan",
        "ket",
        "catatan",
        "paraf",
        "tanda tangan",
        "ttd",
    ),
}
BUILTIN: dict[str, str] = {
    alias: target for target, aliases in _ALIASES.items() for alias in aliases
}


def normalise_header(text: object) -> str:
    """``"No. HP/Telepon "`` → ``"no hp telepon"``."""
    lowered = str(text or "").casefold().replace("\u00a0", " ")
    return " ".join(re.sub(r"[^\w]+", " ", lowered).replace("_", " ").split())


@dataclass(frozen=True, slots=True)
class HeaderMap:
    """Which source column feeds which field. ``columns[i]`` is the target of column ``i``."""

    headers: tuple[str, ...]
    columns: tuple[str | None, ...]
    unmapped: tuple[str, ...] = ()
    repeated: tuple[str, ...] = ()  # second column for the same field: ignored
    field_columns: dict[str, int] = field(default_factory=dict)

    def column_of(self, target: str) -> int | None:
        return self.field_columns.get(target)


def map_headers(
    headers: Sequence[object], remembered: Mapping[str, str] | None = None
) -> HeaderMap:
    """Map each header to a target field (first column wins; unknown headers are listed)."""
    remembered = remembered or {}
    texts = tuple(str(h).strip() if h is not None else "" for h in headers)
    columns: list[str | None] = []
    unmapped: list[str] = []
    repeated: list[str] = []
    field_columns: dict[str, int] = {}
    for index, text in enumerate(texts):
        key = normalise_header(text)
        target = remembered.get(key) or BUILTIN.get(key)
        if not key or target is None or target == IGNORE:
            if key and target is None:
                unmapped.append(text)
            columns.append(None)
            continue
        if target in field_columns:
            repeated.append(text)
            columns.append(None)
            continue
        field_columns[target] = index
        columns.append(target)
    return HeaderMap(texts, tuple(columns), tuple(unmapped), tuple(repeated), field_columns)


def recognised_count(headers: Sequence[object], remembered: Mapping[str, str] | None = None) -> int:
    """How many cells of a row look like known headers (to find the header row)."""
    remembered = remembered or {}
    return sum(
        1 for h in headers if (key := normalise_header(h)) and (key in remembered or key in BUILTIN)
    )
