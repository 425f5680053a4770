"""Schema versions of a data directory, and the steps that upgrade one version to the next.

Version 1 (Claimdeck before the journal) kept everything in one TinyDB file, ``claimdeck.json``,
with tables ``cards``, ``votes``, ``events``, ``followups`` and ``settings``; its votes named the
voter ``user_id`` and its events had no sequence number (their order was the document order).
Version 2 added the journal and split the records into TinyDB files by guild and hash bucket,
whole cards in ``guilds/<guild>/cards-<bb>.json``. Version 3 (:mod:`storage.layout`) keeps only a
card index in TinyDB (``index-<bb>.json``) and moves each card's ClaimCard body to the guild's
append-only body file (:mod:`storage.bodies`); votes, events, follow-ups, settings and the journal
format are unchanged, so a v2 journal replays as is.

Version 4 adds to ``meta.json`` the list of shard files that must exist (``"files"``, see
:func:`storage.layout.manifest_of`), so a lost file or server folder stops the start instead
of silently dropping its records, and replay checks the journal's record numbers; the files
themselves are unchanged, so the 3 -> 4 step only records the files present.

A migration writes the new files first and ``meta.json`` last, so a crash part-way leaves the
old version in charge and the migration simply runs again. The v1 file is kept, renamed. A v2
``cards-<bb>.json`` file is deleted only once ``meta.json`` says version 3 or later and every
card in it has been read back, equal, from the fsynced index and body files (keeping the v2
files would double the disk a large store uses).

Nothing is inferred from a missing ``meta.json``: a directory with data files but no
``meta.json`` is refused (:func:`detect_schema`), never taken for a new store.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.models import Event, FollowUp, GuildSettings, StoredCard, Vote
from storage.atomic import atomic_write_text, fsync_dir, is_temporary
from storage.bodies import BodyFiles, body_path, encode_body
from storage.errors import StoreCorrupt, StoreIncomplete, StoreTooNew
from storage.journal import segment_key, segment_paths
from storage.layout import (
    GUILDS_DIR,
    JOURNAL_DIR,
    META_FILE,
    ShardKey,
    bucket_of,
    manifest_of,
    read_meta,
    read_tinydb_docs,
    read_tinydb_table,
    render_tinydb,
    shard_files,
    write_meta,
    write_shard,
)
from storage.state import entry_from_card, to_json

CURRENT_SCHEMA = 4
V1_FILE = "claimdeck.json"
V1_BACKUP = "claimdeck.v1.json.bak"
V2_CARD_FILE = re.compile(r"^cards-([0-9a-f]{2})\.json$")


def detect_schema(root: Path) -> int | None:
    """The directory's schema version, or None for a new store (no data files at all).

    Data files without a readable ``meta.json`` are refused with :class:`StoreIncomplete`,
    naming them: taking them for a new store would overwrite or delete them.
    """
    meta = read_meta(root)
    if meta is not None:
        return int(meta["schema_version"])
    if (root / V1_FILE).exists():
        return 1
    found = data_files(root)
    if found:
        raise _meta_missing(root, found)
    return None


def data_files(root: Path) -> list[Path]:
    """Every file under ``guilds/`` and ``journal/`` except temporary ones, sorted."""
    found: list[Path] = []
    for folder in (root / GUILDS_DIR, root / JOURNAL_DIR):
        if folder.is_dir():
            found += (p for p in folder.rglob("*") if p.is_file() and not is_temporary(p))
    return sorted(found)


def _meta_missing(root: Path, found: list[Path]) -> StoreIncomplete:
    names = [str(p.relative_to(root)) for p in found[:3]]
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    version = 2 if any(V2_CARD_FILE.match(p.name) for p in found) else 3
    segments = segment_paths(root / JOURNAL_DIR)
    last_lsn = segment_key(segments[0])[0] - 1 if segments else 0  # type: ignore[index]
    meta = {"meta": {"1": {"schema_version": version, "last_lsn": last_lsn, "last_seq": 0}}}
    return StoreIncomplete(
        root / META_FILE,
        f"is missing, but the directory holds Claimdeck data ({', '.join(names)}{more})",
        f"Restore {META_FILE} from a backup and start Claimdeck again. With no backup, create "
        f"{root / META_FILE} containing just {json.dumps(meta)} (these files look like schema "
        f"version {version}; replay of the journal starts at its oldest record) and start "
        "Claimdeck again.",
    )


# --- version 1 -> 2 --------------------------------------------------------------------------


def _upgrade_v1_vote(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    if "member_id" not in row and "user_id" in row:
        row["member_id"] = row.pop("user_id")
    return row


def _v2_file(root: Path, table: str, guild_id: int, bucket: int | None = None) -> Path:
    name = f"{table}.json" if bucket is None else f"{table}-{bucket:02x}.json"
    return root / GUILDS_DIR / str(guild_id) / name


def _v1_to_v2(root: Path) -> None:
    """Split the single v1 file into v2's per-guild, per-bucket TinyDB files."""
    source = root / V1_FILE
    tables = ("cards", "votes", "events", "followups", "settings")
    rows = {table: read_tinydb_table(source, table) for table in tables}
    cards: dict[str, dict[str, Any]] = {}
    votes: dict[tuple[str, str, int], dict[str, Any]] = {}
    events: list[dict[str, Any]] = []
    followups: dict[str, dict[str, Any]] = {}
    settings: dict[int, dict[str, Any]] = {}
    try:
        for row in rows["cards"]:
            cards[StoredCard.from_dict(row).id] = row
        for row in rows["votes"]:
            row = _upgrade_v1_vote(row)
            vote = Vote.from_dict(row)
            votes[(vote.card_id, vote.claim_id, vote.member_id)] = row
        for seq, row in enumerate(rows["events"], start=1):
            Event.from_dict(row)
            events.append({**row, "seq": seq})
        for row in rows["followups"]:
            followups[FollowUp.from_dict(row).id] = row
        for row in rows["settings"]:
            settings[GuildSettings.from_dict(row).guild_id] = row
        files: dict[Path, tuple[str, list[str]]] = {}

        def put(path: Path, table: str, row: dict[str, Any]) -> None:
            files.setdefault(path, (table, []))[1].append(to_json(row))

        def card_file(table: str, card_id: str) -> Path:
            if card_id not in cards:
                raise StoreCorrupt(
                    source, f"a vote or event names card {card_id!r}, which is missing"
                )
            return _v2_file(root, table, int(cards[card_id]["guild_id"]), bucket_of(card_id))

        for card_id, row in cards.items():
            put(card_file("cards", card_id), "cards", row)
        for (card_id, _, _), row in votes.items():
            put(card_file("votes", card_id), "votes", row)
        for row in events:
            put(card_file("events", row["card_id"]), "events", row)
        for row in followups.values():
            put(_v2_file(root, "followups", int(row["guild_id"])), "followups", row)
        for guild_id, row in settings.items():
            put(_v2_file(root, "settings", guild_id), "settings", row)
    except (KeyError, ValueError, TypeError) as exc:
        raise StoreCorrupt(source, f"a record is malformed ({exc!r})") from exc
    for path, (table, texts) in sorted(files.items()):
        atomic_write_text(path, render_tinydb(table, texts), sync_dir=False)
    for folder in {path.parent for path in files}:
        fsync_dir(folder)
    if files:
        fsync_dir(root / GUILDS_DIR)
    write_meta(root, {"schema_version": 2, "last_lsn": 0, "last_seq": len(events)})
    os.replace(source, root / V1_BACKUP)
    fsync_dir(root)


# --- version 2 -> 3 --------------------------------------------------------------------------


def _v2_card_files(guild_dir: Path) -> list[tuple[int, Path]]:
    found = ((V2_CARD_FILE.match(p.name), p) for p in guild_dir.iterdir())
    return sorted((int(m.group(1), 16), p) for m, p in found if m)


def _guild_dirs(root: Path) -> list[Path]:
    guilds = root / GUILDS_DIR
    if not guilds.is_dir():
        return []
    return [d for d in sorted(guilds.iterdir()) if d.is_dir() and d.name.isdigit()]


def _v2_to_v3(root: Path) -> None:
    """Move card bodies out of v2's cards-<bb>.json into a body file plus index-<bb>.json.

    One v2 file is in memory at a time, so even a large store migrates in bounded memory. Each
    bucket's index file and bodies are read back and compared with what was written before
    ``meta.json`` moves to version 3; the v2 files are deleted only after that.
    """
    meta = read_meta(root) or {}
    bodies = BodyFiles(root)
    try:
        for guild_dir in _guild_dirs(root):
            guild_id = int(guild_dir.name)
            files = _v2_card_files(guild_dir)
            if not files:
                continue
            # Left by an interrupted run of this migration; nothing points into it.
            body_path(root, guild_id, 1).unlink(missing_ok=True)
            bodies.generation[guild_id] = 1
            for bucket, path in files:
                _migrate_v2_bucket(root, bodies, guild_id, bucket, path)
            fsync_dir(guild_dir)
    finally:
        bodies.close()
    write_meta(
        root,
        {
            "schema_version": 3,
            "last_lsn": int(meta.get("last_lsn", 0)),
            "last_seq": int(meta.get("last_seq", 0)),
        },
    )
    _delete_v2_card_files(root, verify=False)  # verified above, before version 3 took charge


def _migrate_v2_bucket(
    root: Path, bodies: BodyFiles, guild_id: int, bucket: int, path: Path
) -> None:
    """Append one v2 file's card bodies (fsynced), write its index file (fsynced), and check
    both read back; :class:`StoreCorrupt` naming the v2 file (which is kept) otherwise."""
    index_rows: list[str] = []
    body_texts: list[str] = []
    entries = []
    try:
        for row in read_tinydb_docs(path, "cards"):
            entries.append((str(row["id"]), entry_from_card(row)))
            body_texts.append(to_json(row["card"]))
    except (KeyError, ValueError, TypeError) as exc:
        raise StoreCorrupt(path, f"a record is malformed ({exc!r})") from exc
    refs = bodies.append(guild_id, body_texts)
    for (card_id, entry), ref in zip(entries, refs, strict=True):
        entry.body = ref
        index_rows.append(to_json(entry.index_row(card_id)))
    key = ShardKey("cards", guild_id, bucket)
    write_shard(root, key, index_rows)
    # Read both back before anything may delete the v2 file.
    written = {str(row["id"]): row.get("body") for row in read_tinydb_docs(key.path(root), "cards")}
    for (card_id, _), ref, text in zip(entries, refs, body_texts, strict=True):
        if written.get(card_id) != list(ref):
            problem = f"card {card_id!r} did not read back from {key.path(root).name}"
        elif bodies.read_raw(guild_id, ref) != encode_body(text):
            problem = f"the body of card {card_id!r} did not read back from its body file"
        else:
            continue
        raise StoreCorrupt(
            path,
            f"{problem} after migrating it, so it is kept and version 2 stays in charge",
            "Check the disk (free space, errors in the system log), then start Claimdeck again "
            "to retry the migration.",
        )


def _verify_v2_bucket(
    root: Path, bodies: BodyFiles, guild_id: int, bucket: int, path: Path
) -> None:
    """Every card of a v2 file must read back, equal, from the index and body files; a
    :class:`StoreCorrupt` naming the v2 file otherwise (which is then kept)."""
    index = ShardKey("cards", guild_id, bucket).path(root)
    rows = {str(r.get("id")): r for r in read_tinydb_docs(index, "cards")} if index.exists() else {}
    for old in read_tinydb_docs(path, "cards"):
        card_id = str(old["id"])
        row = rows.get(card_id)
        body = row.get("body") if row else None
        problem = f"card {card_id!r} in it is not in {index.name}"
        if body is not None:
            problem = f"card {card_id!r} in it differs from its copy in {index.name}"
            ref = (int(body[0]), int(body[1]), int(body[2]))
            try:
                if bodies.read(guild_id, ref, card_id) == old["card"]:
                    continue
            except StoreCorrupt as exc:
                problem = f"card {card_id!r} in it does not read back from {exc.path.name}"
        raise StoreCorrupt(
            path,
            f"{problem}, so it is kept",
            "Stop Claimdeck and make sure the disk is healthy. If this directory was being "
            f"migrated from version 2, restore it from a backup and start again; otherwise move "
            f"{path.name} (a file of an older Claimdeck) out of the data directory.",
        )


def remove_superseded_v2_card_files(root: Path) -> None:
    """Delete v2 ``cards-<bb>.json`` files once version 3 or later is in charge (a crash right
    after the 2 -> 3 migration recorded version 3 can leave some behind), each only after its
    cards read back, equal, from the index and body files."""
    meta = read_meta(root)
    if meta is not None and int(meta["schema_version"]) >= 3:
        _delete_v2_card_files(root, verify=True)


def _delete_v2_card_files(root: Path, *, verify: bool) -> None:
    bodies = BodyFiles(root)
    try:
        for guild_dir in _guild_dirs(root):
            files = _v2_card_files(guild_dir)
            if verify:
                for bucket, path in files:
                    _verify_v2_bucket(root, bodies, int(guild_dir.name), bucket, path)
            for _, path in files:
                path.unlink()
            if files:
                fsync_dir(guild_dir)
    finally:
        bodies.close()


# --- version 3 -> 4 --------------------------------------------------------------------------


def _v3_to_v4(root: Path) -> None:
    """Record the shard files present as the ones that must exist from now on."""
    meta = read_meta(root) or {}
    files = manifest_of(key for key, _ in shard_files(root))
    write_meta(
        root,
        {
            "schema_version": 4,
            "last_lsn": int(meta.get("last_lsn", 0)),
            "last_seq": int(meta.get("last_seq", 0)),
            "files": files,
        },
    )


MIGRATIONS: dict[int, Callable[[Path], None]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


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
