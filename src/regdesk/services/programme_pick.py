"""Registering or renewing under a sponsor programme: the sponsor, the budget reference and
the funding source come from the programme HQ published, never typed twice.

A programme can be picked only when it is open, covers the month and the person is in one
of its groups (:func:`regdesk.services.programmes.eligible_programmes`); anything else is a
one-line problem on ``programme_id``. A record that also types a sponsor or budget reference
different from the programme's is refused on that field, so nothing contradicts the
programme.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from regdesk.domain.problems import Problem, error
from regdesk.domain.registration import Funding
from regdesk.i18n import funding_label, t
from regdesk.i18n.formats import month_year, number, rupiah
from regdesk.services.errors import StoreError
from regdesk.services.programme_usage import ProgrammeStanding, standings
from regdesk.services.programmes import Offer, eligible_programmes
from regdesk.store import Store

__all__ = ["ProgrammeChoice", "ProgrammeNotOffered", "choice_label", "offer_for",
           "offers_for_registration", "programme_choices", "programme_fields",
           "renewal_options", "with_programme"]

#: The registration/renewal fields a programme decides.
DECIDED = ("funding", "sponsor_name", "budget_reference", "programme_id")


class ProgrammeNotOffered(StoreError):
    """The programme is unknown here, not open, not covering the month, or not for this
    person's village or occupation."""

    def __init__(self, programme_id: int) -> None:
        self.programme_id = programme_id
        super().__init__([error("programme_id", "programme.not_offered", value=programme_id)])


def offer_for(store: Store, programme_id: int, *, village_code: str,
              occupation_codes: tuple[str, ...], day: date) -> Offer:
    """The open, eligible programme ``programme_id`` for this person on ``day``."""
    for offer in eligible_programmes(store, village_code=village_code,
                                     occupation_codes=occupation_codes, day=day):
        if offer.id == programme_id:
            return offer
    raise ProgrammeNotOffered(programme_id)


def programme_fields(offer: Offer) -> dict[str, Any]:
    """What a registration or renewal records from the programme."""
    p = offer.programme
    return {"funding": p.funding_source, "sponsor_name": p.sponsor,
            "budget_reference": p.budget_reference, "programme_id": offer.id}


def _conflicts(record: Mapping[str, Any], decided: Mapping[str, Any]) -> list[Problem]:
    return [error(name, "programme.field_decided") for name in DECIDED
            if record.get(name) not in (None, "") and str(record[name]) != str(decided[name])]


def with_programme(store: Store, programme_id: int, record: Mapping[str, Any], *,
                   day: date) -> dict[str, Any]:
    """``record`` (registration fields) with the programme's fields filled in.

    The person's village and occupations decide eligibility; the programme's JHT choice
    fills ``jht`` when the record leaves it out. Raises :class:`ProgrammeNotOffered`, or a
    :class:`StoreError` naming each field the record typed differently from the programme.
    """
    occupations = tuple(str(record[k]) for k in ("occupation_code", "second_occupation_code")
                        if record.get(k))
    offer = offer_for(store, programme_id, village_code=str(record.get("village_code")
                                                            or store.office_village()),
                      occupation_codes=occupations, day=day)
    decided = programme_fields(offer)
    problems = _conflicts(record, decided)
    if problems:
        raise StoreError(problems)
    out = {**record, **decided}
    out.setdefault("jht", offer.programme.jht)
    return out


def renewal_options(store: Store, key: str, programme_id: int, *,
                    start: date | None) -> dict[str, Any]:
    """The ``funding``/``sponsor_name``/``budget_reference``/``programme_id`` of a renewal
    of ``key`` paid by the programme, checked for the member's village and occupations in
    its first month (``start``, or this month)."""
    reg = store.get(key).registration
    day = start or store.clock().date()
    offer = offer_for(store, programme_id, village_code=reg.village_code,
                      occupation_codes=reg.occupation_codes, day=day)
    decided = programme_fields(offer)
    return {**decided, "funding": Funding(decided["funding"])}


def offers_for_registration(store: Store, key: str, *, day: date | None = None) -> list[Offer]:
    """The programmes a registered person could be renewed under today (or on ``day``)."""
    reg = store.get(key).registration
    return eligible_programmes(store, village_code=reg.village_code,
                               occupation_codes=reg.occupation_codes,
                               day=day or store.clock().date())


@dataclass(frozen=True)
class ProgrammeChoice:
    """One entry of the form's programme pick: the offer, what it fills in, and what it has
    left as this desk knows it (``None``: no figures for it)."""

    offer: Offer
    standing: ProgrammeStanding | None

    @property
    def id(self) -> int:
        return self.offer.id

    @property
    def fields(self) -> dict[str, Any]:
        """``funding``/``sponsor_name``/``budget_reference``/``programme_id`` it decides."""
        return programme_fields(self.offer)


def choice_label(choice: ProgrammeChoice, lang: str | None = None) -> str:
    """``Pemdes Setiamekar — Dana Desa, DPA 412/7 / 2026 (s.d. Juni 2027) · sisa 2 orang,
    Rp 60.000``: the sponsor, the funding source, the budget reference, the last month paid,
    and the people and Rupiah left."""
    p = choice.offer.programme
    text = t("ui.programme.choice", lang=lang, sponsor=p.sponsor,
             source=funding_label(p.funding_source, lang), budget=p.budget_reference,
             last=month_year(p.period_to, lang))
    left = choice.standing
    if left is None:
        return text
    return t("ui.programme.left", lang=lang, text=text, people=number(left.people_left, lang),
             rupiah=rupiah(left.rupiah_left))


def programme_choices(store: Store, *, village_code: str, occupation_codes: tuple[str, ...],
                      day: date, keep: int | None = None) -> list[ProgrammeChoice]:
    """The programmes open and eligible for this person on ``day``, by sponsor, each with its
    standing; ``keep``: a programme also listed when it is no longer offered (the one an
    edited registration already carries), last."""
    offers = eligible_programmes(store, village_code=village_code,
                                 occupation_codes=occupation_codes, day=day)
    if keep is not None and all(o.id != keep for o in offers):
        kept = dict(store.programmes()).get(keep)
        if kept is not None:
            offers.append(Offer(keep, kept))
    known = standings(store, [o.id for o in offers])
    return [ProgrammeChoice(o, known.get(o.id)) for o in offers]
