"""The form's logic without any Qt: a fake view records what the controller shows."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import pytest

from regdesk.store import Store
from regdesk.ui.controllers.form import FeeSummary, RegistrationFormController

NOW = datetime(2026, 11, 25, 10, 0).astimezone()


class FakeView:
    def __init__(self) -> None:
        self.fields: dict[str, str] = {}
        self.problems: dict[str, list[tuple[str, str]]] = {}
        self.warnings: tuple[list[str], bool] = ([], False)
        self.fee: FeeSummary | None = None
        self.office: tuple[str, str, str] | None = None
        self.ineligible: list[str] = []
        self.duplicate: str | None = None

    def set_field(self, name: str, value: str) -> None:
        self.fields[name] = value

    def show_field_problems(self, problems: Mapping[str, list[tuple[str, str]]]) -> None:
        self.problems = {k: v for k, v in problems.items() if v}

    def show_warnings(self, sentences: list[str], confirmed: bool) -> None:
        self.warnings = (sentences, confirmed)

    def show_fee(self, fee: FeeSummary | None) -> None:
        self.fee = fee

    def show_office(self, village: str, kecamatan: str, code: str) -> None:
        self.office = (village, kecamatan, code)

    def show_ineligible(self, reasons: list[str]) -> None:
        self.ineligible = reasons

    def show_duplicate(self, local_ref: str | None) -> None:
        self.duplicate = local_ref

    def show_programmes(self, items: list[tuple[str, str]], current: str) -> None:
        self.programmes = (items, current)

    def lock_programme_fields(self, locked: bool) -> None:
        self.locked = locked


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store = Store.open(Path(tmp_path_factory.mktemp("ctx")) / "c.sqlite3")
    yield store.context()
    store.close()


def controller(ctx, nik_lookup=None) -> tuple[RegistrationFormController, FakeView]:  # type: ignore[no-untyped-def]
    view = FakeView()
    c = RegistrationFormController(view, ctx=ctx, office_village="32.16.18.2005",
                                   recorded_by="siti", now=lambda: NOW, lang="id",
                                   nik_lookup=nik_lookup)
    c.new()
    return c, view


def fill(c: RegistrationFormController) -> None:
    for name, text in (("nik", "3216064508900001"), ("full_name", "Siti Aminah"),
                       ("address", "Jl. Melati 3"), ("rt", "3"), ("rw", "5"),
                       ("phone", "0812-3456-7890"), ("occupation_code", "pedagang"),
                       ("income", "1.000.000"), ("consent_given", "1")):
        c.edit(name, text)


def test_prefills_office_and_derives_from_nik(ctx) -> None:  # type: ignore[no-untyped-def]
    c, view = controller(ctx)
    assert view.office == ("Cibening", "Setu", "32.16.18.2005")
    assert view.fields["postal_code"] == "17320"
    c.edit("nik", "3216064508900001")
    assert view.fields["birth_date"] == "05-08-1990" and view.fields["gender"] == "P"


def test_empty_fields_are_quiet_until_left_or_saved(ctx) -> None:  # type: ignore[no-untyped-def]
    c, view = controller(ctx)
    c.edit("full_name", "S")
    assert view.problems == {}
    c.commit("full_name")
    assert view.problems["full_name"] == [("error", "Nama harus 2–100 karakter.")]
    assert c.attempt_save() is None
    assert view.problems["nik"] == [("error", "NIK wajib diisi.")]


def test_fee_and_discount_live(ctx) -> None:  # type: ignore[no-untyped-def]
    c, view = controller(ctx)
    fill(c)
    assert view.fee is not None and view.fee.monthly == "Rp 16.800"
    assert view.fee.discount_name == "PP 50/2025"  # non-transport relief runs to 2026-12-31
    c.edit("period_months", "3")
    assert view.fee.period_months == 3


def test_warning_needs_confirmation_and_new_warning_resets_it(ctx) -> None:  # type: ignore[no-untyped-def]
    c, view = controller(ctx)
    fill(c)
    assert c.attempt_save() is not None
    c.edit("birth_date", "06-08-1990")
    assert view.problems["birth_date"][0][0] == "warning"
    assert c.attempt_save() is None
    c.confirm_warnings(True)
    request = c.attempt_save()
    assert request is not None and request.confirmed_warnings == ["nik.birth_date_mismatch"]
    c.edit("gender", "L")  # another warning: confirm again
    assert view.warnings[1] is False
    assert c.attempt_save() is None


def test_language_rerenders_problems(ctx) -> None:  # type: ignore[no-untyped-def]
    c, view = controller(ctx)
    c.edit("phone", "12")
    c.commit("phone")
    before = view.problems["phone"][0][1]
    c.set_lang("en")
    assert view.problems["phone"][0][1] != before
    assert view.problems["phone"][0][1].endswith(".")


def test_second_occupation_is_optional_checked_and_counts_for_the_fee(ctx) -> None:  # type: ignore[no-untyped-def]
    c, view = controller(ctx)
    assert view.fields["second_occupation_code"] == ""
    fill(c)
    c.edit("period_months", "12")
    request = c.attempt_save()
    assert request is not None and request.registration.second_occupation_code is None
    assert view.fee is not None
    alone = view.fee.discount_total
    c.edit("second_occupation_code", "pedagang")  # the main occupation again
    assert view.problems["second_occupation_code"] == [(
        "error", "Pekerjaan kedua (pedagang) sama dengan pekerjaan utama: pilih pekerjaan "
                 "lain atau kosongkan.")]
    assert c.attempt_save() is None
    c.edit("second_occupation_code", "ojek-online")  # transport: a longer relief window
    request = c.attempt_save()
    assert request is not None
    assert request.registration.second_occupation_code == "ojek-online"
    assert view.fee is not None and view.fee.discount_total != alone
    c.edit("second_occupation_code", "")
    request = c.attempt_save()
    assert request is not None and request.registration.second_occupation_code is None


def test_editing_shows_the_saved_second_occupation(ctx) -> None:  # type: ignore[no-untyped-def]
    c, _ = controller(ctx)
    fill(c)
    c.edit("second_occupation_code", "kurir")
    request = c.attempt_save()
    assert request is not None
    other, other_view = controller(ctx)
    other.load(request.registration, uuid="u-1", version=1)
    assert other_view.fields["second_occupation_code"] == "kurir"
    assert other.attempt_save() is not None and not other.dirty


BOY_NIK = "3216061203120001"  # born 12-03-2012: 14 on 25-11-2026
TOO_YOUNG = "Usia saat mendaftar minimal 15 tahun (usia 14)."


def test_an_ineligible_person_sees_why_as_soon_as_the_nik_is_complete(ctx) -> None:  # type: ignore[no-untyped-def]
    c, view = controller(ctx)
    fill(c)
    assert view.fee is not None and view.ineligible == []
    c.edit("nik", BOY_NIK[:15])
    assert view.ineligible == [] and "birth_date" not in view.problems
    c.edit("nik", BOY_NIK)  # the 16th digit: birth date and gender come from the NIK
    assert view.fields["birth_date"] == "12-03-2012"
    assert view.ineligible == [TOO_YOUNG]
    assert view.problems["birth_date"] == [("error", TOO_YOUNG)]  # without leaving a field
    assert view.fee is None
    assert c.attempt_save() is None
    c.edit("nik", "3216064508900001")  # an adult again: the fee comes back
    assert view.ineligible == [] and view.fee is not None


def test_a_typed_birth_date_outside_the_limits_hides_the_fee(ctx) -> None:  # type: ignore[no-untyped-def]
    c, view = controller(ctx)
    fill(c)
    c.edit("birth_date", "25-11-1961")  # 65 today
    assert view.ineligible == ["Usia saat mendaftar harus di bawah 65 tahun (usia 65)."]
    assert view.fee is None
    assert sorted(s for s, _ in view.problems["birth_date"]) == ["error", "warning"]  # + NIK
    c.edit("birth_date", "26-11-1961")  # 64: eligible (a NIK mismatch warning only)
    assert view.ineligible == [] and view.fee is not None
    assert [s for s, _ in view.problems.get("birth_date", [])] == ["warning"]


class FakeLookup:
    """Answers later, like the search thread: ``answer()`` delivers what was asked."""

    def __init__(self, holders: dict[str, str]) -> None:
        self.holders = holders
        self.asked: list[tuple[str, str | None]] = []
        self._pending: list = []

    def __call__(self, nik, exclude_uuid, deliver) -> None:  # type: ignore[no-untyped-def]
        self.asked.append((nik, exclude_uuid))
        self._pending.append((nik, exclude_uuid, deliver))

    def answer(self) -> None:
        pending, self._pending = self._pending, []
        for nik, exclude, deliver in pending:
            holder = self.holders.get(nik)
            deliver(None if holder == exclude else holder)


DUP = "3216064508900001"


def test_a_duplicate_nik_shows_at_the_16th_digit(ctx) -> None:  # type: ignore[no-untyped-def]
    lookup = FakeLookup({DUP: "3216182005-000007"})
    c, view = controller(ctx, lookup)
    for i in range(1, 16):
        c.edit("nik", DUP[:i])
    assert lookup.asked == []  # nothing asked before the NIK is complete
    c.edit("nik", DUP)
    assert lookup.asked == [(DUP, None)]
    assert "nik" not in view.problems  # the answer has not come yet
    lookup.answer()
    assert view.duplicate == "3216182005-000007"
    assert view.problems["nik"] == [
        ("error", "NIK ini sudah terdaftar dengan nomor referensi 3216182005-000007.")]
    fill(c)
    assert c.attempt_save() is None
    c.edit("nik", DUP[:15])  # a digit removed: the duplicate goes away
    assert view.duplicate is None
    assert all("referensi" not in text for _, text in view.problems.get("nik", []))


def test_a_late_answer_for_an_older_nik_is_dropped(ctx) -> None:  # type: ignore[no-untyped-def]
    lookup = FakeLookup({DUP: "3216182005-000007"})
    c, view = controller(ctx, lookup)
    c.edit("nik", DUP)
    c.edit("nik", "3216064508900002")  # typed on before the first answer came
    lookup.answer()
    assert view.duplicate is None
    assert all("referensi" not in text for _, text in view.problems.get("nik", []))


def test_editing_does_not_call_the_record_its_own_duplicate(ctx) -> None:  # type: ignore[no-untyped-def]
    lookup = FakeLookup({DUP: "u-1"})
    c, _ = controller(ctx)
    fill(c)
    request = c.attempt_save()
    assert request is not None
    other, other_view = controller(ctx, lookup)
    other.load(request.registration, uuid="u-1", version=1)
    other.edit("nik", DUP[:15])
    other.edit("nik", DUP)
    assert lookup.asked == [(DUP, "u-1")]
    lookup.answer()
    assert other_view.duplicate is None


def test_a_programme_decides_funding_sponsor_and_budget_and_gives_them_back(ctx) -> None:  # type: ignore[no-untyped-def]
    from regdesk.ui.controllers.form import ProgrammeChoice

    asked: list[tuple[str, ...]] = []
    choice = ProgrammeChoice(7, "Pemdes — Dana Desa", {
        "funding": "dana-desa", "sponsor_name": "Pemdes", "budget_reference": "DPA 1 / 2026",
        "jht": "0"})

    def lookup(village, occupations, day, keep, deliver):  # type: ignore[no-untyped-def]
        asked.append(occupations)
        deliver([choice] if occupations == ("pedagang",) else [])

    view = FakeView()
    c = RegistrationFormController(view, ctx=ctx, office_village="32.16.18.2005",
                                   recorded_by="siti", now=lambda: NOW, lang="id",
                                   programme_lookup=lookup)
    c.new()
    fill(c)
    assert asked == [(), ("pedagang",)]  # again when the occupation changed, only then, only then
    assert view.programmes == ([("", "(tanpa program)"), ("7", "Pemdes — Dana Desa")], "")
    c.edit("sponsor_name", "Bu Lurah")
    c.edit("programme_id", "7")
    assert view.locked and view.fields["sponsor_name"] == "Pemdes"
    request = c.attempt_save()
    assert request is not None and request.registration.programme_id == 7
    assert request.registration.funding.value == "dana-desa"
    c.edit("programme_id", "")
    assert not view.locked and view.fields["sponsor_name"] == "Bu Lurah"
    assert view.fields["funding"] == "mandiri"
    c.edit("programme_id", "7")
    c.edit("occupation_code", "petani")  # no longer eligible: the pick is given up
    assert c.programme_id is None and not view.locked
