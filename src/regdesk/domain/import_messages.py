"""Sentences for the problem codes of spreadsheet import/export and backups (id and en).

Data only: :mod:`regdesk.domain.messages` merges these into the one catalogue and renders
them like every other code.
"""

from __future__ import annotations

IMPORT_MESSAGES: dict[str, dict[str, str]] = {
    "nik.scientific": {
        "id": "{label} tersimpan sebagai angka dalam notasi ilmiah ({value}) sehingga digitnya "
        "hilang. Format kolom sebagai Teks lalu ketik ulang {label}; tidak ditebak.",
        "en": "{label} is stored as a number in scientific notation ({value}), so digits are "
        "lost. Format the column as Text and type the {label} again; it is not guessed.",
    },
    "nik.number_precision": {
        "id": "{label} tersimpan sebagai angka: Excel hanya menyimpan 15 digit sehingga "
        "akhirnya menjadi 0 ({value}). Format kolom sebagai Teks lalu ketik ulang; "
        "tidak ditebak.",
        "en": "{label} is stored as a number: Excel keeps only 15 digits, so its end became 0 "
        "({value}). Format the column as Text and type it again; it is not guessed.",
    },
    "nik.stored_as_number": {
        "id": "{label} tersimpan sebagai angka ({value}), bukan teks 16 digit. Format kolom "
        "sebagai Teks lalu ketik ulang.",
        "en": "{label} is stored as a number ({value}), not as 16-digit text. Format the column "
        "as Text and type it again.",
    },
    "nik.repeated_in_file": {
        "id": "NIK yang sama ada juga di baris {rows} dengan isi berbeda; pilih yang benar.",
        "en": "The same NIK is also in row(s) {rows} with different content; keep the right one.",
    },
    "phone.scientific": {
        "id": "{label} tersimpan sebagai angka dalam notasi ilmiah ({value}); ketik ulang "
        "sebagai teks.",
        "en": "{label} is stored as a number in scientific notation ({value}); type it again "
        "as text.",
    },
    "date.invalid": {
        "id": "{label} bukan tanggal yang ada (format {expected}).",
        "en": "{label} is not a real date (format {expected}).",
    },
    "date.two_digit_year": {
        "id": "{label} memakai tahun 2 digit; tulis tahun 4 digit ({expected}).",
        "en": "{label} has a two-digit year; write a four-digit year ({expected}).",
    },
    "date.month_day_order": {
        "id": "{label} tampak berformat bulan/tanggal (Amerika); tulis sebagai {expected}.",
        "en": "{label} looks like month/day (US style); write it as {expected}.",
    },
    "date.month_name": {
        "id": 'Nama bulan "{value}" pada {label} tidak dikenal.',
        "en": 'Month name "{value}" in {label} is not recognised.',
    },
    "date.serial_invalid": {
        "id": "{label} berisi angka {value} yang bukan tanggal Excel.",
        "en": "{label} holds the number {value}, which is not an Excel date.",
    },
    "date.place_date_format": {
        "id": 'Tempat/tanggal lahir harus seperti "{expected}".',
        "en": 'Place/date of birth must look like "{expected}".',
    },
    "rt_rw.combined_format": {
        "id": "RT/RW harus seperti {example}.",
        "en": "RT/RW must look like {example}.",
    },
    "village.ambiguous": {
        "id": 'Nama desa "{name}" cocok dengan beberapa desa ({codes}); isi kode desa.',
        "en": 'Village name "{name}" matches several villages ({codes}); give the village code.',
    },
    "village.name_unknown": {
        "id": 'Desa "{name}" tidak ditemukan di kabupaten ini; isi kode desa.',
        "en": 'Village "{name}" is not in this regency; give the village code.',
    },
    "import.duplicate_row": {
        "id": "Sama persis dengan baris {row}; dilewati.",
        "en": "Identical to row {row}; skipped.",
    },
    "import.existing": {
        "id": "NIK sudah terdaftar ({local_ref}); dilewati.",
        "en": "NIK already registered ({local_ref}); skipped.",
    },
    "import.no_header_row": {
        "id": "Baris judul kolom tidak ditemukan di {rows} baris pertama (mis. NIK, Nama).",
        "en": "No header row (e.g. NIK, Nama) found in the first {rows} rows.",
    },
    "import.no_nik_column": {
        "id": 'Tidak ada kolom NIK. Kolom yang tidak dikenal: {unmapped}. Pakai --map "JUDUL=nik".',
        "en": 'No NIK column. Unrecognised columns: {unmapped}. Use --map "HEADER=nik".',
    },
    "import.file_unreadable": {
        "id": "Berkas tidak dapat dibaca sebagai daftar ({detail}).",
        "en": "The file cannot be read as a list ({detail}).",
    },
    "import.file_type": {
        "id": "Jenis berkas {suffix} tidak didukung; pakai .xlsx atau .csv.",
        "en": "File type {suffix} is not supported; use .xlsx or .csv.",
    },
    "import.sheet_unknown": {
        "id": 'Lembar "{sheet}" tidak ada. Lembar yang ada: {sheets}.',
        "en": 'Sheet "{sheet}" does not exist. Sheets: {sheets}.',
    },
    "import.map_format": {
        "id": "--map harus JUDUL=kolom, kolom salah satu dari: {allowed}.",
        "en": "--map must be HEADER=field, field one of: {allowed}.",
    },
    "import.set_format": {
        "id": "--set harus KOLOM=NILAI, kolom salah satu dari: {allowed}.",
        "en": "--set must be FIELD=VALUE, field one of: {allowed}.",
    },
    "backup.integrity": {
        "id": "Cadangan rusak: pemeriksaan integritas gagal ({detail}).",
        "en": "Backup is corrupt: integrity check failed ({detail}).",
    },
    "backup.checksum": {
        "id": "Cadangan tidak sama dengan manifesnya (checksum berbeda); tidak dipulihkan.",
        "en": "Backup does not match its manifest (checksum differs); not restored.",
    },
    "backup.not_regdesk": {
        "id": "Berkas ini bukan basis data RegDesk ({detail}).",
        "en": "This file is not a RegDesk database ({detail}).",
    },
    "backup.manifest_missing": {
        "id": "Manifes cadangan ({detail}) tidak ada atau tidak terbaca.",
        "en": "The backup's manifest ({detail}) is missing or unreadable.",
    },
    "backup.same_file": {
        "id": "Cadangan dan basis data aktif adalah berkas yang sama.",
        "en": "The backup and the live database are the same file.",
    },
    "backup.unreadable": {
        "id": "Berkas cadangan tidak dapat dibaca ({detail}).",
        "en": "The backup file cannot be read ({detail}).",
    },
}

IMPORT_FIELD_LABELS: dict[str, dict[str, str]] = {
    "birth_place_date": {"id": "Tempat/tgl lahir", "en": "Place/date of birth"},
    "rt_rw": {"id": "RT/RW", "en": "RT/RW"},
    "map": {"id": "Pemetaan kolom", "en": "Column mapping"},
    "set": {"id": "Nilai bawaan", "en": "Default value"},
    "sheet": {"id": "Lembar", "en": "Sheet"},
    "backup": {"id": "Cadangan", "en": "Backup"},
}
