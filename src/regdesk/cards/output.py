"""Canvases that write to a path or a binary file object."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from regdesk.cards.fonts import register_fonts

Out = str | Path | BinaryIO


def configure_reportlab() -> None:
    """Binary (Flate-only) streams: ASCII85 is pure Python here and was the slowest step."""
    rl_config.useA85 = 0


def new_canvas(out: Out, pagesize: tuple[float, float], title: str) -> Canvas:
    """A canvas with our fonts registered and PDF metadata set."""
    configure_reportlab()
    register_fonts()
    target = str(out) if isinstance(out, str | Path) else out
    canv = Canvas(target, pagesize=pagesize, pageCompression=1, invariant=1)
    canv.setTitle(title)
    canv.setAuthor("RegDesk")
    canv.setCreator("RegDesk")
    return canv
