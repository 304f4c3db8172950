"""The platform module: each function's Windows branch, and the POSIX one on this machine."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from regdesk import oscompat
from regdesk.oscompat import LockHeld, is_network_path, mount_fstype, process_lock

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/office nfs4 rw,relatime 0 0
//nas/desk /mnt/office/shared\\040drive cifs rw 0 0
/dev/sdb1 /mnt/office/local ext4 rw 0 0
"""
linux_paths = pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths and mount table")


@linux_paths
def test_mount_type_is_that_of_the_longest_matching_mount_point(tmp_path: Path) -> None:
    assert mount_fstype(Path("/mnt/office/a.sqlite3"), MOUNTS) == "nfs4"
    assert mount_fstype(Path("/mnt/office/shared drive/db"), MOUNTS) == "cifs"
    assert mount_fstype(Path("/mnt/office/local/db"), MOUNTS) == "ext4"
    assert mount_fstype(Path("/mnt/officer/db"), MOUNTS) == "ext4"  # not under /mnt/office
    assert mount_fstype(tmp_path, "") is None


@linux_paths
def test_posix_network_path_reads_the_mount_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(oscompat, "WINDOWS", False)
    assert not is_network_path(tmp_path / "not-yet" / "regdesk.sqlite3")
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\nsrv:/x {tmp_path.resolve()} nfs rw 0 0\n")
    monkeypatch.setattr(oscompat, "_MOUNTS", mounts)
    assert is_network_path(tmp_path / "regdesk.sqlite3")
    monkeypatch.setattr(oscompat, "_MOUNTS", tmp_path / "missing")  # e.g. macOS: unknown
    assert not is_network_path(tmp_path / "regdesk.sqlite3")


def test_windows_network_path_is_a_unc_path_or_a_remote_drive(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ctypes

    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return oscompat.DRIVE_REMOTE if root.upper() == "Z:\\" else 3  # 3: a fixed disk

    fake = SimpleNamespace(kernel32=SimpleNamespace(GetDriveTypeW=drive_type))
    monkeypatch.setattr(ctypes, "windll", fake, raising=False)
    monkeypatch.setattr(oscompat, "WINDOWS", True)
    assert is_network_path(Path("\\\\nas\\desk\\regdesk.sqlite3"))
    assert is_network_path(Path("//nas/desk/regdesk.sqlite3"))
    assert asked == []  # a UNC path needs no question
    assert is_network_path(Path("Z:\\RegDesk\\regdesk.sqlite3"))
    assert not is_network_path(Path("C:\\Users\\clerk\\regdesk.sqlite3"))
    assert asked == ["Z:\\", "C:\\"]


def test_process_lock_is_exclusive_until_released(tmp_path: Path) -> None:
    first, second = process_lock(tmp_path / "x.lock"), process_lock(tmp_path / "x.lock")
    first.acquire(timeout=0)
    with pytest.raises(LockHeld):
        second.acquire(timeout=0)
    first.release()
    second.acquire(timeout=0)
    second.release()
