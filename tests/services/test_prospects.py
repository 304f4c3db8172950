"""Prospect worklists (issue #12 §3): import all or nothing and idempotent, statuses by hand
and ``registered`` with the registration's own transaction, coverage, form pre-fill; the
worklist never reaches the outbox or a message."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import text
from tests.services.support import fields

from regdesk.domain.prospects import ProspectStatus, check_mark
from regdesk.domain.registration import registration_from_dict
from regdesk.i18n import render_line
from regdesk.services import prospects
from regdesk.services.prospects import ProspectImportRefused, ProspectNotFound
from regdesk.store import Store, UserInfo, ValidationFailed

HEADER = "No;NIK;Nama Lengkap;No HP;Desa;Pekerjaan;Kelompok;Keterangan\n"
SITI = "1;3216064508900001;Siti Nurjanah;0812-3456-7890;Setiamekar;Petani;Poktan Maju;PKH\n"
BUDI = "2;3216060101850002;Budi Santoso;;;Nelayan;;\n"
ANI = "3;3216064202920003;Ani Rahma;081298765432;;Ketua RT;;desil 2\n"
NIKS = ("3216064508900001", "3216060101850002", "3216064202920003")


def _csv(tmp_path: Path, *rows: str, name: str = "ketua-rt.csv", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text("DAFTAR CALON PESERTA\n" + header + "".join(rows), encoding="utf-8")
    return path


def _count(store: Store, sql: str) -> int:
    with store.read() as session:
        return int(session.connection().execute(text(sql)).scalar_one())


def _register(store: Store, user: UserInfo, nik: str = NIKS[0]) -> str:
    reg, problems = registration_from_dict(fields(nik=nik))
    assert reg is not None, problems
    return store.add(reg, user=user).local_ref


def test_import_lists_the_people_with_their_optional_fields(
        store: Store, operator: UserInfo, tmp_path: Path) -> None:
    report = prospects.import_prospects(store, _csv(tmp_path, SITI, BUDI, ANI), user=operator,
                                        list_name="Ketua RT")
    assert (report.written, report.rows, report.added, report.header_row) == (True, 3, 3, 2)
    people = prospects.list_prospects(store, user=operator)
    assert [p.nik for p in people] == list(NIKS)
    siti = people[0]
    assert (siti.list_name, siti.full_name, siti.phone, siti.village, siti.occupation,
            siti.group_name, siti.note, siti.status, siti.source_row) == (
        "Ketua RT", "Siti Nurjanah", "+6281234567890", "Setiamekar", "Petani", "Poktan Maju",
        "PKH", ProspectStatus.NOT_VISITED, 3)
    assert people[1].phone is None and people[1].group_name is None


def test_the_list_name_defaults_to_the_file_name(store: Store, operator: UserInfo,
                                                 tmp_path: Path) -> None:
    report = prospects.import_prospects(store, _csv(tmp_path, SITI, name="Nelayan 2027.csv"),
                                        user=operator)
    assert report.list_name == "Nelayan 2027"


def test_an_xlsx_list_is_read_like_the_registration_import(
        store: Store, operator: UserInfo, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["DAFTAR KELOMPOK TANI"])
    sheet.append(["NIK", "Nama", "HP"])
    sheet.append(["3216064508900001", "Siti Nurjanah", "081234567890"])
    path = tmp_path / "poktan.xlsx"
    book.save(path)
    report = prospects.import_prospects(store, path, user=operator, list_name="Poktan")
    assert report.added == 1 and report.header_row == 2


def test_bad_rows_are_reported_and_nothing_is_written(
        store: Store, operator: UserInfo, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    bad = [
        "4;32160645;Tono;;;;;\n",  # NIK too short
        "5;3216064508900009;;;;;;\n",  # no name
        "6;3216064508900010;Wati;0812;;;;\n",  # phone invalid
        "7;3216064508900001;Siti Lagi;;;;;\n",  # NIK repeated (row 3)
    ]
    caplog.set_level(logging.DEBUG)
    path = _csv(tmp_path, SITI, BUDI, *bad)
    report = prospects.import_prospects(store, path, user=operator, list_name="RT")
    assert not report.written and report.bad_rows == 4
    assert [(row, p.field, p.code) for row, p in report.problems] == [
        (5, "nik", "nik.length"), (6, "full_name", "required"), (7, "phone", "phone.invalid"),
        (8, "nik", "prospect.duplicate_nik")]
    assert _count(store, "SELECT count(*) FROM prospect") == 0
    lines = [render_line(p) for _row, p in report.problems] + [caplog.text]
    assert not [ln for ln in lines if "32160645" in ln or "Tono" in ln or "0812" in ln]


def test_a_file_without_a_name_column_is_refused(store: Store, operator: UserInfo,
                                                 tmp_path: Path) -> None:
    path = _csv(tmp_path, "3216064508900001;x\n", header="NIK;Jabatan\n")
    with pytest.raises(ProspectImportRefused) as refused:
        prospects.import_prospects(store, path, user=operator, list_name="RT")
    assert [p.code for p in refused.value.problems] == ["prospect.no_name_column"]


def test_reimporting_the_same_file_changes_nothing(store: Store, operator: UserInfo,
                                                   tmp_path: Path) -> None:
    path = _csv(tmp_path, SITI, BUDI)
    prospects.import_prospects(store, path, user=operator, list_name="RT")
    prospects.mark(store, NIKS[0], ProspectStatus.CONTACTED, user=operator)
    before = _count(store, "SELECT count(*) FROM audit")
    again = prospects.import_prospects(store, path, user=operator, list_name="RT")
    assert (again.added, again.on_list, again.written) == (0, 2, False)
    assert _count(store, "SELECT count(*) FROM audit") == before
    people = prospects.list_prospects(store, user=operator)
    assert [p.status for p in people] == [ProspectStatus.CONTACTED, ProspectStatus.NOT_VISITED]
    other = prospects.import_prospects(store, path, user=operator, list_name="PKH")
    assert other.added == 2  # the key is list + NIK: another list holds them again


def test_dry_run_counts_and_writes_nothing(store: Store, operator: UserInfo,
                                           tmp_path: Path) -> None:
    report = prospects.import_prospects(store, _csv(tmp_path, SITI), user=operator,
                                        list_name="RT", dry_run=True)
    assert (report.added, report.written) == (1, False)
    assert _count(store, "SELECT count(*) FROM prospect") == 0


def test_a_registration_saved_marks_the_prospect_registered(
        store: Store, operator: UserInfo, tmp_path: Path) -> None:
    prospects.import_prospects(store, _csv(tmp_path, SITI, BUDI), user=operator,
                               list_name="RT")
    prospects.import_prospects(store, _csv(tmp_path, SITI, name="pkh.csv"), user=operator,
                               list_name="PKH")
    prospects.mark(store, NIKS[0], ProspectStatus.REFUSED, reason="belum ada uang",
                   list_name="RT", user=operator)
    ref = _register(store, operator)
    people = prospects.list_prospects(store, user=operator)
    siti = [p for p in people if p.nik == NIKS[0]]
    assert {(p.list_name, p.status, p.local_ref, p.reason) for p in siti} == {
        ("RT", ProspectStatus.REGISTERED, ref, None),
        ("PKH", ProspectStatus.REGISTERED, ref, None)}
    assert [p.status for p in people if p.nik == NIKS[1]] == [ProspectStatus.NOT_VISITED]


def test_an_edit_to_a_listed_nik_marks_the_prospect_registered(
        store: Store, operator: UserInfo, tmp_path: Path) -> None:
    prospects.import_prospects(store, _csv(tmp_path, SITI), user=operator, list_name="RT")
    ref = _register(store, operator, nik="3216064508900005")  # a typing slip in the NIK
    assert prospects.list_prospects(store, user=operator)[0].status is \
        ProspectStatus.NOT_VISITED
    reg, _problems = registration_from_dict(fields(nik=NIKS[0]))
    assert reg is not None
    store.update(ref, reg, user=operator)
    [siti] = prospects.list_prospects(store, user=operator)
    assert (siti.status, siti.local_ref) == (ProspectStatus.REGISTERED, ref)


def test_a_nik_already_registered_is_registered_at_import(
        store: Store, operator: UserInfo, tmp_path: Path) -> None:
    ref = _register(store, operator)
    report = prospects.import_prospects(store, _csv(tmp_path, SITI, BUDI), user=operator,
                                        list_name="RT")
    assert report.registered == 1
    siti = prospects.list_prospects(store, user=operator, status=ProspectStatus.REGISTERED)
    assert [(p.nik, p.local_ref) for p in siti] == [(NIKS[0], ref)]


def test_refused_needs_a_reason_and_registered_is_not_set_by_hand(
        store: Store, operator: UserInfo, tmp_path: Path) -> None:
    prospects.import_prospects(store, _csv(tmp_path, SITI), user=operator, list_name="RT")
    with pytest.raises(ValidationFailed) as no_reason:
        prospects.mark(store, NIKS[0], ProspectStatus.REFUSED, reason="  ", user=operator)
    assert [(p.field, p.code) for p in no_reason.value.problems] == [("reason", "required")]
    with pytest.raises(ValidationFailed) as by_hand:
        prospects.mark(store, NIKS[0], ProspectStatus.REGISTERED, user=operator)
    assert by_hand.value.problems[0].code == "prospect.registered_automatic"
    view = prospects.mark(store, NIKS[0], ProspectStatus.REFUSED, reason=" tidak  mau ",
                          user=operator)
    assert (view.status, view.reason) == (ProspectStatus.REFUSED, "tidak mau")
    view = prospects.mark(store, view.id, ProspectStatus.CONTACTED, user=operator)
    assert (view.status, view.reason) == (ProspectStatus.CONTACTED, None)
    view = prospects.mark(store, None, ProspectStatus.NOT_VISITED, row=3, list_name="RT",
                          user=operator)
    assert view.nik == NIKS[0] and view.status is ProspectStatus.NOT_VISITED
    with pytest.raises(ValidationFailed):
        prospects.mark(store, None, ProspectStatus.CONTACTED, row=3, user=operator)
    with pytest.raises(ProspectNotFound):
        prospects.mark(store, None, ProspectStatus.CONTACTED, row=9, list_name="RT",
                       user=operator)
    with pytest.raises(ProspectNotFound) as missing:
        prospects.mark(store, "3216069999990001", ProspectStatus.CONTACTED, user=operator)
    assert "3216069999990001" not in str(missing.value)


def test_a_nik_on_two_lists_needs_the_list(store: Store, operator: UserInfo,
                                           tmp_path: Path) -> None:
    prospects.import_prospects(store, _csv(tmp_path, SITI), user=operator, list_name="RT")
    prospects.import_prospects(store, _csv(tmp_path, SITI), user=operator, list_name="PKH")
    with pytest.raises(ValidationFailed) as several:
        prospects.mark(store, NIKS[0], ProspectStatus.CONTACTED, user=operator)
    assert several.value.problems[0].params == {"lists": ["PKH", "RT"]}
    view = prospects.mark(store, NIKS[0], ProspectStatus.CONTACTED, user=operator,
                          list_name="PKH")
    assert view.list_name == "PKH"


def test_summary_gives_each_list_its_reach(store: Store, operator: UserInfo,
                                           tmp_path: Path) -> None:
    prospects.import_prospects(store, _csv(tmp_path, SITI, BUDI, ANI), user=operator,
                               list_name="RT")
    prospects.import_prospects(store, _csv(tmp_path, BUDI), user=operator, list_name="Nelayan")
    prospects.mark(store, NIKS[2], ProspectStatus.REFUSED, reason="pindah", user=operator)
    prospects.mark(store, NIKS[1], ProspectStatus.CONTACTED, user=operator, list_name="RT")
    _register(store, operator)
    found = {c.list_name: c.as_dict() for c in prospects.summary(store, user=operator)}
    assert found == {
        "Nelayan": {"list": "Nelayan", "total": 1, "reached_share": 0.0,
                    "by_status": {"not_visited": 1, "contacted": 0, "refused": 0,
                                  "registered": 0}},
        "RT": {"list": "RT", "total": 3, "reached_share": 0.3333,
               "by_status": {"not_visited": 0, "contacted": 1, "refused": 1,
                             "registered": 1}}}


def test_prefill_gives_the_registration_form_its_fields(
        store: Store, operator: UserInfo, tmp_path: Path) -> None:
    prospects.import_prospects(store, _csv(tmp_path, SITI, BUDI), user=operator,
                               list_name="RT")
    siti, budi = prospects.list_prospects(store, user=operator)
    assert prospects.prefill(store, siti) == {
        "nik": NIKS[0], "full_name": "Siti Nurjanah", "phone": "+6281234567890",
        "village_code": "32.16.06.2006", "occupation_code": "petani"}
    assert prospects.prefill(store, budi) == {
        "nik": NIKS[1], "full_name": "Budi Santoso", "village_code": "32.16.06.2006",
        "occupation_code": "nelayan"}


def test_the_worklist_never_reaches_the_outbox_or_the_audit(
        store: Store, operator: UserInfo, tmp_path: Path) -> None:
    prospects.import_prospects(store, _csv(tmp_path, SITI, BUDI), user=operator,
                               list_name="RT")
    prospects.mark(store, NIKS[1], ProspectStatus.REFUSED, reason="sudah punya BPJS",
                   user=operator)
    assert _count(store, "SELECT count(*) FROM outbox") == 0
    with store.read() as session:
        audit = " ".join(str(r) for r in session.connection().execute(
            text("SELECT action, entity_id, detail FROM audit WHERE action LIKE 'prospect.%'")))
    assert "prospect.import" in audit and "prospect.mark" in audit
    assert not any(word in audit for word in (*NIKS, "Siti", "Budi", "0812", "BPJS"))
    _register(store, operator)
    assert _count(store, "SELECT count(*) FROM outbox") == 1  # the registration only


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(current=st.sampled_from(list(ProspectStatus)), new=st.sampled_from(list(ProspectStatus)),
       reason=st.one_of(st.none(), st.text(max_size=250)))
def test_status_changes_by_hand(current: ProspectStatus, new: ProspectStatus,
                                reason: str | None) -> None:
    kept, problems = check_mark(current, new, reason)
    tidy = " ".join((reason or "").split())
    allowed = (current is not ProspectStatus.REGISTERED and new is not ProspectStatus.REGISTERED
               and (new is not ProspectStatus.REFUSED or 0 < len(tidy) <= 200))
    assert (problems == []) is allowed
    assert kept == (tidy if allowed and new is ProspectStatus.REFUSED else None)


def test_a_file_without_a_nik_column_is_refused_naming_its_columns(
        store: Store, operator: UserInfo, tmp_path: Path) -> None:
    path = _csv(tmp_path, "Siti;Petani\n", header="Nama;Pekerjaan;Dusun\n")
    with pytest.raises(ProspectImportRefused) as refused:
        prospects.import_prospects(store, path, user=operator, list_name="RT")
    [problem] = refused.value.problems
    assert (problem.code, problem.params) == ("prospect.no_nik_column", {"unmapped": ["Dusun"]})
