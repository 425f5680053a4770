"""Where each record lives on disk, and how a shard file is written and read.

Layout of a data directory (schema version 4)::

    meta.json                          TinyDB: schema_version, last compacted journal lsn/seq,
                                       and "files": the shard files that must exist
    LOCK                               flock()ed by the running process
    journal/<first lsn>.log            write-ahead journal segments (see storage.journal)
    guilds/<guild id>/index-<bb>.json  TinyDB table "cards": every field of the cards whose id
                                       hashes to bucket bb except the ClaimCard itself, plus its
                                       title, claim ids and "body": [generation, offset, length]
    guilds/<guild id>/bodies-<gen>.dat NOT TinyDB: append-only ClaimCard JSON, one checksummed
                                       line per card version (see storage.bodies for why)
    guilds/<guild id>/votes-<bb>.json  TinyDB table "votes" for those cards' votes
    guilds/<guild id>/events-<bb>.json TinyDB table "events" for those cards' history
    guilds/<guild id>/followups.json   TinyDB table "followups"
    guilds/<guild id>/settings.json    TinyDB table "settings"

Splitting by guild and by a hash bucket of the card id keeps each file small, so compaction
rewrites only the few files that changed instead of one file holding everything; keeping card
bodies out of the TinyDB files keeps those files (and the memory that mirrors them) small.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from storage.atomic import AtomicJSONStorage, atomic_write_text
from storage.errors import StoreCorrupt, StoreIncomplete

BUCKETS = 64  # part of the on-disk layout: changing it needs a schema migration
BUCKETED_TABLES = ("cards", "votes", "events")
GUILD_TABLES = ("followups", "settings")
META_FILE = "meta.json"
LOCK_FILE = "LOCK"
JOURNAL_DIR = "journal"
GUILDS_DIR = "guilds"

_SHARD_NAME = re.compile(r"^(index|votes|events)-([0-9a-f]{2})\.json$|^(followups|settings)\.json$")
# The "cards" table (the card index) lives in index-<bb>.json: schema 2 used cards-<bb>.json
# for whole cards, and a distinct name lets the 2 -> 3 migration never overwrite a v2 file.
_FILE_PREFIX = {"cards": "index"}
_TABLE_OF_PREFIX = {"index": "cards"}


@dataclass(frozen=True, slots=True, order=True)
class ShardKey:
    """One TinyDB file: a table, a guild, and (for card-keyed tables) a bucket."""

    table: str
    guild_id: int
    bucket: int | None = None

    def path(self, root: Path) -> Path:
        if self.bucket is None:
            name = f"{self.table}.json"
        else:
            name = f"{_FILE_PREFIX.get(self.table, self.table)}-{self.bucket:02x}.json"
        return root / GUILDS_DIR / str(self.guild_id) / name


def bucket_of(card_id: str) -> int:
    """Stable bucket of a card id (crc32, not ``hash()``, which changes between runs)."""
    return zlib.crc32(card_id.encode("utf-8")) % BUCKETS


def render_tinydb(table: str, rows: Iterable[str], chunk_rows: int = 64) -> Iterator[str]:
    """TinyDB's JSON document for one table, in chunks, built from rows already in JSON text.

    Rows are kept serialized in memory, so compaction only joins strings instead of
    re-encoding every record.
    """
    yield f"{{{json.dumps(table)}: {{"
    batch: list[str] = []
    for doc_id, row in enumerate(rows, start=1):
        batch.append(f'{", " if doc_id > 1 else ""}"{doc_id}": {row}')
        if len(batch) >= chunk_rows:
            yield "".join(batch)
            batch.clear()
    yield "".join(batch) + "}}"


def write_shard(root: Path, key: ShardKey, rows: Iterable[str]) -> None:
    atomic_write_text(key.path(root), render_tinydb(key.table, rows), sync_dir=False)


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def _skip(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    assert match is not None  # "[...]*" matches everywhere, possibly empty
    return match.end()


def _expect(text: str, pos: int, char: str) -> int:
    pos = _skip(text, pos)
    if text[pos : pos + 1] != char:
        raise ValueError(f"expected {char!r} at offset {pos}")
    return pos + 1


def _scan_tinydb_rows(text: str, table: str) -> list[tuple[dict[str, Any], str]] | None:
    """Each document of a one-table TinyDB file with its exact JSON text, or None if the file
    has another shape (then TinyDB itself reads it). Keeping the text avoids re-encoding."""
    pos = _expect(text, 0, "{")
    name, pos = _DECODER.raw_decode(text, _skip(text, pos))
    if name != table:
        return None
    pos = _expect(text, _expect(text, pos, ":"), "{")
    rows: list[tuple[dict[str, Any], str]] = []
    pos = _skip(text, pos)
    if text[pos : pos + 1] == "}":
        pos += 1
    else:
        while True:
            _, pos = _DECODER.raw_decode(text, pos)  # the document id
            pos = _skip(text, _expect(text, pos, ":"))
            doc, end = _DECODER.raw_decode(text, pos)
            if not isinstance(doc, dict):
                raise ValueError(f"the record at offset {pos} is not an object")
            rows.append((doc, text[pos:end]))
            pos = _skip(text, end)
            if text[pos : pos + 1] == ",":
                pos = _skip(text, pos + 1)
                continue
            pos = _expect(text, pos, "}")
            break
    pos = _expect(text, pos, "}")
    if text[_skip(text, pos) :]:
        return None
    return rows


def read_shard_rows(path: Path, table: str) -> list[tuple[dict[str, Any], str | None]]:
    """Records of a shard file with their JSON text (None when it must be re-encoded)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise StoreCorrupt(path, f"it is not UTF-8 text: {exc.reason}") from exc
    except PermissionError:
        raise  # not damage: the caller says whose access to fix
    except OSError as exc:
        raise StoreCorrupt(path, f"it cannot be opened: {exc.strerror}") from exc
    try:
        scanned = _scan_tinydb_rows(text, table)
    except ValueError:
        scanned = None
    if scanned is not None:
        return list(scanned)
    return [(row, None) for row in read_tinydb_table(path, table)]


def read_tinydb_docs(path: Path, table: str) -> list[dict[str, Any]]:
    """Records of a TinyDB file in document order, parsed in one ``json.loads`` (the fast path
    for the card index); anything unusual goes through :func:`read_tinydb_table`."""
    try:
        data = json.loads(path.read_bytes())
    except PermissionError:
        raise  # not damage: the caller says whose access to fix
    except OSError as exc:
        raise StoreCorrupt(path, f"it cannot be opened: {exc.strerror}") from exc
    except ValueError:
        data = None
    if isinstance(data, dict) and set(data) == {table} and isinstance(data[table], dict):
        docs = list(data[table].values())
        if all(isinstance(doc, dict) for doc in docs):
            return docs
    return read_tinydb_table(path, table)


def read_tinydb_table(path: Path, table: str) -> list[dict[str, Any]]:
    """All documents of ``table`` in ``path`` via TinyDB; :class:`StoreCorrupt` if unreadable."""
    try:
        if path.stat().st_size == 0:
            raise StoreCorrupt(path, "the file is empty")
        db = TinyDB(path, storage=AtomicJSONStorage, read_only=True)
        try:
            raw = db.storage.read()
            if not isinstance(raw, dict) or not all(isinstance(t, dict) for t in raw.values()):
                raise StoreCorrupt(path, "it is not a TinyDB document")
            rows = [dict(doc) for doc in db.table(table).all()]
        finally:
            db.close()
    except StoreCorrupt:
        raise
    except UnicodeDecodeError as exc:
        raise StoreCorrupt(path, f"it is not UTF-8 text: {exc.reason}") from exc
    except ValueError as exc:
        raise StoreCorrupt(path, f"it is not valid JSON: {exc}") from exc
    except PermissionError:
        raise  # not damage: the caller says whose access to fix
    except OSError as exc:
        raise StoreCorrupt(path, f"it cannot be opened: {exc.strerror}") from exc
    if not all(isinstance(row, dict) for row in rows):
        raise StoreCorrupt(path, f"table {table!r} holds something other than records")
    return rows


def shard_files(root: Path) -> list[tuple[ShardKey, Path]]:
    """Every shard file under ``guilds/``; stray files are ignored, temp files included."""
    found: list[tuple[ShardKey, Path]] = []
    guilds = root / GUILDS_DIR
    if not guilds.is_dir():
        return found
    for guild_dir in sorted(guilds.iterdir()):
        if not guild_dir.is_dir() or not guild_dir.name.isdigit():
            continue
        for path in sorted(guild_dir.iterdir()):
            match = _SHARD_NAME.match(path.name)
            if not match:
                continue
            if match.group(1):
                table = _TABLE_OF_PREFIX.get(match.group(1), match.group(1))
                key = ShardKey(table, int(guild_dir.name), int(match.group(2), 16))
            else:
                key = ShardKey(match.group(3), int(guild_dir.name))
            found.append((key, path))
    return found


def read_meta(root: Path) -> dict[str, Any] | None:
    path = root / META_FILE
    if not path.exists():
        return None
    rows = read_tinydb_table(path, "meta")
    if len(rows) != 1 or not isinstance(rows[0].get("schema_version"), int):
        raise StoreCorrupt(path, "it does not hold exactly one meta record with a schema_version")
    return rows[0]


_TABLE_WORDS = {
    "votes": "the votes on the cards in it",
    "events": "the history of the cards in it",
    "followups": "the server's follow-ups",
    "settings": "the server's settings",
}


def _empty(key: ShardKey) -> str:
    return json.dumps({key.table: {}})


def _emptying(key: ShardKey, verb: str) -> str:
    """How to go on without a shard file's records: ``verb`` it as an empty table (and, for a
    card index, the votes and history files of the same bucket, which name its cards)."""
    path = key.path(Path("."))
    if key.table == "cards":
        assert key.bucket is not None
        votes, events = (
            ShardKey("votes", key.guild_id, key.bucket),
            ShardKey("events", key.guild_id, key.bucket),
        )
        return (
            f"{verb} {path.name} containing just {_empty(key)}, and replace the content of "
            f"{votes.path(Path('.')).name} and {events.path(Path('.')).name} beside it with "
            f"{_empty(votes)} and {_empty(events)}: Claimdeck then starts without the cards "
            "that were listed in it and their votes and history; every other card is kept."
        )
    return (
        f"{verb} {path.name} containing just {_empty(key)}: Claimdeck then starts without "
        f"{_TABLE_WORDS[key.table]} and keeps everything else."
    )


def shard_advice(key: ShardKey) -> str:
    """How to recover from a damaged shard file, at the smallest cost."""
    return (
        "Stop Claimdeck and restore it from a backup. With no backup, keep a copy of it, then "
        + _emptying(key, "rewrite")
    )


# --- the manifest: which shard files must exist ----------------------------------------------

_MANIFEST_TABLE = {"cards": "index", "votes": "votes", "events": "events"}
_TABLE_OF_MANIFEST = {v: k for k, v in _MANIFEST_TABLE.items()}


def manifest_of(keys: Iterable[ShardKey]) -> dict[str, dict[str, Any]]:
    """The ``"files"`` entry of ``meta.json``: per guild, a 64-bit mask (16 hex digits) of the
    buckets present for each card-keyed file kind, and ``true`` for followups/settings. A mask
    keeps ``meta.json`` small (a few dozen bytes a guild) though it is rewritten at every
    compaction."""
    masks: dict[int, dict[str, Any]] = {}
    for key in keys:
        entry = masks.setdefault(key.guild_id, {})
        if key.bucket is None:
            entry[key.table] = True
        else:
            name = _MANIFEST_TABLE[key.table]
            entry[name] = entry.get(name, 0) | (1 << key.bucket)
    return {
        str(guild): {
            k: (f"{v:016x}" if k in _TABLE_OF_MANIFEST else True) for k, v in sorted(e.items())
        }
        for guild, e in sorted(masks.items())
    }


def manifest_keys(manifest: Any, meta_path: Path) -> set[ShardKey]:
    """The shard files a ``"files"`` entry lists; :class:`StoreCorrupt` if it is malformed."""
    keys: set[ShardKey] = set()
    try:
        for guild, entry in manifest.items():
            guild_id = int(guild)
            for name, value in entry.items():
                if name in _TABLE_OF_MANIFEST:
                    mask = int(value, 16)
                    table = _TABLE_OF_MANIFEST[name]
                    keys.update(
                        ShardKey(table, guild_id, b) for b in range(BUCKETS) if mask >> b & 1
                    )
                elif name in GUILD_TABLES and value is True:
                    keys.add(ShardKey(name, guild_id))
                else:
                    raise ValueError(name)
    except (AttributeError, TypeError, ValueError) as exc:
        raise StoreCorrupt(meta_path, f'its "files" list is malformed ({exc!r})') from exc
    return keys


def require_files(root: Path, listed: set[ShardKey], present: set[ShardKey]) -> None:
    """Refuse to start when a shard file (or a whole server folder) that ``meta.json`` lists
    is missing: opening without it would silently drop the records it held."""
    missing = sorted(listed - present)
    if not missing:
        return
    guild_dir = missing[0].path(root).parent
    if not guild_dir.is_dir():
        count = sum(1 for key in listed if key.guild_id == missing[0].guild_id)
        raise StoreIncomplete(
            guild_dir,
            f"is missing, but meta.json lists {count} data files in it",
            "Restore that folder from a backup. With no backup, start without that server's "
            "cards, votes, follow-ups and settings by deleting its entry "
            f'"{missing[0].guild_id}" under "files" in meta.json.',
        )
    others = len(missing) - 1
    also = f" ({others} more listed files are missing too)" if others else ""
    raise StoreIncomplete(
        missing[0].path(root),
        f"is missing, but meta.json lists it{also}",
        "Restore it from a backup. With no backup, " + _emptying(missing[0], "create"),
    )


def write_meta(root: Path, meta: dict[str, Any]) -> None:
    AtomicJSONStorage(root / META_FILE).write({"meta": {"1": meta}})
