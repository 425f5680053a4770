"""Schema versions of a data directory, and the steps that upgrade one version to the next.

Version 1 (Claimdeck before the journal) kept everything in one TinyDB file, ``claimdeck.json``,
with tables ``cards``, ``votes``, ``events``, ``followups`` and ``settings``; its votes named the
voter ``user_id`` and its events had no sequence number (their order was the document order).
Version 2 is the sharded layout described in :mod:`storage.layout` plus the journal.

A migration writes the new files first and ``meta.json`` last, so a crash part-way leaves the
old version in charge and the migration simply runs again. The old file is kept, renamed, never
deleted.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storage.atomic import fsync_dir
from storage.errors import StoreCorrupt, StoreTooNew
from storage.layout import read_meta, read_tinydb_table, write_meta, write_shard
from storage.state import StoreState, UnknownCardRow

CURRENT_SCHEMA = 2
V1_FILE = "claimdeck.json"
V1_BACKUP = "claimdeck.v1.json.bak"


def detect_schema(root: Path) -> int | None:
    """The directory's schema version, or None for an empty (new) store."""
    meta = read_meta(root)
    if meta is not None:
        return int(meta["schema_version"])
    if (root / V1_FILE).exists():
        return 1
    return None


def _upgrade_v1_vote(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    if "member_id" not in row and "user_id" in row:
        row["member_id"] = row.pop("user_id")
    return row


def _v1_to_v2(root: Path) -> None:
    source = root / V1_FILE
    state = StoreState()
    tables = ("cards", "votes", "events", "followups", "settings")
    rows = {table: read_tinydb_table(source, table) for table in tables}
    try:
        for row in rows["cards"]:
            state.apply(["card", row])
        for row in rows["votes"]:
            state.apply(["vote", _upgrade_v1_vote(row)])
        for seq, row in enumerate(rows["events"], start=1):
            state.apply(["event", seq, row])
        for row in rows["followups"]:
            state.apply(["followup", row])
        for row in rows["settings"]:
            state.apply(["settings", row])
    except UnknownCardRow as exc:
        raise StoreCorrupt(
            source, f"a vote or event names card {exc.args[0]!r}, which is missing"
        ) from exc
    except (KeyError, ValueError, TypeError) as exc:
        raise StoreCorrupt(source, f"a record is malformed ({exc!r})") from exc
    for key, shard_rows in state.take_dirty().items():
        write_shard(root, key, shard_rows)
    write_meta(root, {"schema_version": 2, "last_lsn": 0, "last_seq": state.last_seq})
    os.replace(source, root / V1_BACKUP)
    fsync_dir(root)


MIGRATIONS: dict[int, Callable[[Path], None]] = {1: _v1_to_v2}


def migrate(root: Path, version: int) -> None:
    """Upgrade ``root`` from ``version`` to :data:`CURRENT_SCHEMA`, one step at a time."""
    if version > CURRENT_SCHEMA:
        raise StoreTooNew(
            f"The data in {root} was written by a newer Claimdeck (schema version {version}; "
            f"this one reads up to {CURRENT_SCHEMA}). Upgrade Claimdeck, or point "
            "CLAIMDECK_DATA_DIR at another directory."
        )
    while version < CURRENT_SCHEMA:
        MIGRATIONS[version](root)
        version += 1
