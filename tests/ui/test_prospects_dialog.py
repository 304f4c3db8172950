"""Data → Prospect worklists…: the lists in words with their coverage, a refusal needs its
reason, and "Register…" opens a new form filled from the list."""

from __future__ import annotations

from pathlib import Path

from uihelpers import sign_in

from regdesk.services import prospects
from regdesk.ui.app import DeskApp
from regdesk.ui.views.prospects_dialog import ProspectsDialog

LIST = ("NIK;Nama;No HP;Pekerjaan\n"
        "3216064508900001;Siti Nurjanah;081234567890;Petani\n"
        "3216060101850002;Budi Santoso;;Nelayan\n")


def _open(qtbot, desk: DeskApp, tmp_path: Path) -> ProspectsDialog:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    path = tmp_path / "ketua-rt.csv"
    path.write_text(LIST, encoding="utf-8")
    assert desk.store is not None and desk.user is not None
    prospects.import_prospects(desk.store, path, user=desk.user, list_name="Ketua RT")
    desk.window.act_prospects.trigger()
    qtbot.waitUntil(lambda: desk.window.findChild(ProspectsDialog) is not None, timeout=5000)
    dialog = desk.window.findChild(ProspectsDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10_000)
    return dialog


def _cells(dialog: ProspectsDialog, row: int) -> list[str]:
    return [dialog.model.item(row, c).text() for c in range(dialog.model.columnCount())]


def test_the_list_in_words_and_a_refusal_with_its_reason(qtbot, desk: DeskApp,  # type: ignore[no-untyped-def]
                                                        tmp_path: Path) -> None:
    dialog = _open(qtbot, desk, tmp_path)
    assert _cells(dialog, 0) == ["Ketua RT", "2", "Siti Nurjanah", "0812 3456 7890",
                                 "belum didatangi", ""]
    assert dialog.coverage.text() == "Ketua RT: 0 dari 2 terdaftar (0%)"
    assert "3216064508900001" not in " ".join(_cells(dialog, 0))
    dialog.table.selectRow(1)
    dialog.refused_button.click()
    qtbot.waitUntil(lambda: "Alasan wajib diisi" in dialog.message.text(), timeout=5000)
    dialog.reason.setText("sudah ikut lewat kelompok nelayan")
    dialog.refused_button.click()
    qtbot.waitUntil(lambda: _cells(dialog, 1)[4] == "menolak", timeout=5000)
    assert _cells(dialog, 1)[5] == "sudah ikut lewat kelompok nelayan"
    assert dialog.current_row() == 1 and dialog.reason.text() == ""
    dialog.status.setCurrentIndex(dialog.status.findData("refused"))
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    assert _cells(dialog, 0)[2] == "Budi Santoso"


def test_register_opens_the_form_filled_from_the_list(qtbot, desk: DeskApp,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path) -> None:
    dialog = _open(qtbot, desk, tmp_path)
    dialog.table.selectRow(0)
    dialog.register_button.click()
    qtbot.waitUntil(lambda: desk.form_view is not None
                    and desk.window.inner.currentWidget() is desk.form_view, timeout=5000)
    view, form = desk.form_view, desk.form
    assert form is not None and form.dirty
    assert form._s.values["nik"] == "3216064508900001"
    assert form._s.values["full_name"] == "Siti Nurjanah"
    assert form._s.values["phone"] == "0812 3456 7890"
    assert form._s.values["occupation_code"] == "petani"
    assert form._s.values["birth_date"] and form._s.values["gender"] == "P"  # from the NIK
    assert view.inputs["address"].hasFocus() or not view.isActiveWindow()


def test_load_a_list_from_the_dialog(qtbot, desk: DeskApp, tmp_path: Path,  # type: ignore[no-untyped-def]
                                     monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    sign_in(qtbot, desk)
    desk.window.act_prospects.trigger()
    qtbot.waitUntil(lambda: desk.window.findChild(ProspectsDialog) is not None, timeout=5000)
    dialog = desk.window.findChild(ProspectsDialog)
    qtbot.waitUntil(lambda: "Muat daftar" in dialog.empty.text(), timeout=5000)
    bad = tmp_path / "nelayan.csv"
    bad.write_text(LIST + "32160645;Tono;;\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Nelayan", True))
    dialog.load_button.click()
    qtbot.waitUntil(lambda: "tidak ada yang dimuat" in dialog.message.text(), timeout=5000)
    assert "Baris 4: NIK harus 16 digit" in dialog.message.text()
    assert "32160645" not in dialog.message.text() and "Tono" not in dialog.message.text()
    assert dialog.model.rowCount() == 0
    bad.write_text(LIST, encoding="utf-8")
    dialog.load_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
    assert dialog.message.text() == ("Daftar “Nelayan”: 2 ditambahkan, 0 sudah ada, "
                                     "0 sudah terdaftar.")
    assert dialog.coverage.text() == "Nelayan: 0 dari 2 terdaftar (0%)"
