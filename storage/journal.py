"""The write-ahead journal: every acknowledged write is one fsynced line here first.

TinyDB rewrites a whole file for every change, which is too slow once a guild has many cards.
So a write is made durable by appending one line to the journal and fsyncing it (a fraction of a
millisecond), and the TinyDB files are brought up to date later, in the background, by
compaction. Line format: ``<crc32 as 8 hex digits> <JSON record>\\n``. A crash can tear only the
last line of the newest segment (that write was never acknowledged); it is dropped on replay. A
bad line anywhere else means the file is damaged, and the store refuses to start.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.atomic import fsync_dir
from storage.errors import StoreCorrupt, StoreError

SEGMENT_SUFFIX = ".log"


def encode_line(record: dict[str, Any]) -> bytes:
    body = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def _decode_line(line: bytes) -> dict[str, Any] | None:
    """The record on a line, or None when the line is torn or damaged."""
    if len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        record = json.loads(body)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


@dataclass(frozen=True, slots=True)
class Replay:
    """What the journal holds: records in write order, and the segment files they came from."""

    records: list[dict[str, Any]]
    segments: list[Path]
    dropped_torn_tail: bool


def segment_paths(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.name.endswith(SEGMENT_SUFFIX))


def read_journal(directory: Path) -> Replay:
    """Read every segment; raise :class:`StoreCorrupt` for damage that is not a torn tail."""
    segments = segment_paths(directory)
    records: list[dict[str, Any]] = []
    torn = False
    for index, segment in enumerate(segments):
        data = segment.read_bytes()
        lines = data.split(b"\n")
        # A complete file ends with a newline, so the last piece is empty.
        complete, tail = lines[:-1], lines[-1]
        for number, line in enumerate(complete, start=1):
            record = _decode_line(line)
            is_last_line = number == len(complete) and not tail
            if record is None:
                if is_last_line and index == len(segments) - 1:
                    torn = True
                    continue
                raise StoreCorrupt(segment, f"journal line {number} is damaged")
            records.append(record)
        if tail:
            if index != len(segments) - 1:
                raise StoreCorrupt(segment, "journal segment ends in the middle of a line")
            torn = True
    return Replay(records=records, segments=segments, dropped_torn_tail=torn)


class JournalWriter:
    """Appends records to the current segment; blocking, so callers run it in a worker thread."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._fd: int | None = None
        self._path: Path | None = None
        self.bytes_written = 0

    @property
    def path(self) -> Path | None:
        return self._path

    def start_segment(self, first_lsn: int) -> Path:
        """Close the current segment (if any) and start a new one whose name sorts after it."""
        self.close()
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{first_lsn:016d}{SEGMENT_SUFFIX}"
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        fsync_dir(self.directory)
        self._path = path
        self.bytes_written = 0
        return path

    def append(self, line: bytes) -> None:
        """Write and fsync one encoded record; on failure cut the file back to where it was."""
        if self._fd is None:
            raise StoreError("The store's journal is closed; restart Claimdeck.")
        fd = self._fd
        start = os.lseek(fd, 0, os.SEEK_END)
        try:
            view = memoryview(line)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        except OSError:
            try:
                os.ftruncate(fd, start)
            except OSError:
                # The file may now end in a partial line that later lines would follow: stop
                # writing to it so the damage stays a torn tail.
                self.close()
            raise
        self.bytes_written += len(line)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._path = None


def iter_lsns(records: list[dict[str, Any]]) -> Iterator[int]:
    return (int(r["lsn"]) for r in records)
