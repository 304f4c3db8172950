"""Long jobs beside saves (#15 §3). Prints one JSON document:

- save p95 alone, then save p95 while a month recap of every row runs on another thread,
  then while a card run of ``--cards`` members does (the GUI's job pool does the same; goal
  ≤ 2× alone); each job is cancelled once the saves beside it are done;
- the recap's and the card run's time and peak RSS, each measured whole in a child process
  of its own.

The database is bench/bench_store.py's ``build`` (cached); the first ``--cards`` rows are
then made members the way HQ does it (accepted with a signed card, then a membership with a
KPJ and HQ's version 2 card), through the same pulled changes the sync engine applies:

    python bench/bench_longjobs.py --rows 1000000 --db /tmp/regdesk-bench-1m.sqlite3
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_store import VILLAGE, build, fresh_registrations, summary

from regdesk.domain.cardpayload import CardPayload
from regdesk.domain.masking import mask_nik
from regdesk.services.jobs import Cancelled, Job
from regdesk.services.printouts import Period, print_cards, print_recap
from regdesk.store import Store, sync_state
from regdesk.transfer.signing import (
    encode_public_key,
    generate_private_key,
    public_key_of,
    sign_card,
)

STOCK = "a4-10"


def _pull(store: Store, changes: list[dict[str, object]]) -> None:
    with store.write() as session:
        cursor = sync_state.get_cursor(session) + len(changes)
        sync_state.apply_changes(session, changes, next_cursor=cursor, now=store.clock())


def make_members(db: Path, n: int) -> None:
    """The first ``n`` registrations accepted by HQ and made members with a KPJ (cached)."""
    store = Store.open(db)
    if store.count_ready_for_cards() >= n:
        store.close()
        return
    admin = store.user("admin")
    assert admin is not None
    key = generate_private_key()
    device = sync_state.Device(device_id="dev-bench", hq_url="http://127.0.0.1:9",
                               village_code=VILLAGE,
                               signing_public_key=encode_public_key(public_key_of(key)),
                               enrolled_at="2026-11-01T08:00:00+07:00")
    with store.write() as session:
        sync_state.set_device(session, device, cursor=0, actor="admin", now=store.clock())
    with store.read() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT uuid, payload FROM registration ORDER BY seq LIMIT ?", (n,)).all()
    day = store.clock().date()
    for start in range(0, len(rows), 2_000):
        accepted, members = [], []
        for i, (uuid, text) in enumerate(rows[start:start + 2_000], start=start):
            reg = json.loads(text)
            number, kpj = f"{20000000000 + i:011d}", f"23{i:09d}"
            card = CardPayload(member_number=number, name=reg["full_name"],
                               nik_masked=mask_nik(reg["nik"]),
                               programmes=("JKK", "JKM", "JHT") if reg.get("jht")
                               else ("JKK", "JKM"),
                               village_code=VILLAGE, village_name="Setiamekar",
                               registered_on=day, valid_from=day)
            accepted.append({"kind": "registration", "seq": 2 * i + 1, "uuid": uuid,
                             "status": "accepted", "member_number": number,
                             "card_qr": sign_card(card, key)})
            v2 = CardPayload(**{**card.__dict__, "kpj": kpj, "state": "waiting_for_payment",
                                "as_of": day})
            members.append({"kind": "membership", "seq": 2 * i + 2, "uuid": uuid,
                            "registration_number": number, "kpj": kpj, "payments": [],
                            "state": "waiting_for_payment", "as_of": day.isoformat(),
                            "card_qr": sign_card(v2, key)})
        _pull(store, accepted)
        _pull(store, members)
    store.close()


def saves(store: Store, n: int, seed: int) -> list[float]:
    """``n`` saves, 20 ms apart, timed one by one (the registrations are made first)."""
    admin = store.user("admin")
    assert admin is not None
    with store.read() as session:
        taken = {r[0] for r in session.connection().exec_driver_sql(
            "SELECT nik FROM registration")}
    out = []
    for reg in fresh_registrations(n, seed, taken):
        t = time.perf_counter()
        store.add(reg, user=admin, confirmed_warnings=["postal_code.mismatch"])
        out.append(time.perf_counter() - t)
        time.sleep(0.02)  # a clerk does not save back to back
    return out


def child(db: Path, kind: str, out: Path) -> None:
    store = Store.open(db)
    admin = store.user("admin")
    assert admin is not None
    month = store.clock().strftime("%Y-%m")
    t = time.perf_counter()
    if kind == "recap":
        count = print_recap(store, Period.month(month), out, user=admin).total_registrations
    else:
        counted: list[int] = []
        print_cards(store, None, out, stock=STOCK, user=admin,
                    progress=lambda done, _total: counted.append(done))
        count = counted[-1]
    seconds = time.perf_counter() - t
    print(json.dumps({"seconds": round(seconds, 1),
                      "rows" if kind == "recap" else "cards": count,
                      "seconds_per_1m": round(seconds / max(1, count) * 1e6, 1),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                                           / 1024, 1),
                      "pdf_mb": round(out.stat().st_size / 1e6, 1)}))


def alone(db: Path, kind: str, out: Path) -> dict[str, object]:
    result: dict[str, object] = json.loads(subprocess.run(
        [sys.executable, __file__, "--db", str(db), "--child", kind, "--out", str(out)],
        check=True, capture_output=True, text=True).stdout)
    return result


def during(store: Store, run: object, n: int, seed: int) -> list[float]:
    """Saves while ``run(job)`` goes on in another thread; the job is cancelled after."""
    job = Job()
    done = threading.Event()

    def work() -> None:
        with contextlib.suppress(Cancelled):
            run(job)  # type: ignore[operator]
        done.set()

    admin = store.user("admin")
    assert admin is not None
    with store.read() as session:
        taken = {r[0] for r in session.connection().exec_driver_sql(
            "SELECT nik FROM registration")}
    ready = iter(fresh_registrations(n, seed, taken))  # made before: only saves run beside
    thread = threading.Thread(target=work)
    thread.start()
    time.sleep(1.0)  # the job is reading and drawing
    out: list[float] = []
    while not done.is_set() and len(out) < n:
        t = time.perf_counter()
        store.add(next(ready), user=admin, confirmed_warnings=["postal_code.mismatch"])
        out.append(time.perf_counter() - t)
        time.sleep(0.02)  # a clerk does not save back to back
    job.cancel()
    thread.join()
    return out


def _loadavg() -> float | None:
    """The 1-minute load average (Linux), printed beside the figures: on a shared PC the
    ratios are what to compare."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except OSError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir())
                        / "regdesk-bench-200k.sqlite3")
    parser.add_argument("--saves", type=int, default=100)
    parser.add_argument("--child", choices=("recap", "cards"))
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.db, args.child, args.out)
        return
    build(args.db, args.rows)
    make_members(args.db, args.cards)
    load_before = _loadavg()
    with tempfile.TemporaryDirectory() as tmp:
        recap = alone(args.db, "recap", Path(tmp) / "r.pdf")
        cards = alone(args.db, "cards", Path(tmp) / "c.pdf")
        store = Store.open(args.db)
        store.context()
        admin = store.user("admin")
        assert admin is not None
        month = store.clock().strftime("%Y-%m")
        save_alone = saves(store, args.saves, seed=9_001)
        beside_recap = during(store, lambda job: print_recap(
            store, Period.month(month), Path(tmp) / "beside.pdf", user=admin, job=job),
            args.saves, seed=10_000)
        beside_cards = during(store, lambda job: print_cards(
            store, None, Path(tmp) / "cards.pdf", stock=STOCK, user=admin, job=job),
            args.saves, seed=20_000)
        store.close()
    a, r, c = summary(save_alone), summary(beside_recap), summary(beside_cards)
    print(json.dumps({"benchmark": "longjobs", "rows_in_db": args.rows, "village": VILLAGE,
                      "save_alone": a, "save_during_recap": r,
                      "saves_during_recap": len(beside_recap),
                      "save_during_card_run": c, "saves_during_card_run": len(beside_cards),
                      "ratio_p95_recap": round(r["p95_ms"] / a["p95_ms"], 2),
                      "ratio_p95_card_run": round(c["p95_ms"] / a["p95_ms"], 2),
                      "recap": recap, "card_run": cards,
                      "loadavg_1min": {"start": load_before, "end": _loadavg()},
                      "targets": {"ratio_p95_max": 2, "recap_seconds_at_1m": 60,
                                  "recap_peak_rss_mb": 300}}, indent=2))


if __name__ == "__main__":
    main()
