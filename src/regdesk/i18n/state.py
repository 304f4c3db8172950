"""The process language and the checked accessor ``t``."""

from __future__ import annotations

from functools import cache
from typing import Any

from regdesk.i18n.catalogue import Catalogue, load
from regdesk.i18n.pseudo import PSEUDO, pseudo_catalogue

DEFAULT_LANG = "id"
LANGUAGES = ("id", "en")  # what a user may choose; PSEUDO is for screenshot tests


class MissingKey(KeyError):
    """A key that is not in the catalogue: a programming error, caught by the tests."""


class _State:
    lang: str = DEFAULT_LANG


def _normal(lang: str | None) -> str:
    if lang is None:
        return _State.lang
    return lang if lang in LANGUAGES or lang == PSEUDO else DEFAULT_LANG


def set_language(lang: str | None) -> str:
    """Make ``lang`` the process language (unknown → Indonesian); return the one now in force."""
    _State.lang = _normal(lang or DEFAULT_LANG)
    return _State.lang


def current_language() -> str:
    return _State.lang


def catalogue(lang: str | None = None) -> Catalogue:
    """The catalogue of ``lang`` (default: the process language), read once per process."""
    return _loaded(_normal(lang))


@cache
def _loaded(lang: str) -> Catalogue:
    if lang == PSEUDO:
        return pseudo_catalogue(_loaded(DEFAULT_LANG))
    return load(lang)


def has(key: str, lang: str | None = None) -> bool:
    return key in catalogue(_normal(lang)).texts


def t(key: str, n: int | None = None, *, lang: str | None = None, **params: Any) -> str:
    """The text of ``key`` with ``{placeholders}`` filled; ``n`` picks the plural form (and
    fills ``{n}``). ``lang`` overrides the process language for this one call."""
    cat = catalogue(_normal(lang))
    try:
        text = cat.texts[key]
    except KeyError:
        raise MissingKey(key) from None
    if n is not None:
        params["n"] = n
    return cat.form(text, 1 if n is None else n).format(**params)
