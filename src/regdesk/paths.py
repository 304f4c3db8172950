"""Where RegDesk finds its resources and keeps its data (platformdirs), with overrides."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "RegDesk"
APP_AUTHOR = "RegDesk"


@cache
def resources_dir() -> Path:
    """The ``resources/`` folder: env override, PyInstaller bundle, wheel, or source tree."""
    override = os.environ.get("REGDESK_RESOURCES")
    candidates = [Path(override)] if override else []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here / "_resources", here.parents[1] / "resources"]
    for candidate in candidates:
        if (candidate / "data").is_dir():
            return candidate
    raise FileNotFoundError("RegDesk resources folder not found (set REGDESK_RESOURCES)")


def data_dir() -> Path:
    """Per-user data folder (database, backups by default). ``REGDESK_HOME`` overrides."""
    home = os.environ.get("REGDESK_HOME")
    path = Path(home) if home else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = os.environ.get("REGDESK_HOME")
    path = Path(home) / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    """``REGDESK_DB`` if set, else ``regdesk.sqlite3`` in the user data folder."""
    env = os.environ.get("REGDESK_DB")
    return Path(env) if env else data_dir() / "regdesk.sqlite3"
