"""The catch-up digest goes to the oldest card's channel. When that is a moderators' room, a
card from a public channel is not named there: its assignee, a plain member, cannot read the
room, so a ping there would reach nobody and use up the reminder. The card is withheld
("…and 1 more") and reminded on its own where its assignee reads, once. In a public digest
channel the same card is named as before."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from tests.cogs.conftest import Deck
from tests.cogs.followups import TIMEOUT, Clock, followup_deck, post_seed, tick, until
from tests.fakes.article_server import ArticleServer
from tests.fakes.discord_server import FakeDiscord, RecordedRequest


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def _two_cards(deck: Deck) -> tuple[int, int]:
    """The seed card in #news (the oldest) and a card in #general whose follow-up is assigned
    to the plain member bob; bob's id and #general's."""
    world = deck.world
    card, _, seed_row = await post_seed(deck)
    general = int(world.other_channel["id"])
    public = replace(
        card,
        id="pubcard001",
        canonical_url="https://news.example.com/public",
        channel_id=general,
        message_id=card.message_id + 7,
        thread_id=None,
    )
    await deck.store.save_card(public)
    bob = int(world.member["user"]["id"])
    await deck.store.add_followup(
        replace(
            seed_row,
            id="bob-row",
            card_id=public.id,
            party="the Public Ministry",
            assignee_id=bob,
            created_at=seed_row.created_at + timedelta(minutes=1),
            due_at=seed_row.due_at + timedelta(minutes=1),
        )
    )
    return bob, general


async def _digest(deck: Deck) -> RecordedRequest:
    news = deck.world.channel["id"]
    return await deck.fake.wait_for_request(
        "POST",
        rf"/channels/{news}/messages",
        timeout=TIMEOUT,
        predicate=lambda r: "Claimdeck was offline" in ((r.json or {}).get("content") or ""),
    )


async def _reminded(deck: Deck) -> bool:
    row = await deck.store.get_followup("bob-row")
    return row is not None and row.reminders_sent == 1


def _pings_of(deck: Deck, user: int) -> list[RecordedRequest]:
    return [
        r
        for r in deck.fake.requests_matching("POST", r"/channels/\d+/messages")
        if f"<@{user}>" in ((r.json or {}).get("content") or "").split("\n")[0]
    ]


async def test_a_public_cards_assignee_is_not_pinged_in_the_moderators_room(
    fake_discord: FakeDiscord, articles: ArticleServer, tmp_path: Path, nlp, clock: Clock
):
    async with followup_deck((fake_discord, articles, tmp_path), clock) as first:
        bob, general = await _two_cards(first)
        await first.make_private(first.world.channel)  # #news: the moderators' room now
    clock.advance(hours=24 + 48 + 1)  # down through two reminder slots
    async with followup_deck((fake_discord, articles, tmp_path), clock) as deck:
        digest = await _digest(deck)
        text = digest.json["content"]
        assert "Public Ministry" not in text and f"<@{bob}>" not in text
        assert text.endswith("• …and 1 more: see `/followup list`.")
        assert str(bob) not in [str(u) for u in digest.json["allowed_mentions"].get("users") or []]
        row = await deck.store.get_followup("bob-row")
        assert row is not None and row.reminders_sent == 0  # not used up by the digest

        await tick(deck)  # the digest's tick is over: bob's row is left out, due in a minute
        clock.advance(minutes=2)
        await tick(deck)
        assert await until(lambda: _reminded(deck))
        [alone] = _pings_of(deck, bob)  # once, where bob reads
        assert alone.path == f"/channels/{general}/messages"
        assert "Public Ministry" in alone.json["content"]
        assert [str(u) for u in alone.json["allowed_mentions"]["users"]] == [str(bob)]
        clock.advance(minutes=2)
        await tick(deck)
        assert len(_pings_of(deck, bob)) == 1


async def test_a_public_card_is_named_in_a_public_digest_channel(
    fake_discord: FakeDiscord, articles: ArticleServer, tmp_path: Path, nlp, clock: Clock
):
    async with followup_deck((fake_discord, articles, tmp_path), clock) as first:
        bob, _ = await _two_cards(first)
    clock.advance(hours=24 + 48 + 1)
    async with followup_deck((fake_discord, articles, tmp_path), clock) as deck:
        digest = await _digest(deck)
        text = digest.json["content"]
        assert "Public Ministry" in text and f"<@{bob}>" in text.split("\n")[0]
        assert "more: see" not in text
        assert await until(lambda: _reminded(deck))
