"""HQ settings: where the database is and protocol limits."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from platformdirs import user_data_dir

ENV_DB = "REGDESK_HQ_DB"
DEFAULT_MAX_BATCH = 100
HARD_MAX_BATCH = 500
DEFAULT_CHANGES_LIMIT = 500
MAX_CHANGES_LIMIT = 5000


def db_url_from(text: str) -> str:
    """``--db`` as given: a database URL, or a path to a SQLite file (made absolute). A
    folder is refused with a ValueError naming it."""
    text = text.strip()
    if "://" in text:
        return text
    path = Path(text).expanduser().resolve()
    if path.is_dir():
        raise ValueError(f"--db {text}: is a folder; give a SQLite file path or a database URL")
    if not path.parent.is_dir():
        raise ValueError(f"--db {text}: folder {path.parent} does not exist")
    return f"sqlite:///{path}"


def shown_db_url(url: str) -> str:
    """The URL with any password hidden, for saying which database was opened."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL fails later with its own error
        return "(unparsable database URL)"


def default_db_url() -> str:
    """``$REGDESK_HQ_DB`` or a SQLite file in the platform user data dir "RegDesk-HQ"."""
    env = os.environ.get(ENV_DB)
    if env:
        return env
    path = Path(user_data_dir("RegDesk-HQ", appauthor=False)) / "hq.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


KiB, MiB = 1024, 1024 * 1024
ENV_PREFIX = "REGDESK_HQ_"


@dataclass(frozen=True)
class Limits:
    """What one request, one connection and one client may cost a worker.

    Each can be set from the environment: ``REGDESK_HQ_`` + the field name in capitals, e.g.
    ``REGDESK_HQ_RATE_ENROL=10/minute`` (see docs/hq-security.md). Rates are in the
    notation of the ``limits`` library: ``N/second|minute|hour|day``, several joined by
    ``;``. Counters are per worker process."""

    push_body: int = 16 * MiB  # bytes of a /push body, on the wire and inflated
    enrol_body: int = 4 * KiB  # bytes of an /enrol body
    other_body: int = 16 * KiB  # bytes of any other request's body
    body_timeout: float = 60.0  # seconds to receive a whole body
    header_timeout: float = 10.0  # seconds from connect (or the last answer) to full headers
    max_header_bytes: int = 16 * KiB  # request line and headers
    keep_alive: int = 5  # seconds an idle keep-alive connection stays open
    concurrency: int = 200  # connections/requests a worker serves at once (then 503)
    rate_api: str = "6000/minute"  # per device token: /push, /changes
    rate_enrol: str = "60/minute"  # per client address: /enrol
    rate_verify: str = "600/minute"  # per client address: /verify

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, int | float) and not value > 0:
                raise ValueError(f"{ENV_PREFIX}{f.name.upper()}: must be above 0")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        """Defaults, overridden by ``REGDESK_HQ_<FIELD>`` variables; a bad value is a
        ValueError naming the variable."""
        env = os.environ if env is None else env
        given: dict[str, object] = {}
        for f in fields(cls):
            name = f"{ENV_PREFIX}{f.name.upper()}"
            if name not in env:
                continue
            kind = type(f.default)
            try:
                given[f.name] = kind(env[name].strip())
            except ValueError:
                raise ValueError(f"{name}={env[name]!r}: not a {kind.__name__}") from None
        return cls(**given)  # type: ignore[arg-type]


def env_settings(env: Mapping[str, str] | None = None) -> dict[str, object]:
    """The Settings fields the environment sets: ``limits`` and ``docs``
    (``REGDESK_HQ_DOCS=1`` serves /docs and /redoc)."""
    env = os.environ if env is None else env
    return {"limits": Limits.from_env(env),
            "docs": env.get(f"{ENV_PREFIX}DOCS", "").strip().lower() in ("1", "true", "yes")}


@dataclass(frozen=True)
class Settings:
    """Everything the app factory needs; all state lives in the database."""

    db_url: str
    max_batch: int = DEFAULT_MAX_BATCH
    signing_key_file: Path | None = None
    limits: Limits = field(default_factory=Limits)
    docs: bool = False  # serve /docs and /redoc (REGDESK_HQ_DOCS=1); /openapi.json always

    def __post_init__(self) -> None:
        if not 1 <= self.max_batch <= HARD_MAX_BATCH:
            raise ValueError(f"max batch must be between 1 and {HARD_MAX_BATCH}")
