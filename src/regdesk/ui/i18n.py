"""Qt's side of the one catalogue: widgets' strings are the ``msgctxt`` entries of
``resources/i18n/id.po`` (English source text in the code, Indonesian msgstr).

Loads the compiled ``regdesk_<lang>.qm`` made from the ``.po`` by :mod:`regdesk.ui.i18n_build`
when it is newer than the ``.po``; otherwise (a dev checkout, or the pseudo-locale) a
translator reads the catalogue directly, so the app is still Indonesian. ``switch`` also sets
the process language of :mod:`regdesk.i18n`, so problem sentences and labels follow."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from regdesk import i18n
from regdesk.i18n.pseudo import pseudo

log = logging.getLogger(__name__)
LANGUAGES = i18n.LANGUAGES


def i18n_dir() -> Path:
    return i18n.catalogue_dir()


class CatalogueTranslator(QTranslator):
    """A translator answering from the catalogue's Qt entries (Qt picks the plural form
    after us; Indonesian has one). In the pseudo-locale every string of ours is pseudo."""

    def __init__(self, catalogue: i18n.Catalogue) -> None:
        super().__init__()
        self._table = catalogue.qt
        self._form = catalogue.form
        self._pseudo = catalogue.lang == i18n.PSEUDO

    def isEmpty(self) -> bool:
        return not self._table and not self._pseudo

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # None: "not mine", Qt asks the next
        text = self._table.get((context, source))
        if text is not None:
            return self._form(text, n)
        if self._pseudo and not context.startswith("Q"):  # Qt's own contexts stay (shortcuts)
            return pseudo(source)
        return None  # an empty str would be taken as the translation


class Translations:
    """Installs the translators for one language; ``switch`` swaps them live (widgets get a
    ``LanguageChange`` event and retranslate themselves). Translators are process-wide, so
    the installed list is shared by every instance."""

    _installed: list[QTranslator] = []  # noqa: RUF012 - deliberately shared

    def __init__(self) -> None:
        self.lang = "en"

    def switch(self, lang: str) -> None:
        lang = lang if lang in LANGUAGES or lang == i18n.PSEUDO else i18n.DEFAULT_LANG
        for tr in Translations._installed:
            QCoreApplication.removeTranslator(tr)
        Translations._installed.clear()
        self.lang = lang
        i18n.set_language(lang)
        if lang != "en":
            qt_lang = "id" if lang == i18n.PSEUDO else lang
            for tr in (self._qt_translator(qt_lang), self._app_translator(lang)):
                if tr is not None and QCoreApplication.installTranslator(tr):
                    Translations._installed.append(tr)
        QLocale.setDefault(QLocale(QLocale.Language.English if lang == "en"
                                   else QLocale.Language.Indonesian))

    def _app_translator(self, lang: str) -> QTranslator | None:
        qm, po = i18n_dir() / f"regdesk_{lang}.qm", i18n_dir() / f"{lang}.po"
        if qm.is_file() and (not po.is_file() or qm.stat().st_mtime >= po.stat().st_mtime):
            tr = QTranslator()
            if tr.load(str(qm)):
                return tr
            log.warning("could not load %s; reading the catalogue instead", qm.name)
        return CatalogueTranslator(i18n.catalogue(lang))

    @staticmethod
    def _qt_translator(lang: str) -> QTranslator | None:
        tr = QTranslator()
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        return tr if tr.load(f"qtbase_{lang}", path) else None
