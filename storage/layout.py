"""Where each record lives on disk, and how a shard file is written and read.

Layout of a data directory (schema version 3)::

    meta.json                          TinyDB: schema_version, last compacted journal lsn/seq
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
from storage.errors import StoreCorrupt

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
    "followups": "the guild's follow-ups",
    "settings": "the guild's settings",
}


def shard_advice(key: ShardKey) -> str:
    """How to recover from a damaged shard file, at the smallest cost."""
    path = key.path(Path("."))
    if key.table == "cards":
        assert key.bucket is not None
        return (
            "Stop Claimdeck and restore it from a backup. With no backup, move it, together "
            f"with votes-{key.bucket:02x}.json and events-{key.bucket:02x}.json beside it, out of "
            "the data directory: Claimdeck then starts without the cards listed in it and their "
            "votes and history; every other card is kept."
        )
    return (
        f"Stop Claimdeck and restore it from a backup. With no backup, move just {path.name} "
        f"out of the data directory: Claimdeck then starts without {_TABLE_WORDS[key.table]} "
        "and keeps everything else."
    )


def write_meta(root: Path, meta: dict[str, Any]) -> None:
    AtomicJSONStorage(root / META_FILE).write({"meta": {"1": meta}})
