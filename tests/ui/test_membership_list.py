"""The list shows each registration's membership in words and colour, its membership filter
narrows the list, and the detail pane shows the KPJ and days in words — on a desk whose
memberships came through the same pulled changes sync applies (10 March 2027)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from tests.services.member_states import DAY, EXPECTED, NAMES

from regdesk.ui.app import DeskApp
from regdesk.ui.models.registrations import COL_NAME, COL_STATE, TONE_ROLE

pytestmark = pytest.mark.clock(DAY)


def _shown(desk: DeskApp) -> dict[str, tuple[str, str | None]]:
    """name → (state words, tone) of every row the list shows."""
    model = desk.window.table.model()
    out = {}
    for row in range(model.rowCount()):
        name = model.index(row, COL_NAME).data()
        state = model.index(row, COL_STATE)
        out[name] = (state.data(), state.data(TONE_ROLE))
    return out


def _wait_rows(qtbot, desk: DeskApp, count: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: desk.window.table.model().rowCount() == count
                    and desk.runner.idle(), timeout=10_000)


def test_list_shows_each_state_in_words_and_tone(qtbot, member_desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    _wait_rows(qtbot, member_desk, len(NAMES))
    shown = _shown(member_desk)
    assert shown[NAMES["active"]] == ("Aktif s.d. Juni 2027", "ok")
    assert shown[NAMES["inactive"]][0] == "Tidak aktif sejak November 2026"
    assert shown[NAMES["no_kpj"]][0] == "Menunggu KPJ"
    assert shown[NAMES["grace"]][0].startswith("Masa tenggang")
    tones = {tone for _, tone in shown.values()}
    assert len(tones) >= 3  # colour follows the state, not one colour for all
    header = member_desk.window.table.model().headerData(COL_STATE, Qt.Orientation.Horizontal)
    assert header  # the column is named


@pytest.mark.parametrize("which", sorted(EXPECTED))
def test_membership_filter_narrows_the_list(qtbot, member_desk: DeskApp, which: str) -> None:  # type: ignore[no-untyped-def]
    _wait_rows(qtbot, member_desk, len(NAMES))
    combo = member_desk.window.membership_filter
    combo.setCurrentIndex(combo.findData(which))
    expected = {NAMES[n] for n in EXPECTED[which]}
    _wait_rows(qtbot, member_desk, len(expected))
    assert set(_shown(member_desk)) == expected
    combo.setCurrentIndex(combo.findData(""))
    _wait_rows(qtbot, member_desk, len(NAMES))


def test_detail_shows_kpj_and_paid_through_in_words(qtbot, member_desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    _wait_rows(qtbot, member_desk, len(NAMES))
    table, model = member_desk.window.table, member_desk.window.table.model()
    row = next(r for r in range(model.rowCount())
               if model.index(r, COL_NAME).data() == NAMES["active"])
    table.selectRow(row)
    detail = member_desk.window.detail
    qtbot.waitUntil(lambda: "23010000001" in detail.summary.toPlainText(), timeout=10_000)
    text = detail.summary.toPlainText()
    assert "Kepesertaan" in text and "Aktif s.d. Juni 2027" in text
    assert "No. KPJ" in text and "No. registrasi" in text
    assert "Juni 2027" in text and "2027-06" not in text  # days in words, never ISO
