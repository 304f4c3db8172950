"""``regdesk-hq import-members`` / ``import-payments`` and the ``membership`` changes, on
SQLite and PostgreSQL: matching, idempotency, all-or-nothing, problems named by file, row and
column, fee warnings with the expected amount, and what the owning desk pulls."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from regdesk.hq import membership
from regdesk.hq.cli import main
from regdesk.hq.tables import T_IMPORT_RUN, T_MEMBERSHIP, T_PAYMENT
from regdesk.transfer.signing import decode_public_key, verify_card

from .conftest import enrol_desk
from .factories import OTHER_VILLAGE, batch, record

KPJ_BASE = 23_000_000_000


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")  # as Excel in an Indonesian locale saves it
        w.writerow(header)
        w.writerows(rows)
    return path


def _accepted(desk, new_registration, n=2, **kw):
    regs = [new_registration(**kw) for _ in range(n)]
    recs = [record(r) for r in regs]
    results = desk.push(batch(recs)).json()["results"]
    assert [r["outcome"] for r in results] == ["accepted"] * n
    return [(rec["uuid"], reg["nik"], res["member_number"])
            for rec, reg, res in zip(recs, regs, results, strict=True)]


_kpj_serial = iter(range(1, 10_000))


def _kpj() -> str:
    return str(KPJ_BASE + next(_kpj_serial) * 7)


def _run(db_url, *args, capsys):
    code = main(["--db", db_url, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _counts(db_url, capsys, *args):
    code, out, err = _run(db_url, *args, "--json", capsys=capsys)
    return code, json.loads(out), err


def test_members_by_nik_then_registration_number_unmatched_reported_reimport_changes_nothing(
        db_url, hq_runtime, desk, new_registration, tmp_path, capsys):
    (u1, nik1, _), (u2, _nik2, number2) = _accepted(desk, new_registration)
    k1, k2 = _kpj(), _kpj()
    path = _write_csv(tmp_path / "peserta.csv", ["No", "NIK", "No. Registrasi", "No KPJ"], [
        [1, nik1, "", k1],
        [2, "", number2, k2],
        [3, "3216064508990999", "", _kpj()],  # nobody at HQ
    ])
    code, dry, _ = _counts(db_url, capsys, "import-members", str(path), "--dry-run")
    assert code == 0 and (dry["applied"], dry["unmatched"], dry["written"]) == (2, 1, False)
    with hq_runtime.engine.connect() as conn:
        assert conn.execute(select(T_MEMBERSHIP).where(
            T_MEMBERSHIP.c.uuid.in_([u1, u2]))).all() == []
    code, first, _ = _counts(db_url, capsys, "import-members", str(path))
    assert code == 0 and (first["applied"], first["unmatched"], first["written"]) == (2, 1, True)
    assert [p["row"] for p in first["problems"]] == [4]  # the unmatched row is reported
    with hq_runtime.engine.connect() as conn:
        kpjs = dict(conn.execute(select(T_MEMBERSHIP.c.uuid, T_MEMBERSHIP.c.kpj)
                                 .where(T_MEMBERSHIP.c.uuid.in_([u1, u2]))).all())
        seqs = conn.execute(select(func.max(T_MEMBERSHIP.c.seq))).scalar()
    assert kpjs == {u1: k1, u2: k2}
    code, again, _ = _counts(db_url, capsys, "import-members", str(path))
    assert code == 0 and (again["applied"], again["unchanged"]) == (0, 2)
    with hq_runtime.engine.connect() as conn:
        assert conn.execute(select(func.max(T_MEMBERSHIP.c.seq))).scalar() == seqs
        runs = conn.execute(select(T_IMPORT_RUN.c.kind, T_IMPORT_RUN.c.file_sha256)
                            .where(T_IMPORT_RUN.c.file_sha256 == first["sha256"])).all()
    assert len(runs) == 2 and {r.kind for r in runs} == {"members"}


def test_member_file_with_a_bad_row_writes_nothing_and_names_file_row_column(
        db_url, hq_runtime, desk, new_registration, tmp_path, capsys):
    (u1, nik1, _), (u2, nik2, _) = _accepted(desk, new_registration)
    path = _write_csv(tmp_path / "peserta-salah.csv", ["NIK", "KPJ"],
                      [[nik1, _kpj()], [nik2, "12345"]])
    report = tmp_path / "masalah.xlsx"
    code, out, err = _run(db_url, "import-members", str(path), "--report", str(report),
                          capsys=capsys)
    assert code == 1 and "NOTHING written" in out
    assert "peserta-salah.csv: row 3, column 'KPJ': error:" in err
    assert "[membership.digits]" in err and nik2 not in err  # no personal data in errors
    with hq_runtime.engine.connect() as conn:
        assert conn.execute(select(T_MEMBERSHIP).where(
            T_MEMBERSHIP.c.uuid.in_([u1, u2]))).all() == []
    ws = openpyxl.load_workbook(report).active
    texts = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    assert any("KPJ harus 11 angka" in str(t) for t in texts)


def _members(db_url, tmp_path, capsys, people):
    rows = [[nik, kpj] for (_, nik, _), kpj in people]
    path = _write_csv(tmp_path / f"peserta-{people[0][1]}.csv", ["NIK", "KPJ"], rows)
    code, _out, err = _run(db_url, "import-members", str(path), capsys=capsys)
    assert code == 0, err


def test_payments_xlsx_fee_warning_idempotent_and_only_paid_months_active(
        db_url, hq_runtime, desk, new_registration, tmp_path, capsys):
    (u1, nik1, _), (u2, nik2, _) = _accepted(desk, new_registration)
    k1, k2 = _kpj(), _kpj()
    _members(db_url, tmp_path, capsys, [((u1, nik1, None), k1), ((u2, nik2, None), k2)])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DATA PEMBAYARAN IURAN BPU"])  # a title row above the headers
    ws.append(["No KPJ", "NIK", "Bulan Awal", "Bulan Akhir", "Jumlah Iuran", "Kanal",
               "No Referensi", "Tanggal Bayar"])
    # 2026-09..11, non-transport, PP 50/2025 window: 3 x (10.000 + 6.800) / 2 = 25.200
    ws.append([k1, None, date(2026, 9, 1), "2026-11", 25_200, "Kantor Pos", "R-1",
               date(2026, 9, 10)])
    ws.append([None, nik2, "Juli 2026", "07/2026", "Rp 16.800", "Indomaret", "R-2",
               "2026-07-14"])
    path = tmp_path / "iuran.xlsx"
    wb.save(path)
    code, first, err = _counts(db_url, capsys, "import-payments", str(path))
    assert code == 0 and (first["applied"], first["warnings"]) == (2, 1), err
    (warn,) = [p for p in first["problems"] if p["severity"] == "warning"]
    assert (warn["row"], warn["column"], warn["code"]) == (4, "Jumlah Iuran",
                                                           "payment.amount_differs")
    assert warn["params"] == {"expected": 8_400, "amount": 16_800}  # July: 50% too
    code, again, _ = _counts(db_url, capsys, "import-payments", str(path))
    assert code == 0 and (again["applied"], again["unchanged"]) == (0, 2)
    with hq_runtime.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(T_PAYMENT)
                            .where(T_PAYMENT.c.uuid.in_([u1, u2]))).scalar() == 2
    seen = {c["uuid"]: c for c in _all_changes(desk) if c["kind"] == "membership"}
    assert seen[u1]["state"] == "active" and seen[u1]["paid_through"] == "2026-11-30"
    assert seen[u1]["next_due"] == "2026-12-15" and seen[u1]["kpj"] == k1
    # July paid only: August, September, October unpaid by 25 November → inactive
    assert seen[u2]["state"] == "inactive" and seen[u2]["paid_through"] == "2026-07-31"
    card = verify_card(seen[u1]["card_qr"], decode_public_key(desk.public_key))
    assert (card.kpj, card.state, card.paid_through) == (k1, "active", date(2026, 11, 30))


def test_payment_rows_unmatched_or_bad_are_reported_and_nothing_half_written(
        db_url, hq_runtime, desk, new_registration, tmp_path, capsys):
    ((u1, nik1, _),) = _accepted(desk, new_registration, n=1)
    _members(db_url, tmp_path, capsys, [((u1, nik1, None), _kpj())])
    path = _write_csv(tmp_path / "iuran-salah.csv",
                      ["NIK", "Bulan Awal", "Bulan Akhir", "Jumlah", "Tanggal Bayar"], [
                          [nik1, "2026-10", "2026-10", 8_400, "2026-10-15"],
                          ["3216064508990998", "2026-10", "2026-10", 8_400, "2026-10-15"],
                          [nik1, "2026-11", "2026-09", 8_400, "2026-11-02"]])
    code, result, _err = _counts(db_url, capsys, "import-payments", str(path))
    assert code == 1 and not result["written"]
    assert (result["applied"], result["unmatched"], result["errors"]) == (1, 1, 1)
    assert {(p["row"], p["code"]) for p in result["problems"]} == {
        (3, "membership.unmatched"), (4, "payment.months_reversed")}
    with hq_runtime.engine.connect() as conn:
        assert conn.execute(select(T_PAYMENT).where(T_PAYMENT.c.uuid == u1)).all() == []


def test_membership_goes_to_the_owning_village_even_after_own_push_not_to_others(
        hq_server, hq_runtime, desk, new_registration, db_url, tmp_path, capsys):
    other = enrol_desk(hq_server, hq_runtime, OTHER_VILLAGE)
    ((u1, nik1, number1),) = _accepted(desk, new_registration, n=1)
    kpj = _kpj()
    _members(db_url, tmp_path, capsys, [((u1, nik1, None), kpj)])
    mine = [c for c in _all_changes(desk) if c.get("uuid") == u1]
    assert [c["kind"] for c in mine] == ["membership"]  # the registration itself: an echo
    assert (mine[0]["registration_number"], mine[0]["state"]) == (number1,
                                                                  "waiting_for_payment")
    assert not [c for c in _all_changes(other) if c.get("uuid") == u1]


def _all_changes(desk, limit=500):
    since, out = desk.master_cursor, []  # a desk starts where its enrolment left it
    for _ in range(1000):
        page = desk.changes(since, limit).json()
        out.extend(page["changes"])
        since = page["next_cursor"]
        if not page["more"]:
            return out
    raise AssertionError("changes never ended")


def test_paging_across_kinds_loses_nothing_and_repeats_nothing(
        hq_server, hq_runtime, desk, new_registration, db_url, tmp_path, capsys):
    pusher = enrol_desk(hq_server, hq_runtime)  # another desk of the same village
    people = _accepted(pusher, new_registration, n=7)
    _members(db_url, tmp_path, capsys, [(p, _kpj()) for p in people[:5]])
    lifecycle_seq = membership.set_lifecycle(hq_runtime.engine, {"rules": [
        {"valid_from": "2015-07-01", "valid_to": None, "due_day": 15,
         "inactive_after_overdue_months": 3}]})
    from regdesk.hq import master

    master.import_regions(hq_runtime.engine, [("32.16.06.2999", "Desa Uji Paging", None)])
    whole = _all_changes(desk, limit=500)
    paged = _all_changes(desk, limit=3)
    key = [(c["kind"], c["seq"]) for c in whole]
    assert [(c["kind"], c["seq"]) for c in paged] == key
    assert len(set(key)) == len(key)
    assert ("lifecycle", lifecycle_seq) in key
    kinds = {c["kind"] for c in whole}
    assert {"registration", "membership", "lifecycle", "region"} <= kinds
    assert [s for _, s in key] == sorted(s for _, s in key)


def test_local_authority_issues_kpj_format_numbers_at_acceptance(
        hq_runtime, desk, new_registration, db_url, capsys):
    from regdesk.hq.numbers import is_valid_registration_number

    assert main(["--db", db_url, "setting", "membership_authority", "local"]) == 0
    try:
        ((u1, _nik, number),) = _accepted(desk, new_registration, n=1)
    finally:
        membership.set_authority(hq_runtime.engine, "bpjstk-file")
    with hq_runtime.engine.connect() as conn:
        kpj = conn.execute(select(T_MEMBERSHIP.c.kpj).where(T_MEMBERSHIP.c.uuid == u1)).scalar()
    assert kpj is not None and len(kpj) == 11 and kpj.startswith("9") and kpj != number
    assert is_valid_registration_number(kpj)  # the same Luhn check digit (stdnum)
    change = [c for c in _all_changes(desk) if c.get("uuid") == u1]
    assert [(c["kind"], c["kpj"]) for c in change] == [("membership", kpj)]
    assert main(["--db", db_url, "setting", "membership_authority", "bogus"]) == 1
    assert "must be one of bpjstk-file, local" in capsys.readouterr().err


@pytest.mark.parametrize("text, expected", [
    ("2026-04", date(2026, 4, 1)), ("04/2026", date(2026, 4, 1)),
    ("April 2026", date(2026, 4, 1)), ("Agt 2026", date(2026, 8, 1)),
    ("17-08-2026", date(2026, 8, 1)), (46_143, date(2026, 5, 1)),
])
def test_month_cells(text, expected):
    from regdesk.tabular.dates import parse_month_cell

    assert parse_month_cell(text, field="first_month") == (expected, [])


def test_month_cells_refused():
    from regdesk.tabular.dates import parse_month_cell

    for text in ("13/2026", "Apr 26", "sometime"):
        day, problems = parse_month_cell(text, field="first_month")
        assert day is None and problems, text


@pytest.fixture
def tiny_chunks(monkeypatch):
    """Chunks of 2 rows and IN lists of 2 values: every file below spans several chunks."""
    from regdesk.hq import bpjstk_import

    monkeypatch.setattr(bpjstk_import, "CHUNK_ROWS", 2)
    monkeypatch.setattr(bpjstk_import, "_IN_MAX", 2)


def _max_seq(hq_runtime, uuids):
    with hq_runtime.engine.connect() as conn:
        return dict(conn.execute(select(T_MEMBERSHIP.c.uuid, T_MEMBERSHIP.c.seq)
                                 .where(T_MEMBERSHIP.c.uuid.in_(uuids))).all())


def _payments_of(hq_runtime, uuids):
    with hq_runtime.engine.connect() as conn:
        return conn.execute(select(T_PAYMENT.c.uuid, T_PAYMENT.c.reference, T_PAYMENT.c.amount)
                            .where(T_PAYMENT.c.uuid.in_(uuids))
                            .order_by(T_PAYMENT.c.reference)).all()


PAY_HEADER = ["No KPJ", "Bulan Awal", "Bulan Akhir", "Jumlah", "Referensi", "Tanggal Bayar"]


def test_payments_across_chunks_duplicates_warnings_unmatched_and_reimport(
        db_url, hq_runtime, desk, new_registration, tmp_path, capsys, tiny_chunks):
    people = _accepted(desk, new_registration, n=4)
    kpjs = [_kpj() for _ in people]
    _members(db_url, tmp_path, capsys, list(zip(people, kpjs, strict=True)))
    uuids = [u for u, _, _ in people]
    path = _write_csv(tmp_path / "iuran-panjang.csv", PAY_HEADER, [
        [kpjs[0], "2026-10", "2026-10", 8_400, "R-1", "2026-10-15"],
        [kpjs[1], "2026-10", "2026-10", 8_400, "R-2", "2026-10-15"],
        [kpjs[2], "2026-10", "2026-10", 9_999, "R-3", "2026-10-15"],  # fee warning
        [kpjs[0], "2026-10", "2026-10", 8_400, "R-1", "2026-10-15"],  # same payment again
        [kpjs[3], "2026-10", "2026-10", 8_400, "R-4", "2026-10-15"],
        ["99999999999", "2026-10", "2026-10", 8_400, "R-5", "2026-10-15"],  # nobody
    ])
    code, dry, _ = _counts(db_url, capsys, "import-payments", str(path), "--dry-run")
    assert code == 0 and not dry["written"] and _payments_of(hq_runtime, uuids) == []
    before = _max_seq(hq_runtime, uuids)
    code, first, err = _counts(db_url, capsys, "import-payments", str(path))
    assert code == 0 and first["written"], err
    counts = {k: first[k] for k in ("rows", "applied", "unchanged", "unmatched", "errors",
                                    "warnings", "memberships_changed")}
    assert counts == {"rows": 6, "applied": 4, "unchanged": 1, "unmatched": 1, "errors": 0,
                      "warnings": 1, "memberships_changed": 4}
    assert counts == {k: dry[k] for k in counts if k != "memberships_changed"} | {
        "memberships_changed": 4}  # the dry run judged every row the same way
    assert [(p["row"], p["code"]) for p in first["problems"]] == [
        (4, "payment.amount_differs"), (7, "membership.unmatched")]
    assert [(r.reference, r.amount) for r in _payments_of(hq_runtime, uuids)] == [
        ("R-1", 8_400), ("R-2", 8_400), ("R-3", 9_999), ("R-4", 8_400)]
    moved = _max_seq(hq_runtime, uuids)
    assert all(moved[u] > before[u] for u in uuids) and len(set(moved.values())) == 4
    code, again, _ = _counts(db_url, capsys, "import-payments", str(path))
    assert code == 0 and (again["applied"], again["unchanged"], again["unmatched"]) == (0, 5, 1)
    assert again["memberships_changed"] == 0 and _max_seq(hq_runtime, uuids) == moved
    assert len(_payments_of(hq_runtime, uuids)) == 4


def test_payment_error_in_a_late_chunk_writes_nothing_at_all(
        db_url, hq_runtime, desk, new_registration, tmp_path, capsys, tiny_chunks):
    people = _accepted(desk, new_registration, n=3)
    kpjs = [_kpj() for _ in people]
    _members(db_url, tmp_path, capsys, list(zip(people, kpjs, strict=True)))
    uuids = [u for u, _, _ in people]
    before = _max_seq(hq_runtime, uuids)
    path = _write_csv(tmp_path / "iuran-akhir-salah.csv", PAY_HEADER, [
        [kpjs[0], "2026-10", "2026-10", 8_400, "R-1", "2026-10-15"],
        [kpjs[1], "2026-10", "2026-10", 8_400, "R-2", "2026-10-15"],
        [kpjs[2], "2026-10", "2026-10", 8_400, "R-3", "2026-10-15"],
        [kpjs[1], "2026-11", "2026-11", 8_400, "R-6", "2026-11-02"],
        [kpjs[0], "2026-10", "2026-10", 16_800, "R-1", "2026-10-15"],  # R-1 again, other sum
    ])
    report = tmp_path / "masalah-iuran.xlsx"
    code, out, err = _run(db_url, "import-payments", str(path), "--report", str(report),
                          capsys=capsys)
    assert code == 1 and "NOTHING written" in out
    assert "iuran-akhir-salah.csv: row 6, column 'Jumlah': error:" in err
    assert "[payment.conflicting_amount]" in err
    assert _payments_of(hq_runtime, uuids) == [] and _max_seq(hq_runtime, uuids) == before
    with hq_runtime.engine.connect() as conn:
        assert conn.execute(select(T_IMPORT_RUN).where(
            T_IMPORT_RUN.c.file_name == path.name)).all() == []
    ws = openpyxl.load_workbook(report).active
    rows = [r for r in ws.iter_rows(values_only=True)]
    assert any(kpjs[0] in [str(c) for c in r] and "16800" in [str(c) for c in r] for r in rows)


def test_members_across_chunks_repeated_kpj_then_apply_then_end(
        db_url, hq_runtime, desk, new_registration, tmp_path, capsys, tiny_chunks):
    (u1, nik1, _), (u2, nik2, _), (u3, _nik3, number3) = _accepted(desk, new_registration, n=3)
    k1, k2, k3 = _kpj(), _kpj(), _kpj()
    header = ["NIK", "No Registrasi", "KPJ", "Tanggal Berhenti", "Alasan"]
    bad = _write_csv(tmp_path / "peserta-ulang.csv", header, [
        [nik1, "", k1, "", ""], [nik2, "", k2, "", ""], ["", number3, k1, "", ""]])
    code, result, _ = _counts(db_url, capsys, "import-members", str(bad))
    assert code == 1 and not result["written"]
    assert [(p["row"], p["code"], p["params"]) for p in result["problems"]] == [
        (4, "membership.kpj_repeated", {"row": 2})]
    assert _max_seq(hq_runtime, [u1, u2, u3]) == {}  # nothing written, not even the good rows
    good = _write_csv(tmp_path / "peserta-baik.csv", header, [
        [nik1, "", k1, "", ""], [nik2, "", k2, "", ""], ["", number3, k3, "", ""]])
    code, result, _ = _counts(db_url, capsys, "import-members", str(good))
    assert code == 0 and (result["applied"], result["memberships_changed"]) == (3, 3)
    seqs = _max_seq(hq_runtime, [u1, u2, u3])
    ended = _write_csv(tmp_path / "peserta-berhenti.csv", header, [
        [nik1, "", k1, "", ""], [nik2, "", k2, "2026-10-31", "meninggal"],
        ["", number3, k3, "", ""]])
    code, result, _ = _counts(db_url, capsys, "import-members", str(ended))
    assert code == 0 and (result["applied"], result["unchanged"]) == (1, 2)
    after = _max_seq(hq_runtime, [u1, u2, u3])
    assert after[u1] == seqs[u1] and after[u3] == seqs[u3] and after[u2] > max(seqs.values())
    with hq_runtime.engine.connect() as conn:
        rows = {r.uuid: r for r in conn.execute(select(T_MEMBERSHIP).where(
            T_MEMBERSHIP.c.uuid.in_([u1, u2, u3])))}
    assert {u: r.kpj for u, r in rows.items()} == {u1: k1, u2: k2, u3: k3}
    assert (rows[u2].ended_on, rows[u2].ended_reason) == (date(2026, 10, 31), "died")
    assert rows[u1].ended_on is None


def test_damage_part_way_through_the_file_names_it_and_writes_nothing(
        db_url, hq_runtime, desk, new_registration, tmp_path, capsys, tiny_chunks):
    import csv as csv_module

    people = _accepted(desk, new_registration, n=2)
    kpjs = [_kpj() for _ in people]
    _members(db_url, tmp_path, capsys, list(zip(people, kpjs, strict=True)))
    uuids = [u for u, _, _ in people]
    before = _max_seq(hq_runtime, uuids)
    too_long = "x" * (csv_module.field_size_limit() + 10)
    path = _write_csv(tmp_path / "iuran-rusak.csv", PAY_HEADER, [
        [kpjs[0], "2026-10", "2026-10", 8_400, "R-1", "2026-10-15"],
        [kpjs[1], "2026-10", "2026-10", 8_400, "R-2", "2026-10-15"],
        [kpjs[0], "2026-11", "2026-11", 8_400, "R-3", "2026-11-02"],
        [kpjs[1], "2026-11", "2026-11", 8_400, too_long, "2026-11-02"],  # the 3rd chunk
    ])
    code, out, err = _run(db_url, "import-payments", str(path), capsys=capsys)
    assert code == 1 and "iuran-rusak.csv: import.csv_malformed" in err
    assert "Traceback" not in err and out == ""
    assert _payments_of(hq_runtime, uuids) == [] and _max_seq(hq_runtime, uuids) == before
