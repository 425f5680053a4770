"""Making, posting and finding a guild's claim cards, without Discord.

The cogs ask this service for "the card of this link in this guild" and hand it a ``post``
function that shows a card in Discord. The service answers from the store when the link (by
canonical URL) was carded and posted before, so a link posted twice costs one fetch. A new card
is also stored under the page's declared canonical URL (the desktop address of a mobile link),
and a link whose page declares the address of a card made before is answered with that card:
one card per article, whichever of its addresses was pasted. It merges concurrent requests for
one link, and for two addresses of one article, until the card is *posted*, so two people
pasting it at the same moment get one card, and the second gets a pointer to it. A card whose
post failed (a missing permission, a restart) is not lost: the next request posts the stored
card, without fetching the article a second time. A card whose message was deleted in Discord
(the publisher then clears its message id in the store, keeping its channel) is handed back not
on show (``posted_now`` False, no message id), never posted here: where it goes next, and whether
that becomes its home, depends on who asked (the publisher's ``show_existing``: a member who
cannot read the channel it lived in must not move a private card, with its votes and follow-ups,
to a channel they can read).

Every card posted for the first time is handed to ``on_posted`` (the follow-ups cog installs
it: the card opens its own follow-ups and may answer open ones), whichever way it came: a
pasted link, /card, the message menu or ``/followup resolve url:``. A failing hook is logged; the
card stays posted.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from bot.errors import ClaimdeckError, InvalidInput
from bot.models import ClaimCard, StoredCard
from bot.pipeline.cards import CardPipeline
from bot.pipeline.urls import canonical_url
from storage import DuplicateCard, Store, new_card_id

log = logging.getLogger("claimdeck.carding")


def utc_now() -> datetime:
    return datetime.now(UTC)


def jump_url(stored: StoredCard) -> str | None:
    """The Discord link to the message that shows the card, once it is posted."""
    if stored.channel_id is None or stored.message_id is None:
        return None
    return f"https://discord.com/channels/{stored.guild_id}/{stored.channel_id}/{stored.message_id}"


def declared_key(card: ClaimCard, canonical: str) -> str | None:
    """The second key of a card made from the link ``canonical``: the canonical form of the
    article's own URL (the page's declared canonical URL, trusted only on the fetched site,
    or where a redirect ended), when it differs.

    A site's front page is no key: a page declaring it (a misconfigured template) or a link
    redirected to it (a removed story) would otherwise answer every later article of the site
    with this one card.
    """
    try:
        declared = canonical_url(card.article.url)
    except InvalidInput:  # no web address (a pasted text)
        return None
    if declared == canonical:
        return None
    parts = urlsplit(declared)
    return None if parts.path in ("", "/") and not parts.query else declared


@dataclass(frozen=True)
class Posted:
    """Where a card was shown in Discord."""

    channel_id: int
    message_id: int
    thread_id: int | None = None


PostCard = Callable[[StoredCard], Awaitable[Posted]]
# Told of each card once it is posted for the first time: (card, who asked for it).
OnPosted = Callable[[StoredCard, int], Awaitable[object]]


@dataclass(frozen=True)
class CardResult:
    """A guild's card for a link; ``posted_now`` is True when this request showed it."""

    stored: StoredCard
    posted_now: bool


class CardService:
    def __init__(
        self, store: Store, pipeline: CardPipeline, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self.store = store
        self.pipeline = pipeline
        self.clock = clock
        self._inflight: dict[tuple[int, str], asyncio.Future[CardResult]] = {}
        # Card id -> the request posting it: a card reached by two of its addresses at once
        # (mobile and desktop) is posted by one request, and the other gets its answer.
        self._posting: dict[str, asyncio.Future[CardResult]] = {}
        self.on_posted: OnPosted | None = None

    async def posted_card(self, guild_id: int, url: str) -> StoredCard | None:
        """The guild's card for ``url`` if it is already on show somewhere (the store is the
        truth: a card whose message was deleted has no message id)."""
        stored = await self.store.find_card_by_url(guild_id, canonical_url(url))
        return stored if stored is not None and stored.message_id is not None else None

    async def preview(self, url: str, guild_id: int | None = None) -> ClaimCard:
        """A card to look at without keeping it (for /summary); reuses a stored one if any."""
        if guild_id is not None:
            stored = await self.store.find_card_by_url(guild_id, canonical_url(url))
            if stored is not None:
                return stored.card
        return await self.pipeline.card_for_url(url)

    async def card_for_link(
        self, guild_id: int, url: str, requested_by: int, post: PostCard
    ) -> CardResult:
        """The guild's card for ``url``: made (or reused) and posted now, or the card the
        guild has (on show, or shown before and deleted since: no message id, not posted)."""
        key = (guild_id, canonical_url(url))
        if (pending := self._inflight.get(key)) is not None:
            result = await asyncio.shield(pending)
            return replace(result, posted_now=False)
        future: asyncio.Future[CardResult] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            result = await self._find_make_post(key, url, requested_by, post, future)
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
            for card_id in [c for c, f in self._posting.items() if f is future]:
                del self._posting[card_id]

    async def _find_make_post(
        self,
        key: tuple[int, str],
        url: str,
        requested_by: int,
        post: PostCard,
        mine: asyncio.Future[CardResult],
    ) -> CardResult:
        guild_id, canonical = key
        stored = await self.store.find_card_by_url(guild_id, canonical)
        if stored is None:
            card = await self.pipeline.card_for_url(url)
            stored = await self._store_new(guild_id, canonical, card, requested_by, mine)
            if self._posting.get(stored.id) is mine:  # new: nobody else knew of it yet
                return await self._post(stored, requested_by, post)
        while stored.message_id is None and stored.channel_id is None:
            # Made, or being posted, by a request for another of its addresses (the mobile
            # and the desktop link pasted at once): its answer is ours, the card posted once.
            other = self._posting.get(stored.id)
            if other is None or other is mine:
                self._posting[stored.id] = mine
                # A post that finished before is in the store by now.
                stored = await self.store.get_card(stored.id) or stored
                if stored.message_id is None and stored.channel_id is None:
                    return await self._post(stored, requested_by, post)  # never shown
                break
            try:
                result = await asyncio.shield(other)
            except Exception:  # that request failed; look again (this one may post it)
                stored = await self.store.get_card(stored.id) or stored
                continue
            return replace(result, posted_now=False)
        return CardResult(stored, posted_now=False)

    async def _store_new(
        self,
        guild_id: int,
        canonical: str,
        card: ClaimCard,
        requested_by: int,
        mine: asyncio.Future[CardResult],
    ) -> StoredCard:
        """The new card, stored under the pasted link and under the page's declared canonical
        URL (registered as posted by ``mine``); or the card already stored under either, found
        now or by a racing request (``DuplicateCard``), so an article gets one card."""
        declared = declared_key(card, canonical)
        if declared is not None:
            existing = await self.store.find_card_by_url(guild_id, declared)
            if existing is not None:
                return existing
        stored = StoredCard(
            id=new_card_id(),
            guild_id=guild_id,
            canonical_url=canonical,
            card=card,
            created_at=self.clock(),
            created_by=requested_by,
            alternate_urls=() if declared is None else (declared,),
        )
        self._posting[stored.id] = mine  # before it is visible in the store
        try:
            await self.store.save_card(stored)  # also records the CARD_CREATED event
        except DuplicateCard as duplicate:
            del self._posting[stored.id]
            return duplicate.existing
        return stored

    async def _post(self, stored: StoredCard, requested_by: int, post: PostCard) -> CardResult:
        where = await post(stored)  # if this fails, the stored card is posted next time
        stored = await self.store.update_card_message(
            stored.id, where.channel_id, where.message_id, where.thread_id
        )
        if self.on_posted is not None:
            try:
                await self.on_posted(stored, requested_by)
            except Exception:
                log.exception("card %s is posted, but what it starts failed", stored.id)
        return CardResult(stored, posted_now=True)

    async def stored_card(self, guild_id: int, card_id: str) -> StoredCard | None:
        stored = await self.store.get_card(card_id)
        return stored if stored is not None and stored.guild_id == guild_id else None
