"""Signal connections a controller makes to widgets that outlive it, undone together when
its session ends (another clerk signs in, or the window goes). No Qt import: any object
with ``connect`` / ``disconnect`` will do."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable
from typing import Any


class Connections:
    def __init__(self) -> None:
        self._made: list[tuple[Any, Callable[..., Any]]] = []

    def connect(self, signal: Any, slot: Callable[..., Any]) -> None:
        signal.connect(slot)
        self._made.append((signal, slot))

    def close(self) -> None:
        made, self._made = self._made, []
        for signal, slot in made:
            with warnings.catch_warnings(), contextlib.suppress(RuntimeError, TypeError):
                warnings.simplefilter("ignore")  # the sender may already be gone
                signal.disconnect(slot)
