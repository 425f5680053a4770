"""The follow-up half of the SQLite store's API (a mixin of :class:`SQLiteStore`).

The rules are the TinyDB store's (:mod:`storage.followup_store`, whose normalising and
event-inferring functions are reused): every change is one transaction holding the row and its
event, so "reminder sent" and "next reminder scheduled" cannot be separated by a crash. The due
queries read indexed columns (``remind_us``, ``recheck_us``), so a clock tick with nothing due
is one index probe, and every process sees the follow-ups every other process wrote.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.models import Event, EventKind, FollowUp
from storage import history_events
from storage.engine import utc
from storage.errors import StoreError, UnknownCard
from storage.followup_index import check_shard
from storage.followup_store import _inferred_events, _normalise, check_unchanged
from storage.sqlite_rows import (
    followup_row,
    from_micros,
    load_each,
    load_record,
    micros,
    shard_filter,
)
from storage.sqlite_votes import insert_event
from storage.sqlite_worker import Worker

INSERT_FOLLOWUP = """
INSERT INTO followups
    (id, card_id, guild_id, shard_key, created_us, remind_us, recheck_us, spent, record)
VALUES
    (:id, :card_id, :guild_id, :shard_key, :created_us, :remind_us, :recheck_us, :spent, :record)
"""
UPDATE_FOLLOWUP = """
UPDATE followups SET remind_us = :remind_us, recheck_us = :recheck_us, spent = :spent,
    created_us = :created_us, record = :record
WHERE id = :id
"""


def _followup(row: tuple[str, str], path: Path) -> FollowUp:
    """A follow-up read as ``id, record``."""
    return load_record(FollowUp.from_dict, row[1], path, "follow-up", row[0])


def _get(conn: sqlite3.Connection, path: Path, followup_id: str) -> FollowUp | None:
    sql = "SELECT id, record FROM followups WHERE id = ?"
    found = conn.execute(sql, (followup_id,)).fetchone()
    return None if found is None else _followup(found, path)


class SQLiteFollowUpMethods:
    """Follow-up reads and writes; the store supplies ``_worker``."""

    _worker: Worker
    path: Path
    _reported_damage: set[str]

    def _followups(self, rows: Any) -> list[FollowUp]:
        """The follow-ups of ``rows`` (``id, record``); a damaged one is left out and logged,
        so it cannot stop the reminder clock of its whole shard."""
        return load_each(rows, lambda row: _followup(row, self.path), self._reported_damage)

    async def add_followup(self, followup: FollowUp, actor_id: int | None = None) -> None:
        followup = _normalise(followup)
        row = followup_row(followup)

        def write(conn: sqlite3.Connection) -> None:
            card = conn.execute("SELECT guild_id FROM cards WHERE id = ?", (followup.card_id,))
            found = card.fetchone()
            if found is None:
                raise UnknownCard(followup.card_id)
            if found[0] != followup.guild_id:
                raise StoreError(
                    f"Follow-up {followup.id!r} names server {followup.guild_id}, but its card "
                    f"{followup.card_id!r} is in server {found[0]}."
                )
            try:
                conn.execute(INSERT_FOLLOWUP, row)
            except sqlite3.IntegrityError as exc:  # the primary key: the id is taken
                raise StoreError(f"A follow-up with id {followup.id!r} already exists.") from exc
            insert_event(conn, history_events.followup_created(followup, actor_id))

        await self._worker.write(write)

    async def update_followup(
        self,
        followup: FollowUp,
        actor_id: int | None = None,
        at: datetime | None = None,
        kind: EventKind | None = None,
        data: dict[str, Any] | None = None,
        expected: FollowUp | None = None,
    ) -> None:
        """Replace a follow-up and log what happened, in one transaction (see the protocol);
        with ``expected``, a compare-and-set inside that transaction (BEGIN IMMEDIATE: no other
        process writes between the compare and the write)."""
        followup = _normalise(followup)
        when = utc(at, "follow-up update") if at else None
        if data is not None:
            try:
                json.dumps(data)
            except (TypeError, ValueError) as exc:
                raise StoreError(f"The follow-up event data cannot be saved: {exc}.") from exc
        row = followup_row(followup)

        def write(conn: sqlite3.Connection) -> None:
            known = conn.execute("SELECT 1 FROM cards WHERE id = ?", (followup.card_id,))
            if known.fetchone() is None:
                raise UnknownCard(followup.card_id)
            old = _get(conn, self.path, followup.id)
            if old is None:
                raise StoreError(
                    f"There is no follow-up with id {followup.id!r}; it may have been removed."
                )
            if (old.card_id, old.guild_id) != (followup.card_id, followup.guild_id):
                raise StoreError(
                    f"Follow-up {followup.id!r} belongs to card {old.card_id!r}; it cannot move "
                    "to another card or server."
                )
            check_unchanged(old, expected)
            events = [(kind, dict(data or {}))] if kind is not None else None
            conn.execute(UPDATE_FOLLOWUP, row)
            for event_kind, event_data in events or _inferred_events(old, followup):
                moment = when or datetime.now(UTC)
                if event_kind is EventKind.FOLLOWUP_RESOLVED and not when:
                    moment = followup.resolved_at or moment
                payload = {"followup_id": followup.id, **event_data}
                insert_event(conn, Event(followup.card_id, event_kind, moment, actor_id, payload))

        await self._worker.write(write)

    async def get_followup(self, followup_id: str) -> FollowUp | None:
        return await self._worker.read(lambda conn: _get(conn, self.path, followup_id))

    async def followups_for_card(self, card_id: str) -> list[FollowUp]:
        sql = "SELECT id, record FROM followups WHERE card_id = ? ORDER BY created_us, id"
        return await self._worker.read(lambda conn: self._followups(conn.execute(sql, (card_id,))))

    async def _due(
        self, column: str, now: datetime, limit: int, shard_id: int | None, shard_count: int
    ) -> list[FollowUp]:
        check_shard(shard_id, shard_count)
        where, params = shard_filter(shard_id, shard_count)
        assert column in ("remind_us", "recheck_us")  # a column name, never a value
        sql = (
            f"SELECT id, record FROM followups WHERE {column} <= ?{where} "
            f"ORDER BY {column}, id LIMIT ?"
        )
        args = (micros(utc(now, "current")), *params, limit)
        return await self._worker.read(lambda conn: self._followups(conn.execute(sql, args)))

    async def _earliest(
        self, column: str, shard_id: int | None, shard_count: int
    ) -> datetime | None:
        check_shard(shard_id, shard_count)
        where, params = shard_filter(shard_id, shard_count)
        sql = f"SELECT MIN({column}) FROM followups WHERE {column} IS NOT NULL{where}"
        found = await self._worker.read(lambda conn: conn.execute(sql, params).fetchone()[0])
        return from_micros(found)

    async def due_followups(
        self,
        now: datetime,
        limit: int = 50,
        shard_id: int | None = None,
        shard_count: int = 1,
    ) -> list[FollowUp]:
        return await self._due("remind_us", now, limit, shard_id, shard_count)

    async def next_due_at(
        self, shard_id: int | None = None, shard_count: int = 1
    ) -> datetime | None:
        return await self._earliest("remind_us", shard_id, shard_count)

    async def due_rechecks(
        self,
        now: datetime,
        limit: int = 50,
        shard_id: int | None = None,
        shard_count: int = 1,
    ) -> list[FollowUp]:
        return await self._due("recheck_us", now, limit, shard_id, shard_count)

    async def next_recheck_at(
        self, shard_id: int | None = None, shard_count: int = 1
    ) -> datetime | None:
        return await self._earliest("recheck_us", shard_id, shard_count)

    async def open_followups(self, guild_id: int) -> list[FollowUp]:
        """Earliest reminder first; then those with no reminder left, oldest first."""

        def read(conn: sqlite3.Connection) -> list[FollowUp]:
            due = conn.execute(
                "SELECT id, record FROM followups WHERE guild_id = ? AND remind_us IS NOT NULL "
                "ORDER BY remind_us, id",
                (guild_id,),
            )
            spent = conn.execute(
                "SELECT id, record FROM followups WHERE guild_id = ? AND spent = 1 "
                "ORDER BY created_us, id",
                (guild_id,),
            )
            return self._followups(due) + self._followups(spent)

        return await self._worker.read(read, snapshot=True)
