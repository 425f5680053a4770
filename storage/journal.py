"""The write-ahead journal: every acknowledged write is one fsynced line here first.

TinyDB rewrites a whole file for every change, which is too slow once a guild has many cards.
So a write is made durable by appending one line to the journal and fsyncing it (a fraction of a
millisecond), and the TinyDB files are brought up to date later, in the background, by
compaction. Line format: ``<crc32 as 8 hex digits> <JSON record>\\n``; records carry
consecutive log sequence numbers (lsn).

Segments are named ``<lsn of their first record>.log`` (``<lsn>-<n>.log`` when that name is
taken) and never reopened: after a failed append the writer starts a fresh segment at the same
lsn, so a segment is written only while it is the newest. That gives replay two rules that keep
the promise "an acknowledged write is never lost, and never hidden behind a damaged line":

* a record in an older segment whose lsn is at or past the first lsn of a newer segment was
  never acknowledged (the writer moved on without it), so it is ignored;
* a torn or damaged last line is dropped only when it cannot hold an acknowledged write: in
  the newest segment (a crash mid-append), or when the next segment starts at the lsn that
  line would have had (a failed append). Damage anywhere else refuses the start.

Replay also checks the sequence: inside a segment the lsns run on one by one from the segment's
name, and each segment starts where the records before it (or the folded-in position in
``meta.json``) end. A repeated, misplaced or missing record refuses the start, naming the line:
applying records out of order would silently keep an older value.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.atomic import ensure_dir, fsync_dir
from storage.errors import StoreCorrupt, StoreIncomplete

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
    """What the journal holds: records in write order, where each came from (segment, line),
    and the segment files read."""

    records: list[dict[str, Any]]
    sources: list[tuple[Path, int]]
    segments: list[Path]
    dropped_torn_tail: bool


_SEGMENT_NAME = re.compile(r"^(\d{16})(?:-(\d+))?" + re.escape(SEGMENT_SUFFIX) + "$")


def segment_key(path: Path) -> tuple[int, int] | None:
    """(first lsn, retry number) of a segment file name, or None if it is not one."""
    match = _SEGMENT_NAME.match(path.name)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2) or 0)


def segment_paths(directory: Path) -> list[Path]:
    """Segment files in write order."""
    if not directory.is_dir():
        return []
    keyed = [(segment_key(p), p) for p in directory.iterdir()]
    return [p for key, p in sorted((k, p) for k, p in keyed if k is not None)]


def _salvage_advice(segment: Path, number: int) -> str:
    return (
        f"Stop Claimdeck and copy the data directory first. Then restore {segment.name} from a "
        f"backup, or open it in a text editor and delete line {number}: the change recorded "
        "there is lost, every other line is kept. Start Claimdeck again; it names the next "
        "line if another one is damaged."
    )


def _check_sequence(
    segment: Path, number: int, lsn: int, expected: int, earlier: dict[int, bytes], line: bytes
) -> None:
    """Refuse a record whose lsn is not the next one in its segment (``earlier``: the lines of
    the segment so far, by lsn)."""
    if lsn == expected:
        return
    if earlier.get(lsn) == line:
        what = f"journal line {number} repeats record {lsn}"
        fix = f"delete line {number}"
    else:
        what = f"journal line {number} holds record {lsn} where record {expected} belongs"
        fix = 'put its lines in order of their "lsn" (a record that is missing is lost)'
    raise StoreCorrupt(
        segment,
        what,
        f"Stop Claimdeck and copy the data directory first. Then restore {segment.name} from a "
        f"backup, or open it in a text editor and {fix}. Start Claimdeck again.",
    )


def _missing(segment: Path, first: int, last: int, unfolded_before: bool) -> StoreIncomplete:
    span = f"record {first}" if first == last else f"records {first} to {last}"
    also = " and the earlier changes not yet folded into the data files" if unfolded_before else ""
    return StoreIncomplete(
        segment.parent,
        f"lacks journal {span}: {segment.name} starts at record {last + 1}",
        "A journal segment was deleted or lost. Restore the journal folder from a backup. With "
        f"no backup, accept losing those changes{also} by setting "
        f'"last_lsn" to {last} in meta.json, then start Claimdeck again.',
    )


def read_journal(
    directory: Path, after_lsn: int = 0, contents: Sequence[tuple[Path, bytes]] | None = None
) -> Replay:
    """Read every segment; raise :class:`StoreCorrupt` for damage that may hide an
    acknowledged write or change the order of writes (see the module docstring). Records up
    to ``after_lsn`` are already folded into the data files, so a gap there is harmless.
    ``contents``: the segments, in write order, and their bytes already read (a read-only open
    holds them open so the bot's compaction cannot delete one mid-read); by default every
    segment in ``directory``, read here."""
    segments = segment_paths(directory) if contents is None else [p for p, _ in contents]
    records: list[dict[str, Any]] = []
    sources: list[tuple[Path, int]] = []
    torn = False
    for index, segment in enumerate(segments):
        first_lsn = segment_key(segment)[0]  # type: ignore[index]
        # Records of older segments at or past this one's start were never acknowledged.
        while records and int(records[-1].get("lsn", 0)) >= first_lsn:
            records.pop()
            sources.pop()
        reached = max(int(records[-1]["lsn"]) if records else 0, after_lsn)
        if first_lsn > reached + 1:
            raise _missing(segment, reached + 1, first_lsn - 1, reached > after_lsn)
        following = segments[index + 1] if index + 1 < len(segments) else None
        data = segment.read_bytes() if contents is None else contents[index][1]
        lines = data.split(b"\n")
        # A complete file ends with a newline, so the last piece is empty.
        complete, tail = lines[:-1], lines[-1]
        last_lsn = first_lsn - 1
        earlier: dict[int, bytes] = {}
        for number, line in enumerate(complete, start=1):
            record = _decode_line(line)
            if record is None or not isinstance(record.get("lsn"), int):
                if number == len(complete) and not tail and _may_drop(last_lsn, following):
                    torn = True
                    continue
                raise StoreCorrupt(
                    segment, f"journal line {number} is damaged", _salvage_advice(segment, number)
                )
            _check_sequence(segment, number, record["lsn"], last_lsn + 1, earlier, line)
            earlier[record["lsn"]] = line
            last_lsn = record["lsn"]
            records.append(record)
            sources.append((segment, number))
        if tail:
            if not _may_drop(last_lsn, following):
                number = len(complete) + 1
                raise StoreCorrupt(
                    segment,
                    f"journal line {number} is cut off, and a newer segment follows",
                    _salvage_advice(segment, number),
                )
            torn = True
    return Replay(records=records, sources=sources, segments=segments, dropped_torn_tail=torn)


def _may_drop(last_good_lsn: int, following: Path | None) -> bool:
    """A damaged last line can be dropped when it cannot be an acknowledged write: nothing was
    written after it, or the writer started the next segment at (or before) its lsn."""
    if following is None:
        return True
    return segment_key(following)[0] <= last_good_lsn + 1  # type: ignore[index]


class JournalWriter:
    """Appends records to the newest segment; blocking, so callers run it in a worker thread."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._fd: int | None = None
        self._path: Path | None = None
        self._first_lsn = 0
        self._size = 0  # bytes of complete records in the current segment
        self.bytes_written = 0

    @property
    def path(self) -> Path | None:
        return self._path

    def start_segment(self, first_lsn: int) -> Path:
        """Start a new segment, named to sort after every existing one, and make it current.

        The new file is created (and its directory fsynced) before the current one is closed,
        so a failure here (disk full, too many open files) leaves the current segment in use. A
        current segment that is still empty and starts at ``first_lsn`` is kept instead: rotating
        away from it would only leave an empty file behind (retried compactions on a full disk).
        """
        if self._fd is not None and self._size == 0 and self._first_lsn == first_lsn:
            assert self._path is not None
            return self._path
        ensure_dir(self.directory)
        retry = 0
        while True:
            suffix = f"-{retry}" if retry else ""
            path = self.directory / f"{first_lsn:016d}{suffix}{SEGMENT_SUFFIX}"
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
                break
            except FileExistsError:
                retry += 1
        try:
            fsync_dir(self.directory)
        except BaseException:
            os.close(fd)
            path.unlink(missing_ok=True)
            raise
        self.close()
        self._fd = fd
        self._path = path
        self._first_lsn = first_lsn
        self._size = 0
        self.bytes_written = 0
        return path

    def append(self, line: bytes, lsn: int) -> None:
        """Write and fsync encoded records: one, or a group commit's consecutive records, the
        first being record ``lsn``. The group is durable together or not at all.

        After a failure that may have left bytes behind, the segment is never written again:
        the next append starts a fresh one at the same lsn. So a partial line a failed write
        may leave (when cutting it off fails too) stays the last line of its segment, where
        replay can tell it was not acknowledged. A segment that is empty again after the failure
        is kept for the next append, so a full disk does not leave an empty file per attempt.
        """
        if self._fd is None:
            count = self.bytes_written  # still counts toward the next compaction
            self.start_segment(lsn)
            self.bytes_written = count
        fd = self._fd
        assert fd is not None
        start = os.lseek(fd, 0, os.SEEK_END)
        try:
            view = memoryview(line)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        except OSError:
            emptied = False
            with contextlib.suppress(OSError):
                os.ftruncate(fd, start)
                emptied = start == 0
            if not emptied:
                with contextlib.suppress(OSError):
                    self.close()
            raise
        self.bytes_written += len(line)
        self._size += len(line)

    def close(self) -> None:
        fd, self._fd, self._path = self._fd, None, None
        if fd is not None:
            os.close(fd)
