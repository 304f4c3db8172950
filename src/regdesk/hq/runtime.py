"""The per-process HQ runtime: engine, migrations, seed, signing key, caches."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import Engine

from regdesk.domain.regions import RegionTable
from regdesk.hq import master, programmes
from regdesk.hq.db import make_engine
from regdesk.hq.ingest import Ingestor
from regdesk.hq.keys import load_signing_key
from regdesk.hq.membership import Feed
from regdesk.hq.migrate import upgrade
from regdesk.hq.settings import Settings
from regdesk.transfer.signing import public_key_of

WIB = timezone(timedelta(hours=7), "WIB")


def today_wib() -> date:
    """Today in Western Indonesia Time (what validation calls "today")."""
    return datetime.now(WIB).date()


class _RegionNames(Mapping[str, str]):
    """A region table read as ``{code: name}`` (only ``get`` is used)."""

    def __init__(self, regions: RegionTable) -> None:
        self._regions = regions

    def __getitem__(self, code: str) -> str:
        name = self._regions.name(code)
        if name is None:
            raise KeyError(code)
        return name

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    signing_key: bytes
    master_cursor: int
    contexts: master.ContextCache
    ingestor: Ingestor
    today: Callable[[], date] = field(default=today_wib)

    @property
    def public_key(self) -> bytes:
        return public_key_of(self.signing_key)

    @classmethod
    def open(cls, settings: Settings, *, warm: bool = True) -> Runtime:
        """Connect, migrate, seed master data on first start, load the signing key.
        ``warm``: build the validation context now (a server); the CLI's commands build it
        on first use, if they use it at all (the BPJS Ketenagakerjaan imports do not)."""
        engine = make_engine(settings.db_url)
        upgrade(engine)
        cursor = master.seed_if_empty(engine)
        programmes.seed_funding_sources(engine)
        key = load_signing_key(engine, settings.signing_key_file)
        contexts = master.ContextCache(engine)
        if warm:
            contexts.get()  # build the ~91k-region validation context now, not on first push
        return cls(settings, engine, key, cursor, contexts, Ingestor(engine, key))

    def membership_feed(self) -> Feed:
        """What ``membership`` changes need: HQ's day, the card key, region names."""
        regions = self.contexts.get().regions
        return Feed(self.today(), self.signing_key, _RegionNames(regions))

    def close(self) -> None:
        self.engine.dispose()
