"""Crash-safe file replacement and the TinyDB storage class built on it.

A file is never edited in place: the new content goes to a temporary file in the same directory,
which is flushed and fsynced, renamed over the old name, and then the directory itself is fsynced
so the rename survives a power cut. A reader therefore sees either the old or the new file whole.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

TMP_MARKER = ".tmp-"


def fsync_dir(directory: Path) -> None:
    """Make renames and creations inside ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_dir(directory: Path) -> None:
    """Create ``directory`` (and missing parents) durably: after each creation the parent is
    fsynced, so a power cut cannot forget a folder whose files were already made durable."""
    if directory.is_dir():
        return
    missing = []
    probe = directory
    while not probe.is_dir():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue
        fsync_dir(folder.parent)


def atomic_write_text(path: Path, text: str | Iterable[str], *, sync_dir: bool = True) -> None:
    """Replace ``path`` with ``text`` atomically (temp file, fsync, rename, directory fsync).

    ``text`` may be an iterable of chunks: each is written with its own ``os.write``, which
    releases the GIL, so a large file written from a worker thread does not stall the event loop.
    """
    ensure_dir(path.parent)
    tmp = path.with_name(f".{path.name}{TMP_MARKER}{os.getpid()}")
    chunks = [text] if isinstance(text, str) else text
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            for chunk in chunks:
                view = memoryview(chunk.encode("utf-8"))
                while view:
                    view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if sync_dir:
        fsync_dir(path.parent)


def is_temporary(path: Path) -> bool:
    """True for a leftover temp file of an interrupted write (never holds acknowledged data)."""
    return TMP_MARKER in path.name and path.name.startswith(".")


class AtomicJSONStorage(Storage):
    """TinyDB storage that reads plain JSON and writes through :func:`atomic_write_text`.

    TinyDB's own ``JSONStorage`` truncates and rewrites the file in place, so a crash mid-write
    leaves a torn file; this one never does.
    """

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return json.loads(text)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path} is opened read-only")
        atomic_write_text(self.path, json.dumps(data, ensure_ascii=False))

    def close(self) -> None:
        pass
