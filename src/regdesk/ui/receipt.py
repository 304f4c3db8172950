"""Fill :class:`regdesk.cards.ReceiptData` from a saved registration (printing is optional:
this module is imported only when ``regdesk.cards`` exists)."""

from __future__ import annotations

from datetime import datetime

from regdesk.cards import ReceiptData
from regdesk.domain.validation import ValidationContext, fee_quote_for
from regdesk.store.views import RegistrationView
from regdesk.ui.labels import funding_labels


def receipt_data(view: RegistrationView, ctx: ValidationContext, now: datetime | None,
                 *, clerk: str) -> ReceiptData:
    reg = view.registration
    today = (now or view.created_at).date()
    quote = fee_quote_for(reg, today=view.created_at.date() or today, ctx=ctx)
    occupation = ctx.occupations.get(reg.occupation_code)
    monthly = (quote.months[0].total + quote.months[0].saved) if quote and quote.months else 0
    return ReceiptData(
        local_ref=view.local_ref,
        name=reg.full_name,
        nik=reg.nik,
        birth_date=reg.birth_date,
        village_name=ctx.regions.name(reg.village_code) or reg.village_code,
        kecamatan_name=ctx.regions.name(reg.kecamatan_code) or "",
        occupation_name=occupation.name_id if occupation else reg.occupation_code,
        programmes=reg.programmes,
        monthly_contribution=monthly,
        period_months=reg.period_months,
        period_total=quote.total if quote else 0,
        discount_total=quote.saved if quote else 0,
        funding_label=dict(funding_labels()).get(reg.funding.value, reg.funding.value),
        clerk_name=clerk,
        registered_at=view.created_at,
    )
