"""Voting on a card, without Discord: the store's reads and writes around bot/credibility.

The votes cog parses a click or command, calls :class:`VoteService`, and shows the answer. Every
refusal is a :class:`VoteRefused` carrying the sentence the member reads, and changes nothing.

Clicks are serialised per (card, member) with an in-memory lock, so a double click cannot race
itself between reading the member's vote and writing the next one; the lock guards only work in
flight (the durable state is the store's), and different members never wait for each other.

A changed verdict keeps the member's rationale and evidence link: the common case is a slip of
the finger put right, and a member who changed their mind is told their reason was kept and can
edit it with "Why?". A withdrawn vote takes its reason with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
from collections.abc import AsyncIterator, Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.credibility import (
    CLOSE_REFUSED,
    VOTING_CLOSED,
    ClickAction,
    VoteBreakdown,
    Why,
    breakdown,
    check_why,
    claim_number,
    closed_at,
    decide_click,
    export_json,
    may_close,
    may_vote,
    message_link,
    vote_refusal,
)
from bot.errors import ClaimdeckError
from bot.models import Claim, GuildSettings, StoredCard, Vote, VoteChoice
from storage import NoVote, Store, UnknownCard, UnknownClaim, VotingClosed

CARD_GONE = "That card no longer exists here; it may have been deleted."
CLAIM_GONE = "That claim is no longer on the card; it may have been regenerated."


class VoteRefused(ClaimdeckError):
    """A click or command that cannot be carried out; ``str()`` is the private answer."""


@dataclass(frozen=True, slots=True)
class Voter:
    """Who clicked, as access rules need them: their role ids and whether they manage the
    server."""

    member_id: int
    role_ids: tuple[int, ...] = ()
    is_manager: bool = False


@dataclass(frozen=True, slots=True)
class Click:
    """What a click did. ``previous`` is the verdict before a change; ``kept_why`` says a
    changed vote kept its rationale or link."""

    action: ClickAction
    number: int
    claim_id: str
    choice: VoteChoice
    previous: VoteChoice | None = None
    kept_why: bool = False


class KeyedLocks:
    """One asyncio lock per key, dropped when nobody holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: Hashable) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (None, 0))
        lock = lock or asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            _, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)


def _current(votes: Iterable[Vote], claim_id: str, member_id: int) -> Vote | None:
    return next((v for v in votes if v.claim_id == claim_id and v.member_id == member_id), None)


class VoteService:
    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.clock = clock
        self.locks = KeyedLocks()

    async def card(self, guild_id: int, card_id: str) -> StoredCard:
        """The guild's card ``card_id``; another guild's card is as unknown as a missing one."""
        stored = await self.store.get_card(card_id)
        if stored is None or stored.guild_id != guild_id:
            raise VoteRefused(CARD_GONE)
        return stored

    @staticmethod
    def claim(stored: StoredCard, claim_id: str) -> tuple[int, Claim]:
        number = claim_number(stored.card, claim_id)
        if number is None:
            raise VoteRefused(CLAIM_GONE)
        return number, stored.card.claims[number - 1]

    async def settings(self, guild_id: int) -> GuildSettings:
        return await self.store.get_settings(guild_id)

    async def check_may_vote(self, stored: StoredCard, voter: Voter) -> GuildSettings:
        """Refuses a closed card and members the guild does not let vote."""
        if stored.voting_closed:
            raise VoteRefused(VOTING_CLOSED)
        settings = await self.settings(stored.guild_id)
        if not may_vote(settings, voter.role_ids, voter.is_manager):
            raise VoteRefused(vote_refusal(settings))
        return settings

    async def click(
        self, guild_id: int, card_id: str, claim_id: str, choice: VoteChoice, voter: Voter
    ) -> Click:
        """One click on a verdict button: cast, change, retract, or keep (a double click)."""
        async with self.locks.hold((card_id, voter.member_id)):
            stored = await self.card(guild_id, card_id)
            number, _ = self.claim(stored, claim_id)
            await self.check_may_vote(stored, voter)
            current = _current(await self.store.votes_for_card(card_id), claim_id, voter.member_id)
            now = self.clock()
            action = decide_click(current, choice, now)
            vote = Vote(card_id, claim_id, voter.member_id, choice, now)
            await self._apply(action, vote, current)
        kept = action is ClickAction.CHANGE and current is not None and bool(
            current.rationale or current.evidence_url
        )
        previous = current.choice if current is not None else None
        return Click(action, number, claim_id, choice, previous, kept)

    async def _apply(self, action: ClickAction, vote: Vote, current: Vote | None) -> None:
        """Write what ``decide_click`` decided (nothing for a double click)."""
        try:
            if action is ClickAction.CAST:
                await self.store.cast_vote(vote)
            elif action is ClickAction.CHANGE:
                assert current is not None
                kept = {"rationale": current.rationale, "evidence_url": current.evidence_url}
                await self.store.cast_vote(dataclasses.replace(vote, **kept))
            elif action is ClickAction.RETRACT:
                await self.store.retract_vote(
                    vote.card_id, vote.claim_id, vote.member_id, vote.cast_at
                )
        except VotingClosed:
            raise VoteRefused(VOTING_CLOSED) from None
        except UnknownCard:
            raise VoteRefused(CARD_GONE) from None
        except UnknownClaim:
            raise VoteRefused(CLAIM_GONE) from None

    async def member_votes(self, card_id: str, member_id: int) -> list[Vote]:
        return [v for v in await self.store.votes_for_card(card_id) if v.member_id == member_id]

    async def member_vote(self, card_id: str, claim_id: str, member_id: int) -> Vote | None:
        return _current(await self.store.votes_for_card(card_id), claim_id, member_id)

    async def explain(
        self,
        guild_id: int,
        card_id: str,
        claim_id: str,
        voter: Voter,
        rationale: str | None,
        evidence_url: str | None,
    ) -> tuple[int, Vote, Why]:
        """Store why the member voted as they did; refuses bad text and links (``WhyRefused``)
        before anything is written."""
        why = check_why(rationale, evidence_url)
        async with self.locks.hold((card_id, voter.member_id)):
            stored = await self.card(guild_id, card_id)
            number, _ = self.claim(stored, claim_id)
            await self.check_may_vote(stored, voter)
            try:
                vote = await self.store.explain_vote(
                    card_id, claim_id, voter.member_id, why.rationale, why.evidence_url,
                    self.clock(),
                )
            except NoVote:
                raise VoteRefused(
                    f"You have no vote on claim {number} (it may have been withdrawn). "
                    "Vote first, then say why."
                ) from None
            except VotingClosed:
                raise VoteRefused(VOTING_CLOSED) from None
            except (UnknownCard, UnknownClaim):
                raise VoteRefused(CARD_GONE) from None
        return number, vote, why

    async def set_closed(
        self, guild_id: int, card_id: str, voter: Voter, closed: bool
    ) -> tuple[StoredCard, bool]:
        """Close or reopen voting; returns the card and whether this call changed it."""
        stored = await self.card(guild_id, card_id)
        settings = await self.settings(guild_id)
        if not may_close(settings, voter.role_ids, voter.is_manager):
            raise VoteRefused(CLOSE_REFUSED)
        if stored.voting_closed == closed:
            return stored, False
        change = self.store.close_voting if closed else self.store.reopen_voting
        try:
            return await change(card_id, voter.member_id, self.clock()), True
        except UnknownCard:
            raise VoteRefused(CARD_GONE) from None


def breakdown_for(
    stored: StoredCard, votes: Iterable[Vote], settings: GuildSettings, viewer_id: int | None
) -> VoteBreakdown:
    """What ``/votes`` shows ``viewer_id``, with the guild's privacy applied."""
    return breakdown(
        stored.card, votes, settings, closed=stored.voting_closed, viewer_id=viewer_id
    )


async def export_card(store: Store, stored: StoredCard, now: datetime) -> tuple[str, int]:
    """The card's ClaimReview JSON-LD (text of a ``.jsonld`` file) and how many reviews it holds.

    ``datePublished`` is when voting closed (from the event log) for a closed card, else ``now``.
    """
    votes = await store.votes_for_card(stored.id)
    settings = await store.get_settings(stored.guild_id)
    closed_on = closed_at(await store.events_for_card(stored.id)) if stored.voting_closed else None
    text = export_json(stored, votes, settings, message_link(stored), now, closed_on=closed_on)
    return text, len(json.loads(text))
