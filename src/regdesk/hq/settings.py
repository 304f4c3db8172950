"""HQ settings: where the database is and protocol limits."""

from __future__ import annotations

import os
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Settings:
    """Everything the app factory needs; all state lives in the database."""

    db_url: str
    max_batch: int = DEFAULT_MAX_BATCH
    signing_key_file: Path | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.max_batch <= HARD_MAX_BATCH:
            raise ValueError(f"max batch must be between 1 and {HARD_MAX_BATCH}")
