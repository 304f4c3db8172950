"""The app's icon: shipped, drawn at every Windows size, loadable by Qt, named in the bundle."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtGui import QIcon

from regdesk.paths import resources_dir

ROOT = Path(__file__).resolve().parents[2]


def test_icon_files_hold_every_windows_size_and_load_in_qt(qapp) -> None:  # type: ignore[no-untyped-def]
    ico = resources_dir() / "icons" / "regdesk.ico"
    with Image.open(ico) as image:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(image.info["sizes"])
    icon = QIcon(str(resources_dir() / "icons" / "regdesk.png"))
    assert not icon.isNull() and icon.availableSizes()


def test_bundle_and_installer_use_the_icon() -> None:
    assert "icon=ICON" in (ROOT / "build.spec").read_text(encoding="utf-8")
    assert "SetupIconFile=..\\resources\\icons\\regdesk.ico" in (
        ROOT / "installer" / "regdesk.iss").read_text(encoding="utf-8")
