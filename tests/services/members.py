"""HQ's side of a membership, played in tests: the desk enrolled with a test signing key, a
registration accepted (registration number, version 1 card QR) and made a member (KPJ, paid
periods, HQ's version 2 card QR) through the same pulled changes the sync engine applies."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from regdesk.domain.cardpayload import CardPayload
from regdesk.domain.masking import mask_nik
from regdesk.store import RegistrationView, Store, UserInfo, sync_state
from regdesk.transfer.signing import (
    encode_public_key,
    generate_private_key,
    public_key_of,
    sign_card,
    verify_card,
)


def enrol(store: Store, admin: UserInfo, village: str) -> bytes:
    """Store an enrolled device whose HQ signs with a new key; returns that private key."""
    key = generate_private_key()
    device = sync_state.Device(device_id="dev-test", hq_url="http://127.0.0.1:9",
                               village_code=village,
                               signing_public_key=encode_public_key(public_key_of(key)),
                               enrolled_at="2026-11-01T08:00:00+07:00")
    with store.write() as session:
        sync_state.set_device(session, device, cursor=0, actor=admin.username, now=store.clock())
    return key


def pull(store: Store, changes: list[dict[str, Any]]) -> None:
    with store.write() as session:
        cursor = sync_state.get_cursor(session) + len(changes)
        sync_state.apply_changes(session, changes, next_cursor=cursor, now=store.clock())


def accept(store: Store, view: RegistrationView, key: bytes, *, seq: int,
           number: str, registered_on: date | None = None) -> RegistrationView:
    """HQ accepted ``view``: registration ``number`` and a version 1 card QR (dated
    ``registered_on``, HQ's day of acceptance; by default the day of ``created_at``)."""
    reg = view.registration
    since = registered_on or view.created_at.date()
    payload = CardPayload(member_number=number, name=reg.full_name, nik_masked=mask_nik(reg.nik),
                          programmes=reg.programmes, village_code=reg.village_code,
                          village_name="Setiamekar", registered_on=since, valid_from=since)
    pull(store, [{"kind": "registration", "seq": seq, "uuid": view.uuid, "status": "accepted",
                  "member_number": number, "card_qr": sign_card(payload, key)}])
    return store.get(view.uuid)


def member_qr(card_qr: str, key: bytes, *, kpj: str, state: str, paid_through: date | None,
              as_of: date) -> str:
    """HQ's version 2 QR made from a registration's version 1 QR."""
    v1 = verify_card(card_qr, public_key_of(key))
    return sign_card(replace(v1, kpj=kpj, state=state, paid_through=paid_through, as_of=as_of),
                     key)


def make_member(store: Store, view: RegistrationView, key: bytes, *, seq: int, kpj: str,
                payments: list[tuple[str, str, str]] = (("2026-11", "2027-01", "2026-11-03"),),
                as_of: date = date(2026, 11, 16), with_qr: bool = True,
                **over: Any) -> None:
    """A membership change for ``view`` (accepted): KPJ, paid (first, last, paid_on)."""
    paid = [{"first_month": f, "last_month": last, "paid_on": on} for f, last, on in payments]
    qr = None
    if with_qr:
        assert view.card_qr
        qr = member_qr(view.card_qr, key, kpj=kpj, state="active",
                       paid_through=date(2027, 1, 31) if paid else None, as_of=as_of)
    change = {"kind": "membership", "seq": seq, "uuid": view.uuid,
              "registration_number": view.member_number, "kpj": kpj, "payments": paid,
              "state": "active" if paid else "waiting_for_payment",
              "as_of": as_of.isoformat(), "card_qr": qr} | over
    pull(store, [change])


KPJ = "23012345678"
PAID_NOV_JAN = (("2026-11", "2027-01", "2026-11-03"),)


def sent(store: Store, uuid: str) -> None:
    """The outbox delivered the registration (so HQ's verdict makes it ``synced``)."""
    from sqlalchemy import text

    with store.write() as session:
        session.connection().execute(
            text("UPDATE outbox SET state = 'done' WHERE registration_uuid = :u"), {"u": uuid})


def member(store: Store, user: UserInfo, key: bytes, i: int, *,
           payments: Any = PAID_NOV_JAN, kpj: str | None = KPJ,
           **over: object) -> RegistrationView:
    """Registration ``i`` (its own NIK, name and phone), sent, accepted by HQ and, with a
    ``kpj``, made a member with ``payments`` (first month, last month, paid on)."""
    from tests.services.support import fields

    from regdesk.services import registrations

    view = registrations.register(
        store, fields(nik=f"32160645089000{i + 1:02d}", full_name=f"Warga {chr(65 + i)}",
                      phone=f"0812-3456-78{i:02d}", **over), user=user)
    sent(store, view.uuid)
    view = accept(store, view, key, seq=2 * i + 1, number=f"{10000000017 + i:011d}")
    if kpj is not None:
        make_member(store, view, key, seq=2 * i + 2, kpj=f"{int(kpj) + i:011d}",
                    payments=list(payments), with_qr=False)
    return view
