"""VoteService against a real store: honest counting under races, refusals that change nothing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.credibility import BadEvidenceLink, ClickAction
from bot.models import EventKind, GuildSettings, StoredCard, VoteChoice
from bot.voting import KeyedLocks, Voter, VoteRefused, VoteService, export_card
from storage import Store, open_store
from tests.factories import make_card

GUILD = 1
T0 = datetime(2025, 6, 17, 9, 0, tzinfo=UTC)
ANNA, BEN = Voter(10), Voter(11)
REVIEWER_ROLE = 99
CREDIBLE, UNCLEAR, DUBIOUS = VoteChoice.CREDIBLE, VoteChoice.UNCLEAR, VoteChoice.DUBIOUS


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await open_store(f"tinydb://{tmp_path}")
    await opened.save_card(
        StoredCard("k7", GUILD, "https://news.example.com/story", make_card(claims=3), T0,
                   channel_id=2, message_id=3)
    )
    yield opened
    await opened.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(store: Store, clock: Clock) -> VoteService:
    return VoteService(store, clock)


async def test_a_double_click_racing_itself_leaves_one_vote(service: VoteService, store: Store):
    clicks = await asyncio.gather(
        *(service.click(GUILD, "k7", "c1", DUBIOUS, ANNA) for _ in range(2))
    )
    assert sorted(c.action for c in clicks) == [ClickAction.CAST, ClickAction.KEEP]
    assert len(await store.votes_for_card("k7")) == 1
    assert len(service.locks) == 0  # nothing kept once the clicks are done


async def test_many_members_at_once_count_exactly(service: VoteService, store: Store):
    await asyncio.gather(
        *(service.click(GUILD, "k7", "c2", (CREDIBLE, DUBIOUS)[m % 2], Voter(m))
          for m in range(40))
    )
    votes = await store.votes_for_card("k7")
    assert len(votes) == 40
    assert sum(v.choice is CREDIBLE for v in votes) == 20


async def test_a_change_keeps_the_reason_and_says_so(service: VoteService, store: Store):
    await service.click(GUILD, "k7", "c1", DUBIOUS, ANNA)
    await service.explain(GUILD, "k7", "c1", ANNA, "old figure", "https://example.org/a")
    changed = await service.click(GUILD, "k7", "c1", CREDIBLE, ANNA)
    assert (changed.action, changed.previous, changed.kept_why) == (
        ClickAction.CHANGE, DUBIOUS, True
    )
    [vote] = await store.votes_for_card("k7")
    assert (vote.choice, vote.rationale, vote.evidence_url) == (
        CREDIBLE, "old figure", "https://example.org/a"
    )


async def test_the_same_verdict_after_the_double_click_window_withdraws_the_vote(
    service: VoteService, store: Store, clock: Clock
):
    await service.click(GUILD, "k7", "c1", DUBIOUS, ANNA)
    clock.advance(1)
    assert (await service.click(GUILD, "k7", "c1", DUBIOUS, ANNA)).action is ClickAction.KEEP
    clock.advance(5)
    assert (await service.click(GUILD, "k7", "c1", DUBIOUS, ANNA)).action is ClickAction.RETRACT
    assert await store.votes_for_card("k7") == []
    kinds = [e.kind for e in await store.events_for_card("k7")]
    assert kinds == [EventKind.CARD_CREATED, EventKind.VOTE_CAST, EventKind.VOTE_RETRACTED]


@pytest.mark.parametrize(
    ("guild", "card", "claim", "sentence"),
    [
        (2, "k7", "c1", "no longer exists"),  # another server's card
        (GUILD, "nosuchcard", "c1", "no longer exists"),
        (GUILD, "k7", "c9", "no longer on the card"),
    ],
)
async def test_clicks_on_what_is_not_there_are_refused(
    service: VoteService, store: Store, guild: int, card: str, claim: str, sentence: str
):
    with pytest.raises(VoteRefused, match=sentence):
        await service.click(guild, card, claim, DUBIOUS, ANNA)
    assert await store.votes_for_card("k7") == []


async def test_limited_voting_and_closing_follow_the_reviewer_role(
    service: VoteService, store: Store
):
    await store.save_settings(
        GuildSettings(GUILD, reviewer_role_id=REVIEWER_ROLE, reviewers_only_vote=True)
    )
    with pytest.raises(VoteRefused, match="reviewer role can vote"):
        await service.click(GUILD, "k7", "c1", DUBIOUS, ANNA)
    reviewer = Voter(12, role_ids=(REVIEWER_ROLE,))
    await service.click(GUILD, "k7", "c1", DUBIOUS, reviewer)
    with pytest.raises(VoteRefused, match="can close or reopen"):
        await service.set_closed(GUILD, "k7", BEN, closed=True)
    closed, changed = await service.set_closed(GUILD, "k7", Voter(13, is_manager=True), True)
    assert closed.voting_closed and changed
    assert (await service.set_closed(GUILD, "k7", reviewer, True))[1] is False
    with pytest.raises(VoteRefused, match="closed"):
        await service.click(GUILD, "k7", "c2", DUBIOUS, reviewer)


async def test_a_reason_needs_a_vote_and_a_safe_link(service: VoteService, store: Store):
    with pytest.raises(VoteRefused, match="no vote on claim 1"):
        await service.explain(GUILD, "k7", "c1", ANNA, "because", None)
    await service.click(GUILD, "k7", "c1", DUBIOUS, ANNA)
    with pytest.raises(BadEvidenceLink):
        await service.explain(GUILD, "k7", "c1", ANNA, "see", "http://169.254.169.254/latest")
    [vote] = await store.votes_for_card("k7")
    assert vote.evidence_url is None


async def test_export_counts_reviews_and_dates_a_closed_card_by_its_closing(
    service: VoteService, store: Store, clock: Clock
):
    for member in range(3):
        await service.click(GUILD, "k7", "c1", CREDIBLE, Voter(member))
    clock.advance(3600)
    await service.set_closed(GUILD, "k7", Voter(5, is_manager=True), True)
    stored = await store.get_card("k7")
    assert stored is not None
    text, count = await export_card(store, stored, T0 + timedelta(days=1))
    assert count == 1
    assert '"datePublished": "2025-06-17T10:00:00+00:00"' in text


async def test_keyed_locks_serialise_one_key_and_never_two():
    locks = KeyedLocks()
    order: list[str] = []

    async def hold(key: str, name: str, pause: float) -> None:
        async with locks.hold(key):
            order.append(f"{name}+")
            await asyncio.sleep(pause)
            order.append(f"{name}-")

    async with asyncio.timeout(5):
        await asyncio.gather(hold("a", "a1", 0.05), hold("a", "a2", 0), hold("b", "b1", 0.01))
    assert order.index("a1-") < order.index("a2+")
    assert order.index("b1+") < order.index("a1-")  # another key never waits
    assert len(locks) == 0
