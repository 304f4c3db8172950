"""One CR80 member card (85.6 × 54 mm): front with QR and Code 128, static back.

A card is printed for a member only (a KPJ issued by BPJS Ketenagakerjaan): the KPJ is the
number on it and in the barcode; "Berlaku s.d." is the paid-through day read by the desk on
the printing day; a reprint is marked "Cetak ulang ke-n" (the first print has no mark, the
second card of a member is "Cetak ulang ke-1").

Everything identical on every card (header, labels, the whole back) is drawn once per
document as a PDF form and placed by reference; only the member's data is drawn per card.
"""

from __future__ import annotations

from reportlab.lib.colors import Color, white
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from regdesk.cards.barcode import draw_code128
from regdesk.cards.data import MemberCardData
from regdesk.cards.fonts import BOLD, REGULAR, register_fonts, text_width
from regdesk.cards.qr import draw_qr
from regdesk.cards.stocks import CR80_H_MM, CR80_W_MM
from regdesk.cards.textfit import fit_text, wrap
from regdesk.i18n import PRINT_LANG, printed
from regdesk.i18n.formats import long_day

CARD_W = CR80_W_MM * mm
CARD_H = CR80_H_MM * mm
SAFE = 3 * mm  # nothing closer to the edge than this
GREEN = Color(0.0, 0.45, 0.25)
GREY = Color(0.35, 0.35, 0.35)
RED = Color(0.75, 0.05, 0.05)

# Front geometry (points, from the card's bottom-left corner).
HEADER_Y = 45 * mm
QR_SIZE = 26 * mm
QR_X = CARD_W - 2 * mm - QR_SIZE
QR_Y = HEADER_Y - 1 * mm - QR_SIZE
TEXT_X = SAFE + 1 * mm
TEXT_W = QR_X - TEXT_X  # QR box carries its own quiet zone
NAME_TOP = HEADER_Y - 1.5 * mm
ROW_TOP = 32 * mm  # baseline of the first label/value row
ROW_STEP = 3.1 * mm
NAME_H = NAME_TOP - ROW_TOP - 3 * mm  # name lines stay above the first row's ascenders
LABEL_W = 14 * mm
BARCODE_Y = SAFE
BARCODE_H = 6.5 * mm
BARCODE_MODULE = 0.254 * mm

MIN_PT = 6.0  # the smallest text on a card (issue 15: readable by a member in the field)

FRONT_FORM = "rdCardFront"
BACK_FORM = "rdCardBack"
LABELS = ("print.card.kpj", "print.card.nik", "print.card.programmes",
          "print.card.village", "print.card.registered", "print.card.paid_through")


def _front_static(canv: Canvas) -> None:
    canv.setFillColor(GREEN)
    canv.roundRect(
        2 * mm, HEADER_Y, CARD_W - 4 * mm, CARD_H - HEADER_Y - 2 * mm, 1.5 * mm, stroke=0, fill=1
    )
    canv.setFillColor(white)
    canv.setFont(BOLD, 8.5)
    canv.drawString(TEXT_X, HEADER_Y + 4.0 * mm, printed("print.card.title"))
    subtitle = printed("print.card.subtitle")
    size, lines = fit_text(subtitle, REGULAR, CARD_W - TEXT_X - SAFE, MIN_PT, MIN_PT, 1)
    canv.setFont(REGULAR, size)
    canv.drawString(TEXT_X, HEADER_Y + 1.2 * mm, lines[0])
    canv.setFillColor(GREY)
    canv.setFont(REGULAR, MIN_PT)
    for i, label in enumerate(LABELS):
        canv.drawString(TEXT_X, ROW_TOP - i * ROW_STEP, printed(label))
    scan = printed("print.card.scan")
    size, lines = fit_text(scan, REGULAR, QR_SIZE, MIN_PT, MIN_PT, 1)
    canv.setFont(REGULAR, size)
    # centred a little left of the QR (whose box ends 2 mm from the edge): at 6 pt the
    # line is nearly as wide as the QR, and it stays clear of the cut edge
    canv.drawCentredString(QR_X + QR_SIZE / 2 - 1 * mm, QR_Y - 0.2 * mm - size * 0.8, lines[0])


def _back_blocks() -> list[tuple[str, str]]:
    """(kind, text) of the card back (``print.card.back``): kind is heading (a line in
    capitals), bullet (``- ``), para or gap (an empty line)."""
    blocks: list[tuple[str, str]] = []
    for raw in printed("print.card.back").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            continue
        if not line:
            blocks.append(("gap", ""))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.upper() == line and any(c.isalpha() for c in line):
            blocks.append(("heading", line))
        else:
            blocks.append(("para", line))
    return blocks


def _layout_back(size: float, width: float) -> list[tuple[str, float, str]]:
    """(font, indent, line) for every printed line of the back at ``size``."""
    out: list[tuple[str, float, str]] = []
    indent = 2.2 * mm
    for kind, text in _back_blocks():
        if kind == "gap":
            out.append((REGULAR, 0.0, ""))
        elif kind == "heading":
            out += [(BOLD, 0.0, ln) for ln in wrap(text, BOLD, size, width)]
        elif kind == "bullet":
            lines = wrap(text, REGULAR, size, width - indent)
            out += [(REGULAR, indent, ("• " if i == 0 else "") + ln) for i, ln in enumerate(lines)]
        else:
            out += [(REGULAR, 0.0, ln) for ln in wrap(text, REGULAR, size, width)]
    return out


def _back_static(canv: Canvas) -> None:
    width, height = CARD_W - 2 * SAFE, CARD_H - 2 * SAFE
    size = 7.0  # the largest size whose lines fit, never below MIN_PT (then tighter leading)
    while True:
        lines = _layout_back(size, width - 2.2 * mm)
        leading = size * (1.18 if size > MIN_PT else 1.08)
        if len(lines) * leading <= height or size <= MIN_PT:
            break
        size = max(MIN_PT, size - 0.25)
    canv.setFillColor(Color(0, 0, 0))
    y = CARD_H - SAFE - size
    for font, indent, line in lines:
        if y < SAFE:
            break  # never print past the safe area
        if line:
            canv.setFont(font, size)
            x = SAFE + indent
            if line.startswith("• "):
                canv.drawString(x - 2.2 * mm, y, "•")
                line = line[2:]
            canv.drawString(x, y, line)
        y -= leading


def ensure_forms(canv: Canvas) -> None:
    """Define the static front and back forms once per canvas."""
    register_fonts()
    for name, draw in ((FRONT_FORM, _front_static), (BACK_FORM, _back_static)):
        if not canv.hasForm(name):
            canv.beginForm(name, 0, 0, CARD_W, CARD_H)
            draw(canv)
            canv.endForm()


def _place(canv: Canvas, form: str, x: float, y: float) -> None:
    canv.saveState()
    canv.translate(x, y)
    canv.doForm(form)
    canv.restoreState()


def draw_front(canv: Canvas, card: MemberCardData, x: float, y: float, qr: bool = True) -> None:
    """Front of ``card`` with its bottom-left corner at (x, y) points."""
    p = card.payload
    _place(canv, FRONT_FORM, x, y)
    size, lines = fit_text(p.name, BOLD, TEXT_W, 9.0, MIN_PT, 3, height=NAME_H, leading=1.2)
    canv.setFillColor(Color(0, 0, 0))
    canv.setFont(BOLD, size)
    ty = y + NAME_TOP - size
    for line in lines:
        canv.drawString(x + TEXT_X, ty, line)
        ty -= size * 1.15
    value_x = x + TEXT_X + LABEL_W
    value_w = TEXT_W - LABEL_W
    village = f"{p.village_name} ({p.village_code})"
    if text_width(village, REGULAR, MIN_PT) > value_w:
        village = p.village_name  # a long name keeps its size; the code is in the QR
    values = (
        (BOLD, 7.5, card.member_kpj),
        (REGULAR, 6.5, p.nik_masked),
        (REGULAR, 6.5, " · ".join(p.programmes)),
        (REGULAR, 6.5, village),
        (REGULAR, 6.5, long_day(p.registered_on, PRINT_LANG)),
        (BOLD, 6.5, long_day(card.paid_through, PRINT_LANG) if card.paid_through
         else card.standing_text or printed("membership.state.waiting_for_payment")),
    )
    for i, (font, fsize, text) in enumerate(values):
        vsize, vlines = fit_text(text, font, value_w, fsize, MIN_PT, 1)
        canv.setFont(font, vsize)
        canv.drawString(value_x, y + ROW_TOP - i * ROW_STEP, vlines[0])
    if qr:
        draw_qr(canv, card.qr_text, x + QR_X, y + QR_Y, QR_SIZE)
    draw_code128(canv, card.member_kpj, x + SAFE - 1 * mm, y + BARCODE_Y, BARCODE_MODULE,
                 BARCODE_H)
    if card.reprint:
        _reprint_mark(canv, card.reprint, x, y)


def _reprint_mark(canv: Canvas, n: int, x: float, y: float) -> None:
    """"Cetak ulang ke-n" under the QR code, right-aligned in the safe area."""
    text = printed("print.card.reprint", number=n)
    size, lines = fit_text(text, BOLD, QR_SIZE, MIN_PT, MIN_PT, 1)
    canv.setFillColor(RED)
    canv.setFont(BOLD, size)
    canv.drawRightString(x + CARD_W - SAFE, y + BARCODE_Y + 1.5 * mm, lines[0])
    canv.setFillColor(Color(0, 0, 0))


def draw_back(canv: Canvas, x: float, y: float) -> None:
    """Back of a card (the same for every member) at (x, y) points."""
    _place(canv, BACK_FORM, x, y)
