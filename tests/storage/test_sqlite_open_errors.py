"""Opening the SQLite store where the operating system says no: every refusal is one sentence
naming the database and the fix, never a traceback (bot/app.py and bot/cli.py catch only
Claimdeck's errors). Failures are injected the way tests/storage/test_disk_errors.py does, so
these run the same as root, in a container without capabilities, and on any file system."""

from __future__ import annotations

import asyncio
import errno
import os
from pathlib import Path

import pytest

import storage.atomic
from storage import StoreError
from storage.sqlite_store import SQLiteStore


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
