"""Problem codes → whole sentences in the process language (formerly ``domain.messages``).

Each sentence is one catalogue entry ``problem.<code>`` with named placeholders; nothing is
glued from fragments. Field names come from ``field.<name>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from regdesk.domain.problems import Problem
from regdesk.i18n.formats import long_day, rupiah
from regdesk.i18n.state import catalogue, has, t

_MONEY_PARAMS = frozenset({"minimum", "maximum", "below", "above", "ceiling", "committed",
                           "cost"})
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def field_label(field: str, lang: str | None = None) -> str:
    key = f"field.{field}"
    return t(key, lang=lang) if has(key, lang) else field


def _format_param(key: str, value: Any, code: str, lang: str | None) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "-"
    money = code.startswith(("income.", "programme.")) and key in _MONEY_PARAMS
    if money and isinstance(value, int):
        return rupiah(value)
    if key.endswith("date") and isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return _long_day(value, lang)
    return str(value)


def _long_day(iso: str, lang: str | None) -> str:
    """``1985-08-17`` → ``17 Agustus 1985`` (``17 August 1985``): problems carry ISO days,
    people read them in words."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return long_day(day, lang)


def message_for(code: str, lang: str | None = None) -> str | None:
    """The unfilled sentence of a problem code, or None when the catalogue has none."""
    text = catalogue(lang).texts.get(f"problem.{code}")
    return text if isinstance(text, str) else None


def render(problem: Problem, lang: str | None = None) -> str:
    """One sentence for one problem in ``lang`` (default: the process language); a code the
    catalogue lacks, or a sentence whose parameters are missing, shows as ``label: code``."""
    label = field_label(problem.field, lang)
    template = message_for(problem.code, lang)
    if template is None:
        return f"{label}: {problem.code}"
    params = {k: _format_param(k, v, problem.code, lang) for k, v in problem.params.items()}
    params.setdefault("label", label)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # ValueError: a format spec the value lacks
        return f"{label}: {problem.code}"


def render_line(problem: Problem, lang: str | None = None) -> str:
    """``field (code): sentence`` — for the CLI and logs, where the field name must show."""
    return f"{problem.field} ({problem.code}): {render(problem, lang)}"


def render_all(problems: Iterable[Problem], lang: str | None = None) -> list[str]:
    return [render_line(p, lang) for p in problems]
