"""Ctrl+plus / Ctrl+minus / Ctrl+0: the size of the whole interface, as the application's
font size (every widget's text and the layouts that follow it), remembered in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

KEY = "ui/font_point_size"
MIN_PT, MAX_PT, STEP_PT = 7.0, 20.0, 1.0


class InterfaceZoom:
    """The application font's point size between :data:`MIN_PT` and :data:`MAX_PT`; the
    size Qt chose at start-up is the default (Ctrl+0)."""

    _started: float | None = None  # Qt's own size, taken before any window changed it

    def __init__(self, app: QApplication, settings: QSettings) -> None:
        self.app, self.settings = app, settings
        if InterfaceZoom._started is None:
            found = app.font().pointSizeF()
            InterfaceZoom._started = found if found > 0 else 9.0
        self.default = InterfaceZoom._started
        saved = settings.value(KEY)
        try:
            size = float(saved) if saved is not None else self.default  # type: ignore[arg-type]
        except (TypeError, ValueError):
            size = self.default
        self._apply(size, save=False)

    @property
    def size(self) -> float:
        return self.app.font().pointSizeF()

    def bigger(self) -> float:
        return self._apply(self.size + STEP_PT)

    def smaller(self) -> float:
        return self._apply(self.size - STEP_PT)

    def reset(self) -> float:
        return self._apply(self.default)

    def _apply(self, size: float, *, save: bool = True) -> float:
        size = min(MAX_PT, max(MIN_PT, round(size * 2) / 2))
        font = QFont(self.app.font())
        font.setPointSizeF(size)
        self.app.setFont(font)
        if save:
            self.settings.setValue(KEY, size)
        return size
