from datetime import date
from pathlib import Path

import pytest
from tests.services.support import fields

from regdesk.cards import Offsets
from regdesk.services import printouts, registrations
from regdesk.services.errors import NothingToPrint, StoreError
from regdesk.store import Store, UserInfo


def test_receipt_and_recap_are_printed_and_audited(store: Store, operator: UserInfo,
                                                   supervisor: UserInfo,
                                                   tmp_path: Path) -> None:
    view = registrations.register(store, fields(), user=operator)
    printed = printouts.print_receipt(store, view.local_ref, tmp_path / "r.pdf", user=operator)
    assert printed.uuid == view.uuid
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    recap = printouts.print_recap(store, printouts.Period.month("2026-11"),
                                  tmp_path / "m.pdf", user=operator)
    assert [r.local_ref for r in recap.rows] == [view.local_ref]
    assert recap.rows[0].nik_masked != "3216064508900001"
    actions = [a.action for a in registrations.history(store, view.uuid,
                                                       user=supervisor).audit]
    assert "print.receipt" in actions


def test_periods() -> None:
    month = printouts.Period.month("2026-12")
    assert (month.start, month.end, month.label) == (date(2026, 12, 1), date(2027, 1, 1),
                                                     "12/2026")
    day = printouts.Period.day(date(2028, 2, 29))
    assert (day.end, day.label) == (date(2028, 3, 1), "29-02-2028")


def test_no_cards_before_hq_accepts(store: Store, operator: UserInfo, tmp_path: Path) -> None:
    view = registrations.register(store, fields(), user=operator)
    with pytest.raises(NothingToPrint):
        printouts.cards_to_print(store, None)
    assert [v.uuid for v in printouts.cards_to_print(store, [view.local_ref])] == [view.uuid]
    with pytest.raises(StoreError) as caught:  # this desk never enrolled: no HQ key
        printouts.print_cards(store, [view], tmp_path / "c.pdf", stock="a4-10", user=operator)
    assert caught.value.problems[0].code == "print.not_enrolled"
    with pytest.raises(StoreError):
        printouts.verify_card_text(store, "anything")


def test_calibration_offsets_are_remembered_per_printer(store: Store, operator: UserInfo,
                                                        tmp_path: Path) -> None:
    offsets = Offsets(1.5, -0.5, None, None)
    used = printouts.calibration_offsets(store, stock="cr80", printer="Epson",
                                         offsets=offsets, user=operator)
    assert used == offsets
    assert printouts.calibration_offsets(store, stock="cr80", printer="Epson",
                                         offsets=None) == offsets
    assert printouts.calibration_offsets(store, stock="a4-10", printer="Epson",
                                         offsets=None) is None
    assert printouts.calibration_offsets(None, stock="a4-10", printer=None,
                                         offsets=None) is None
    printouts.calibration_page(tmp_path / "c.pdf", stock="cr80", offsets=used)
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")


def test_default_printout_names_are_unique(tmp_path: Path) -> None:
    from regdesk.services.printouts import unique_output

    folder = tmp_path / "cetak"
    first = unique_output(folder, "tanda-bukti-3216062006-000001.pdf")
    assert first == folder / "tanda-bukti-3216062006-000001.pdf" and folder.is_dir()
    first.write_bytes(b"%PDF held open by a viewer")
    second = unique_output(folder, first.name)
    assert second.name == "tanda-bukti-3216062006-000001-2.pdf"
    second.write_bytes(b"%PDF")
    assert unique_output(folder, first.name).name == "tanda-bukti-3216062006-000001-3.pdf"


def test_receipt_data_names_the_second_occupation_when_set(store: Store,
                                                          operator: UserInfo) -> None:
    two = registrations.register(store, fields(second_occupation_code="ojek-pangkalan"),
                                 user=operator)
    data = printouts.receipt_data(store, two, operator)
    assert data.second_occupation_name == "Ojek pangkalan"
    one = registrations.register(store, fields(nik="3216064508900002"), user=operator)
    assert printouts.receipt_data(store, one, operator).second_occupation_name is None
