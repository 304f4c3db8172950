"""QR codes drawn as one 1-bit inline image mask (fast; a few hundred bytes per code).

Modules come from segno's encoder with a fixed mask (choosing the "best" mask means
scoring all eight and costs more than the whole rest of a card). ASCII text goes through
``qrencode.fast_matrix``, which gives the same matrix as ``segno.make(..., mode="byte")``
about 15× faster; anything else goes to segno directly.

The symbol is a stencil mask (``/IM true``, one bit per module, ``/D [1 0]`` so that a
1 paints the fill colour) scaled by the CTM to the exact module size, with
``/I false`` so that no viewer smooths the module edges. Like the old path of runs it
paints only the dark modules: the quiet zone is the white card around it.
``runs_operators`` (the path form it replaced) stays for the benchmark's comparison.
"""

from __future__ import annotations

import re
from functools import cache

import segno
from reportlab.pdfgen.canvas import Canvas

from regdesk.cards.qrencode import MASK, fast_matrix

QUIET_MODULES = 4
_RUN = re.compile(rb"\x01+")
_BITS = bytes.maketrans(b"\x00\x01", b"01")


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


@cache
def _pad(n: int) -> bytes:
    return b"\x00" * (-n % 8)


def packed_hex(matrix: list[bytes]) -> str:
    """The matrix as 1-bit rows (top first, each padded to a whole byte), in hex."""
    n = len(matrix)
    pad = _pad(n)
    bits = pad.join(matrix) + pad
    return format(int(bits.translate(_BITS), 2), f"0{(n + len(pad)) // 4 * n}x")


def image_operators(matrix: list[bytes]) -> str:
    """An inline stencil image of the matrix on the unit square (scale it with ``cm``)."""
    n = len(matrix)
    return (
        f"BI /W {n} /H {n} /IM true /D [1 0] /I false /F /AHx ID\n{packed_hex(matrix)}>\nEI"
    )


def draw_qr(canv: Canvas, text: str, x: float, y: float, size: float, error: str = "m") -> None:
    """Draw a QR of ``text`` into the square at (x, y) of side ``size`` points.

    The square includes a white quiet zone of four modules on each side.
    """
    matrix = qr_matrix(text, error)
    n = len(matrix)
    module = size / (n + 2 * QUIET_MODULES)
    side = module * n
    ox = x + QUIET_MODULES * module
    oy = y + QUIET_MODULES * module
    canv.addLiteral(
        f"q 0 g {side:.5f} 0 0 {side:.5f} {ox:.3f} {oy:.3f} cm\n{image_operators(matrix)}\nQ"
    )


def draw_qr_runs(
    canv: Canvas, text: str, x: float, y: float, size: float, error: str = "m"
) -> None:
    """The former form, one path of dark runs; kept for the benchmark's comparison."""
    matrix = qr_matrix(text, error)
    module = size / (len(matrix) + 2 * QUIET_MODULES)
    ox = x + QUIET_MODULES * module
    oy = y + QUIET_MODULES * module
    canv.addLiteral(
        f"q 0 g {module:.5f} 0 0 {module:.5f} {ox:.3f} {oy:.3f} cm\n{runs_operators(matrix)}\nf Q"
    )
