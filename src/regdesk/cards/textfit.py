"""Fitting text into boxes (shrink, then wrap, then ellipsis)."""

from __future__ import annotations

from regdesk.cards.fonts import text_width

ELLIPSIS = "…"


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    pieces, current = [], ""
    for ch in word:
        if current and text_width(current + ch, font, size) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    return [*pieces, current] if current else pieces


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; words wider than ``width`` are broken between characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if text_width(word, font, size) <= width:
            current = word
        else:
            *full, current = _break_word(word, font, size, width)
            lines.extend(full)
    if current:
        lines.append(current)
    return lines


def truncate(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so it fits ``width``."""
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def fit_text(
    text: str,
    font: str,
    width: float,
    max_size: float,
    min_size: float,
    max_lines: int,
    height: float | None = None,
    leading: float = 1.15,
    step: float = 0.5,
) -> tuple[float, list[str]]:
    """Largest size ≥ ``min_size`` at which ``text`` fits: one line first, then wrapped.

    With ``height``, n lines of ``size * leading`` must also fit it. Returns
    ``(size, lines)``; the last resort truncates the last line with an ellipsis, so the
    result always fits ``width`` × ``max_lines``.
    """
    text = " ".join(text.split())
    sizes = []
    size = max_size
    while size >= min_size - 1e-9:
        sizes.append(size)
        size -= step
    for size in sizes:
        if (height is None or size * leading <= height) and text_width(text, font, size) <= width:
            return size, [text]
    for n_lines in range(2, max_lines + 1):
        for size in sizes:
            if height is not None and n_lines * size * leading > height + 1e-6:
                continue
            lines = wrap(text, font, size, width)
            if len(lines) <= n_lines:
                return size, lines
    cap = max_lines
    if height is not None:
        cap = max(1, min(max_lines, int(height / (min_size * leading) + 1e-6)))
    lines = wrap(text, font, min_size, width)
    if len(lines) > cap:
        rest = " ".join(lines[cap - 1 :])
        lines = [*lines[: cap - 1], truncate(rest, font, min_size, width)]
    return min_size, lines
