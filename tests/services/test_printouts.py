from datetime import date, datetime
from pathlib import Path

import pytest
from tests.cards.cards_helpers import decode, rasterize
from tests.services.members import accept, enrol, make_member, member_qr
from tests.services.support import VILLAGE, fields

from regdesk.cards import Offsets
from regdesk.i18n import render
from regdesk.i18n.formats import long_day
from regdesk.services import printouts, registrations, users
from regdesk.services.errors import NothingToPrint, StoreError
from regdesk.store import Store, UserInfo
from regdesk.transfer.signing import public_key_of, verify_card

KPJ = "23012345678"


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def accepted(store: Store, user: UserInfo, key: bytes, n: int = 1, **over: object) -> list:
    over = {"nik": None, **over}
    views = [registrations.register(
        store, fields(**{**over, "nik": over["nik"] or f"32160645089000{i + 1:02d}"}), user=user)
        for i in range(n)]
    return [accept(store, v, key, seq=i + 1, number=f"{10000000017 + i:011d}")
            for i, v in enumerate(views)]


def test_receipt_and_recap_are_printed_and_audited(store: Store, operator: UserInfo,
                                                   supervisor: UserInfo,
                                                   tmp_path: Path) -> None:
    view = registrations.register(store, fields(), user=operator)
    printed = printouts.print_receipt(store, view.local_ref, tmp_path / "r.pdf", user=operator)
    assert printed.uuid == view.uuid
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    recap = printouts.print_recap(store, printouts.Period.month("2026-11"),
                                  tmp_path / "m.pdf", user=operator)
    assert recap.rows == () and recap.total_registrations == 1  # streamed: totals only
    listed = printouts.recap_data(store, printouts.Period.month("2026-11"), operator)
    assert [r.local_ref for r in listed.rows] == [view.local_ref]
    assert listed.rows[0].nik_masked != "3216064508900001"
    assert listed.total_monthly == recap.total_monthly > 0
    actions = [a.action for a in registrations.history(store, view.uuid,
                                                       user=supervisor).audit]
    assert "print.receipt" in actions


def test_periods() -> None:
    month = printouts.Period.month("2026-12")
    assert (month.start, month.end, month.label) == (date(2026, 12, 1), date(2027, 1, 1),
                                                     "Desember 2026")
    day = printouts.Period.day(date(2028, 2, 29))
    assert (day.end, day.label) == (date(2028, 3, 1), "29 Februari 2028")


def test_no_cards_before_hq_accepts(store: Store, operator: UserInfo, tmp_path: Path) -> None:
    view = registrations.register(store, fields(), user=operator)
    with pytest.raises(NothingToPrint):
        printouts.cards_to_print(store, None)
    with pytest.raises(printouts.NotPrintable) as refused:
        printouts.cards_to_print(store, [view.local_ref])
    assert refused.value.problems[0].code == "print.not_accepted"
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


def test_cards_are_for_members_only(store: Store, admin: UserInfo, operator: UserInfo) -> None:
    key = enrol(store, admin, VILLAGE)
    member, waiting = accepted(store, operator, key, 2)
    make_member(store, member, key, seq=10, kpj=KPJ)
    assert [v.uuid for v in printouts.cards_to_print(store, None)] == [member.uuid]
    with pytest.raises(printouts.NotPrintable) as refused:
        printouts.cards_to_print(store, [member.local_ref, waiting.local_ref])
    problem = refused.value.problems[0]
    assert problem.code == "print.no_kpj" and problem.params["value"] == waiting.local_ref
    assert render(problem, "id") == ("Kartu peserta dicetak setelah KPJ terbit; berikan tanda "
                                     f"terima pendaftaran {waiting.local_ref}.")
    assert render(problem, "en").startswith("A member card is printed once the KPJ is issued")
    ended = accepted(store, operator, key, 1, nik="3216064508900055")[0]
    make_member(store, ended, key, seq=11, kpj="23012345679", ended_on="2026-11-10",
                ended_reason="meninggal")
    assert [v.uuid for v in printouts.cards_to_print(store, None)] == [member.uuid]


def test_member_card_shows_kpj_and_paid_through_and_reprints_are_marked(
        store: Store, admin: UserInfo, operator: UserInfo, tmp_path: Path) -> None:
    key = enrol(store, admin, VILLAGE)
    [view] = accepted(store, operator, key)
    make_member(store, view, key, seq=10, kpj=KPJ)
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    printouts.print_cards(store, [view], first, stock="cr80", user=operator)
    text = pdf_text(first)
    assert "No. KPJ" in text and KPJ in text and "10000000017" not in text
    assert "Berlaku s.d." in text and "31 Januari 2027" in text  # paid Nov 2026–Jan 2027
    assert "Cetak ulang" not in text
    printouts.print_cards(store, printouts.cards_to_print(store, [view.local_ref]), second,
                          stock="cr80", user=operator)
    assert "Cetak ulang ke-1" in pdf_text(second)  # the second card is the first reprint
    membership = store.membership(view.uuid)
    assert membership is not None and membership.card_prints == 2
    trail = [a for a in store.audit_trail(view.uuid) if a.action == "card.print"]
    assert len(trail) == 2
    codes = decode(rasterize(second, 1, dpi=300))
    [qr] = [c.text for c in codes if c.format.name == "QRCode"]
    [bar] = [c.text for c in codes if c.format.name == "Code128"]
    assert bar == KPJ
    card = verify_card(qr, public_key_of(key))  # HQ's member QR (version 2)
    assert (card.kpj, card.state, card.paid_through) == (KPJ, "active", date(2027, 1, 31))


def test_paid_through_is_read_on_the_printing_day(store: Store, admin: UserInfo,
                                                  operator: UserInfo, tmp_path: Path) -> None:
    """The card says what the desk reads today, not what HQ's QR said on its day."""
    key = enrol(store, admin, VILLAGE)
    [view] = accepted(store, operator, key)
    make_member(store, view, key, seq=10, kpj=KPJ, payments=[])
    out = tmp_path / "c.pdf"
    printouts.print_cards(store, [view], out, stock="cr80", user=operator)
    text = pdf_text(out)
    assert "Menunggu pembayaran" in text and "Januari 2027" not in text
    make_member(store, view, key, seq=11, kpj=KPJ,
                payments=[("2026-11", "2026-12", "2026-11-15")])
    printouts.print_cards(store, [view], out, stock="cr80", user=operator)
    assert "31 Desember 2026" in pdf_text(out) and "Cetak ulang ke-1" in pdf_text(out)


def test_without_hq_member_qr_the_registration_qr_is_used(store: Store, admin: UserInfo,
                                                          operator: UserInfo,
                                                          tmp_path: Path) -> None:
    key = enrol(store, admin, VILLAGE)
    [view] = accepted(store, operator, key)
    make_member(store, view, key, seq=10, kpj=KPJ, with_qr=False)  # an older HQ
    out = tmp_path / "c.pdf"
    printouts.print_cards(store, [view], out, stock="cr80", user=operator)
    [qr] = [c.text for c in decode(rasterize(out, 1)) if c.format.name == "QRCode"]
    assert qr == view.card_qr and KPJ in pdf_text(out)


def test_a_member_qr_of_another_kpj_is_refused(store: Store, admin: UserInfo,
                                               operator: UserInfo, tmp_path: Path) -> None:
    key = enrol(store, admin, VILLAGE)
    [view] = accepted(store, operator, key)
    assert view.card_qr
    other = member_qr(view.card_qr, key, kpj="23099999999", state="active", paid_through=None,
                      as_of=date(2026, 11, 16))
    make_member(store, view, key, seq=10, kpj=KPJ, card_qr=other)
    with pytest.raises(printouts.NotPrintable) as refused:
        printouts.print_cards(store, [view], tmp_path / "c.pdf", stock="cr80", user=operator)
    assert refused.value.problems[0].code == "print.bad_signature"
    assert not (tmp_path / "c.pdf").exists()
    assert store.membership(view.uuid).card_prints == 0  # type: ignore[union-attr]


def test_receipt_payment_instructions_follow_the_data_file(store: Store, admin: UserInfo,
                                                           operator: UserInfo,
                                                           tmp_path: Path) -> None:
    key = enrol(store, admin, VILLAGE)
    draft = registrations.register(store, fields(), user=operator)
    out = tmp_path / "r.pdf"
    printouts.print_receipt(store, draft.local_ref, out, user=operator)
    text = pdf_text(out)
    assert "TANDA BUKTI PENDAFTARAN" in text
    assert "setelah nomor KPJ terbit" in text and "No. registrasi" not in text
    # the receipt's own number is labelled as such, and never given as a way to pay
    assert text.count(draft.local_ref) == 1 and f"No. tanda bukti: {draft.local_ref}" in text
    assert "referensi" not in text.lower()

    [view] = accepted(store, operator, key, nik="3216064508900077")
    make_member(store, view, key, seq=10, kpj=KPJ)
    printouts.print_receipt(store, view.local_ref, out, user=operator)
    text = " ".join(pdf_text(out).split())
    assert f"Bayar iuran dengan nomor KPJ {KPJ} melalui:" in text
    assert "aplikasi JMO (Jamsostek Mobile)" in text and "kantor cabang BPJS" in text
    assert "paling lambat tanggal 15" in text  # lifecycle.json's due day
    assert "No. registrasi" in text and "10000000017" in text and "setelah nomor KPJ" not in text

    sponsored = registrations.register(
        store, fields(nik="3216064508900088", funding="csr", sponsor_name="PT Maju Jaya"),
        user=operator)
    printouts.print_receipt(store, sponsored.local_ref, out, user=operator)
    text = " ".join(pdf_text(out).split())
    assert "Iuran Anda dibayar oleh PT Maju Jaya untuk periode yang tercatat." in text
    assert "melalui:" not in text


def test_a_member_card_read_back_says_its_state_as_of_its_day(store: Store, admin: UserInfo,
                                                              operator: UserInfo) -> None:
    from regdesk.domain.lifecycle import State
    from regdesk.services.membership import state_text

    key = enrol(store, admin, VILLAGE)
    [view] = accepted(store, operator, key)
    assert view.card_qr
    old = printouts.verify_card_text(store, view.card_qr)
    assert old.kpj is None and printouts.card_standing(store, old) is None
    grace = member_qr(view.card_qr, key, kpj=KPJ, state="grace",
                      paid_through=date(2026, 12, 31), as_of=date(2027, 1, 20))
    card = printouts.verify_card_text(store, grace)
    standing = printouts.card_standing(store, card)
    assert standing is not None and standing.state is State.GRACE
    assert standing.next_due == date(2027, 1, 15)
    assert state_text(standing, "id") == "Masa tenggang (jatuh tempo 15 Januari 2027)"
    assert long_day(date(2027, 1, 20), "id") == "20 Januari 2027"
    assert long_day(date(2027, 1, 20), "en") == "20 January 2027"
def test_receipt_data_names_the_second_occupation_when_set(store: Store,
                                                          operator: UserInfo) -> None:
    two = registrations.register(store, fields(second_occupation_code="ojek-pangkalan"),
                                 user=operator)
    data = printouts.receipt_data(store, two, operator)
    assert data.second_occupation_name == "Ojek pangkalan"
    one = registrations.register(store, fields(nik="3216064508900002"), user=operator)
    assert printouts.receipt_data(store, one, operator).second_occupation_name is None


@pytest.mark.parametrize("zone", ["WIB-7", "UTC0", "PST8PDT", "WIT-9"])
def test_receipt_and_card_carry_the_same_day_whatever_the_pc_zone(
        db_path: Path, zone: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Registered at 06.30 WIB on 2 December (1 December in UTC and in California): HQ
    dates the card in WIB, and the receipt says the same day on a PC set to any zone."""
    import time

    from tests.services.support import WIB

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    moment = datetime(2026, 12, 2, 6, 30, tzinfo=WIB)
    store = Store.open(db_path, clock=lambda: moment)
    try:
        admin = users.initialise(store, village=VILLAGE, admin="admin", password="rahasia-123",
                                 admin_name="Admin Desa")
        key = enrol(store, admin, VILLAGE)
        view = registrations.register(
            store, fields(consent_at="2026-12-02T06:00:00+07:00"), user=admin)
        hq_day = moment.astimezone(WIB).date()  # hq.runtime.today_wib() at acceptance
        view = accept(store, view, key, seq=1, number="10000000017", registered_on=hq_day)
        make_member(store, view, key, seq=2, kpj=KPJ)
        printouts.print_receipt(store, view.local_ref, tmp_path / "r.pdf", user=admin)
        printouts.print_cards(store, [store.get(view.uuid)], tmp_path / "c.pdf", stock="cr80",
                              user=admin)
        receipt, card = pdf_text(tmp_path / "r.pdf"), pdf_text(tmp_path / "c.pdf")
    finally:
        store.close()
    assert "Didaftarkan: 2 Desember 2026, 06.30 WIB" in receipt
    assert "2 Desember 2026" in card
    assert "1 Desember 2026" not in receipt + card
