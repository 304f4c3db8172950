from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit

from regdesk.ui.compat import needs_none_guard, protect_none


def test_many_void_calls_do_not_abort(qtbot) -> None:
    """PySide6 6.12.0 + CPython 3.11 leaks a None reference per void call; guarded."""
    protect_none()
    edit = QLineEdit()
    qtbot.addWidget(edit)
    for _ in range(20_000):
        edit.setText("x")
    assert sys.getrefcount(None) > 1000 or not needs_none_guard()


def test_feature_hook_no_longer_fills_linecache() -> None:
    import importlib
    import linecache
    import sys

    from regdesk.ui.compat import lighter_feature_check

    assert lighter_feature_check()
    linecache.clearcache()
    sys.modules.pop("regdesk.domain.masking", None)
    importlib.import_module("regdesk.domain.masking")  # runs imports after PySide6
    assert not [f for f in linecache.cache if f.endswith("masking.py")]
    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside(sys.modules["regdesk.ui.compat"]) is True
    assert feature._mod_uses_pyside(sys.modules["regdesk.domain.masking"]) is False
