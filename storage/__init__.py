"""Claimdeck's persistent state: cards, votes, follow-ups, guild settings and card history.

Callers use the :class:`Store` protocol and :func:`open_store`; nothing outside this package
imports a backend, so one can be added (PostgreSQL) without touching the cogs. Two exist:

* ``tinydb:///path/to/dir`` (the default, :mod:`storage.tinydb_store`): a directory of TinyDB
  files and a journal, held by ONE process (a ``LOCK`` file); described below.
* ``sqlite:///path/to/claimdeck.db`` (:mod:`storage.sqlite_store`): one SQLite file (standard
  library, WAL mode, ``synchronous=FULL``, a busy timeout) that SEVERAL processes on one host
  share, e.g. one per group of Discord shards. Every write is one transaction; one card per
  URL key and one vote per member and claim are UNIQUE constraints, so they hold across
  processes. Nothing is cached, so each process sees the others' writes at once. Several hosts
  need a network database, for which the protocol is shaped.

The rest of this docstring describes the TinyDB backend.

Durability: a write method returns only after its change (and the history event that goes with
it) is appended to a journal and fsynced; a change that could not be replayed is refused before
it is journaled. A crash, ``kill -9`` or power cut can lose only writes that had not returned; on
start the journal is replayed, and its record numbers must run on without repeats, jumps or
reversals. TinyDB files are replaced atomically (temp file, fsync, rename, directory fsync) and
are never edited in place; new directories are fsynced into their parent; card bodies are only
ever appended to a body file, fsynced before any index row points at them.

Nothing is deleted or overwritten on an inference. Data files without a readable ``meta.json``
are refused (never taken for a new store); ``meta.json`` lists the shard files that must exist,
so a missing file or server folder is refused (:class:`StoreIncomplete`) rather than opened
empty; a migration deletes superseded files only after the new ones are fsynced and read back
equal. A damaged ``meta.json``, TinyDB file or journal line, or a missing or truncated body
file, stops the start with :class:`StoreCorrupt`, naming the file (and the line) and what to
restore or set aside. A damaged card body is found only when that card is read: that read
raises :class:`StoreCorrupt` naming the body file, lists and searches leave the card out, and
every other card keeps working. A disk that is full, read-only or not ours, or a ``LOCK`` that
is a directory, is a one-sentence :class:`StoreError` naming the path and the fix.

Memory and start-up: only a compact card index (ids, URL, title, times, message ids, claim ids,
body location) and the small records are loaded; card bodies are read from disk on demand (a
few hundred parsed ones are cached). At 100,000 cards of ~8 KB that is ~170 MB and ~2 s to open.

On-disk layout, schema 4 (``CLAIMDECK_DATA_DIR``, default ``./data``)::

    meta.json                        schema version, how much of the journal is folded in,
                                     and the shard files that must exist
    LOCK                             held by the running process (one Claimdeck per directory)
    journal/<lsn>.log                write-ahead journal: "<crc32> <json>" per acknowledged write
    guilds/<guild>/index-<bb>.json   TinyDB card index, split by a hash bucket (00-3f) of the id
    guilds/<guild>/bodies-<gen>.dat  card bodies: append-only "<crc32> <json>" lines, NOT TinyDB
    guilds/<guild>/votes-<bb>.json   TinyDB files, same buckets, so each stays small
    guilds/<guild>/events-<bb>.json
    guilds/<guild>/followups.json
    guilds/<guild>/settings.json

Every ``.json`` file is a TinyDB database. Body files are not: a TinyDB file must be parsed and
rewritten whole, which at 100k cards cost gigabytes of memory and half a minute per start; an
append-only file lets a body be written once and read with one ``pread``. Stores of schema 1, 2
and 3 are migrated on open (see :mod:`storage.migrations`).

To back up, stop the bot (or copy while it runs, then let the copy replay its journal on open).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

from storage.errors import (
    DuplicateCard,
    NoVote,
    StoreConflict,
    StoreCorrupt,
    StoreError,
    StoreIncomplete,
    StoreTooNew,
    UnknownCard,
    UnknownClaim,
    VotingClosed,
)
from storage.ids import new_card_id, new_followup_id
from storage.protocol import Store

DATA_DIR_ENV = "CLAIMDECK_DATA_DIR"
DEFAULT_DATA_DIR = "./data"

__all__ = [
    "DuplicateCard",
    "NoVote",
    "Store",
    "StoreConflict",
    "StoreCorrupt",
    "StoreError",
    "StoreIncomplete",
    "StoreTooNew",
    "UnknownCard",
    "UnknownClaim",
    "VotingClosed",
    "new_card_id",
    "new_followup_id",
    "open_store",
    "store_path_from_url",
]


def _split(url: str) -> SplitResult:
    try:
        return urlsplit(url.strip())
    except ValueError as exc:  # e.g. "sqlite://[" is taken for a broken IPv6 host
        raise StoreError(
            f"The store URL {url!r} cannot be read ({exc}); use sqlite:///path/to/claimdeck.db "
            "or tinydb:///path/to/dir."
        ) from None


def _url_path(url: str) -> str:
    parts = _split(url)
    return unquote(parts.netloc + parts.path)


def store_path_from_url(url: str | None) -> Path:
    """The data directory named by ``url`` (``tinydb:///abs/dir``, ``tinydb:rel/dir`` or a
    plain path); None means ``$CLAIMDECK_DATA_DIR`` or ``./data``. For a ``sqlite:`` URL, the
    database file (``sqlite:///abs/claimdeck.db`` or ``sqlite:rel/claimdeck.db``)."""
    if url is None or not url.strip():
        return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)
    parts = _split(url)
    if not parts.scheme:
        return Path(url.strip())
    if parts.scheme == "tinydb":
        path = _url_path(url)
        if not path:
            raise StoreError(
                f"The store URL {url!r} names no directory; use tinydb:///path/to/dir."
            )
        return Path(path)
    if parts.scheme == "sqlite":
        path = _url_path(url)
        if not path or path.endswith("/") or "\x00" in path:
            raise StoreError(
                f"The store URL {url!r} names no database file; use "
                "sqlite:///path/to/claimdeck.db (three slashes, then the absolute path)."
            )
        return Path(path)
    if parts.scheme in ("postgres", "postgresql"):
        raise StoreError(
            "PostgreSQL storage is not available yet; use a sqlite:///path/to/claimdeck.db "
            "store URL (several processes on one host) or tinydb:///path/to/dir (one process)."
        )
    raise StoreError(
        f"Unknown store URL scheme {parts.scheme!r} in {url!r}; use "
        "sqlite:///path/to/claimdeck.db or tinydb:///path/to/dir."
    )


async def open_store(url: str | None = None, *, read_only: bool = False) -> Store:
    """Open the store named by ``url`` (see :func:`store_path_from_url`), ready to use.

    ``read_only=True`` is for tools that run beside the bot: it takes no lock and writes
    nothing (not even a missing directory), refuses writes and, for TinyDB, replays the
    journal in memory to see every acknowledged write and refuses (in one line) a store that
    would need a migration; a TinyDB read-only store is a snapshot (later writes by the bot
    are not seen), an SQLite one reads the database live.
    """
    path = store_path_from_url(url)
    if url is not None and _split(url).scheme == "sqlite":
        from storage.sqlite_store import SQLiteStore  # the backend loads only when chosen

        return await SQLiteStore.open(path, read_only=read_only)
    from storage.tinydb_store import TinyDBStore

    return await TinyDBStore.open(path, read_only=read_only, freeze_gc=not read_only)
