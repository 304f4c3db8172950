"""Where RegDesk finds its resources and keeps its data (platformdirs), with overrides."""

from __future__ import annotations

import configparser
import os
import sys
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "RegDesk"
APP_AUTHOR = "RegDesk"
INSTALL_SETTINGS = "regdesk.ini"  # written by the installer (installer/regdesk.iss)


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


def home_dir() -> Path | None:
    """The configured data folder, if any: ``REGDESK_HOME``, else the ``home`` of the
    ``[data]`` section of ``regdesk.ini`` beside the installed executable (the installer's
    "all users" choice, e.g. ``C:\\ProgramData\\RegDesk``; ``%VARS%`` expanded). ``None``
    means the per-user platform folders."""
    home = os.environ.get("REGDESK_HOME")
    if home:
        return Path(home)
    ini = install_settings_file()
    if ini is None or not ini.is_file():
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(ini, encoding="utf-8-sig")
    except configparser.Error:
        return None
    configured = parser.get("data", "home", fallback="").strip()
    return Path(os.path.expandvars(configured)) if configured else None


def shared_by_all_users() -> bool:
    """Whether the installer put the data in one folder for every Windows account (then
    secrets such as the device token belong in that folder, not one user's keyring)."""
    if os.environ.get("REGDESK_HOME"):
        return False
    return home_dir() is not None


def install_settings_file() -> Path | None:
    """``regdesk.ini`` beside the executable of an installed bundle; ``None`` otherwise."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent / INSTALL_SETTINGS


def _own_folder(path: Path) -> Path:
    """Create a folder of the desk's, owner-only (0700) where the OS has POSIX permissions;
    an existing folder keeps its mode (it may be the installer's shared one)."""
    if not path.exists():
        path.mkdir(parents=True, exist_ok=True)
        if sys.platform != "win32":
            os.chmod(path, 0o700)
    return path


def data_dir() -> Path:
    """The data folder (database, backups, the device token's file): :func:`home_dir`, else
    per Windows (or POSIX) user."""
    home = home_dir()
    path = home if home else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    return _own_folder(path)


def log_dir() -> Path:
    home = home_dir()
    path = home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    return _own_folder(path)


def print_dir() -> Path:
    """The private per-user folder printouts are written to (0700), emptied after printing
    and at exit: ``print/`` in the data folder, or in the user's cache folder when the data
    folder is shared by every Windows account (one clerk must never see another's receipt)."""
    if shared_by_all_users():
        base = Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))
    else:
        base = data_dir()
    folder = _own_folder(base / "print")
    if sys.platform != "win32":
        os.chmod(folder, 0o700)
    return folder


def default_db_path() -> Path:
    """``REGDESK_DB`` if set, else ``regdesk.sqlite3`` in the user data folder."""
    env = os.environ.get("REGDESK_DB")
    return Path(env) if env else data_dir() / "regdesk.sqlite3"
