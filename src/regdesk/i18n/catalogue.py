"""Loading one language's catalogue from ``resources/i18n/<lang>.po`` (or its compiled ``.mo``).

The ``.po`` files are the one source. ``.mo`` files are build products (``python -m
regdesk.ui.i18n_build``): read with the standard library in about a millisecond, and used only
when newer than their ``.po``; otherwise the ``.po`` is read with Babel (slower to import).
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from regdesk.paths import resources_dir

Text = str | tuple[str, ...]  # a plain text, or its plural forms


@dataclass(frozen=True)
class Catalogue:
    """One language: keyed texts (``problem.nik.length``) and Qt strings by (context, source)."""

    lang: str
    texts: dict[str, Text] = field(default_factory=dict)
    qt: dict[tuple[str, str], Text] = field(default_factory=dict)
    plural: Callable[[int], int] = field(default=lambda n: int(n != 1))

    def form(self, text: Text, n: int) -> str:
        """The plural form of ``text`` for the count ``n`` (a plain text is its own form)."""
        if isinstance(text, str):
            return text
        index = self.plural(n)
        return text[index] if 0 <= index < len(text) else text[-1]


def catalogue_dir() -> Path:
    return resources_dir() / "i18n"


def load(lang: str, folder: Path | None = None) -> Catalogue:
    """The catalogue of ``lang`` from ``folder`` (default ``resources/i18n``)."""
    folder = folder or catalogue_dir()
    po, mo = folder / f"{lang}.po", folder / f"{lang}.mo"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        return load_mo(lang, mo)
    return load_po(lang, po)


def _store(cat: Catalogue, context: str | None, msgid: str, text: Text) -> None:
    if context is None:
        cat.texts[msgid] = text
    else:
        cat.qt[(context, msgid)] = text


def load_po(lang: str, path: Path) -> Catalogue:
    from babel.messages.pofile import read_po  # only off the fast path

    with path.open("rb") as f:
        po = read_po(f, locale=lang)
    cat = Catalogue(lang, plural=gettext.c2py(po.plural_expr))
    for message in po:
        if not message.id or message.fuzzy:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        string = message.string or ""
        text: Text = string if isinstance(string, str) else tuple(s or "" for s in string)
        if text and all(text):
            _store(cat, message.context, msgid, text)
    return cat


def _mo_entries(tr: gettext.GNUTranslations) -> Iterator[tuple[str, int | None, str]]:
    raw: dict[str | tuple[str, int], str] = tr._catalog  # type: ignore[attr-defined]
    for key, value in raw.items():
        if isinstance(key, tuple):
            yield key[0], key[1], value
        elif key:
            yield key, None, value


def load_mo(lang: str, path: Path) -> Catalogue:
    with path.open("rb") as f:
        tr = gettext.GNUTranslations(f)
    cat = Catalogue(lang, plural=tr.plural)  # type: ignore[attr-defined]
    forms: dict[str, dict[int, str]] = {}
    for key, index, value in _mo_entries(tr):
        if index is None:
            _split_store(cat, key, value)
        else:
            forms.setdefault(key, {})[index] = value
    for key, by_index in forms.items():
        _split_store(cat, key, tuple(by_index[i] for i in sorted(by_index)))
    return cat


def _split_store(cat: Catalogue, key: str, text: Text) -> None:
    context, sep, msgid = key.partition("\x04")
    if text and all(text):
        _store(cat, context if sep else None, msgid if sep else context, text)
