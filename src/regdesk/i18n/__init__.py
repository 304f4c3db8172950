"""The one text catalogue of every layer: ``resources/i18n/id.po`` (Indonesian, the source of
truth) and ``en.po``, gettext format, keys checked.

The language is set once per process (:func:`set_language`; the GUI again when the clerk
switches it) and read by every renderer, so no ``lang`` needs threading through calls::

    set_language("en")
    t("problem.nik.length", expected=16, actual=12)   # "NIK must have 16 digits (got 12)."
    t(key, n=3)  # a key with msgid_plural: the form for 3, and {n} filled

A key missing from the catalogue raises :class:`MissingKey`; a test scans the source for every
key used and checks both catalogues have it.
"""

from __future__ import annotations

from regdesk.i18n.catalogue import Catalogue, Text, catalogue_dir
from regdesk.i18n.labels import funding_label, funding_labels
from regdesk.i18n.printed import PRINT_LANG, printed, status_label
from regdesk.i18n.problems import field_label, message_for, render, render_all, render_line
from regdesk.i18n.pseudo import PSEUDO
from regdesk.i18n.state import (
    DEFAULT_LANG,
    LANGUAGES,
    MissingKey,
    catalogue,
    current_language,
    has,
    set_language,
    t,
)

__all__ = [
    "DEFAULT_LANG",
    "LANGUAGES",
    "PRINT_LANG",
    "PSEUDO",
    "Catalogue",
    "MissingKey",
    "Text",
    "catalogue",
    "catalogue_dir",
    "current_language",
    "field_label",
    "funding_label",
    "funding_labels",
    "has",
    "message_for",
    "printed",
    "render",
    "render_all",
    "render_line",
    "set_language",
    "status_label",
    "t",
]
