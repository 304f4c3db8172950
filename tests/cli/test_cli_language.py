"""The CLI sets the process language once at entry: ``--lang``, else ``REGDESK_LANG``, else
Indonesian; every sentence comes from the catalogue in that language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from regdesk import i18n
from regdesk.cli import main

NIK = "3216064508050001"


@pytest.fixture(autouse=True)
def _back_to_indonesian(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("REGDESK_LANG", raising=False)
    yield
    i18n.set_language("id")


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_nik_in_indonesian_by_default_and_english_with_lang(capsys) -> None:
    code, out, _ = _out(capsys, "check-nik", NIK)
    assert code == 0 and out.startswith("NIK sah: lahir 5 Agustus 2005, perempuan, terbit di ")
    code, out, _ = _out(capsys, "--lang", "en", "check-nik", NIK)
    assert code == 0 and out.startswith("NIK valid: born 5 August 2005, female, issued in ")
    assert i18n.current_language() == "en"


def test_fees_total_line_in_both_languages(capsys) -> None:
    argv = ("fees", "--income", "1000000", "--sector", "non-transport", "--funding", "self",
            "--start", "2026-01")
    _, out_id, _ = _out(capsys, *argv)
    _, out_en, _ = _out(capsys, *argv, "--lang", "en")
    assert "Total: Rp " in out_id and "Total: Rp " in out_en
    assert out_id.splitlines()[0] == out_en.splitlines()[0]  # the table head is not translated


def test_errors_follow_the_language_and_the_environment(capsys, monkeypatch) -> None:
    code, _, err = _out(capsys, "demo", "--count", "-1")
    assert code == 2 and err == "regdesk: --count tidak boleh negatif.\n"
    code, _, err = _out(capsys, "--lang", "en", "demo", "--count", "-1")
    assert code == 2 and err == "regdesk: --count cannot be negative.\n"
    monkeypatch.setenv("REGDESK_LANG", "en")
    assert _out(capsys, "demo", "--count", "-1")[2] == "regdesk: --count cannot be negative.\n"
    assert _out(capsys, "--lang", "id", "demo", "--count", "-1")[2] == (
        "regdesk: --count tidak boleh negatif.\n")


def test_problem_sentences_follow_the_language(capsys) -> None:
    _, _, err = _out(capsys, "check-nik", "123")
    _, _, err_en = _out(capsys, "--lang", "en", "check-nik", "123")
    assert err.startswith("regdesk: x nik (nik.length): NIK harus 16 digit")
    assert err_en.startswith("regdesk: x nik (nik.length): NIK must have 16 digits")
