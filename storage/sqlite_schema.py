"""The SQLite database's tables, and opening it: create, or check it is ours and whole.

Rules live in the schema, so they hold across processes without any read-then-write in Python:
a URL key belongs to one card per guild (``card_urls`` primary key), a member has one vote per
claim (``votes`` primary key), ids are unique, and votes, events and follow-ups need their card
(foreign keys). Records are the models' own ``to_dict()`` JSON (``record`` columns, read back
with ``from_dict``); the other columns exist only to find and order rows.

Opening sets WAL mode (readers never wait for the writer, and several processes can share the
file), ``synchronous=FULL`` (a commit is fsynced before it returns, so a power cut loses no
acknowledged write) and a busy timeout (a writer waits for another process's transaction
instead of failing at once). The file is identified by SQLite's ``application_id`` header
field, so another program's database is refused rather than written to, and its schema version
by ``user_version``. ``PRAGMA quick_check`` runs at every open, so a damaged file stops the
start (naming it) instead of failing later, one query at a time.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from storage.atomic import ensure_dir
from storage.errors import StoreError, StoreTooNew
from storage.sqlite_errors import (
    SQLITE_CANTOPEN,
    SQLITE_MAGIC,
    SQLITE_READONLY,
    cannot_read_beside,
    damaged,
    not_ours,
    os_trouble,
    primary_code,
    read_only,
    sqlite_failure,
)

APPLICATION_ID = 0x436C6B64  # "Clkd"
SCHEMA_VERSION = 1
DEFAULT_BUSY_SECONDS = 30.0
JOURNAL_SIZE_LIMIT = 64 * 2**20  # bytes of -wal file kept after a checkpoint

# Indexes added after schema 1 shipped: created on every writable open, so a database from an
# earlier Claimdeck gains them without a version bump an older process would refuse.
ADDED_INDEXES = (
    # a deleted Discord message is looked up by its id: one index probe, not a server's cards
    "CREATE INDEX IF NOT EXISTS cards_by_message ON cards (guild_id, message_id) "
    "WHERE message_id IS NOT NULL",
)

SCHEMA = """
CREATE TABLE cards (
    id TEXT PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    created_us INTEGER NOT NULL,        -- created_at in microseconds since the epoch (UTC)
    title_folded TEXT NOT NULL,         -- the article title, casefolded, for /cards search
    claim_ids TEXT NOT NULL,            -- JSON list: votes are checked without the body
    channel_id INTEGER,
    message_id INTEGER,
    thread_id INTEGER,
    voting_closed INTEGER NOT NULL DEFAULT 0,
    record TEXT NOT NULL                -- StoredCard.to_dict(), but the columns above win
);
CREATE INDEX cards_by_guild_time ON cards (guild_id, created_us, id);
CREATE TABLE card_urls (
    guild_id INTEGER NOT NULL,
    url TEXT NOT NULL,
    card_id TEXT NOT NULL REFERENCES cards (id),
    PRIMARY KEY (guild_id, url)
) WITHOUT ROWID;
CREATE INDEX card_urls_by_card ON card_urls (card_id);
CREATE TABLE votes (
    card_id TEXT NOT NULL REFERENCES cards (id),
    claim_id TEXT NOT NULL,
    member_id INTEGER NOT NULL,
    cast_us INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (card_id, claim_id, member_id)
) WITHOUT ROWID;
CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    card_id TEXT NOT NULL REFERENCES cards (id),
    record TEXT NOT NULL
);
CREATE INDEX events_by_card ON events (card_id, seq);
CREATE TABLE followups (
    id TEXT PRIMARY KEY,
    card_id TEXT NOT NULL REFERENCES cards (id),
    guild_id INTEGER NOT NULL,
    shard_key INTEGER NOT NULL,         -- guild_id >> 22: Discord's rule, modulo shard count
    created_us INTEGER NOT NULL,
    remind_us INTEGER,                  -- open with a reminder left: when it may go out
    recheck_us INTEGER,                 -- open: when the article is fetched again
    spent INTEGER NOT NULL,             -- open with no reminder left
    record TEXT NOT NULL
);
CREATE INDEX followups_by_card ON followups (card_id, created_us, id);
CREATE INDEX followups_remind ON followups (remind_us, id) WHERE remind_us IS NOT NULL;
CREATE INDEX followups_recheck ON followups (recheck_us, id) WHERE recheck_us IS NOT NULL;
CREATE INDEX followups_guild_remind ON followups (guild_id, remind_us, id)
    WHERE remind_us IS NOT NULL;
CREATE INDEX followups_guild_spent ON followups (guild_id, created_us, id) WHERE spent = 1;
CREATE TABLE settings (
    guild_id INTEGER PRIMARY KEY,
    record TEXT NOT NULL
);
"""
TABLES = frozenset({"cards", "card_urls", "votes", "events", "followups", "settings"})


def _precheck(path: Path, read_only_mode: bool) -> None:
    """Refuse, before SQLite touches it, a path that is a directory, a file that is not an
    SQLite database, or a file or directory this process may not write."""
    if path.is_dir():
        raise StoreError(
            f"The store {path} is a directory, but the sqlite store is one file; use "
            f"sqlite:///{path.as_posix().lstrip('/')}/claimdeck.db (or a tinydb:// URL for a "
            "directory store)."
        )
    if path.exists():
        with path.open("rb") as handle:  # an OSError here becomes os_trouble's sentence
            head = handle.read(len(SQLITE_MAGIC))
        if head and head != SQLITE_MAGIC:  # an empty file is a new database to SQLite
            raise not_ours(path, "it is not an SQLite database")
    elif read_only_mode:
        raise StoreError(
            f"There is no Claimdeck database at {path}; start the bot once to create it, or "
            "check the store URL."
        )
    if read_only_mode:
        return
    ensure_dir(path.parent)  # fsynced into its parent: a power cut cannot lose the database
    if path.exists() and not os.access(path, os.W_OK):
        raise read_only(path, "the file is read-only")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise read_only(path, "its directory is read-only")


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Another program's SQLite database: refused before anything is written to it."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and _tables(conn)):
        raise not_ours(path, "it is another program's SQLite database")


def _check_or_create(conn: sqlite3.Connection, path: Path, read_only_mode: bool) -> None:
    """Inside one transaction: an empty file gets the schema; anything else must be ours."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = _tables(conn)
    if not tables and app_id == 0 and not read_only_mode:
        for statement in SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        _add_indexes(conn)
        return
    if app_id != APPLICATION_ID:
        what = "it is another program's SQLite database" if tables else "it is empty"
        raise not_ours(path, what)
    if version > SCHEMA_VERSION:
        raise StoreTooNew(
            f"The database {path} was written by a newer Claimdeck (schema {version}; this one "
            f"reads {SCHEMA_VERSION}). Upgrade Claimdeck, or open a backup made before the upgrade."
        )
    missing = TABLES - tables
    if version < 1 or missing:
        raise damaged(path, sqlite3.DatabaseError(f"tables missing: {sorted(missing)}"))
    if not read_only_mode:
        _add_indexes(conn)


def _add_indexes(conn: sqlite3.Connection) -> None:
    for statement in ADDED_INDEXES:
        conn.execute(statement)


def _immutable(path: Path) -> str:
    """``&immutable=1`` for a read-only open in a directory this process may not write, with
    no ``-wal`` file there (so no writer has the database open, nor could one without writing
    there): SQLite then needs no ``-shm`` file, and a backup on read-only media can be read.
    Elsewhere a read-only open takes SQLite's locks as usual, since a writer may be running."""
    wal = path.with_name(f"{path.name}-wal")
    if os.access(path.parent, os.W_OK) or wal.exists():
        return ""
    return "&immutable=1"


def connect_reader(path: Path, busy_seconds: float = DEFAULT_BUSY_SECONDS) -> sqlite3.Connection:
    """A second, query-only connection to a database :func:`connect` has just opened (and so
    checked, and put in WAL mode), for the store's reader thread: in WAL mode it reads the last
    committed state while the writer's connection waits for, or holds, the write lock."""
    try:
        conn = sqlite3.connect(path, timeout=busy_seconds, isolation_level=None)
    except sqlite3.Error as exc:
        raise sqlite_failure(exc, path, "open its database", busy_seconds) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_seconds * 1000)}")
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:
        conn.close()
        raise sqlite_failure(exc, path, "open its database", busy_seconds) from exc
    return conn


def connect(
    path: Path, *, read_only_mode: bool = False, busy_seconds: float = DEFAULT_BUSY_SECONDS
) -> sqlite3.Connection:
    """Open (creating if new) the database at ``path``; blocking, so call from the store's
    worker thread, which then owns the connection. Every failure is a :class:`StoreError`."""
    try:
        return _connect(path, read_only_mode, busy_seconds)
    except OSError as exc:  # a directory that cannot be searched, a failing disk, EROFS, …
        raise os_trouble(exc, path, read_only_mode) from exc


def _connect(path: Path, read_only_mode: bool, busy_seconds: float) -> sqlite3.Connection:
    _precheck(path, read_only_mode)
    try:
        if read_only_mode:
            uri = f"{path.resolve().as_uri()}?mode=ro{_immutable(path)}"
            conn = sqlite3.connect(uri, uri=True, timeout=busy_seconds, isolation_level=None)
        else:
            conn = sqlite3.connect(path, timeout=busy_seconds, isolation_level=None)
    except sqlite3.Error as exc:
        raise sqlite_failure(exc, path, "open its database", busy_seconds) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_seconds * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        _refuse_foreign(conn, path)  # before WAL mode is set: another program's file stays as is
        if read_only_mode:
            conn.execute("PRAGMA query_only = ON")
        else:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(
                    f"SQLite could not put {path} in WAL mode (it stayed {mode!r}); WAL needs a "
                    "local disk (not a network share). Move the database to a local disk."
                )
            conn.execute("PRAGMA synchronous = FULL")
            # Past a big group the -wal file is cut back at the next checkpoint, not kept at its
            # largest for as long as any process has the database open.
            conn.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT}")
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise damaged(path, sqlite3.DatabaseError("; ".join(problems[:3])))
        # Two processes may create a new file at once: the second sees the first's tables here.
        conn.execute("BEGIN" if read_only_mode else "BEGIN IMMEDIATE")
        try:
            _check_or_create(conn, path, read_only_mode)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        conn.close()
        if read_only_mode and primary_code(exc) in (SQLITE_CANTOPEN, SQLITE_READONLY):
            raise cannot_read_beside(path, exc) from exc
        raise sqlite_failure(exc, path, "open its database", busy_seconds) from exc
    except BaseException:
        conn.close()
        raise
    return conn
