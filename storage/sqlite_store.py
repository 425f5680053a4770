"""The SQLite-backed :class:`~storage.protocol.Store`: one database file that several Claimdeck
processes on one host share (``sqlite:///path/to/claimdeck.db``).

Unlike the TinyDB store, nothing is cached in memory: each process may be writing, so every
read asks the database (WAL mode lets it do so while another process writes). The parts:

* :mod:`storage.sqlite_schema`: the tables and their constraints; opening and checking a file;
* :mod:`storage.sqlite_worker`: the thread that owns the connection; one transaction per write;
* :mod:`storage.sqlite_rows`: records to rows and back, with the models' ``to_dict``/``from_dict``;
* :mod:`storage.sqlite_votes`, :mod:`storage.sqlite_followups`: those methods.

Durability: a write returns once its transaction (the change and its history event) is
committed with ``synchronous=FULL``; a crash, ``kill -9`` or power cut loses only writes that
had not returned, and SQLite rolls an interrupted transaction back at the next open.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import datetime
from pathlib import Path

from bot.models import Event, EventKind, GuildSettings, StoredCard
from storage import history_events
from storage.engine import utc
from storage.errors import DuplicateCard, StoreCorrupt, UnknownCard
from storage.sqlite_followups import SQLiteFollowUpMethods
from storage.sqlite_rows import (
    CARD_COLUMNS,
    card_from_row,
    card_row,
    load_each,
    load_record,
    loads_back,
    report_damage,
)
from storage.sqlite_schema import DEFAULT_BUSY_SECONDS
from storage.sqlite_votes import SQLiteVoteMethods, insert_event
from storage.sqlite_worker import Worker

INSERT_CARD = """
INSERT INTO cards (id, guild_id, created_us, title_folded, claim_ids, channel_id, message_id,
    thread_id, voting_closed, record)
VALUES (:id, :guild_id, :created_us, :title_folded, :claim_ids, :channel_id, :message_id,
    :thread_id, :voting_closed, :record)
"""
UPDATE_CARD = """
UPDATE cards SET guild_id = :guild_id, created_us = :created_us, title_folded = :title_folded,
    claim_ids = :claim_ids, channel_id = :channel_id, message_id = :message_id,
    thread_id = :thread_id, voting_closed = :voting_closed, record = :record
WHERE id = :id
"""


class SQLiteStore(SQLiteVoteMethods, SQLiteFollowUpMethods):
    """Claimdeck's state in one SQLite database file, safe to share between processes."""

    def __init__(self, path: Path, busy_seconds: float = DEFAULT_BUSY_SECONDS) -> None:
        self.path = path
        self._worker = Worker(path, busy_seconds)
        self._reported_damage: set[str] = set()

    @classmethod
    async def open(
        cls,
        path: str | Path,
        *,
        read_only: bool = False,
        busy_seconds: float = DEFAULT_BUSY_SECONDS,
    ) -> SQLiteStore:
        """Open (creating if new) the database at ``path``. ``read_only`` is for tools beside
        the bot: nothing is created or written, and every write is refused. Every failure is a
        :class:`StoreError` naming the file and the fix."""
        store = cls(Path(path), busy_seconds)
        await store._worker.open(read_only)
        return store

    async def close(self) -> None:
        """Finish pending calls and close the database (other processes keep using it)."""
        await self._worker.close()

    # --- cards -------------------------------------------------------------------------------

    async def save_card(self, card: StoredCard) -> None:
        alternates = dict.fromkeys(u for u in card.alternate_urls if u != card.canonical_url)
        card = dataclasses.replace(
            card,
            created_at=utc(card.created_at, "card creation"),
            alternate_urls=tuple(alternates),
        )
        row = card_row(card)

        def write(conn: sqlite3.Connection) -> None:
            known = conn.execute("SELECT 1 FROM cards WHERE id = ?", (card.id,)).fetchone()
            if known:
                conn.execute(UPDATE_CARD, row)
                conn.execute("DELETE FROM card_urls WHERE card_id = ?", (card.id,))
            else:
                conn.execute(INSERT_CARD, row)
            for url in card.urls:  # every key: one card per article, by any of its addresses
                try:
                    conn.execute(
                        "INSERT INTO card_urls (guild_id, url, card_id) VALUES (?, ?, ?)",
                        (card.guild_id, url, card.id),
                    )
                except sqlite3.IntegrityError:  # the key belongs to another card: roll back
                    raise DuplicateCard(self._holder(conn, card.guild_id, url)) from None
            if not known:
                insert_event(conn, history_events.card_created(card))

        await self._worker.write(write)

    def _holder(self, conn: sqlite3.Connection, guild_id: int, url: str) -> StoredCard:
        """The card that already has ``url`` as a key (read in the refused write's transaction)."""
        sql = "SELECT card_id FROM card_urls WHERE guild_id = ? AND url = ?"
        holder = self._card(conn, conn.execute(sql, (guild_id, url)).fetchone()[0])
        assert holder is not None  # card_urls.card_id is a foreign key of cards
        return holder

    def _card(self, conn: sqlite3.Connection, card_id: str) -> StoredCard | None:
        row = conn.execute(f"SELECT {CARD_COLUMNS} FROM cards WHERE id = ?", (card_id,))
        found = row.fetchone()
        return None if found is None else card_from_row(found, self.path)

    def _require_card(self, conn: sqlite3.Connection, card_id: str) -> StoredCard:
        card = self._card(conn, card_id)
        if card is None:
            raise UnknownCard(card_id)
        return card

    async def get_card(self, card_id: str) -> StoredCard | None:
        return await self._worker.read(lambda conn: self._card(conn, card_id))

    async def find_card_by_url(self, guild_id: int, canonical_url: str) -> StoredCard | None:
        """By the card's ``canonical_url`` or any of its ``alternate_urls``."""

        def read(conn: sqlite3.Connection) -> StoredCard | None:
            row = conn.execute(
                "SELECT card_id FROM card_urls WHERE guild_id = ? AND url = ?",
                (guild_id, canonical_url),
            ).fetchone()
            return None if row is None else self._card(conn, row[0])

        return await self._worker.read(read, snapshot=True)

    async def recent_cards(
        self, guild_id: int, limit: int = 25, query: str | None = None
    ) -> list[StoredCard]:
        needle = query.strip().casefold() if query else ""

        def read(conn: sqlite3.Connection) -> list[StoredCard]:
            rows = conn.execute(
                f"SELECT {CARD_COLUMNS} FROM cards WHERE guild_id = ? "
                "AND (? = '' OR instr(title_folded, ?) > 0) ORDER BY created_us DESC, id DESC",
                (guild_id, needle, needle),
            )
            found: list[StoredCard] = []
            for row in rows:  # read lazily: stops once ``limit`` cards are found
                if len(found) >= limit:
                    break
                try:
                    found.append(card_from_row(row, self.path))
                except StoreCorrupt as exc:  # only that card is lost from the list
                    self._report_damage(row[0], exc)
            return found

        return await self._worker.read(read)

    def _report_damage(self, card_id: str, exc: StoreCorrupt) -> None:
        report_damage(self._reported_damage, card_id, exc)

    async def update_card_message(
        self, card_id: str, channel_id: int | None, message_id: int | None, thread_id: int | None
    ) -> StoredCard:
        def write(conn: sqlite3.Connection) -> StoredCard:
            card = self._require_card(conn, card_id)
            conn.execute(
                "UPDATE cards SET channel_id = ?, message_id = ?, thread_id = ? WHERE id = ?",
                (channel_id, message_id, thread_id, card_id),
            )
            return dataclasses.replace(
                card, channel_id=channel_id, message_id=message_id, thread_id=thread_id
            )

        return await self._worker.write(write)

    async def forget_card_message(self, guild_id: int, message_id: int) -> StoredCard | None:
        sql = "SELECT id FROM cards WHERE guild_id = ? AND message_id = ?"
        # Most deleted messages were never cards: a read answers them without a write lock.
        if await self._worker.read(lambda conn: conn.execute(sql, (guild_id, message_id))
                                   .fetchone()) is None:
            return None

        def write(conn: sqlite3.Connection) -> StoredCard | None:
            found = conn.execute(sql, (guild_id, message_id)).fetchone()
            if found is None:
                return None
            conn.execute("UPDATE cards SET message_id = NULL WHERE id = ?", (found[0],))
            return dataclasses.replace(self._require_card(conn, found[0]), message_id=None)

        return await self._worker.write(write)

    async def _set_voting(
        self, card_id: str, closed: bool, actor_id: int | None, at: datetime
    ) -> StoredCard:
        kind = EventKind.VOTING_CLOSED if closed else EventKind.VOTING_REOPENED

        def write(conn: sqlite3.Connection) -> StoredCard:
            card = self._require_card(conn, card_id)
            if card.voting_closed == closed:
                return card
            conn.execute("UPDATE cards SET voting_closed = ? WHERE id = ?", (int(closed), card_id))
            insert_event(conn, Event(card_id, kind, at, actor_id))
            return dataclasses.replace(card, voting_closed=closed)

        return await self._worker.write(write)

    async def close_voting(self, card_id: str, actor_id: int | None, at: datetime) -> StoredCard:
        return await self._set_voting(card_id, True, actor_id, utc(at, "voting close"))

    async def reopen_voting(self, card_id: str, actor_id: int | None, at: datetime) -> StoredCard:
        return await self._set_voting(card_id, False, actor_id, utc(at, "voting reopening"))

    # --- settings and history ----------------------------------------------------------------

    async def get_settings(self, guild_id: int) -> GuildSettings:
        sql = "SELECT record FROM settings WHERE guild_id = ?"
        row = await self._worker.read(lambda conn: conn.execute(sql, (guild_id,)).fetchone())
        if row is None:
            return GuildSettings(guild_id=guild_id)
        return load_record(GuildSettings.from_dict, row[0], self.path, "server settings", guild_id)

    async def save_settings(self, settings: GuildSettings) -> None:
        record = loads_back(GuildSettings.from_dict, settings.to_dict(), "settings")
        sql = "INSERT OR REPLACE INTO settings (guild_id, record) VALUES (?, ?)"

        def write(conn: sqlite3.Connection) -> None:  # returns no cursor: it stays in the thread
            conn.execute(sql, (settings.guild_id, record))

        await self._worker.write(write)

    async def append_event(self, event: Event) -> None:
        event = dataclasses.replace(event, at=utc(event.at, "event"))

        def write(conn: sqlite3.Connection) -> None:
            if conn.execute("SELECT 1 FROM cards WHERE id = ?", (event.card_id,)).fetchone():
                insert_event(conn, event)
            else:
                raise UnknownCard(event.card_id)

        await self._worker.write(write)

    async def events_for_card(self, card_id: str) -> list[Event]:
        sql = "SELECT seq, record FROM events WHERE card_id = ? ORDER BY seq"

        def load(row: tuple[int, str]) -> Event:
            return load_record(Event.from_dict, row[1], self.path, "event", (card_id, row[0]))

        return await self._worker.read(
            lambda conn: load_each(conn.execute(sql, (card_id,)), load, self._reported_damage)
        )

    # --- for benchmarks and operators -------------------------------------------------------

    async def stats(self) -> dict[str, int]:
        """Record counts, for the benchmark and for logging at start-up."""
        tables = ("cards", "votes", "events", "followups", "settings")

        def read(conn: sqlite3.Connection) -> dict[str, int]:
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

        return await self._worker.read(read, snapshot=True)
