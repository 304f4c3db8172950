"""Canvases that write to a path or a binary file object."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from regdesk.cards.fonts import register_fonts

Out = str | Path | BinaryIO


def new_canvas(out: Out, pagesize: tuple[float, float], title: str) -> Canvas:
    """A canvas with our fonts registered and PDF metadata set."""
    register_fonts()
    target = str(out) if isinstance(out, str | Path) else out
    canv = Canvas(target, pagesize=pagesize, pageCompression=1, invariant=1)
    canv.setTitle(title)
    canv.setAuthor("RegDesk")
    canv.setCreator("RegDesk")
    return canv
