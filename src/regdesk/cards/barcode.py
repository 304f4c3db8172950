"""Code 128 of the member number, bars drawn as one filled path."""

from __future__ import annotations

from reportlab.graphics.barcode.code128 import Code128
from reportlab.pdfgen.canvas import Canvas

QUIET_MODULES = 10


def code128_widths(value: str) -> list[tuple[bool, int]]:
    """(is_bar, width in modules) for ``value``, start/check/stop included."""
    code = Code128(value)
    code.validate()
    code.encode()
    code.decompose()
    return [(c.isupper(), ord(c.lower()) - ord("a") + 1) for c in code.decomposed]


def draw_code128(
    canv: Canvas, value: str, x: float, y: float, module: float, height: float
) -> float:
    """Draw bars with the left quiet zone starting at ``x``; returns the total width."""
    widths = code128_widths(value)
    left = QUIET_MODULES
    ops = []
    for is_bar, w in widths:
        if is_bar:
            ops.append(f"{left} 0 {w} 1 re")
        left += w
    canv.addLiteral(
        f"q 0 g {module:.5f} 0 0 {height:.4f} {x:.3f} {y:.3f} cm\n" + "\n".join(ops) + "\nf Q"
    )
    return (left + QUIET_MODULES) * module
