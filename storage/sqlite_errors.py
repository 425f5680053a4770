"""What an SQLite failure means to an operator: one sentence naming the database file and the fix.

The SQLite backend meets the same troubles as the TinyDB one (a read-only or full disk, files
owned by another user, a damaged file) plus two of its own: a file that is not a Claimdeck
database, and a write lock another process held for longer than the busy timeout. Each becomes
a :class:`~storage.errors.StoreError` in the style of :mod:`storage.errors`.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from storage.errors import StoreCorrupt, StoreError

# Primary result codes (https://sqlite.org/rescode.html); extended codes keep these low bits.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

SQLITE_MAGIC = b"SQLite format 3\x00"

DAMAGED_ADVICE = (
    "Stop every Claimdeck process that uses it, restore the file from a backup (with no "
    "backup, the sqlite3 shell's .recover command may save part of it), and start Claimdeck "
    "again."
)


def primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def read_only(path: Path, problem: str) -> StoreError:
    """The database (or the directory SQLite keeps its ``-wal`` and ``-shm`` files in) may
    not be written by this process."""
    return StoreError(
        f"Claimdeck may not write its database {path} ({problem}). Run Claimdeck as the user "
        f"that owns it, or give that user write access to the file and to its directory "
        f"{path.parent} (SQLite writes {path.name}-wal and {path.name}-shm beside it), or set "
        "CLAIMDECK_STORE to sqlite:///a/writable/path.db."
    )


def os_trouble(exc: OSError, path: Path, read_only_mode: bool) -> StoreError:
    """The one-sentence error for an operating-system failure met while opening the database
    at ``path`` (checking it, creating its directory): what failed, where, and the fix."""
    where = exc.filename or path
    reason = exc.strerror or str(exc)
    if isinstance(exc, PermissionError):
        if not read_only_mode:
            return read_only(path, f"{where}: {reason}")
        return StoreError(
            f"Claimdeck may not read its database {path} ({where}: {reason}). Run it as the user "
            f"that owns the file, or give that user read access to it and search access to "
            f"its directory {path.parent}."
        )
    if exc.errno == errno.EROFS:
        return StoreError(
            f"Claimdeck cannot open its database {path}: {where} is on a read-only file system. "
            "Remount it read-write, or set CLAIMDECK_STORE to sqlite:///a/writable/path.db."
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreError(
            f"Claimdeck cannot open its database {path}: no space is left on the disk that "
            f"holds it. Free some space there (see df -h {path.parent}) and start Claimdeck again."
        )
    return StoreError(
        f"Claimdeck cannot open its database {path}: {where}: {reason}. Check the disk and the "
        f"permissions of {path.parent}, then start Claimdeck again."
    )


def cannot_read_beside(path: Path, exc: sqlite3.Error) -> StoreError:
    """A read-only open refused because SQLite must create ``-shm`` beside a database that a
    writer has open (a ``-wal`` file exists) in a directory this process may not write."""
    return StoreError(
        f"Claimdeck cannot read its database {path} ({exc}): SQLite needs to create "
        f"{path.name}-shm beside it, in {path.parent}, which this user may not write. Run this "
        "as the bot's user, or stop the bot (it then removes its -wal file), or copy the "
        "database and its -wal file somewhere writable and read the copy."
    )


def not_ours(path: Path, what: str) -> StoreError:
    """A file that exists but is not a Claimdeck database: never written to, never emptied."""
    return StoreError(
        f"{path} is not a Claimdeck database ({what}); Claimdeck has not changed it. Point "
        "CLAIMDECK_STORE at another file (sqlite:///path/to/claimdeck.db), or move that file "
        "aside if it is not needed."
    )


def damaged(path: Path, exc: sqlite3.Error) -> StoreCorrupt:
    return StoreCorrupt(path, f"SQLite says: {exc}", DAMAGED_ADVICE)


def sqlite_failure(exc: sqlite3.Error, path: Path, doing: str, busy_seconds: float) -> StoreError:
    """The :class:`StoreError` for ``exc``, met while Claimdeck was ``doing`` something with
    the database at ``path``; the transaction was rolled back, so nothing was half saved."""
    code = primary_code(exc)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return damaged(path, exc)
    if code == SQLITE_READONLY:
        return read_only(path, str(exc))
    if code in (SQLITE_PERM, SQLITE_CANTOPEN):
        return read_only(path, f"{exc}; the file or its directory cannot be opened")
    if code in (SQLITE_BUSY, SQLITE_LOCKED):  # LOCKED: a conflict inside this process
        holder = "another process" if code == SQLITE_BUSY else "another connection"
        outcome = "so nothing was saved" if doing.startswith("save") else "so nothing was read"
        return StoreError(
            f"Claimdeck cannot {doing}: {holder} held the database {path} locked for "
            f"more than {busy_seconds:g} s, {outcome}. Check that no tool keeps a "
            "transaction open on it (e.g. an sqlite3 shell after BEGIN), then try again."
        )
    if code == SQLITE_FULL:
        return StoreError(
            f"Claimdeck cannot {doing}: no space is left on the disk that holds {path}. Free "
            f"some space there (see df -h {path.parent}) and try again; no saved change was lost."
        )
    if code == SQLITE_IOERR:
        # A failed fsync at COMMIT may leave a commit frame that WAL recovery replays later,
        # so a write that failed so may yet turn out saved: say so, rather than "not saved".
        outcome = (
            "this change may or may not have been saved; check it once Claimdeck is back"
            if doing.startswith("save")
            else "no saved change was lost"
        )
        return StoreError(
            f"Claimdeck cannot {doing}: the disk failed while using {path} ({exc}). Check the "
            f"disk (dmesg, df -h), then start Claimdeck again; {outcome}."
        )
    return StoreError(f"Claimdeck cannot {doing}: SQLite failed on {path} ({exc}).")
