"""Problem codes → sentences, in Indonesian (default) and English.

Each message is a whole sentence with named placeholders; nothing is glued from fragments.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from regdesk.domain.import_messages import IMPORT_FIELD_LABELS, IMPORT_MESSAGES
from regdesk.domain.money import format_rupiah
from regdesk.domain.problems import Problem

DEFAULT_LANG = "id"
LANGUAGES = ("id", "en")

FIELD_LABELS: dict[str, dict[str, str]] = {
    "nik": {"id": "NIK", "en": "NIK"},
    "kk_number": {"id": "Nomor KK", "en": "Family card number"},
    "full_name": {"id": "Nama lengkap", "en": "Full name"},
    "birth_place": {"id": "Tempat lahir", "en": "Birth place"},
    "birth_date": {"id": "Tanggal lahir", "en": "Birth date"},
    "gender": {"id": "Jenis kelamin", "en": "Gender"},
    "address": {"id": "Alamat", "en": "Address"},
    "rt": {"id": "RT", "en": "RT"},
    "rw": {"id": "RW", "en": "RW"},
    "village_code": {"id": "Desa/kelurahan", "en": "Village"},
    "postal_code": {"id": "Kode pos", "en": "Postal code"},
    "phone": {"id": "Nomor HP", "en": "Mobile number"},
    "email": {"id": "E-mail", "en": "E-mail"},
    "occupation_code": {"id": "Pekerjaan", "en": "Occupation"},
    "income": {"id": "Penghasilan", "en": "Income"},
    "jht": {"id": "JHT", "en": "JHT"},
    "period_months": {"id": "Periode pembayaran", "en": "Payment period"},
    "funding": {"id": "Sumber pembiayaan", "en": "Funding"},
    "sponsor_name": {"id": "Nama penyandang dana", "en": "Sponsor name"},
    "budget_reference": {"id": "Referensi anggaran", "en": "Budget reference"},
    "funding_start": {"id": "Awal pembiayaan", "en": "Funding start"},
    "funding_end": {"id": "Akhir pembiayaan", "en": "Funding end"},
    "consent_given": {"id": "Persetujuan", "en": "Consent"},
    "consent_recorded_by": {"id": "Pencatat persetujuan", "en": "Consent recorded by"},
    "consent_at": {"id": "Waktu persetujuan", "en": "Consent time"},
    "start_month": {"id": "Bulan mulai", "en": "Start month"},
    "village": {"id": "Desa kantor", "en": "Office village"},
    "username": {"id": "Nama pengguna", "en": "User name"},
    "password": {"id": "Kata sandi", "en": "Password"},
    "role": {"id": "Peran", "en": "Role"},
    "months": {"id": "Jumlah bulan", "en": "Months"},
    "start": {"id": "Bulan mulai", "en": "Start month"},
    "sector": {"id": "Sektor", "en": "Sector"},
    "file": {"id": "Berkas", "en": "File"},
    "reason": {"id": "Alasan", "en": "Reason"},
    "record": {"id": "Data", "en": "Record"},
}

MESSAGES: dict[str, dict[str, str]] = {
    "required": {"id": "{label} wajib diisi.", "en": "{label} is required."},
    "type.text": {"id": "{label} harus berupa teks.", "en": "{label} must be text."},
    "type.integer": {
        "id": "{label} harus berupa angka bulat.",
        "en": "{label} must be a whole number.",
    },
    "type.boolean": {"id": "{label} harus ya atau tidak.", "en": "{label} must be yes or no."},
    "choice.invalid": {
        "id": "{label} harus salah satu dari: {allowed}.",
        "en": "{label} must be one of: {allowed}.",
    },
    "date.format": {
        "id": "{label} harus tanggal dengan format {expected}.",
        "en": "{label} must be a date formatted {expected}.",
    },
    "datetime.format": {
        "id": "{label} bukan waktu yang sah.",
        "en": "{label} is not a valid time.",
    },
    "date.future": {
        "id": "{label} tidak boleh di masa depan.",
        "en": "{label} cannot be in the future.",
    },
    "nik.length": {
        "id": "NIK harus {expected} digit (terisi {actual}).",
        "en": "NIK must have {expected} digits (got {actual}).",
    },
    "nik.not_digits": {"id": "NIK hanya boleh berisi angka.", "en": "NIK may contain digits only."},
    "nik.invalid": {"id": "NIK tidak sah.", "en": "NIK is not valid."},
    "nik.birth_date_invalid": {
        "id": "Bagian tanggal lahir pada NIK ({date_part}) bukan tanggal yang sah.",
        "en": "The birth-date part of the NIK ({date_part}) is not a valid date.",
    },
    "nik.province_unknown": {
        "id": "Kode provinsi {province} pada NIK tidak dikenal.",
        "en": "Province code {province} in the NIK is unknown.",
    },
    "nik.serial_zero": {
        "id": "Nomor urut NIK tidak boleh 0000.",
        "en": "The NIK serial number cannot be 0000.",
    },
    "nik.kecamatan_unknown": {
        "id": "Kode kecamatan {kecamatan} pada NIK tidak ada di tabel wilayah. Periksa kembali.",
        "en": "Kecamatan code {kecamatan} in the NIK is not in the region table. Please check.",
    },
    "nik.birth_date_mismatch": {
        "id": "Tanggal lahir pada NIK ({nik_birth_date}) berbeda dengan tanggal lahir yang diisi ({birth_date}).",
        "en": "The NIK's birth date ({nik_birth_date}) differs from the typed birth date ({birth_date}).",
    },
    "nik.gender_mismatch": {
        "id": "Jenis kelamin pada NIK ({nik_gender}) berbeda dengan yang diisi ({gender}).",
        "en": "The NIK's gender ({nik_gender}) differs from the typed gender ({gender}).",
    },
    "nik.duplicate": {
        "id": "NIK ini sudah terdaftar dengan nomor referensi {local_ref}.",
        "en": "This NIK is already registered under reference {local_ref}.",
    },
    "kk.length": {
        "id": "Nomor KK harus {expected} digit (terisi {actual}).",
        "en": "Family card number must have {expected} digits (got {actual}).",
    },
    "kk.not_digits": {
        "id": "Nomor KK hanya boleh berisi angka.",
        "en": "Family card number may contain digits only.",
    },
    "kk.date_invalid": {
        "id": "Bagian tanggal pada nomor KK ({date_part}) tidak sah.",
        "en": "The date part of the family card number ({date_part}) is not valid.",
    },
    "kk.serial_zero": {
        "id": "Nomor urut KK tidak boleh 0000.",
        "en": "The family card serial cannot be 0000.",
    },
    "name.length": {
        "id": "Nama harus {minimum}–{maximum} karakter.",
        "en": "Name must be {minimum}–{maximum} characters.",
    },
    "name.characters": {
        "id": "Nama hanya boleh berisi huruf, spasi, titik, koma, apostrof dan tanda hubung.",
        "en": "Name may contain letters, spaces, dots, commas, apostrophes and hyphens only.",
    },
    "birth_date.future": {
        "id": "Tanggal lahir tidak boleh di masa depan.",
        "en": "Birth date cannot be in the future.",
    },
    "age.too_old": {
        "id": "Usia saat mendaftar harus di bawah {maximum} tahun (usia {age}).",
        "en": "Age at registration must be below {maximum} (age {age}).",
    },
    "rt_rw.format": {
        "id": "{label} harus angka 1–3 digit, misalnya 003.",
        "en": "{label} must be a 1–3 digit number, e.g. 003.",
    },
    "address.length": {
        "id": "Alamat harus {minimum}–{maximum} karakter.",
        "en": "Address must be {minimum}–{maximum} characters.",
    },
    "village.format": {
        "id": "Kode desa harus 10 digit Kemendagri, misalnya {example}.",
        "en": "Village code must be a 10-digit Kemendagri code, e.g. {example}.",
    },
    "village.unknown": {
        "id": "Kode desa {value} tidak ada di tabel wilayah.",
        "en": "Village code {value} is not in the region table.",
    },
    "postal_code.format": {
        "id": "Kode pos harus 5 digit.",
        "en": "Postal code must have 5 digits.",
    },
    "postal_code.mismatch": {
        "id": "Kode pos desa ini biasanya {expected}.",
        "en": "This village's postal code is usually {expected}.",
    },
    "phone.not_digits": {
        "id": "Nomor HP hanya boleh berisi angka, spasi, tanda hubung dan +.",
        "en": "Mobile number may contain digits, spaces, dashes and + only.",
    },
    "phone.invalid": {"id": "Nomor HP tidak sah.", "en": "Mobile number is not valid."},
    "phone.not_indonesian": {
        "id": "Nomor HP harus nomor Indonesia (+62).",
        "en": "Mobile number must be Indonesian (+62).",
    },
    "phone.not_mobile": {
        "id": "Nomor harus nomor HP (08…), bukan telepon rumah.",
        "en": "Number must be a mobile number (08…), not a landline.",
    },
    "email.format": {"id": "Alamat e-mail tidak sah.", "en": "E-mail address is not valid."},
    "occupation.unknown": {
        "id": "Pekerjaan {value} tidak ada di daftar.",
        "en": "Occupation {value} is not in the list.",
    },
    "income.below_minimum": {
        "id": "Penghasilan minimal {minimum}.",
        "en": "Income must be at least {minimum}.",
    },
    "income.above_maximum": {
        "id": "Penghasilan maksimal {maximum}.",
        "en": "Income must be at most {maximum}.",
    },
    "income.not_a_level": {
        "id": "Penghasilan harus salah satu tingkat yang berlaku, misalnya {below} atau {above}.",
        "en": "Income must be one of the declared levels, e.g. {below} or {above}.",
    },
    "period.invalid": {
        "id": "Periode pembayaran harus {allowed} bulan.",
        "en": "Payment period must be {allowed} months.",
    },
    "funding.period_order": {
        "id": "Akhir pembiayaan harus setelah awalnya.",
        "en": "Funding end must be after its start.",
    },
    "consent.required": {
        "id": "Persetujuan peserta wajib dicatat.",
        "en": "The worker's consent must be recorded.",
    },
    "warning.unconfirmed": {
        "id": "Peringatan belum dikonfirmasi: {codes}.",
        "en": "Warnings not confirmed: {codes}.",
    },
    "json.invalid": {
        "id": "Berkas bukan JSON yang sah ({detail}).",
        "en": "File is not valid JSON ({detail}).",
    },
    "file.unreadable": {
        "id": "Berkas tidak dapat dibaca: {detail}.",
        "en": "File cannot be read: {detail}.",
    },
    "not_found": {"id": "{label} {value} tidak ditemukan.", "en": "{label} {value} was not found."},
    "user.exists": {"id": "Pengguna {value} sudah ada.", "en": "User {value} already exists."},
    "password.too_short": {
        "id": "Kata sandi minimal {minimum} karakter.",
        "en": "Password must have at least {minimum} characters.",
    },
    "password.wrong": {
        "id": "Nama pengguna atau kata sandi salah.",
        "en": "Wrong user name or password.",
    },
    "version.stale": {
        "id": "Data ini sudah diubah orang lain (versi {actual}); muat ulang lalu ulangi.",
        "en": "Someone else changed this record (version {actual}); reload and try again.",
    },
    "username.format": {
        "id": "Nama pengguna hanya boleh huruf, angka, titik, garis bawah dan tanda hubung.",
        "en": "User name may contain letters, digits, dots, underscores and hyphens only.",
    },
    "print.not_accepted": {
        "id": "Kartu untuk {value} belum bisa dicetak: belum diterima HQ.",
        "en": "No card for {value} yet: HQ has not accepted it.",
    },
    "print.bad_signature": {
        "id": "Tanda tangan HQ pada data kartu {value} tidak sah; sinkronkan ulang.",
        "en": "HQ's signature on the card data of {value} is not valid; sync again.",
    },
    "print.not_enrolled": {
        "id": "Perangkat belum terdaftar di HQ: kartu belum bisa dicetak.",
        "en": "This desk is not enrolled with HQ: cards cannot be printed yet.",
    },
    "already_cancelled": {
        "id": "Pendaftaran ini sudah dibatalkan.",
        "en": "This registration is already cancelled.",
    },
    "not_initialised": {
        "id": "Basis data belum disiapkan. Jalankan: regdesk init",
        "en": "Database not initialised. Run: regdesk init",
    },
    "permission.denied": {
        "id": "Peran {role} tidak boleh melakukan ini.",
        "en": "Role {role} may not do this.",
    },
}

# Spreadsheet import/export and backup codes live in their own data module; one catalogue.
MESSAGES.update(IMPORT_MESSAGES)
FIELD_LABELS.update(IMPORT_FIELD_LABELS)

_MONEY_PARAMS = frozenset({"minimum", "maximum", "below", "above"})


def field_label(field: str, lang: str = DEFAULT_LANG) -> str:
    labels = FIELD_LABELS.get(field)
    return labels.get(lang, labels["id"]) if labels else field


def _format_param(key: str, value: Any, code: str, lang: str) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "-"
    if code.startswith("income.") and key in _MONEY_PARAMS and isinstance(value, int):
        return format_rupiah(value)
    return str(value)


def render(problem: Problem, lang: str = DEFAULT_LANG) -> str:
    """One sentence for one problem, in ``lang`` (falls back to Indonesian, then the code)."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANG
    templates: Mapping[str, str] | None = MESSAGES.get(problem.code)
    if templates is None:
        return f"{field_label(problem.field, lang)}: {problem.code}"
    params = {k: _format_param(k, v, problem.code, lang) for k, v in problem.params.items()}
    params.setdefault("label", field_label(problem.field, lang))
    try:
        return templates.get(lang, templates["id"]).format(**params)
    except (KeyError, IndexError):
        return f"{field_label(problem.field, lang)}: {problem.code}"


def render_line(problem: Problem, lang: str = DEFAULT_LANG) -> str:
    """``field (code): sentence`` — for the CLI and logs, where the field name must show."""
    return f"{problem.field} ({problem.code}): {render(problem, lang)}"


def render_all(problems: Iterable[Problem], lang: str = DEFAULT_LANG) -> list[str]:
    return [render_line(p, lang) for p in problems]
