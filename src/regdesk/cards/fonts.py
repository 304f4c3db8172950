"""Embedded fonts (DejaVu Sans, Bitstream Vera licence) covering Indonesian text."""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from regdesk.paths import resources_dir

REGULAR = "RegDeskSans"
BOLD = "RegDeskSans-Bold"


@cache
def register_fonts() -> tuple[str, str]:
    """Register the fonts once per process; returns ``(regular, bold)`` names."""
    folder = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    for italic in (0, 1):
        addMapping(REGULAR, 0, italic, REGULAR)
        addMapping(REGULAR, 1, italic, BOLD)
    return REGULAR, BOLD


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of ``text`` set in a registered font."""
    return float(pdfmetrics.stringWidth(text, font, size))
