"""QR codes drawn as one filled path of horizontal runs (fast; no per-module objects).

The module matrix comes from segno with a fixed mask: choosing the "best" mask means
scoring all eight and costs more than the whole rest of a card.
"""

from __future__ import annotations

import re

import segno
from reportlab.pdfgen.canvas import Canvas

QUIET_MODULES = 4
FIXED_MASK = 0
_RUN = re.compile(rb"\x01+")


def qr_matrix(text: str, error: str = "m") -> list[bytes]:
    """Rows of the QR symbol (no quiet zone), top row first; 1 = dark module."""
    code = segno.make(text, error=error, mask=FIXED_MASK, micro=False, boost_error=False)
    return [bytes(row) for row in code.matrix]


def runs_operators(matrix: list[bytes]) -> str:
    """PDF ``re`` operators, one per horizontal dark run, in module units (y up)."""
    n = len(matrix)
    parts = []
    for r, row in enumerate(matrix):
        y = n - 1 - r
        parts.extend(f"{m.start()} {y} {m.end() - m.start()} 1 re" for m in _RUN.finditer(row))
    return "\n".join(parts)


def draw_qr(canv: Canvas, text: str, x: float, y: float, size: float, error: str = "m") -> None:
    """Draw a QR of ``text`` into the square at (x, y) of side ``size`` points.

    The square includes a white quiet zone of four modules on each side.
    """
    matrix = qr_matrix(text, error)
    module = size / (len(matrix) + 2 * QUIET_MODULES)
    ox = x + QUIET_MODULES * module
    oy = y + QUIET_MODULES * module
    canv.addLiteral(
        f"q 0 g {module:.5f} 0 0 {module:.5f} {ox:.3f} {oy:.3f} cm\n"
        f"{runs_operators(matrix)}\nf Q"
    )
