"""The ``Store`` interface the cogs program against. Two backends implement it: TinyDB (a data
directory, one process, indexes in memory; :mod:`storage.tinydb_store`) and SQLite (one file
that several processes on one host share, nothing cached; :mod:`storage.sqlite_store`). The
``test_*_contract.py`` tests hold both to every promise below.

Every method is a coroutine. Writes return only once the change is durable. Times must be
timezone-aware; they are stored in UTC. A damaged record costs only itself: read alone it is a
``StoreCorrupt`` naming the file and the record; lists leave it out.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from bot.models import Event, EventKind, FollowUp, GuildSettings, StoredCard, Vote


@runtime_checkable
class Store(Protocol):
    # cards
    async def save_card(self, card: StoredCard) -> None:
        """Insert or replace a card; a new card gets a CARD_CREATED event.

        A card is found by its ``canonical_url`` and by each of its ``alternate_urls`` (the
        article's other addresses, e.g. the page's declared canonical URL); repeats are dropped.
        Raises ``DuplicateCard`` (with ``.existing``) when the guild already has another card
        under any of these keys; nothing is written then.
        """
        ...

    async def get_card(self, card_id: str) -> StoredCard | None: ...

    async def find_card_by_url(self, guild_id: int, canonical_url: str) -> StoredCard | None:
        """The guild's card with this key: its ``canonical_url`` or one of its alternates."""
        ...

    async def recent_cards(
        self, guild_id: int, limit: int = 25, query: str | None = None
    ) -> list[StoredCard]:
        """Newest first; ``query`` keeps cards whose title contains it (case-insensitive). A card
        whose stored body is damaged is left out (and logged once), so one bad card does not
        break the list."""
        ...

    async def update_card_message(
        self, card_id: str, channel_id: int | None, message_id: int | None, thread_id: int | None
    ) -> StoredCard:
        """Record where the card was posted; raises ``UnknownCard``."""
        ...

    async def forget_card_message(self, guild_id: int, message_id: int) -> StoredCard | None:
        """The guild's card shown by message ``message_id``, now recorded as not on show (its
        ``message_id`` cleared; channel, thread, votes and follow-ups kept), so the next request
        for it posts it again. ``None`` when no card of the guild records that message (never a
        card's, forgotten already, or the card re-posted since): one compare-and-set, so a late
        "that message is gone" never erases a newer post, whichever process learns it."""
        ...

    async def close_voting(self, card_id: str, actor_id: int | None, at: datetime) -> StoredCard:
        """Close voting (idempotent); logs VOTING_CLOSED the first time."""
        ...

    async def reopen_voting(self, card_id: str, actor_id: int | None, at: datetime) -> StoredCard:
        """Open voting again (idempotent); logs VOTING_REOPENED when it was closed. Votes cast
        before the close are kept. Raises ``UnknownCard``."""
        ...

    # votes
    async def cast_vote(self, vote: Vote) -> Vote | None:
        """Store the vote, replacing the member's earlier vote on that claim, which is returned.

        Logs VOTE_CAST or VOTE_CHANGED in the same write. Raises ``UnknownCard``,
        ``UnknownClaim`` or ``VotingClosed``.
        """
        ...

    async def retract_vote(self, card_id: str, claim_id: str, member_id: int, at: datetime) -> bool:
        """Remove the member's vote; False when there was none. Logs VOTE_RETRACTED."""
        ...

    async def explain_vote(
        self,
        card_id: str,
        claim_id: str,
        member_id: int,
        rationale: str | None,
        evidence_url: str | None,
        at: datetime,
    ) -> Vote:
        """Attach why (``rationale``) and a source (``evidence_url``) to the member's current
        vote, replacing an earlier explanation; the choice and ``cast_at`` are kept. Logs
        VOTE_EXPLAINED (with both texts) in the same write and returns the updated vote.

        Raises ``UnknownCard``, ``UnknownClaim``, ``VotingClosed``, or ``NoVote`` when the
        member has no vote on that claim.
        """
        ...

    async def votes_for_card(self, card_id: str) -> list[Vote]:
        """Current votes, oldest cast first."""
        ...

    # follow-ups
    async def add_followup(self, followup: FollowUp, actor_id: int | None = None) -> None:
        """Store a new follow-up for an existing card of the same guild; logs FOLLOWUP_CREATED.

        Raises ``UnknownCard``, or ``StoreError`` for a duplicate id or another guild's card.
        """
        ...

    async def update_followup(
        self,
        followup: FollowUp,
        actor_id: int | None = None,
        at: datetime | None = None,
        kind: EventKind | None = None,
        data: dict[str, Any] | None = None,
        expected: FollowUp | None = None,
    ) -> None:
        """Replace a follow-up and log what happened, in one durable write (so "reminder sent"
        and "next reminder scheduled" cannot be separated by a crash).

        With ``expected`` (the row as the caller read it), the write is a compare-and-set: it
        happens only if the stored row still equals ``expected``, else ``StoreConflict`` and
        nothing is written. Every read-modify-write passes it, so two processes (or tasks) that
        read the same row cannot both act on it: one write wins, the other re-reads.

        With ``kind``, exactly one event of that kind is logged, its data ``data`` plus
        ``followup_id`` (JSON-safe values only). Without it, the change is inferred:
        FOLLOWUP_REMINDED when ``reminders_sent`` grew, FOLLOWUP_RESOLVED, FOLLOWUP_CLOSED or
        FOLLOWUP_REOPENED when ``state`` changed; other edits log nothing. ``at`` is when it
        happened (default: ``resolved_at`` for a resolution, else now). Raises ``UnknownCard``,
        or ``StoreError`` for an unknown id or a follow-up moved to another card or guild.
        """
        ...

    async def get_followup(self, followup_id: str) -> FollowUp | None: ...

    async def followups_for_card(self, card_id: str) -> list[FollowUp]:
        """Every follow-up of the card, in any state, oldest first (``created_at``, then id)."""
        ...

    async def due_followups(
        self,
        now: datetime,
        limit: int = 50,
        shard_id: int | None = None,
        shard_count: int = 1,
    ) -> list[FollowUp]:
        """Open follow-ups whose reminder is due: ``due_at`` at or before ``now`` and not
        snoozed past it (``snoozed_until`` later than ``due_at`` counts as the due time),
        earliest first; one with no reminder left (``due_at`` None) is never due. With
        ``shard_id``, only guilds with ``(guild_id >> 22) % shard_count == shard_id``. Cheap
        when nothing is due (an index lookup: in memory for TinyDB, in the database for
        SQLite)."""
        ...

    async def next_due_at(
        self, shard_id: int | None = None, shard_count: int = 1
    ) -> datetime | None:
        """When the shard's earliest open follow-up comes due (as in :meth:`due_followups`),
        possibly in the past; None when it has none. For sleeping until the next reminder."""
        ...

    async def due_rechecks(
        self,
        now: datetime,
        limit: int = 50,
        shard_id: int | None = None,
        shard_count: int = 1,
    ) -> list[FollowUp]:
        """Open follow-ups whose ``recheck_at`` is at or before ``now`` (a snooze does not
        hold re-checks back), earliest first, filtered by shard as :meth:`due_followups`."""
        ...

    async def next_recheck_at(
        self, shard_id: int | None = None, shard_count: int = 1
    ) -> datetime | None:
        """The shard's earliest ``recheck_at`` among open follow-ups; None when none is set."""
        ...

    async def open_followups(self, guild_id: int) -> list[FollowUp]:
        """The guild's open follow-ups, earliest due first (as in :meth:`due_followups`), then
        those with no reminder left (``due_at`` None), oldest first; for matching a new card
        against them (called once per new card, so it must be cheap)."""
        ...

    # settings and history
    async def get_settings(self, guild_id: int) -> GuildSettings:
        """The guild's settings, or the defaults when it never saved any."""
        ...

    async def save_settings(self, settings: GuildSettings) -> None:
        """Replace the guild's settings; a value that would not load back is a ``StoreError``."""
        ...

    async def append_event(self, event: Event) -> None: ...

    async def events_for_card(self, card_id: str) -> list[Event]:
        """The card's history, oldest first."""
        ...

    async def close(self) -> None:
        """Finish the calls already made (each gets its answer), then release the store (the
        TinyDB data directory's lock; SQLite's connections, which other processes keep)."""
        ...
