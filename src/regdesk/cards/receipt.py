"""A5 "Tanda Bukti Pendaftaran": proof of registration, explicitly not a membership card.

Its own reference is printed as the receipt's number ("No. tanda bukti"), never as something
to pay with: how to pay comes from ``resources/data/payment.json`` (with the KPJ through
BPJS Ketenagakerjaan's channels once it is issued; before that, to wait for it)."""

from __future__ import annotations

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from regdesk.cards.data import ReceiptData
from regdesk.cards.fonts import BOLD, REGULAR
from regdesk.cards.qr import draw_qr
from regdesk.cards.resources import before_kpj_instructions
from regdesk.cards.textfit import fit_text, wrap
from regdesk.domain.masking import mask_nik
from regdesk.i18n import PRINT_LANG, printed
from regdesk.i18n.formats import long_day, printed_moment, rupiah

PAGE_W, PAGE_H = A5
MARGIN = 12 * mm
QR_SIZE = 30 * mm
LABEL_W = 40 * mm
RED = Color(0.75, 0.05, 0.05)
GREY = Color(0.4, 0.4, 0.4)
SIGN_TOP = MARGIN + 24 * mm  # signatures live below this line


class _Writer:
    """A cursor going down the page; starts a new page when the space runs out."""

    def __init__(self, canv: Canvas, y: float) -> None:
        self.canv, self.y = canv, y

    def need(self, height: float) -> None:
        if self.y - height < SIGN_TOP:
            self.canv.showPage()
            self.y = PAGE_H - MARGIN

    def heading(self, text: str) -> None:
        self.need(18)
        self.y -= 14
        self.canv.setFillColor(black)
        self.canv.setFont(BOLD, 9.5)
        self.canv.drawString(MARGIN, self.y, text)
        self.canv.setLineWidth(0.5)
        self.canv.line(MARGIN, self.y - 2.5, PAGE_W - MARGIN, self.y - 2.5)
        self.y -= 5

    def row(self, label: str, value: str, bold: bool = False) -> None:
        font = BOLD if bold else REGULAR
        width = PAGE_W - 2 * MARGIN - LABEL_W
        size, lines = fit_text(value, font, width, 9, 7, 3)
        self.need(len(lines) * size * 1.2 + 3)
        self.y -= 11.5
        self.canv.setFillColor(GREY)
        self.canv.setFont(REGULAR, 8)
        self.canv.drawString(MARGIN, self.y, label)
        self.canv.setFillColor(black)
        self.canv.setFont(font, size)
        for i, line in enumerate(lines):
            self.canv.drawString(MARGIN + LABEL_W, self.y - i * size * 1.2, line)
        self.y -= (len(lines) - 1) * size * 1.2

    def paragraph(self, text: str, size: float = 7.5) -> None:
        self.canv.setFillColor(black)
        for raw in text.splitlines() or [""]:
            for line in wrap(raw, REGULAR, size, PAGE_W - 2 * MARGIN) or [""]:
                self.need(size * 1.3)
                self.y -= size * 1.3
                self.canv.setFont(REGULAR, size)
                self.canv.drawString(MARGIN, self.y, line)


def _header(canv: Canvas, data: ReceiptData) -> float:
    top = PAGE_H - MARGIN
    canv.setFont(BOLD, 14)
    canv.drawString(MARGIN, top - 14, printed("print.receipt.title"))
    canv.setFont(REGULAR, 8)
    canv.drawString(MARGIN, top - 26, printed("print.receipt.subtitle"))
    canv.drawString(MARGIN, top - 37, printed("print.receipt.receipt_number", ref=data.local_ref))
    qr_x = PAGE_W - MARGIN - QR_SIZE + 4 * mm  # the quiet zone may use the margin
    draw_qr(canv, data.local_ref, qr_x, top - QR_SIZE + 4 * mm, QR_SIZE)
    # The stamp: this paper must never be mistaken for a card.
    box_y, box_h = top - 70, 26
    box_w = PAGE_W - 2 * MARGIN - QR_SIZE + 2 * mm
    canv.setStrokeColor(RED)
    canv.setFillColor(RED)
    canv.setLineWidth(1.5)
    canv.rect(MARGIN, box_y, box_w, box_h, stroke=1, fill=0)
    canv.setFont(BOLD, 13)
    canv.drawCentredString(MARGIN + box_w / 2, box_y + 9, printed("print.receipt.not_a_card"))
    canv.setStrokeColor(black)
    canv.setFillColor(GREY)
    canv.setFont(REGULAR, 6.5)
    note = printed("print.receipt.card_note")
    canv.drawString(MARGIN, box_y - 9, note)
    return float(box_y - 12)


def draw_receipt(canv: Canvas, data: ReceiptData) -> None:
    """All pages of the receipt (normally one)."""
    w = _Writer(canv, _header(canv, data))
    p = printed
    w.heading(p("print.receipt.member"))
    if data.registration_number:
        w.row(p("print.receipt.registration_number"), data.registration_number, bold=True)
    if data.kpj:
        w.row(p("print.receipt.kpj"), data.kpj, bold=True)
    w.row(p("print.receipt.name"), data.name, bold=True)
    w.row(p("print.receipt.nik"), mask_nik(data.nik))
    w.row(p("print.receipt.birth_date"), long_day(data.birth_date, PRINT_LANG))
    w.row(p("print.receipt.village"), data.village_name)
    w.row(p("print.receipt.kecamatan"), data.kecamatan_name)
    w.row(p("print.receipt.occupation"), data.occupation_name)
    if data.second_occupation_name:
        w.row(p("print.receipt.second_occupation"), data.second_occupation_name)
    w.row(p("print.receipt.programmes"), ", ".join(data.programmes))
    w.heading(p("print.receipt.contribution"))
    w.row(p("print.receipt.monthly"), rupiah(data.monthly_contribution))
    w.row(p("print.receipt.period"), p("print.receipt.months", n=data.period_months))
    if data.discount_total > 0:
        w.row(p("print.receipt.before_discount"),
              rupiah(data.period_total + data.discount_total))
        w.row(p("print.receipt.discount"), rupiah(-data.discount_total))
    w.row(p("print.receipt.total"), rupiah(data.period_total), bold=True)
    w.row(p("print.receipt.funding"), data.funding_label)
    if data.cancelled_reason is not None:
        w.heading(p("print.receipt.status"))
        w.row(p("print.receipt.registration"), p("print.receipt.cancelled"), bold=True)
        w.row(p("print.receipt.reason"), data.cancelled_reason or "-")
        w.paragraph(p("print.receipt.cancelled_note"))
    else:
        w.heading(p("print.receipt.how_to_pay"))
        w.paragraph(data.payment_instructions.strip() or before_kpj_instructions())
    _signatures(canv, data)
    if data.cancelled_reason is not None:
        _cancelled_stamp(canv)
    canv.showPage()


def _cancelled_stamp(canv: Canvas) -> None:
    """A red diagonal DIBATALKAN across the page, over everything."""
    canv.saveState()
    canv.setFillColor(RED)
    canv.setFillAlpha(0.35)
    canv.translate(PAGE_W / 2, PAGE_H / 2)
    canv.rotate(35)
    canv.setFont(BOLD, 54)
    canv.drawCentredString(0, -18, printed("print.receipt.cancelled"))
    canv.restoreState()


def _signatures(canv: Canvas, data: ReceiptData) -> None:
    canv.setFillColor(black)
    canv.setFont(REGULAR, 7.5)
    when = printed_moment(data.registered_at, PRINT_LANG)
    canv.drawString(MARGIN, SIGN_TOP - 10, printed("print.receipt.registered_at", when=when))
    col_w = (PAGE_W - 2 * MARGIN) / 2
    canv.setLineWidth(0.5)
    signers = ((printed("print.receipt.clerk"), data.clerk_name),
               (printed("print.receipt.signer"), data.name))
    for i, (role, name) in enumerate(signers):
        x = MARGIN + i * col_w
        canv.setFont(REGULAR, 7.5)
        canv.drawString(x, SIGN_TOP - 22, role)
        canv.line(x, MARGIN + 6, x + col_w - 8 * mm, MARGIN + 6)
        size, lines = fit_text(name, REGULAR, col_w - 8 * mm, 7, 5, 1)
        canv.setFont(REGULAR, size)
        canv.drawString(x, MARGIN - 2, lines[0])
