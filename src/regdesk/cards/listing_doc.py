"""A landscape A4 listing (due list, billing list): a story of flowables with the page number
at the foot of every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus.flowables import Flowable

from regdesk.cards.fonts import REGULAR, register_fonts
from regdesk.cards.output import Out, configure_reportlab

PAGE = landscape(A4)
MARGIN = 12 * mm


def render_listing(out: Out, story: Callable[[], list[Flowable]], *, title: str,
                   page_label: Callable[[int], str]) -> None:
    """Build the flowables ``story()`` makes (after the fonts are registered) into ``out``
    (a path or a binary file); ``page_label(n)`` is printed bottom right on page n."""
    configure_reportlab()
    register_fonts()

    def foot(canv: Any, doc: Any) -> None:
        canv.setFont(REGULAR, 7)
        canv.drawRightString(PAGE[0] - MARGIN, 7 * mm, page_label(doc.page))

    target = str(out) if not hasattr(out, "write") else out
    doc = SimpleDocTemplate(target, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN, title=title,
                            author="RegDesk", invariant=1)
    doc.build(story(), onFirstPage=foot, onLaterPages=foot)
