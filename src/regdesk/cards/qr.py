"""QR codes drawn as one filled path of horizontal runs (fast; no per-module objects).

Modules come from segno's encoder with a fixed mask (choosing the "best" mask means
scoring all eight and costs more than the whole rest of a card). ASCII text goes through
``qrencode.fast_matrix``, which gives the same matrix as ``segno.make(..., mode="byte")``
about 15× faster; anything else goes to segno directly.
"""

from __future__ import annotations

import re
from functools import cache

import segno
from reportlab.pdfgen.canvas import Canvas

from regdesk.cards.qrencode import MASK, fast_matrix

QUIET_MODULES = 4
_RUN = re.compile(rb"\x01+")


def segno_matrix(text: str, error: str = "m") -> list[bytes]:
    """Rows of the QR symbol from segno (byte mode, fixed mask, no quiet zone)."""
    code = segno.make(text, error=error, mode="byte", mask=MASK, micro=False, boost_error=False)
    return [bytes(row) for row in code.matrix]


def qr_matrix(text: str, error: str = "m") -> list[bytes]:
    """Rows of the QR symbol (no quiet zone), top row first; 1 = dark module."""
    if text.isascii():
        return fast_matrix(text, error)
    return segno_matrix(text, error)


@cache
def _run_op(y: int, start: int, end: int) -> str:
    return f"{start} {y} {end - start} 1 re"


def runs_operators(matrix: list[bytes]) -> str:
    """PDF ``re`` operators, one per horizontal dark run, in module units (y up)."""
    n = len(matrix)
    parts: list[str] = []
    for r, row in enumerate(matrix):
        y = n - 1 - r
        parts.extend([_run_op(y, *m.span()) for m in _RUN.finditer(row)])
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
        f"q 0 g {module:.5f} 0 0 {module:.5f} {ox:.3f} {oy:.3f} cm\n{runs_operators(matrix)}\nf Q"
    )
