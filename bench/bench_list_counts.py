"""The count above the registrations list at 200k rows: what the list asks for once its
first page is in (``store.count(filters)`` for each filter the window offers, and the cost a
count of a search text would add), against the first page itself in the same run.

    .venv/bin/python bench/bench_list_counts.py [--rows 200000] [--repeat 20]

Prints one JSON document (milliseconds, p50/p95). The database is cached in the temp folder.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import build, summary

from regdesk.store import Store
from regdesk.store.search import Filters


def timed(fn, repeat: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return summary(samples)


def count_of_search(store: Store, text_: str, filters: Filters) -> int:
    """What counting a search would cost: every page of it, as the list would fetch."""
    total, offset = 0, 0
    while True:
        page = store.search(text_, filters=filters, offset=offset, limit=1000)
        total += len(page.rows)
        if not page.has_more:
            return total
        offset += 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    db = args.db or Path(tempfile.gettempdir()) / f"regdesk_counts_{args.rows}.sqlite3"
    build(db, args.rows)
    store = Store.open(db)
    try:
        today = store.clock().date()
        filters = {
            "all": Filters(),
            "status_pending": Filters(status="pending"),
            "status_needs_attention": Filters(status="needs_attention"),
            "last_30_days": Filters(date_from=today - timedelta(days=29)),
            "pending_last_7_days": Filters(status="pending",
                                           date_from=today - timedelta(days=6)),
        }
        result: dict[str, object] = {"rows": store.count()}
        result["count"] = {name: timed(lambda f=f: store.count(f), args.repeat)
                           for name, f in filters.items()}
        result["first_page"] = {name: timed(lambda f=f: store.search("", filters=f, limit=200),
                                            args.repeat) for name, f in filters.items()}
        texts = {"name_prefix_si": "si", "name_prefix_siti": "siti", "phone_part_0812": "0812"}
        result["first_page_of_search"] = {
            name: timed(lambda q=q: store.search(q, limit=200), args.repeat)
            for name, q in texts.items()}
        result["count_of_search_by_paging"] = {
            name: {**timed(lambda q=q: count_of_search(store, q, Filters()), 3),
                   "matches": count_of_search(store, q, Filters())}
            for name, q in texts.items()}
    finally:
        store.close()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
