"""The response arriving, end to end: a new link to the response article is proposed in the
seed card's thread; "Link as response" resolves it on the card and stops reminders; "Not
related" keeps it open for good; the original page re-checked (a new ETag is noticed, a 304
costs no analysis)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.models import FollowUpState, Stance
from tests.cogs.conftest import SEED, Deck
from tests.cogs.followups import (
    TIMEOUT,
    Clock,
    answer_text,
    card_text,
    followup_deck,
    in_thread,
    post_link,
    post_seed,
    response_page,
    services,
    tick,
    wait_in_thread,
)
from tests.fakes.article_server import ArticleServer
from tests.fakes.discord_server import FakeDiscord
from tests.following.server import add_conditional_page

PENDING = (
    "<p>Reuters has reached out to China’s foreign ministry for an official response but has "
    "yet to receive a comment.</p>"
)
ANSWERED = (
    "<p>“These allegations are groundless and irresponsible,” China’s foreign ministry "
    "spokesperson Lin Jian told a regular news briefing in Beijing on Tuesday.</p>"
)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def deck(fake_discord: FakeDiscord, articles: ArticleServer, tmp_path: Path, nlp,
               clock: Clock):
    articles.add_page("/response", response_page())
    async with followup_deck((fake_discord, articles, tmp_path), clock) as started:
        yield started


async def proposal_for(deck: Deck):
    """The seed card, its follow-up, the response card and the proposal in the seed's thread."""
    seed, seed_message, row = await post_seed(deck)
    response, _ = await post_link(deck, "/response")
    proposal = await wait_in_thread(deck, seed, "🔎 Possible response from")
    return seed, seed_message, row, response, proposal


def message_of(deck: Deck, request) -> dict:
    return deck.fake.messages[request.response["id"]]


async def click(deck: Deck, custom_id: str, message: dict, by: dict) -> dict:
    interaction = deck.world.component(custom_id, message_payload=message, by=by)
    return await deck.fake.send_interaction(interaction)


async def test_a_response_article_is_proposed_and_linking_it_resolves_the_card(
    deck: Deck, clock: Clock
):
    seed, seed_message, row, response, proposal = await proposal_for(deck)
    text = proposal.json["content"]
    assert text.startswith("🔎 Possible response from China")
    assert "foreign ministry (denial)" in text
    # Both cards are in #news: the proposal links the response card's message.
    assert f"/channels/{deck.world.guild_id}/{response.channel_id}/{response.message_id}" in text
    assert proposal.json["allowed_mentions"] == {"parse": []}
    ids = [c["custom_id"] for r in proposal.json["components"] for c in r["components"]]
    link_id = f"claimdeck:fu-link:{row.id}:{response.id}"
    assert ids == [link_id, f"claimdeck:fu-not:{row.id}:{response.id}"]

    refused = await click(deck, link_id, message_of(deck, proposal), deck.world.member)
    assert "reviewer role" in await answer_text(deck, refused)
    assert (await deck.store.get_followup(row.id)).state is FollowUpState.OPEN

    linked = await click(deck, link_id, message_of(deck, proposal), deck.world.admin)
    assert (await answer_text(deck, linked)).startswith(
        f"Linked as the response from {row.party} (denial)"
    )
    after = await deck.store.get_followup(row.id)
    assert after.state is FollowUpState.RESOLVED and after.stance is Stance.DENIAL
    assert after.resolution_card_id == response.id
    await deck.bot.publisher.idle()
    card = card_text(deck.fake.edits_of(seed_message["id"])[-1].json)
    assert f"✅ Response received 2025-06-16: denial — {response.canonical_url}" in card
    assert "⏳" not in card
    answered = await deck.fake.wait_for_request(  # the proposal's buttons are gone
        "PATCH", rf"/channels/\d+/messages/{proposal.response['id']}",
        timeout=TIMEOUT,
    )
    assert answered.json["components"] == []

    clock.advance(hours=30)  # past the first reminder's time: none comes
    await tick(deck)
    assert in_thread(deck, seed, "⏰") == []


async def test_not_related_keeps_the_follow_up_open_and_is_never_proposed_again(
    deck: Deck, clock: Clock
):
    seed, _, row, response, proposal = await proposal_for(deck)
    dismissed = await click(deck, f"claimdeck:fu-not:{row.id}:{response.id}",
                            message_of(deck, proposal), deck.world.admin)
    assert "stays open" in await answer_text(deck, dismissed)
    after = await deck.store.get_followup(row.id)
    assert after.state is FollowUpState.OPEN and after.dismissed_card_ids == (response.id,)

    opened = await services(deck).opener.card_created(response)  # the same card again
    assert opened.proposals == ()
    assert len(in_thread(deck, seed, "🔎")) == 1
    clock.advance(hours=24)
    await tick(deck)
    await wait_in_thread(deck, seed, "⏰")  # reminders go on


async def test_a_proposal_does_not_reveal_a_card_from_a_private_channel(deck: Deck):
    seed, _, _ = await post_seed(deck)
    private = deck.world.other_channel
    await deck.make_private(private)
    url = deck.articles.url("/response")
    await deck.fake.dispatch("MESSAGE_CREATE",
                             deck.world.user_message(url, channel=private, author=deck.world.admin))
    proposal = await wait_in_thread(deck, seed, "🔎 Possible response from")
    text = proposal.json["content"]
    assert url in text and "discord.com/channels" not in text


class Counting:
    """The re-check pipeline, counting the analyses it runs."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.analyses = 0

    async def read_text(self, page):
        return await self.inner.read_text(page)

    async def card(self, page):
        self.analyses += 1
        return await self.inner.card(page)


async def test_the_original_page_is_re_checked_a_304_costs_nothing_a_new_etag_is_noticed(
    fake_discord: FakeDiscord, articles: ArticleServer, tmp_path: Path, nlp, clock: Clock
):
    page = add_conditional_page(articles, "/seed", SEED.read_text("utf-8"))
    async with followup_deck((fake_discord, articles, tmp_path), clock) as deck:
        seed, _, row = await post_seed(deck)
        rechecks = services(deck).rechecks
        assert rechecks is not None
        counting = Counting(rechecks.pipeline)
        rechecks.pipeline = counting

        clock.advance(hours=6)
        await tick(deck)  # re-read (no validators yet): same text, no analysis
        assert (page.served, counting.analyses) == (2, 0)
        clock.advance(hours=6)
        await tick(deck)  # If-None-Match → 304: nothing read, nothing analysed
        assert page.not_modified == 1 and page.conditional_headers[-1]["If-None-Match"] == '"v1"'
        assert counting.analyses == 0 and in_thread(deck, seed, "📰") == []

        page.change(page.body.replace(PENDING, ANSWERED))  # a new version, a new ETag
        clock.advance(hours=6)
        await tick(deck)
        told = await wait_in_thread(deck, seed, "📰")
        assert told.json["content"] == (
            f"📰 The article no longer says it is waiting for {row.party}."
        )
        assert counting.analyses == 1
        assert told.json["allowed_mentions"] == {"parse": []}
        after = await deck.store.get_followup(row.id)
        assert after.etag == '"v2"'

        clock.advance(hours=6)
        await tick(deck)  # unchanged since: told once
        assert len(in_thread(deck, seed, "📰")) == 1 and counting.analyses == 1
