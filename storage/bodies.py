"""Card bodies (each card's large ClaimCard JSON) in append-only per-guild files, read by offset.

Why these are not TinyDB files: a TinyDB file is one JSON document that has to be parsed whole to
read any record and rewritten whole to change one. At 100,000 cards of ~8 KB that meant holding
~800 MB of JSON in memory and parsing it all at every start. A body is instead written once, by
compaction, as one line appended to ``guilds/<guild>/bodies-<generation>.dat``, and the card's
index row (in a TinyDB file) records ``[generation, offset, length]`` so a read is one
``os.pread``. Line format, as in the journal: ``<crc32 as 8 hex digits> <JSON>\\n``, so a damaged
body is detected on read and the file can be inspected (or salvaged) with a text editor.

A body file is only ever appended to. Bodies of replaced cards, and bytes left by a compaction a
crash interrupted, are dead space; :meth:`BodyFiles.rewrite` copies the live bodies into the next
generation when dead space dominates (see ``TinyDBStore``), and the old file is deleted only after
every index row that pointed into it has been replaced durably.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from storage.atomic import ensure_dir, fsync_dir
from storage.errors import StoreCorrupt, no_access

BodyRef = tuple[int, int, int]  # (generation, offset, length of the whole line)
BODY_FILE = re.compile(r"^bodies-(\d{6})\.dat$")
GUILDS_DIR = "guilds"
MAX_OPEN_FILES = 64
WRITE_CHUNK = 1 << 20


def body_path(root: Path, guild_id: int, generation: int) -> Path:
    return root / GUILDS_DIR / str(guild_id) / f"bodies-{generation:06d}.dat"


def body_generations(guild_dir: Path) -> list[int]:
    """Generations of the body files present in one guild folder, oldest first."""
    if not guild_dir.is_dir():
        return []
    found = (BODY_FILE.match(p.name) for p in guild_dir.iterdir())
    return sorted(int(m.group(1)) for m in found if m)


def encode_body(text: str) -> bytes:
    body = text.encode("utf-8")
    return b"%08x " % zlib.crc32(body) + body + b"\n"


class BodyFiles:
    """Reads bodies by reference (keeping a few files open) and appends new ones.

    Reads run on the event loop (one ``pread`` from the page cache); appends run in a worker
    thread through their own descriptor, so a read never waits for a write.
    """

    def __init__(self, root: Path, max_open: int = MAX_OPEN_FILES) -> None:
        self.root = root
        self.max_open = max_open
        self.generation: dict[int, int] = {}  # guild -> generation new bodies are appended to
        self._fds: OrderedDict[tuple[int, int], int] = OrderedDict()

    # --- reading ---------------------------------------------------------------------------

    def _fd(self, guild_id: int, generation: int) -> int:
        key = (guild_id, generation)
        fd = self._fds.get(key)
        if fd is not None:
            self._fds.move_to_end(key)
            return fd
        path = body_path(self.root, guild_id, generation)
        try:
            fd = os.open(path, os.O_RDONLY)
        except PermissionError as exc:
            raise no_access(path, self.root, exc) from exc
        except OSError as exc:
            raise StoreCorrupt(path, f"it cannot be opened: {exc.strerror}") from exc
        self._fds[key] = fd
        while len(self._fds) > self.max_open:
            os.close(self._fds.popitem(last=False)[1])
        return fd

    def read(self, guild_id: int, ref: BodyRef, card_id: str) -> dict[str, Any]:
        """The body stored at ``ref``; :class:`StoreCorrupt` (naming the file) if it is damaged."""
        generation, offset, length = ref
        data = os.pread(self._fd(guild_id, generation), length, offset)
        text = data[9:-1]
        body: Any = None
        if len(data) == length and data[8:9] == b" " and data[-1:] == b"\n":
            try:
                if int(data[:8], 16) == zlib.crc32(text):
                    body = json.loads(text)
            except ValueError:
                body = None
        if not isinstance(body, dict):
            raise StoreCorrupt(
                body_path(self.root, guild_id, generation),
                f"the body of card {card_id!r} at byte {offset} is damaged",
                "Only this card is affected; the rest of the store keeps working. To get it "
                "back, stop Claimdeck and restore that file from a backup.",
            )
        return body

    def read_raw(self, guild_id: int, ref: BodyRef) -> bytes:
        """The stored line at ``ref`` as bytes, unchecked (for comparing with what was written)."""
        return os.pread(self._fd(guild_id, ref[0]), ref[2], ref[1])

    def file_size(self, guild_id: int, generation: int) -> int | None:
        try:
            return body_path(self.root, guild_id, generation).stat().st_size
        except FileNotFoundError:
            return None

    # --- writing (blocking: call from a worker thread) -----------------------------------

    def append(self, guild_id: int, texts: Iterable[str]) -> list[BodyRef]:
        """Append bodies to the guild's current file and fsync it; their references, in order."""
        generation = self.generation.setdefault(guild_id, 1)
        return self._append_to(guild_id, generation, (encode_body(t) for t in texts))

    def _append_to(self, guild_id: int, generation: int, lines: Iterable[bytes]) -> list[BodyRef]:
        path = body_path(self.root, guild_id, generation)
        ensure_dir(path.parent)
        created = not path.exists()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        refs: list[BodyRef] = []
        try:
            # Bytes a crash left after the last complete line are dead space: start after them.
            offset = os.fstat(fd).st_size
            batch: list[bytes] = []
            pending = 0
            for line in lines:
                refs.append((generation, offset, len(line)))
                offset += len(line)
                batch.append(line)
                pending += len(line)
                if pending >= WRITE_CHUNK:
                    _write_all(fd, b"".join(batch))
                    batch, pending = [], 0
            if batch:
                _write_all(fd, b"".join(batch))
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            fsync_dir(path.parent)
        return refs

    def rewrite(self, guild_id: int, live: list[tuple[str, BodyRef]]) -> list[BodyRef]:
        """Copy the live bodies ``(card_id, ref)`` into a new generation, which becomes current.

        The caller must then durably rewrite every index row of the guild and only afterwards
        call :meth:`drop_generations_before`.
        """
        generation = self.generation.get(guild_id, 1) + 1
        path = body_path(self.root, guild_id, generation)
        path.unlink(missing_ok=True)  # an earlier interrupted rewrite; nothing points into it

        def lines() -> Iterable[bytes]:
            for card_id, ref in live:
                self.read(guild_id, ref, card_id)  # verify before copying
                yield self.read_raw(guild_id, ref)

        refs = self._append_to(guild_id, generation, lines())
        self.generation[guild_id] = generation
        return refs

    def drop_generations_before(self, guild_id: int, generation: int) -> None:
        guild_dir = self.root / GUILDS_DIR / str(guild_id)
        removed = False
        for old in body_generations(guild_dir):
            if old < generation:
                fd = self._fds.pop((guild_id, old), None)
                if fd is not None:
                    os.close(fd)
                body_path(self.root, guild_id, old).unlink(missing_ok=True)
                removed = True
        if removed:
            fsync_dir(guild_dir)

    def close(self) -> None:
        while self._fds:
            os.close(self._fds.popitem()[1])


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
