"""Card stocks as data: page, grid, card size and gaps in millimetres.

Slot positions are measured from the page's top-left corner, the way people measure paper;
renderers convert to PDF points (origin bottom-left). Printer offsets are per printer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm

CR80_W_MM = 85.6
CR80_H_MM = 54.0


@dataclass(frozen=True)
class Offsets:
    """Printer calibration: ``dx`` > 0 moves print right, ``dy`` > 0 moves it down (mm).

    ``back_dx``/``back_dy`` default to the front values (each side in its own page frame).
    """

    dx: float = 0.0
    dy: float = 0.0
    back_dx: float | None = None
    back_dy: float | None = None

    def for_side(self, back: bool) -> tuple[float, float]:
        if back:
            return (
                self.dx if self.back_dx is None else self.back_dx,
                self.dy if self.back_dy is None else self.back_dy,
            )
        return self.dx, self.dy


@dataclass(frozen=True)
class Stock:
    """A sheet of card slots. All lengths in millimetres."""

    name: str
    label: str
    page_w: float
    page_h: float
    cols: int
    rows: int
    margin_left: float
    margin_top: float
    card_w: float = CR80_W_MM
    card_h: float = CR80_H_MM
    gap_x: float = 0.0
    gap_y: float = 0.0
    crop_marks: bool = False
    mirror_backs: bool = True  # duplex, long-edge flip: back columns mirrored

    @property
    def page_size_pt(self) -> tuple[float, float]:
        return self.page_w * mm, self.page_h * mm

    @property
    def per_page(self) -> int:
        return self.cols * self.rows

    def slot_mm(self, index: int, back: bool = False) -> tuple[float, float]:
        """Top-left corner (x, y from the top) of slot ``index`` (row-major, front order).

        For a back page the slot sits behind the front slot of the same index.
        """
        row, col = divmod(index % self.per_page, self.cols)
        x = self.margin_left + col * (self.card_w + self.gap_x)
        y = self.margin_top + row * (self.card_h + self.gap_y)
        if back and self.mirror_backs:
            x = self.page_w - x - self.card_w
        return x, y

    def slot_pt(
        self, index: int, back: bool = False, offsets: Offsets | None = None
    ) -> tuple[float, float]:
        """Bottom-left corner of the slot in PDF points, calibration applied."""
        x, y = self.slot_mm(index, back)
        dx, dy = (offsets or Offsets()).for_side(back)
        return (x + dx) * mm, (self.page_h - y - self.card_h - dy) * mm

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stock:
        """Build a stock from settings (e.g. JSON an administrator edited)."""
        stock = cls(**data)
        stock.check()
        return stock

    def check(self) -> None:
        """Raise ``ValueError`` when the slots do not fit on the page."""
        right = self.margin_left + self.cols * self.card_w + (self.cols - 1) * self.gap_x
        bottom = self.margin_top + self.rows * self.card_h + (self.rows - 1) * self.gap_y
        if self.cols < 1 or self.rows < 1 or self.margin_left < 0 or self.margin_top < 0:
            raise ValueError(f"stock {self.name}: bad grid")
        if right > self.page_w + 1e-6 or bottom > self.page_h + 1e-6:
            raise ValueError(f"stock {self.name}: cards do not fit on the page")


def _centred(
    name: str,
    label: str,
    page_w: float,
    page_h: float,
    cols: int,
    rows: int,
    gap_x: float,
    gap_y: float,
    **kw: Any,
) -> Stock:
    used_w = cols * CR80_W_MM + (cols - 1) * gap_x
    used_h = rows * CR80_H_MM + (rows - 1) * gap_y
    return Stock(
        name,
        label,
        page_w,
        page_h,
        cols,
        rows,
        (page_w - used_w) / 2,
        (page_h - used_h) / 2,
        gap_x=gap_x,
        gap_y=gap_y,
        **kw,
    )


STOCKS: dict[str, Stock] = {
    "a4-10": _centred(
        "a4-10",
        "A4, 2 × 5 kartu CR80 (bolak-balik)",
        210.0,
        297.0,
        2,
        5,
        gap_x=6.0,
        gap_y=2.0,
        crop_marks=True,
    ),
    "cr80": Stock(
        "cr80",
        "Printer kartu CR80 (85,6 × 54 mm)",
        CR80_W_MM,
        CR80_H_MM,
        1,
        1,
        0.0,
        0.0,
        mirror_backs=False,
    ),
}


def get_stock(stock: str | Stock) -> Stock:
    """A stock by name (``"a4-10"``, ``"cr80"``) or the stock itself."""
    if isinstance(stock, Stock):
        return stock
    try:
        return STOCKS[stock]
    except KeyError:
        raise ValueError(f"unknown card stock {stock!r}; known: {sorted(STOCKS)}") from None
