"""Every write remind makes to a file goes through here: whole or not at all (a temporary file
in the same folder, flushed, fsynced, renamed), under a lock where writers may meet, and not at
all when the file says exactly that already. Also the names of the files it writes for units.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from remind.errors import RemindError
from remind.i18n import _

MAX_STEM = 60  # characters; 3 bytes each in UTF-8, well inside the 255 bytes of a file name
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')  # Windows refuses these; / and \ split paths
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT") for n in range(10))}  # fmt: skip


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on a file beside `path` (which is replaced, so it cannot carry the
    lock). The lock file is never opened through a link, which could make it anywhere. The
    lock goes with the process, however it ends."""
    name = path.with_name(path.name + ".lock")
    try:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(name, flags, 0o666)
    except OSError as error:
        unusable = _("{path}: cannot use it as the lock ({reason})")
        raise RemindError(unusable.format(path=name, reason=error.strerror)) from None
    with os.fdopen(descriptor, "r+b") as lock:
        if sys.platform == "win32":
            import msvcrt

            lock.seek(0)
            msvcrt.locking(lock.fileno(), msvcrt.LK_LOCK, 1)
        else:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _temporary_prefix(path: Path) -> str:
    return f".{path.name}."


def remove_leftovers(path: Path) -> None:
    """Temporary files of a writer that died before its rename; under the lock, no other
    writer is at work, so every one of them is stale."""
    for stale in path.parent.glob(f"{_temporary_prefix(path)}*.tmp"):
        stale.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes, *, like: Path) -> None:
    import tempfile  # paid for by writers only

    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=_temporary_prefix(like), suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode_of(like))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


def _mode_of(path: Path) -> int:
    """The existing file's permissions, else what the user's umask gives a new file
    (mkstemp's 0600 would lock out the colleagues who share the file)."""
    with contextlib.suppress(FileNotFoundError):
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable."""
    if sys.platform == "win32":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write(path: Path, data: bytes) -> None:
    """Write the file whole, or not at all: a reader never gets half of it."""
    try:
        write_atomically(path, data, like=path)
    except OSError as error:
        unwritten = _("cannot write {path}: {reason}")
        raise RemindError(unwritten.format(path=path, reason=error.strerror or error)) from None


def write_if_changed(path: Path, data: bytes, previous: bytes | None = None) -> bool:
    """Write the file unless it holds exactly `data` already (`previous`, when the caller read
    it): left alone, it keeps its date and a web server's ETag, so subscribers fetch nothing
    new. Says whether it wrote."""
    if previous is None:
        previous = path.read_bytes() if path.is_file() else b""
    if data == previous:
        return False
    write(path, data)
    return True


def make_folder(folder: Path) -> None:
    """The folder and its parents, made if missing."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        unmade = _("cannot make the folder {folder}: {reason}")
        raise RemindError(unmade.format(folder=folder, reason=error.strerror)) from None


def file_stem(name: str) -> str:
    """A unit's name as a file name: no path separators, no characters or names Windows
    refuses, no leading dot that hides it."""
    stem = _UNSAFE.sub("_", name).strip(" .")[:MAX_STEM].rstrip(" .")
    if not stem:
        return "unit"
    return f"_{stem}" if stem.split(".")[0].upper() in _RESERVED else stem


def file_names(owners: Sequence[tuple[str, str]]) -> list[str]:
    """One .ics name for each (owner, name): the name made safe; where two would share a file
    (a:b and a/b, or names that differ only in case) both get a tag made from their owner."""
    import hashlib

    stems = [file_stem(name) for _, name in owners]
    taken = Counter(stem.casefold() for stem in stems)
    return [
        f"{stem}-{hashlib.sha256(owner.encode()).hexdigest()[:6]}.ics"
        if taken[stem.casefold()] > 1
        else f"{stem}.ics"
        for (owner, _), stem in zip(owners, stems, strict=True)
    ]
