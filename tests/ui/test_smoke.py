from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_regdesk_smoke_exits_zero(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REGDESK_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "regdesk", "--smoke"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                    reason="Windows and macOS always have a display: the GUI would start")
def test_no_display_falls_back_to_text_status(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["REGDESK_HOME"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-m", "regdesk", "--db", str(tmp_path / "x.db")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert "belum disiapkan" in done.stdout


def test_bundle_entry_point_smoke(tmp_path: Path) -> None:
    """The script build.spec bundles, run the way PyInstaller runs it (as a plain script)."""
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert '"regdesk" / "_bundle.py"' in spec
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REGDESK_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, str(ROOT / "src" / "regdesk" / "_bundle.py"),
                           "--smoke"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_pyinstaller_bundle_smoke(tmp_path: Path) -> None:
    """Build the one-folder bundle from build.spec, then run its --smoke offscreen."""
    dist, work = tmp_path / "dist", tmp_path / "build"
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")],
                   check=True, cwd=ROOT, capture_output=True, timeout=1800)
    exe = next(p for p in (dist / "RegDesk").iterdir()
               if p.name in ("RegDesk", "RegDesk.exe"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REGDESK_HOME": str(tmp_path)}
    done = subprocess.run([str(exe), "--smoke"], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
