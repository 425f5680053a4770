"""Opening a data directory: lock it, migrate it, check it is whole, load it, replay the journal.

Nothing here deletes or overwrites data on an inference. A directory with data files but no
``meta.json`` is refused (:func:`storage.migrations.detect_schema`); a shard file or server
folder that ``meta.json`` lists but that is missing is refused (:func:`require_files`); a body
file the index points into must be there and long enough; a journal whose record numbers repeat,
jump or run backwards is refused, naming the line. The only files removed are temp files of
interrupted writes and body files no index row points into (an interrupted rewrite's output),
and, after a compaction has recorded their content elsewhere, covered journal segments.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from storage.atomic import ensure_dir, is_temporary
from storage.bodies import body_generations, body_path
from storage.compaction import collect_body_garbage, write_snapshot
from storage.engine import Engine
from storage.errors import StoreCorrupt
from storage.journal import Replay, read_journal
from storage.layout import (
    GUILDS_DIR,
    JOURNAL_DIR,
    META_FILE,
    ShardKey,
    manifest_keys,
    read_meta,
    read_shard_rows,
    read_tinydb_docs,
    require_files,
    shard_advice,
    shard_files,
    write_meta,
)
from storage.migrations import (
    CURRENT_SCHEMA,
    detect_schema,
    migrate,
    remove_superseded_v2_card_files,
)
from storage.state import UnknownCardRow

log = logging.getLogger("storage.tinydb_store")
_LOAD_ORDER = {"cards": 0, "votes": 1, "events": 2, "followups": 3, "settings": 4}


def open_blocking(engine: Engine) -> None:
    """Everything :meth:`TinyDBStore.open` does on disk; blocking, run in a worker thread."""
    root = engine.root
    ensure_dir(root)
    engine.take_dir_lock()
    _remove_temp_files(engine)
    version = detect_schema(root)
    if version is None:
        write_meta(
            root, {"schema_version": CURRENT_SCHEMA, "last_lsn": 0, "last_seq": 0, "files": {}}
        )
    elif version != CURRENT_SCHEMA:
        log.info("migrating %s from schema %s to %s", root, version, CURRENT_SCHEMA)
        migrate(root, version)
    remove_superseded_v2_card_files(root)
    meta = read_meta(root)
    assert meta is not None
    last_lsn = int(meta.get("last_lsn", 0))
    files = shard_files(root)
    present = {key for key, _ in files}
    if "files" not in meta:
        raise StoreCorrupt(
            root / META_FILE,
            'it has no "files" list',
            "Restore it from a backup; or, to rebuild that list from the files present, set "
            '"schema_version" to 3 in it and start Claimdeck again.',
        )
    require_files(root, manifest_keys(meta["files"], root / META_FILE), present)
    engine.files = present
    load_shards(engine, files)
    _check_body_files(engine)
    last_lsn, segments = replay_journal(engine, last_lsn)
    require_indexed_cards(engine)
    engine.state.last_seq = max(engine.state.last_seq, int(meta.get("last_seq", 0)))
    engine.next_lsn = last_lsn + 1
    require_bodies(engine)
    if segments:
        # Fold the journal into the shard files so the next start is quick.
        write_snapshot(engine, last_lsn, segments)
    collect_body_garbage(engine, last_lsn)
    engine.journal.start_segment(engine.next_lsn)


def replay_journal(
    engine: Engine, last_lsn: int, torn_level: int = logging.WARNING
) -> tuple[int, list[Path]]:
    """Apply the journal records after ``last_lsn`` to memory; the last lsn applied and the
    segments read. A torn last line (a crash, or a write still being appended) is skipped."""
    root = engine.root
    replay = read_journal(root / JOURNAL_DIR, after_lsn=last_lsn)
    if replay.dropped_torn_tail:
        log.log(
            torn_level, "dropped a torn, unacknowledged journal record in %s", root / JOURNAL_DIR
        )
    return apply_records(engine, replay, last_lsn), replay.segments


def apply_records(
    engine: Engine, replay: Replay, last_lsn: int, repair: str | None = None
) -> int:
    """Apply ``replay``'s records after ``last_lsn`` to memory; the last lsn applied. A record
    that cannot be applied is a ``StoreCorrupt`` naming its line, with ``repair`` as the advice
    (by default: how to delete that line)."""
    for record, (segment, line) in zip(replay.records, replay.sources, strict=True):
        lsn = int(record["lsn"])
        if lsn <= last_lsn:
            continue
        try:
            for op in record["ops"]:
                engine.state.apply(op)
        except (UnknownCardRow, KeyError, ValueError, TypeError, IndexError) as exc:
            raise StoreCorrupt(
                segment,
                f"journal line {line} (record {lsn}) cannot be applied: {exc!r}",
                repair
                or f"Stop Claimdeck and copy the data directory first. Then open {segment.name} "
                f"in a text editor and delete line {line}: the change recorded there is "
                "lost, every other line is kept. Start Claimdeck again; it names the next "
                "line if another one cannot be applied.",
            ) from exc
        last_lsn = lsn
    return last_lsn


def _remove_temp_files(engine: Engine) -> None:
    """Temp files of interrupted writes never hold acknowledged data; drop them."""
    root = engine.root
    folders = [root, root / JOURNAL_DIR]
    guilds = root / GUILDS_DIR
    if guilds.is_dir():
        folders += [p for p in guilds.iterdir() if p.is_dir()]
    for folder in folders:
        if folder.is_dir():
            for path in folder.iterdir():
                if is_temporary(path):
                    path.unlink(missing_ok=True)


def load_shards(engine: Engine, files: list[tuple[ShardKey, Any]]) -> None:
    state = engine.state
    state.start_loading()
    for key, path in sorted(files, key=lambda kp: _LOAD_ORDER[kp[0].table]):
        try:
            if key.table == "cards":  # index rows are small: parse fast, re-encode on write
                rows: list[tuple[dict[str, Any], str | None]] = [
                    (row, None) for row in read_tinydb_docs(path, "cards")
                ]
            else:
                rows = read_shard_rows(path, key.table)
        except StoreCorrupt as exc:
            raise StoreCorrupt(path, exc.problem, shard_advice(key)) from exc
        state.loading_source = path
        try:
            for row, text in rows:
                state.load_row(key.table, row, text)
        except (KeyError, ValueError, TypeError) as exc:
            raise StoreCorrupt(path, f"a record is malformed ({exc!r})", shard_advice(key)) from exc
    state.finish_loading()
    state.dirty.clear()


def check_body_sizes(engine: Engine) -> dict[tuple[int, int], int]:
    """Refuse to start when a body file the index points into is missing or too short (so
    damage shows at start, not at the first read); the end of the bodies used, per file."""
    root, bodies = engine.root, engine.bodies
    ends: dict[tuple[int, int], int] = {}
    for entry in engine.state.cards.values():
        if entry.body is not None:
            key = (entry.guild_id, entry.body[0])
            ends[key] = max(ends.get(key, 0), entry.body[1] + entry.body[2])
    for (guild_id, generation), end in sorted(ends.items()):
        size = bodies.file_size(guild_id, generation)
        path = body_path(root, guild_id, generation)
        if size is None:
            raise StoreCorrupt(path, "it is missing, but the card index points into it")
        if size < end:
            raise StoreCorrupt(
                path, f"it holds {size} bytes but the card index points up to byte {end}"
            )
    return ends


def _check_body_files(engine: Engine) -> None:
    """:func:`check_body_sizes`; then pick each guild's current body file and drop body files
    no index row points into (left by an interrupted rewrite)."""
    root, bodies = engine.root, engine.bodies
    ends = check_body_sizes(engine)
    guilds = root / GUILDS_DIR
    for guild_dir in sorted(guilds.iterdir()) if guilds.is_dir() else []:
        if not guild_dir.name.isdigit():
            continue
        guild_id = int(guild_dir.name)
        present = body_generations(guild_dir)
        used = [g for (gid, g) in ends if gid == guild_id]
        if not used:
            bodies.generation[guild_id] = max(present, default=1)
            continue
        bodies.generation[guild_id] = max(used)
        for generation in present:
            if generation not in used:
                body_path(root, guild_id, generation).unlink()


def require_indexed_cards(engine: Engine) -> None:
    """Every vote or event loaded from a shard needs its card, from the index or the journal
    just replayed (compaction may write a card's events before its index row)."""
    root = engine.root
    for card_id, path in engine.state.adopt_orphans().items():
        key = next(k for k, p in shard_files(root) if p == path)
        index = ShardKey("cards", key.guild_id, key.bucket).path(root).name
        raise StoreCorrupt(
            path,
            f"a record names card {card_id!r}, which is neither in the card index ({index}) "
            "nor in the journal",
            shard_advice(key),
        )


def require_bodies(engine: Engine) -> None:
    """Every card needs its body in a body file or in the journal just replayed."""
    state = engine.state
    for card_id, entry in state.cards.items():
        if entry.body is None and card_id not in state.pending_bodies:
            key = ShardKey("cards", entry.guild_id, state.card_shard(card_id)[1])
            raise StoreCorrupt(
                key.path(engine.root),
                f"card {card_id!r} has no body and the journal does not hold it",
            )
