from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from regdesk.paths import resources_dir
from regdesk.ui import i18n


@pytest.mark.parametrize("with_qm", [True, False])
def test_indonesian_with_or_without_compiled_qm(qtbot, tmp_path: Path, monkeypatch,
                                                with_qm: bool) -> None:  # type: ignore[no-untyped-def]
    source = resources_dir() / "i18n"
    shutil.copy(source / "regdesk_id.ts", tmp_path)
    if with_qm:
        from regdesk.ui.i18n_build import build

        if not build(tmp_path):
            pytest.skip("pyside6-lrelease not available")
    monkeypatch.setattr(i18n, "i18n_dir", lambda: tmp_path)
    translations = i18n.Translations()
    try:
        translations.switch("id")
        assert QCoreApplication.translate("MainWindow", "Sync now") == "Sinkronkan sekarang"
        assert QCoreApplication.translate("Status", "Needs attention") == "Perlu perhatian"
        translations.switch("en")
        assert QCoreApplication.translate("MainWindow", "Sync now") == "Sync now"
    finally:
        translations.switch("en")
