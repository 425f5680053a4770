"""Opening a data directory read-only, for tools (``claimdeck export``, ``claimdeck history``)
that run while the bot holds the directory.

It takes no ``LOCK`` and changes nothing on disk: no temp-file clean-up, no migration (a store
that needs one is refused in one line), no compaction, no journal segment. It loads the shard
files and replays the journal into memory, so it sees every acknowledged write (and possibly a
write whose fsync is still running). The bot may append to the journal meanwhile: a torn last
line is simply not visible yet.

The bot may also compact meanwhile: rewrite shard files (each by a rename), record the new
journal position in ``meta.json``, then delete the segments that position covers. A load that
succeeds is consistent all the same: it reads ``meta.json`` (position L) first, then the shard
files (each as new as L or newer), then the journal, which holds every write after L up to at
least what those shards hold; replayed in order over them (as after a crash) it gives the state
after its last record, a prefix of the acknowledged writes. What a compaction can do is make a
load fail, by deleting segments holding writes after L before they are read. So:

* the segments are opened as soon as ``meta.json`` is read, and read through those open files
  after the shards (a deleted file stays readable while open); segments the bot starts
  meanwhile are opened then;
* a load that fails while ``meta.json`` changed under it is retried from the new one, at most
  ``ATTEMPTS`` times, and then refused in one sentence that says to try again;
* a load that fails while ``meta.json`` stayed the same is real damage, reported as such.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import BinaryIO

from storage import journal
from storage.engine import Engine
from storage.errors import StoreCorrupt, StoreError, StoreTooNew
from storage.layout import (
    JOURNAL_DIR,
    META_FILE,
    manifest_keys,
    read_meta,
    require_files,
    shard_files,
)
from storage.migrations import CURRENT_SCHEMA, detect_schema
from storage.recovery import (
    apply_records,
    check_body_sizes,
    load_shards,
    require_bodies,
    require_indexed_cards,
)
from storage.state import StoreState

ATTEMPTS = 8  # loads tried while the bot keeps moving meta.json under them

log = logging.getLogger(__name__)


def _meta_bytes(root: Path) -> bytes | None:
    try:
        return (root / META_FILE).read_bytes()
    except FileNotFoundError:
        return None


def open_read_only_blocking(engine: Engine) -> None:
    """Load ``engine.root`` into ``engine.state`` without writing; blocking (a worker thread)."""
    root = engine.root
    if not root.is_dir():
        raise StoreError(f"There is no Claimdeck data directory at {root}.")
    for attempt in range(1, ATTEMPTS + 1):
        before = _meta_bytes(root)
        segments = _HeldSegments(root / JOURNAL_DIR)
        try:
            _load(engine, segments)
            return
        except (StoreError, OSError) as exc:
            if _meta_bytes(root) == before:
                raise  # nothing moved: the store itself is at fault
            if attempt == ATTEMPTS:
                raise StoreError(
                    f"Claimdeck could not read {root}: the bot kept folding its journal into "
                    f"the data files during all {ATTEMPTS} tries. Nothing is wrong with the "
                    "data; try again in a moment."
                ) from exc
        finally:
            segments.close()
        log.debug("%s was compacted while being read (try %d); again", root, attempt)
        engine.bodies.close()
        engine.state = StoreState(engine.bodies)


class _HeldSegments:
    """The journal segments of one load, each held open from the moment it is listed, so a
    compaction deleting it afterwards cannot take its content away."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.files: dict[Path, BinaryIO] = {}

    def hold(self) -> None:
        """Open every segment present and not yet held. One already deleted was covered by a
        newer meta.json; if this load needed its records, the replay finds the gap."""
        for path in journal.segment_paths(self.directory):
            if path not in self.files:
                try:
                    self.files[path] = path.open("rb")
                except FileNotFoundError:
                    continue

    def contents(self) -> list[tuple[Path, bytes]]:
        """Every held segment's bytes in write order, read now, after the shards; segments
        started since the first listing are held first (the shards may hold their writes)."""
        self.hold()
        order = sorted(self.files, key=lambda path: journal.segment_key(path) or (0, 0))
        return [(path, self.files[path].read()) for path in order]

    def close(self) -> None:
        for file in self.files.values():
            file.close()
        self.files.clear()


def _load(engine: Engine, segments: _HeldSegments) -> None:
    root = engine.root
    version = detect_schema(root)
    if version is None:
        return  # nothing stored yet: an empty store
    if version > CURRENT_SCHEMA:
        raise StoreTooNew(
            f"The data in {root} was written by a newer Claimdeck (schema version {version}; "
            f"this one reads up to {CURRENT_SCHEMA}). Upgrade Claimdeck."
        )
    if version != CURRENT_SCHEMA:
        raise StoreError(
            f"The data in {root} is in an older format (schema version {version}); start the "
            "bot once to upgrade it, then try again."
        )
    meta = read_meta(root)
    assert meta is not None
    segments.hold()  # right away: the segments holding the writes after this meta.json
    if "files" not in meta:
        raise StoreCorrupt(root / META_FILE, 'it has no "files" list')
    files = shard_files(root)
    require_files(root, manifest_keys(meta["files"], root / META_FILE), {k for k, _ in files})
    load_shards(engine, files)
    check_body_sizes(engine)
    last_lsn = _replay(engine, int(meta.get("last_lsn", 0)), segments.contents())
    require_indexed_cards(engine)
    engine.state.last_seq = max(engine.state.last_seq, int(meta.get("last_seq", 0)))
    engine.next_lsn = last_lsn + 1
    require_bodies(engine)
    engine.state.dirty.clear()


def _replay(engine: Engine, after_lsn: int, contents: list[tuple[Path, bytes]]) -> int:
    """Apply the journal records after ``after_lsn`` (as :func:`storage.recovery.replay_journal`
    does, from the held segments); the last lsn applied. A torn last line is not visible yet."""
    replay = journal.read_journal(engine.root / JOURNAL_DIR, after_lsn, contents)
    return apply_records(
        engine, replay, after_lsn,
        "Stop Claimdeck and start it again: it says how to repair that line.",
    )
