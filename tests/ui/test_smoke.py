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


def test_bundle_help_lists_smoke(tmp_path: Path) -> None:
    env = {**os.environ, "REGDESK_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, str(ROOT / "src" / "regdesk" / "_bundle.py"),
                           "--help"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "--smoke" in done.stdout and "start-up check" in done.stdout


def test_smoke_checks_the_windows_keyring_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    from regdesk import _bundle

    on_windows = sys.platform == "win32"
    if not on_windows:
        assert _bundle.keyring_backend_problem() is None  # nothing to check off Windows
    monkeypatch.setattr(_bundle.sys, "platform", "win32")
    problem = _bundle.keyring_backend_problem()
    if not on_windows:  # no Credential Manager here: the check must say so
        assert problem is not None and "Windows backend" in problem
    else:
        assert problem is None


@pytest.mark.slow
def test_pyinstaller_bundle_smoke(tmp_path: Path) -> None:
    """Build the one-folder bundle from build.spec (windowed app + console CLI), then run the
    console executable's --help and --smoke offscreen; the licence texts are in the bundle."""
    dist, work = tmp_path / "dist", tmp_path / "build"
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")],
                   check=True, cwd=ROOT, capture_output=True, timeout=1800)
    folder = dist / "RegDesk"
    suffix = ".exe" if sys.platform == "win32" else ""
    gui, cli = folder / f"RegDesk{suffix}", folder / f"regdesk-cli{suffix}"
    assert gui.is_file() and cli.is_file()
    licences = next(p for p in (folder / "licenses", folder / "_internal" / "licenses")
                    if p.is_dir())
    for name in ("pyside6-essentials", "python-stdnum", "keyring", "sqlalchemy"):
        assert any((licences / name).iterdir()), name
    assert (licences / "pyside6-essentials" / "LGPL-3.0.txt").is_file()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REGDESK_HOME": str(tmp_path)}
    shown = subprocess.run([str(cli), "--help"], env=env, capture_output=True, text=True,
                           timeout=120)
    assert shown.returncode == 0 and "--smoke" in shown.stdout
    for exe in (cli, gui):
        done = subprocess.run([str(exe), "--smoke"], env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
