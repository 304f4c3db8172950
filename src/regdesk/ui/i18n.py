"""Translations: English source strings in the code, Indonesian (default) in
``resources/i18n/regdesk_id.ts``. Loads the compiled ``.qm``; if it is missing (a dev checkout
without ``i18n_build``), reads the ``.ts`` XML directly so the app is still Indonesian."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from regdesk.paths import resources_dir

log = logging.getLogger(__name__)
LANGUAGES = ("id", "en")


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


class TsTranslator(QTranslator):
    """Fallback translator reading a Qt Linguist ``.ts`` file (finished or unfinished)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._table: dict[tuple[str, str], str] = {}
        root = ET.parse(path).getroot()
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source")
                translation = message.find("translation")
                if not source or translation is None:
                    continue
                if translation.get("type") in ("obsolete", "vanished", "unfinished"):
                    continue
                forms = [f.text for f in translation.iter("numerusform") if f.text]
                text = forms[0] if forms else translation.text
                if text and text.strip():
                    self._table[(name, source)] = text

    def isEmpty(self) -> bool:
        return not self._table

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return self._table.get((context, source), "")


class Translations:
    """Installs the translators for one language; ``switch`` swaps them live (widgets get a
    ``LanguageChange`` event and retranslate themselves). Translators are process-wide, so
    the installed list is shared by every instance."""

    _installed: list[QTranslator] = []  # noqa: RUF012 - deliberately shared

    def __init__(self) -> None:
        self.lang = "en"

    def switch(self, lang: str) -> None:
        lang = lang if lang in LANGUAGES else "id"
        for tr in Translations._installed:
            QCoreApplication.removeTranslator(tr)
        Translations._installed.clear()
        self.lang = lang
        if lang != "en":
            for tr in (self._qt_translator(lang), self._app_translator(lang)):
                if tr is not None and QCoreApplication.installTranslator(tr):
                    Translations._installed.append(tr)
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian if lang == "id"
                                   else QLocale.Language.English))

    def _app_translator(self, lang: str) -> QTranslator | None:
        qm = i18n_dir() / f"regdesk_{lang}.qm"
        if qm.is_file():
            tr = QTranslator()
            if tr.load(str(qm)):
                return tr
            log.warning("could not load %s; falling back to .ts", qm.name)
        ts = i18n_dir() / f"regdesk_{lang}.ts"
        if ts.is_file():
            try:
                return TsTranslator(ts)
            except ET.ParseError:
                log.warning("unreadable translation source %s", ts.name)
        return None

    @staticmethod
    def _qt_translator(lang: str) -> QTranslator | None:
        tr = QTranslator()
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        return tr if tr.load(f"qtbase_{lang}", path) else None
