"""A pseudo-locale (Vorta's trick): every text accented and about 40% longer, placeholders
kept, so a screenshot shows where a longer translation would be clipped."""

from __future__ import annotations

import re

from regdesk.i18n.catalogue import Catalogue, Text

PSEUDO = "qps"  # the conventional pseudo-locale code (qps-ploc)
_ACCENTS = str.maketrans(
    "aeiouyAEIOUYcnsCNSgkGK",
    "àéîöûýÀÉÎÖÛÝçñšÇÑŠğķĞĶ",
)
# {name}, %1 %n %L1, &&, HTML tags and entities, mnemonic ampersands stay as they are.
_KEEP = re.compile(r"\{[^{}]*\}|%L?\d+|%n|&&|&[a-z]+;|&|<[^>]+>")
_PAD = "~"
GROWTH = 0.4


def pseudo(text: str) -> str:
    """``text`` accented, framed and padded to ~140% of its length (placeholders intact)."""
    if not text:
        return text
    parts: list[str] = []
    last = 0
    for match in _KEEP.finditer(text):
        parts.append(text[last:match.start()].translate(_ACCENTS))
        parts.append(match.group())
        last = match.end()
    parts.append(text[last:].translate(_ACCENTS))
    pad = _PAD * max(1, round(len(text) * GROWTH) - 2)
    return "[" + "".join(parts) + pad + "]"


def _pseudo_text(text: Text) -> Text:
    return pseudo(text) if isinstance(text, str) else tuple(pseudo(t) for t in text)


def pseudo_catalogue(source: Catalogue) -> Catalogue:
    """The pseudo-locale built from ``source`` (the Indonesian catalogue)."""
    return Catalogue(
        PSEUDO,
        {k: _pseudo_text(v) for k, v in source.texts.items()},
        {k: _pseudo_text(v) for k, v in source.qt.items()},
        source.plural,
    )
