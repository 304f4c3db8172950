"""A membership's state in words, in both languages, for the desk's day."""

from datetime import date

import pytest

from regdesk.domain.lifecycle import Standing, State
from regdesk.services.membership import state_text, tone_of


@pytest.mark.parametrize(("standing", "lang", "words"), [
    (Standing(State.ACTIVE, date(2027, 3, 31), date(2027, 4, 15)), "id", "Aktif s.d. Maret 2027"),
    (Standing(State.ACTIVE, date(2027, 3, 31), date(2027, 4, 15)), "en", "Active until March 2027"),
    (Standing(State.GRACE, date(2026, 12, 31), date(2027, 1, 15), 3), "id",
     "Masa tenggang (jatuh tempo 15 Januari 2027)"),
    (Standing(State.INACTIVE, date(2026, 12, 31), date(2027, 1, 15), 100), "id",
     "Tidak aktif sejak Januari 2027"),
    (Standing(State.WAITING_FOR_KPJ), "id", "Menunggu KPJ"),
    (Standing(State.WAITING_FOR_PAYMENT, next_due=date(2026, 12, 15)), "en", "Waiting for payment"),
])
def test_state_in_words(standing, lang, words) -> None:
    assert state_text(standing, lang) == words


def test_every_state_has_words_and_a_tone() -> None:
    for state in State:
        for lang in ("id", "en"):
            full = Standing(state, date(2027, 3, 31), date(2027, 4, 15))
            assert "membership.state" not in state_text(full, lang)
        assert tone_of(state) in {"ok", "warn", "bad", "wait", "none"}
