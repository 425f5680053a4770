"""The ``Store`` interface the cogs program against; backends (TinyDB today) implement it.

Every method is a coroutine. Writes return only once the change is durable. Times must be
timezone-aware; they are stored in UTC.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, runtime_checkable

from bot.models import Event, FollowUp, GuildSettings, StoredCard, Vote


@runtime_checkable
class Store(Protocol):
    # cards
    async def save_card(self, card: StoredCard) -> None:
        """Insert or replace a card; a new card gets a CARD_CREATED event.

        Raises ``DuplicateCard`` (with ``.existing``) when the guild already has another card
        for the same canonical URL.
        """
        ...

    async def get_card(self, card_id: str) -> StoredCard | None: ...

    async def find_card_by_url(self, guild_id: int, canonical_url: str) -> StoredCard | None: ...

    async def recent_cards(
        self, guild_id: int, limit: int = 25, query: str | None = None
    ) -> list[StoredCard]:
        """Newest first; ``query`` keeps cards whose title contains it (case-insensitive)."""
        ...

    async def update_card_message(
        self, card_id: str, channel_id: int | None, message_id: int | None, thread_id: int | None
    ) -> StoredCard:
        """Record where the card was posted; raises ``UnknownCard``."""
        ...

    async def close_voting(self, card_id: str, actor_id: int | None, at: datetime) -> StoredCard:
        """Close voting (idempotent); logs VOTING_CLOSED the first time."""
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

    async def votes_for_card(self, card_id: str) -> list[Vote]: ...

    # follow-ups
    async def add_followup(self, followup: FollowUp, actor_id: int | None = None) -> None:
        """Store a new follow-up for an existing card; logs FOLLOWUP_CREATED."""
        ...

    async def update_followup(
        self, followup: FollowUp, actor_id: int | None = None, at: datetime | None = None
    ) -> None:
        """Replace a follow-up; more reminders logs FOLLOWUP_REMINDED, resolving logs
        FOLLOWUP_RESOLVED."""
        ...

    async def get_followup(self, followup_id: str) -> FollowUp | None: ...

    async def due_followups(self, now: datetime, limit: int = 50) -> list[FollowUp]:
        """Open follow-ups whose ``due_at`` is at or before ``now``, earliest first."""
        ...

    async def open_followups(self, guild_id: int) -> list[FollowUp]:
        """The guild's open follow-ups, earliest due first."""
        ...

    # settings and history
    async def get_settings(self, guild_id: int) -> GuildSettings:
        """The guild's settings, or the defaults when it never saved any."""
        ...

    async def save_settings(self, settings: GuildSettings) -> None: ...

    async def append_event(self, event: Event) -> None: ...

    async def events_for_card(self, card_id: str) -> list[Event]:
        """The card's history, oldest first."""
        ...

    async def close(self) -> None:
        """Finish pending writes and release the data directory."""
        ...
