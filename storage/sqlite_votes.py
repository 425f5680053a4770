"""The vote half of the SQLite store's API (a mixin of :class:`SQLiteStore`).

Each change is one transaction holding the vote row and its event (VOTE_CAST, VOTE_CHANGED,
VOTE_RETRACTED, VOTE_EXPLAINED), so a vote and its history cannot be separated by a crash. One
vote per member and claim is the ``votes`` primary key: a second vote is an upsert of that row,
whichever process casts it. The checks (card, voting open, claim on the card) run inside the
write transaction, which holds the database's write lock, so no other process can close voting
between the check and the write.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import datetime
from pathlib import Path

from bot.models import Event, Vote
from storage import history_events
from storage.engine import utc
from storage.errors import NoVote, UnknownCard, UnknownClaim, VotingClosed
from storage.sqlite_rows import load_each, load_record, loads_back, micros
from storage.sqlite_worker import Worker

UPSERT_VOTE = """
INSERT INTO votes (card_id, claim_id, member_id, cast_us, record) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (card_id, claim_id, member_id)
DO UPDATE SET cast_us = excluded.cast_us, record = excluded.record
"""
VOTE_KEY = "card_id = ? AND claim_id = ? AND member_id = ?"


def insert_event(conn: sqlite3.Connection, event: Event) -> None:
    """Append ``event`` to its card's history (its ``seq`` orders the history)."""
    record = loads_back(Event.from_dict, event.to_dict(), "event")
    conn.execute("INSERT INTO events (card_id, record) VALUES (?, ?)", (event.card_id, record))


def _check_votable(conn: sqlite3.Connection, card_id: str, claim_id: str) -> None:
    row = conn.execute("SELECT voting_closed, claim_ids FROM cards WHERE id = ?", (card_id,))
    found = row.fetchone()
    if found is None:
        raise UnknownCard(card_id)
    if found[0]:
        raise VotingClosed(card_id)
    if claim_id not in json.loads(found[1]):
        raise UnknownClaim(card_id, claim_id)


def _vote(row: tuple[str, str, int, str], path: Path) -> Vote:
    """A vote read as ``card_id, claim_id, member_id, record``."""
    return load_record(Vote.from_dict, row[3], path, "vote", row[:3])


def _current(
    conn: sqlite3.Connection, path: Path, card_id: str, claim_id: str, member: int
) -> Vote | None:
    key = (card_id, claim_id, member)
    found = conn.execute(f"SELECT record FROM votes WHERE {VOTE_KEY}", key).fetchone()
    return None if found is None else _vote((*key, found[0]), path)


def _put(conn: sqlite3.Connection, vote: Vote) -> None:
    record = loads_back(Vote.from_dict, vote.to_dict(), "vote")
    key = (vote.card_id, vote.claim_id, vote.member_id)
    conn.execute(UPSERT_VOTE, (*key, micros(vote.cast_at), record))


class SQLiteVoteMethods:
    """Vote reads and writes; the store supplies ``_worker``."""

    _worker: Worker
    path: Path
    _reported_damage: set[str]

    async def cast_vote(self, vote: Vote) -> Vote | None:
        vote = dataclasses.replace(vote, cast_at=utc(vote.cast_at, "vote"))

        def write(conn: sqlite3.Connection) -> Vote | None:
            _check_votable(conn, vote.card_id, vote.claim_id)
            previous = _current(conn, self.path, vote.card_id, vote.claim_id, vote.member_id)
            _put(conn, vote)
            insert_event(conn, history_events.vote_cast(vote, previous))
            return previous

        return await self._worker.write(write)

    async def retract_vote(self, card_id: str, claim_id: str, member_id: int, at: datetime) -> bool:
        at = utc(at, "vote retraction")

        def write(conn: sqlite3.Connection) -> bool:
            _check_votable(conn, card_id, claim_id)
            previous = _current(conn, self.path, card_id, claim_id, member_id)
            if previous is None:
                return False
            conn.execute(f"DELETE FROM votes WHERE {VOTE_KEY}", (card_id, claim_id, member_id))
            insert_event(conn, history_events.vote_retracted(previous, at))
            return True

        return await self._worker.write(write)

    async def explain_vote(
        self,
        card_id: str,
        claim_id: str,
        member_id: int,
        rationale: str | None,
        evidence_url: str | None,
        at: datetime,
    ) -> Vote:
        at = utc(at, "vote explanation")

        def write(conn: sqlite3.Connection) -> Vote:
            _check_votable(conn, card_id, claim_id)
            current = _current(conn, self.path, card_id, claim_id, member_id)
            if current is None:
                raise NoVote(card_id, claim_id, member_id)
            vote = dataclasses.replace(current, rationale=rationale, evidence_url=evidence_url)
            _put(conn, vote)
            insert_event(conn, history_events.vote_explained(vote, at))
            return vote

        return await self._worker.write(write)

    async def votes_for_card(self, card_id: str) -> list[Vote]:
        """Oldest cast first (then claim, then member), as the TinyDB store orders them."""

        def read(conn: sqlite3.Connection) -> list[Vote]:
            rows = conn.execute(
                "SELECT card_id, claim_id, member_id, record FROM votes WHERE card_id = ? "
                "ORDER BY cast_us",
                (card_id,),
            )
            votes = load_each(rows, lambda row: _vote(row, self.path), self._reported_damage)
            return sorted(votes, key=lambda v: (v.cast_at, v.claim_id, v.member_id))

        return await self._worker.read(read)
