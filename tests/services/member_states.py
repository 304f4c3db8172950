"""A desk with one registration in each membership state on 10 March 2027 (due day 15,
inactive after 3 months of arrears), made through the same pulled changes sync applies."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from tests.factories import valid_registration_data
from tests.services.members import accept, enrol, make_member

from regdesk.domain.registration import registration_from_dict
from regdesk.store import RegistrationView, Store, UserInfo

DAY = "2027-03-10T10:00"  # the clock marker of the tests that use these states
TODAY = date(2027, 3, 10)
VILLAGE = "32.16.06.2006"

# name: (accepted by HQ, KPJ, payments (first month, last month, paid on))
STATES: dict[str, tuple[bool, str | None, list[tuple[str, str, str]]]] = {
    "active": (True, "23010000001", [("2027-01", "2027-06", "2026-12-20")]),
    "due_now": (True, "23010000002", [("2026-12", "2027-02", "2026-12-01")]),
    "grace": (True, "23010000003", [("2026-11", "2027-01", "2026-11-03")]),
    "inactive": (True, "23010000004", [("2026-08", "2026-10", "2026-08-03")]),
    "unpaid": (True, "23010000005", []),
    "no_kpj": (True, None, []),
    "pending": (False, None, []),
}
# what each membership filter shows (by the names above)
EXPECTED = {
    "due_this_month": {"due_now", "unpaid"},
    "grace": {"due_now", "grace"},
    "inactive": {"inactive"},
    "waiting_for_kpj": {"no_kpj"},
}
NAMES = {"active": "Ani Aktif", "due_now": "Budi Tempo", "grace": "Citra Tenggang",
         "inactive": "Dedi Lapsed", "unpaid": "Eka Belumbayar", "no_kpj": "Fajar Menunggu",
         "pending": "Gita Terkirim"}


def sent(store: Store, uuid: str) -> None:
    """The registration's outbox entry went to HQ (else HQ's verdict waits behind it)."""
    with store.write() as session:
        session.connection().execute(
            text("UPDATE outbox SET state = 'done' WHERE registration_uuid = :u"), {"u": uuid})


def make_states(store: Store, admin: UserInfo) -> dict[str, RegistrationView]:
    """One registration per entry of ``STATES``; returns the views by name."""
    key = enrol(store, admin, VILLAGE)
    views: dict[str, RegistrationView] = {}
    seq = 1
    for i, (name, (accepted, kpj, payments)) in enumerate(STATES.items()):
        reg, problems = registration_from_dict(valid_registration_data(
            nik=f"32160645089000{i + 10:02d}", full_name=NAMES[name],
            phone=f"0812-3456-78{i + 10:02d}", consent_at="2026-11-16T09:00:00+07:00"))
        assert reg is not None, problems
        view = store.add(reg, user=admin)
        if accepted:
            sent(store, view.uuid)
            view = accept(store, view, key, seq=seq, number=f"100000000{i + 10:02d}")
            seq += 1
        if kpj is not None:
            make_member(store, view, key, seq=seq, kpj=kpj, payments=payments, with_qr=False)
            seq += 1
        views[name] = view
    return views
