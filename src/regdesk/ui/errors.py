"""One funnel for expected errors (store problems → one clear message in the clerk's language)
and one excepthook for unexpected ones (logged without personal data, then a crash dialog)."""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from regdesk.domain.problems import Problem
from regdesk.i18n import render
from regdesk.store.backup import BackupError
from regdesk.store.errors import StoreError

log = logging.getLogger("regdesk.ui")


def expected_problems(exc: BaseException) -> list[Problem] | None:
    """The structured problems of an expected failure (every typed error of the services:
    the store's, ``services.errors``, import refusals, backups), or ``None``."""
    if isinstance(exc, StoreError):
        return exc.problems
    if isinstance(exc, BackupError):
        return exc.problems
    return None


def sync_kind(exc: BaseException) -> str | None:
    """The kind of a typed sync failure (``offline``, ``auth`` …), or ``None``."""
    from regdesk.sync.errors import SyncError

    return exc.kind.value if isinstance(exc, SyncError) else None


def expected_text(exc: BaseException, *, sync_text: Callable[[str], str],
                  file_text: Callable[[OSError], str]) -> str | None:
    """One clear sentence for an expected failure; ``None`` for a bug (the crash dialog)."""
    problems = expected_problems(exc)
    if problems is not None:
        return message_for(problems)
    kind = sync_kind(exc)
    if kind is not None:
        return sync_text(kind)
    if isinstance(exc, OSError):  # a folder or file the clerk chose is gone or read-only
        return file_text(exc)
    return None


def message_for(problems: list[Problem]) -> str:
    """Whole sentences in the process language, one per line (never glued fragments)."""
    return "\n".join(render(p) for p in problems)


def crash_report(exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None, version: str) -> str:
    """Type, location and stack only: no exception message (it may hold a name or NIK)."""
    frames = traceback.extract_tb(tb)
    lines = [f"RegDesk {version} — Python {platform.python_version()} — {platform.platform()}",
             f"{exc_type.__module__}.{exc_type.__qualname__}"]
    lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
    return "\n".join(lines)


def setup_logging(log_dir: str | None) -> None:
    """Rotating file in the platform log dir; stderr only when there is one (windowed builds
    have ``sys.stderr is None``)."""
    root = logging.getLogger("regdesk")
    if getattr(root, "_regdesk_ready", False):
        return
    root.setLevel(logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    if log_dir:
        handler = logging.handlers.RotatingFileHandler(
            f"{log_dir}/regdesk-desk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(fmt)
        root.addHandler(handler)
    if sys.stderr is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream.setFormatter(fmt)
        root.addHandler(stream)
    root._regdesk_ready = True  # type: ignore[attr-defined]


ShowCrash = Callable[[str], None]


def install_excepthook(show: ShowCrash, version: str) -> None:
    """Log every uncaught exception and hand a safe report to ``show`` (the crash dialog)."""

    def hook(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            return
        report = crash_report(exc_type, exc, tb, version)
        log.error("unexpected error\n%s", report)
        try:
            show(report)
        except Exception:
            log.exception("crash dialog failed")

    sys.excepthook = hook


def report_unexpected(exc: BaseException) -> None:
    """Route an exception caught from a worker through the global hook."""
    sys.excepthook(type(exc), exc, exc.__traceback__)
