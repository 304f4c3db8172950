"""What differs between Windows and POSIX, in one place (an import contract keeps ``fcntl``,
``pwd``, ``grp`` and ``termios`` out of every other module).

Each function has a Windows branch, chosen at call time from :data:`WINDOWS` (tests switch it):

- :func:`fsync_file` flushes a file; Windows can only flush a handle open for writing.
- :func:`fsync_dir` flushes a folder's entries (renames); Windows has no such call: a no-op.
- :func:`is_network_path` tells whether a path lies on a network drive (SQLite's WAL needs
  shared memory that SMB/NFS do not give): Windows asks ``GetDriveTypeW`` or sees a UNC
  path; Linux reads the file-system type in ``/proc/mounts``.
- :func:`process_lock` is an exclusive lock between processes on a lock file (the
  ``filelock`` library: ``LockFileEx`` on Windows, ``flock`` on POSIX). The OS drops it when
  the holder dies, so a crash never leaves a stale lock.
"""

from __future__ import annotations

import ntpath
import os
import sys
from pathlib import Path

import filelock

WINDOWS = sys.platform == "win32"
LockHeld = filelock.Timeout  # raised by ``acquire(timeout=0)`` while another process holds it

DRIVE_REMOTE = 4  # GetDriveTypeW: a network (mapped) drive
NETWORK_FS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "sshfs", "fuse.sshfs", "afs", "ncpfs",
    "9p", "ceph", "glusterfs", "fuse.glusterfs", "davfs", "fuse.davfs2", "fuse.rclone",
    "lustre", "gpfs", "beegfs", "ocfs2", "gfs2",
})
_MOUNTS = Path("/proc/mounts")


def fsync_file(path: Path) -> None:
    """Flush ``path``'s contents to disk (Windows: through a handle open for writing)."""
    flags = os.O_RDWR | getattr(os, "O_BINARY", 0) if WINDOWS else os.O_RDONLY
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (so renames survive a power cut); a no-op on Windows."""
    if WINDOWS:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def is_network_path(path: Path) -> bool:
    """Whether ``path`` (which need not exist yet) is on a network drive or share.
    Unknown means local: the check only refuses what it can see."""
    if WINDOWS:
        return _windows_is_remote(path)
    return mount_fstype(path) in NETWORK_FS


def _windows_is_remote(path: Path) -> bool:
    text = str(path)
    if text.startswith(("\\\\", "//")):  # UNC: \\server\share\…
        return True
    drive = ntpath.splitdrive(ntpath.abspath(text))[0]
    if drive.startswith(("\\\\", "//")):
        return True
    if not drive:
        return False
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return bool(kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE)


def mount_fstype(path: Path, mounts: str | None = None) -> str | None:
    """The file-system type of the mount holding ``path`` (longest matching mount point in
    ``/proc/mounts``, or in ``mounts`` when given); ``None`` when unknown."""
    if mounts is None:
        try:
            mounts = _MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = _existing(path).as_posix()
    best, fstype = -1, None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > best:
            best, fstype = len(point), fields[2]
    return fstype


def _existing(path: Path) -> Path:
    """``path`` absolute, with its nearest existing ancestor's symlinks resolved."""
    path = Path(os.path.abspath(path))
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate.resolve() / path.relative_to(candidate)
    return path


def process_lock(path: Path) -> filelock.BaseFileLock:
    """An exclusive lock between processes on the file ``path`` (created if needed).

    ``acquire()`` waits; ``acquire(timeout=0)`` raises :data:`LockHeld` at once if another
    process (or another lock object on the same file) holds it. One object is shared by the
    threads of a process: callers serialise the threads themselves.
    """
    return filelock.FileLock(path, thread_local=False)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed; the folder itself only its owner may enter
    (0700 where the OS has POSIX permissions; Windows: the user's profile already is)."""
    path.mkdir(parents=True, exist_ok=True)
    if not WINDOWS:
        os.chmod(path, 0o700)
    return path


def make_private(path: Path) -> None:
    """Owner-only (0600) for an existing file, where the OS has POSIX permissions."""
    if not WINDOWS and path.exists():
        os.chmod(path, 0o600)


def create_private(path: Path) -> None:
    """Create an empty file only its owner may read (0600), unless it exists (SQLite then
    gives its -wal and -shm the same permissions)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    os.close(fd)
    make_private(path)


def write_private(path: Path, text: str) -> None:
    """Write a small secret file: 0600 from the start, replaced atomically, flushed."""
    tmp = path.with_name(path.name + ".partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    make_private(tmp)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def shred(path: Path) -> None:
    """Overwrite a file's bytes with zeros, flush, then delete it (best effort on SSDs and
    journalling file systems, which may keep old blocks; the data was encrypted or is being
    replaced by an encrypted copy)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    block = b"\0" * (1 << 20)
    with path.open("r+b") as handle:
        left = size
        while left > 0:
            n = min(left, len(block))
            handle.write(block[:n])
            left -= n
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
