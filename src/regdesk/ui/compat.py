"""Work-arounds for defects in the Qt binding we cannot fix here.

PySide6 6.12.0 on CPython 3.11 drops one reference to ``None`` on every call of a method that
returns ``void`` (``setText``, ``processEvents``, …); after a few thousand calls CPython aborts
with "none_dealloc: deallocating None". 6.11.x is fine, and CPython ≥ 3.12 is immune (``None``
is immortal there). Until the pin in pyproject excludes 6.12.0, :func:`protect_none` gives
``None`` a reference count so large that the leak can never reach zero.
"""

from __future__ import annotations

import ctypes
import sys

_PAD = 1 << 48


def needs_none_guard() -> bool:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    import PySide6

    return PySide6.__version__.startswith("6.12.")


def protect_none() -> bool:
    """Apply the guard once when this binding needs it; return whether it was applied."""
    if not needs_none_guard() or getattr(sys, "_regdesk_none_guard", False):
        return False
    refcnt = ctypes.c_ssize_t.from_address(id(None))
    refcnt.value += _PAD
    sys._regdesk_none_guard = True  # type: ignore[attr-defined]
    return True


class MainThreadGc:
    """Run Python's cyclic garbage collector on the UI thread only.

    Automatic collection runs in whichever thread happens to allocate — often the DB worker —
    and collecting a cycle that holds a Qt object there destroys it on the wrong thread
    ("Timers cannot be stopped from another thread", or worse). So automatic collection is
    switched off and a UI-thread timer collects instead (cheap: generation 0 most ticks).
    """

    def __init__(self, interval_ms: int = 1000) -> None:
        import gc

        from PySide6.QtCore import QTimer

        self._gc = gc
        gc.disable()
        self._ticks = 0
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> None:
        self._ticks += 1
        generation = 2 if self._ticks % 60 == 0 else (1 if self._ticks % 10 == 0 else 0)
        self._gc.collect(generation)


def lighter_feature_check() -> bool:
    """Stop PySide6's ``__feature__`` import hook from filling ``linecache``.

    After PySide6 is imported, every module that runs an ``import`` has its whole source read
    with ``inspect.getsource`` (to look for the word "PySide6"), and ``linecache`` keeps all
    of it: about 20 MB for SQLAlchemy alone on a desk PC. Same test, read straight from the
    file and not kept. Returns whether the hook was found and replaced.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        return False

    def _mod_uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return False
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False

    feature._mod_uses_pyside = _mod_uses_pyside
    return True
