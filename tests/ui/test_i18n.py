from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from regdesk import i18n as catalogue
from regdesk.domain.problems import error
from regdesk.paths import resources_dir
from regdesk.ui import i18n


@pytest.mark.parametrize("with_qm", [True, False])
def test_indonesian_with_or_without_compiled_qm(qtbot, tmp_path: Path, monkeypatch,
                                                with_qm: bool) -> None:  # type: ignore[no-untyped-def]
    source = resources_dir() / "i18n"
    for lang in ("id", "en"):
        shutil.copy(source / f"{lang}.po", tmp_path)
    if with_qm:
        from regdesk.ui.i18n_build import build

        if not build(tmp_path):
            pytest.skip("pyside6-lrelease not available")
        assert (tmp_path / "regdesk_id.ts").is_file() and (tmp_path / "id.mo").is_file()
    monkeypatch.setattr(i18n, "i18n_dir", lambda: tmp_path)
    translations = i18n.Translations()
    try:
        translations.switch("id")
        assert QCoreApplication.translate("MainWindow", "Sync now") == "Sinkronkan sekarang"
        assert QCoreApplication.translate("Gender", "Female") == "Perempuan"
        assert QCoreApplication.translate("RegistrationFormView", "%n month(s)", None,
                                          3) == "3 bulan"
        assert QCoreApplication.translate("Nowhere", "Not in the catalogue") == (
            "Not in the catalogue")  # untranslated stays English, never blank
        translations.switch("en")
        assert QCoreApplication.translate("MainWindow", "Sync now") == "Sync now"
    finally:
        translations.switch("en")


def test_switching_sets_the_process_language_for_every_layer(qtbot) -> None:  # type: ignore[no-untyped-def]
    from regdesk.ui.labels import funding_labels, status_label

    translations = i18n.Translations()
    problem = error("full_name", "required")
    try:
        translations.switch("id")
        assert catalogue.current_language() == "id"
        assert catalogue.render(problem) == "Nama lengkap wajib diisi."
        assert dict(funding_labels())["mandiri"] == "Mandiri"
        assert status_label("needs_attention") == "Perlu perhatian"
        translations.switch("en")
        assert catalogue.render(problem) == "Full name is required."
        assert dict(funding_labels())["mandiri"] == "Self-paid"
        assert status_label("needs_attention") == "Needs attention"
    finally:
        translations.switch("en")


def test_pseudo_locale_lengthens_every_string_of_ours(qtbot) -> None:  # type: ignore[no-untyped-def]
    translations = i18n.Translations()
    try:
        translations.switch(catalogue.PSEUDO)
        text = QCoreApplication.translate("MainWindow", "Sync now")
        assert text.startswith("[") and len(text) >= 1.4 * len("Sinkronkan sekarang") - 1
        untranslated = QCoreApplication.translate("Nowhere", "Plain")
        assert untranslated.startswith("[") and "~" in untranslated
        assert QCoreApplication.translate("QShortcut", "Ctrl") == "Ctrl"
    finally:
        translations.switch("en")


def test_every_qt_string_of_the_code_is_in_the_catalogue(tmp_path: Path) -> None:
    """No second list to forget: what ``tr()`` finds in the code is what id.po translates."""
    from regdesk.i18n.build import _lupdate_messages
    from regdesk.ui.i18n_build import extract, find_lupdate

    if find_lupdate() is None:
        pytest.skip("pyside6-lupdate not available")
    in_code = set(_lupdate_messages(extract(tmp_path / "a" / "b" / "code.ts")))
    qt = catalogue.catalogue("id").qt
    assert len(in_code) > 200
    assert sorted(in_code - set(qt)) == [], "run: python -m regdesk.ui.i18n_build --update"
    assert sorted(set(qt) - in_code) == [], "strings no longer in the code: run --update"
