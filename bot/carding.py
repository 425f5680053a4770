"""Making and finding a guild's claim cards, without Discord.

The cogs ask this service for "the card of this link in this guild". It answers from the store
when the link (by canonical URL) was carded before, so a link posted twice costs one fetch; it
also merges concurrent requests for the same link, so two people pasting it at the same moment
get one card, not two.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from bot.errors import ClaimdeckError
from bot.models import ClaimCard, StoredCard
from bot.pipeline.cards import CardPipeline
from bot.pipeline.urls import canonical_url
from storage import Store, new_card_id


def utc_now() -> datetime:
    return datetime.now(UTC)


def jump_url(stored: StoredCard) -> str | None:
    """The Discord link to the message that shows the card, once it is posted."""
    if stored.channel_id is None or stored.message_id is None:
        return None
    return f"https://discord.com/channels/{stored.guild_id}/{stored.channel_id}/{stored.message_id}"


@dataclass(frozen=True)
class CardResult:
    """A guild's card for a link; ``created`` is False when it already existed."""

    stored: StoredCard
    created: bool


class CardService:
    def __init__(
        self, store: Store, pipeline: CardPipeline, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self.store = store
        self.pipeline = pipeline
        self.clock = clock
        self._inflight: dict[tuple[int, str], asyncio.Future[CardResult]] = {}

    async def existing(self, guild_id: int, url: str) -> StoredCard | None:
        return await self.store.find_card_by_url(guild_id, canonical_url(url))

    async def preview(self, url: str, guild_id: int | None = None) -> ClaimCard:
        """A card to look at without keeping it (for /summary); reuses a stored one if any."""
        if guild_id is not None and (stored := await self.existing(guild_id, url)):
            return stored.card
        return await self.pipeline.card_for_url(url)

    async def card_for_link(self, guild_id: int, url: str, requested_by: int) -> CardResult:
        """The guild's card for ``url``: the stored one, or a new one fetched and saved."""
        key = (guild_id, canonical_url(url))
        if (pending := self._inflight.get(key)) is not None:
            result = await asyncio.shield(pending)
            return replace(result, created=False)
        future: asyncio.Future[CardResult] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            result = await self._find_or_create(key, url, requested_by)
        except asyncio.CancelledError:
            future.set_exception(ClaimdeckError("Making that card was interrupted; try again."))
            future.exception()  # mark retrieved: only waiters re-raise it
            raise
        except Exception as error:
            future.set_exception(error)
            future.exception()
            raise
        else:
            future.set_result(result)
            return result
        finally:
            del self._inflight[key]

    async def _find_or_create(
        self, key: tuple[int, str], url: str, requested_by: int
    ) -> CardResult:
        guild_id, canonical = key
        if (stored := await self.store.find_card_by_url(guild_id, canonical)) is not None:
            return CardResult(stored, created=False)
        card = await self.pipeline.card_for_url(url)
        now = self.clock()
        stored = StoredCard(
            id=new_card_id(),
            guild_id=guild_id,
            canonical_url=canonical,
            card=card,
            created_at=now,
            created_by=requested_by,
        )
        await self.store.save_card(stored)  # also records the CARD_CREATED event
        return CardResult(stored, created=True)

    async def posted(
        self, stored: StoredCard, channel_id: int, message_id: int, thread_id: int | None
    ) -> StoredCard:
        """Remember where the card was posted, so later duplicates can point to it."""
        await self.store.update_card_message(stored.id, channel_id, message_id, thread_id)
        return replace(stored, channel_id=channel_id, message_id=message_id, thread_id=thread_id)

    async def stored_card(self, guild_id: int, card_id: str) -> StoredCard | None:
        stored = await self.store.get_card(card_id)
        return stored if stored is not None and stored.guild_id == guild_id else None
