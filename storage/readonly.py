"""Opening a data directory read-only, for tools (``claimdeck export``, ``claimdeck history``)
that run while the bot holds the directory.

It takes no ``LOCK`` and changes nothing on disk: no temp-file clean-up, no migration (a store
that needs one is refused in one line), no compaction, no journal segment. It loads the shard
files and replays the journal into memory, so it sees every acknowledged write (and possibly a
write whose fsync is still running). The bot may append to the journal meanwhile: a torn last
line is simply not visible yet. The bot may also compact meanwhile (rewrite shard files, update
``meta.json``, delete covered segments): loading is then retried from the new ``meta.json``, so
what is read always comes from one position of the journal.
"""

from __future__ import annotations

import logging
from pathlib import Path

from storage.engine import Engine
from storage.errors import StoreCorrupt, StoreError, StoreTooNew
from storage.layout import (
    META_FILE,
    manifest_keys,
    read_meta,
    require_files,
    shard_files,
)
from storage.migrations import CURRENT_SCHEMA, detect_schema
from storage.recovery import (
    check_body_sizes,
    load_shards,
    replay_journal,
    require_bodies,
    require_indexed_cards,
)
from storage.state import StoreState

ATTEMPTS = 5  # loads retried when the bot compacted meanwhile


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
        try:
            _load(engine)
        except (StoreError, OSError):
            if attempt == ATTEMPTS or _meta_bytes(root) == before:
                raise
        else:
            if _meta_bytes(root) == before:
                return
        logging.getLogger(__name__).debug("%s was compacted while being read; again", root)
        engine.bodies.close()
        engine.state = StoreState(engine.bodies)


def _load(engine: Engine) -> None:
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
    if "files" not in meta:
        raise StoreCorrupt(root / META_FILE, 'it has no "files" list')
    files = shard_files(root)
    require_files(root, manifest_keys(meta["files"], root / META_FILE), {k for k, _ in files})
    load_shards(engine, files)
    check_body_sizes(engine)
    last_lsn, _ = replay_journal(engine, int(meta.get("last_lsn", 0)), logging.DEBUG)
    require_indexed_cards(engine)
    engine.state.last_seq = max(engine.state.last_seq, int(meta.get("last_seq", 0)))
    engine.next_lsn = last_lsn + 1
    require_bodies(engine)
    engine.state.dirty.clear()
