"""Opening the SQLite store where the operating system says no: every refusal is one sentence
naming the database and the fix, never a traceback (bot/app.py and bot/cli.py catch only
Claimdeck's errors). Failures are injected the way tests/storage/test_disk_errors.py does, so
these run the same as root, in a container without capabilities, and on any file system."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import os
import sqlite3
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import storage.atomic
import storage.sqlite_schema
from storage import StoreError
from storage.sqlite_errors import sqlite_failure
from storage.sqlite_store import SQLiteStore
from tests.storage.records import make_card


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "claimdeck.db"


async def _open(db: Path, **kwargs: object) -> SQLiteStore:
    async with asyncio.timeout(10):
        return await SQLiteStore.open(db, **kwargs)  # type: ignore[arg-type]


def _refuse(monkeypatch: pytest.MonkeyPatch, method: str, target: Path, code: int) -> None:
    """``target.<method>()`` raises the OSError ``code``, as the kernel would."""
    real = getattr(Path, method)

    def failing(self: Path, *args: object, **kwargs: object) -> object:
        if self == target:
            raise OSError(code, os.strerror(code), str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, method, failing)


@pytest.mark.parametrize("read_only", [False, True])
async def test_a_directory_that_cannot_be_searched_is_one_sentence(
    db: Path, monkeypatch: pytest.MonkeyPatch, read_only: bool
) -> None:
    await (await _open(db)).close()
    _refuse(monkeypatch, "is_dir", db, errno.EACCES)  # as in a chmod 000 directory
    with pytest.raises(StoreError) as refused:
        await _open(db, read_only=read_only)
    message = str(refused.value)
    assert str(db) in message and "Permission denied" in message and "\n" not in message
    assert "Run it as the user" in message or "Run Claimdeck as the user" in message
    assert ("read access" if read_only else "write access") in message


@pytest.mark.parametrize(
    ("method", "code", "expected"),
    [
        ("open", errno.EIO, "Check the disk"),
        ("open", errno.ELOOP, "Check the disk"),
        ("mkdir", errno.EROFS, "read-only file system. Remount it read-write"),
        ("mkdir", errno.ENOSPC, "no space is left on the disk"),
    ],
)
async def test_an_os_failure_at_open_names_the_database_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str, code: int, expected: str
) -> None:
    db = tmp_path / "new" / "claimdeck.db"
    if method == "open":
        await (await _open(db)).close()
        _refuse(monkeypatch, "open", db, code)
    else:
        _refuse(monkeypatch, "mkdir", db.parent, code)
    with pytest.raises(StoreError) as refused:
        await _open(db)
    message = str(refused.value)
    assert f"Claimdeck cannot open its database {db}" in message and expected in message
    assert "\n" not in message


async def test_a_new_directory_is_made_durable_before_the_database_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[Path] = []
    real = storage.atomic.fsync_dir
    monkeypatch.setattr(storage.atomic, "fsync_dir", lambda d: (synced.append(d), real(d)))
    db = tmp_path / "a" / "b" / "claimdeck.db"
    await (await _open(db)).close()
    assert synced == [tmp_path, tmp_path / "a"]  # each new folder's entry is on disk


def _deny_writes_to(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """``os.access`` says ``target`` may not be written, as it would for a read-only file or
    directory owned by another user (root ignores modes, so this is how every run sees it)."""
    real = storage.sqlite_schema.os.access

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if Path(path) == target and mode & os.W_OK:  # type: ignore[arg-type]
            return False
        return real(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(storage.sqlite_schema.os, "access", access)


def _assert_write_refusal(message: str, db: Path) -> None:
    assert f"Claimdeck may not write its database {db}" in message and "\n" not in message
    assert "give that user write access" in message and f"{db.name}-wal" in message


@pytest.mark.parametrize("part", ["file", "directory"])
async def test_a_read_only_database_is_refused_with_the_fix(
    db: Path, monkeypatch: pytest.MonkeyPatch, part: str
) -> None:
    await (await _open(db)).close()
    _deny_writes_to(monkeypatch, db if part == "file" else db.parent)
    with pytest.raises(StoreError) as refused:
        await _open(db)
    _assert_write_refusal(str(refused.value), db)
    assert ("the file is read-only" if part == "file" else "its directory is read-only") in str(
        refused.value
    )


FS_IOC_GETFLAGS = 0x80086601  # linux/fs.h, 64-bit
FS_IOC_SETFLAGS = 0x40086602
FS_IMMUTABLE_FL = 0x00000010


def _set_immutable(path: Path, on: bool) -> None:
    """The immutable flag (binds root too) through the ioctl chattr uses: no binary needed."""
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0))
    try:
        buf = bytearray(struct.pack("i", 0))
        fcntl.ioctl(fd, FS_IOC_GETFLAGS, buf, True)
        flags = struct.unpack("i", buf)[0]
        flags = flags | FS_IMMUTABLE_FL if on else flags & ~FS_IMMUTABLE_FL
        fcntl.ioctl(fd, FS_IOC_SETFLAGS, struct.pack("i", flags))
    finally:
        os.close(fd)


@contextmanager
def _unwritable(path: Path) -> Iterator[None]:
    """``path`` really unwritable for this process: by its mode, or, where modes do not bind
    (root, CAP_DAC_OVERRIDE), by the immutable flag; skipped only where neither can be set."""
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    immutable = False
    try:
        if os.access(path, os.W_OK):
            try:
                _set_immutable(path, True)
            except OSError as exc:  # EPERM (no CAP_LINUX_IMMUTABLE), ENOTTY/EOPNOTSUPP (tmpfs…)
                pytest.skip(f"cannot make a file unwritable for this user here: {exc}")
            immutable = True
        yield
    finally:
        if immutable:
            with contextlib.suppress(OSError):
                _set_immutable(path, False)
        path.chmod(mode)


@pytest.mark.parametrize("part", ["file", "directory"])
async def test_a_really_read_only_database_is_refused_with_the_fix(db: Path, part: str) -> None:
    await (await _open(db)).close()
    target = db if part == "file" else db.parent
    with _unwritable(target):
        assert not os.access(target, os.W_OK)
        with pytest.raises(StoreError) as refused:
            await _open(db)
    _assert_write_refusal(str(refused.value), db)


async def test_a_closed_database_in_a_read_only_directory_is_read_and_left_as_it_was(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup on read-only media, or a directory only the bot's user may write: ``claimdeck
    export`` and ``history`` read it, and create nothing beside it."""
    store = await _open(db)
    await store.save_card(make_card("ro"))
    await store.close()
    before = sorted(p.name for p in db.parent.iterdir())
    _deny_writes_to(monkeypatch, db.parent)
    store = await _open(db, read_only=True)
    try:
        assert (await store.get_card("ro")).id == "ro"
    finally:
        await store.close()
    assert sorted(p.name for p in db.parent.iterdir()) == before == [db.name]


def _sqlite_error(code: int, text: str) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


def test_a_disk_error_while_saving_does_not_promise_the_change_was_not_saved(db: Path) -> None:
    """An fsync failing at COMMIT can leave a frame that WAL recovery replays: the change may
    be there after a restart, so the message must not say it was not saved."""
    error = _sqlite_error(10 | (4 << 8), "disk I/O error")  # SQLITE_IOERR_FSYNC
    saving = str(sqlite_failure(error, db, "save this change", 30))
    assert str(db) in saving and "may or may not have been saved" in saving
    reading = str(sqlite_failure(error, db, "read its database", 30))
    assert "no saved change was lost" in reading


def test_a_busy_read_does_not_claim_that_nothing_was_saved(db: Path) -> None:
    busy = _sqlite_error(5, "database is locked")  # SQLITE_BUSY
    saving = str(sqlite_failure(busy, db, "save this change", 30))
    assert "another process held the database" in saving and "so nothing was saved" in saving
    reading = str(sqlite_failure(busy, db, "read its database", 30))
    assert str(db) in reading and "so nothing was read" in reading and "saved" not in reading
    locked = str(sqlite_failure(_sqlite_error(6, "table is locked"), db, "save this change", 30))
    assert "another connection held" in locked  # SQLITE_LOCKED is this process's own conflict
