"""A registration's history reads as sentences: display names, field labels, verbs, days."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime

import pytest
from tests.services.support import fields

from regdesk.domain.registration import Registration
from regdesk.i18n import has
from regdesk.services import history as hist
from regdesk.services import registrations
from regdesk.store import Store, UserInfo
from regdesk.store.views import AuditView

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _audit(action: str, fields_: list[str], actor: str = "ani") -> AuditView:
    return AuditView(at=datetime(2026, 12, 2, 3, 14, tzinfo=UTC), actor=actor, action=action,
                     entity="registration", entity_id="u", fields=fields_, detail={})


def test_the_clerks_sentence_in_both_languages() -> None:
    entry = _audit("registration.update", ["address", "phone"])
    names = {"ani": "Ani"}
    assert hist.event_sentence(entry, names, "id") == (
        "Ani mengubah alamat dan nomor HP, 2 Des 2026 10.14")  # 03.14 UTC = 10.14 WIB
    assert hist.event_sentence(entry, names, "en") == (
        "Ani changed address and mobile number, 2 Dec 2026 10:14")


def test_acronyms_stay_and_many_fields_are_counted() -> None:
    names = {"ani": "Ani"}
    assert hist.event_sentence(_audit("registration.update", ["nik", "rt"]), names, "id") == (
        "Ani mengubah NIK dan RT, 2 Des 2026 10.14")
    many = _audit("registration.update", ["address", "phone", "rt", "rw", "income"])
    assert hist.event_sentence(many, names, "id") == "Ani mengubah 5 isian, 2 Des 2026 10.14"


def test_an_unknown_actor_or_action_never_shows_a_code() -> None:
    text = hist.event_sentence(_audit("something.new", ["x"], actor="budi"), {}, "id")
    assert text == "budi mengerjakan catatan ini, 2 Des 2026 10.14"
    assert "something" not in text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_action_and_field_has_words(lang: str) -> None:
    for action in hist.known_actions():
        assert has(f"history.{action}", lang), action
    for f in dataclasses.fields(Registration):
        assert has(f"field.{f.name}", lang), f.name
    everything = [f.name for f in dataclasses.fields(Registration)][:4]
    for action in hist.known_actions():
        text = hist.event_sentence(_audit(action, everything), {"ani": "Ani"}, lang)
        assert action not in text and "{" not in text and not _ISO.search(text)


def test_a_real_history_in_sentences(store: Store, operator: UserInfo,
                                     supervisor: UserInfo) -> None:
    view = registrations.register(store, fields(), user=operator)
    reg = registrations.registration_from_fields(
        store, fields(address="Jl. Melati 2", phone="081299998888"), user=operator)
    registrations.edit(store, view.uuid, reg, user=operator, expected_version=view.version)
    registrations.cancel(store, view.local_ref, reason="double", user=operator)
    text = registrations.history(store, view.uuid, user=supervisor).sentences("id")
    assert text.events == (
        "Ani mendaftarkan, 16 Nov 2026 10.00",
        "Ani mengubah alamat dan nomor HP, 16 Nov 2026 10.00",
        "Ani membatalkan pendaftaran, 16 Nov 2026 10.00",
    )
    assert text.versions[0] == "Versi 1 oleh Ani, 16 Nov 2026 10.00 — Menunggu sinkron"
    assert all("ani" not in line and not _ISO.search(line)
               for line in text.versions + text.events)
    selected = registrations.select(store, view.uuid, user=supervisor)
    assert selected.history is not None
    assert selected.history.sentences("en").events[1] == (
        "Ani changed address and mobile number, 16 Nov 2026 10:00")
