import pytest

from regdesk.domain.problems import Problem, error, warning
from regdesk.i18n import catalogue, render, render_line, set_language


@pytest.fixture(autouse=True)
def _indonesian() -> None:
    set_language("id")


def test_indonesian_is_the_default() -> None:
    assert render(error("phone", "phone.not_mobile")) == (
        "Nomor harus nomor HP (08…), bukan telepon rumah."
    )


def test_english_on_request_and_parameters_filled() -> None:
    problem = error("nik", "nik.length", expected=16, actual=12)
    assert render(problem, "en") == "NIK must have 16 digits (got 12)."
    assert render(problem, "id") == "NIK harus 16 digit (terisi 12)."


def test_the_process_language_is_the_default() -> None:
    problem = error("nik", "nik.length", expected=16, actual=12)
    set_language("en")
    try:
        assert render(problem) == "NIK must have 16 digits (got 12)."
        assert render(problem, "id") == "NIK harus 16 digit (terisi 12)."
    finally:
        set_language("id")


def test_field_label_is_used_for_generic_codes() -> None:
    assert render(error("full_name", "required")) == "Nama lengkap wajib diisi."
    assert render(error("full_name", "required"), "en") == "Full name is required."


def test_money_parameters_are_rupiah() -> None:
    problem = error("income", "income.not_a_level", below=1_000_000, above=1_500_000)
    assert "Rp 1.000.000" in render(problem) and "Rp 1.500.000" in render(problem)


def test_unknown_code_falls_back_without_crashing() -> None:
    assert render(error("nik", "no.such.code")) == "NIK: no.such.code"


def test_missing_parameter_falls_back_without_crashing() -> None:
    assert render(error("nik", "nik.length")) == "NIK: nik.length"


def test_cli_line_names_field_and_rule() -> None:
    line = render_line(warning("nik", "nik.kecamatan_unknown", kecamatan="32.99.01"), "en")
    assert line.startswith("nik (nik.kecamatan_unknown): ")
    assert "32.99.01" in line


PROBLEM_KEYS = sorted(k for k in catalogue("id").texts if k.startswith("problem."))


def test_the_moved_messages_are_all_there() -> None:
    assert len(PROBLEM_KEYS) >= 85  # domain/messages.py and domain/import_messages.py


@pytest.mark.parametrize("key", PROBLEM_KEYS)
def test_every_message_has_both_languages(key: str) -> None:
    assert catalogue("id").texts[key] and catalogue("en").texts[key]


def test_problem_roundtrips_through_dict() -> None:
    problem = warning("nik", "nik.gender_mismatch", nik_gender="P", gender="L")
    assert Problem.from_dict(problem.as_dict()) == problem


def test_every_problem_the_import_lookups_make_renders_as_a_sentence() -> None:
    """Regression: a parameter named like the template's placeholder must be the one passed
    (``code=`` instead of ``value=`` left the sentence unrendered)."""
    from regdesk import masterdata
    from regdesk.domain.regions import RegionTable
    from regdesk.tabular.lookups import Lookups

    lookups = Lookups(masterdata.shipped_occupations(), RegionTable({}), "32.16.06.2006")
    _, [problem] = lookups.occupation("astronot")
    text = render(problem)
    assert "astronot" in text and "occupation.unknown" not in text


def test_days_in_problems_read_as_words_not_iso() -> None:
    # regression: "Tanggal lahir pada NIK (1990-08-15) …" showed ISO days to the clerk
    from datetime import date

    from regdesk.domain.nik import parse_nik

    _, nik_problems = parse_nik("3216065508900001", today=date(2026, 12, 2),
                                birth_date=date(1990, 8, 16), gender="P")
    mismatch = next(p for p in nik_problems if p.code == "nik.birth_date_mismatch")
    assert render(mismatch) == (
        "Tanggal lahir pada NIK (15 Agustus 1990) berbeda dengan tanggal lahir yang diisi "
        "(16 Agustus 1990)."
    )
    assert "(15 August 1990)" in render(mismatch, "en")
    assert "1990-08" not in render_line(mismatch)
