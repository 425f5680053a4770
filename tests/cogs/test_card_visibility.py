"""A card posted in a thread (a response pasted in another card's discussion) stays a card of
the server once Discord archives the thread, or after a restart (Discord then sends only active
threads): readable per the thread's parent channel, for /votes, /close, /reopen, the card:
suggestions and /followup, and still hidden from members who cannot read that channel."""

from __future__ import annotations

import copy
import dataclasses
from datetime import UTC, datetime

from bot.models import StoredCard
from storage import new_card_id
from tests.cogs.conftest import Deck
from tests.cogs.followups import answer_text, slash, until
from tests.cogs.voting import callback, private_answer, six_claim_card
from tests.fakes import payloads

UNKNOWN = "I do not know that card"


async def command(deck: Deck, name: str, options: dict, *, by: dict | None = None) -> dict:
    interaction = deck.world.slash_command(name, options, registered=deck.command(name), by=by)
    return await deck.fake.send_interaction(interaction)


async def suggestions(deck: Deck, typed: str, *, by: dict) -> list[str]:
    typing = deck.world.autocomplete(
        "votes",
        [payloads.option("card", typed, focused=True)],
        registered=deck.command("votes"),
        by=by,
    )
    await deck.fake.send_interaction(typing)
    answered = await callback(deck, typing)
    return [choice["value"] for choice in answered.json["data"]["choices"]]


def new_thread(deck: Deck, parent: dict, *, archived: bool) -> dict:
    world = deck.world
    return payloads.thread(
        guild_id=world.guild_id,
        parent_id=parent["id"],
        owner_id=world.admin["user"]["id"],
        name="Discussion of the first card",
        archived=archived,
    )


async def card_in(deck: Deck, thread: dict, title: str = "Ministry replies") -> StoredCard:
    """A card posted in ``thread`` (stored as the bot records a card it posted there)."""
    card = six_claim_card()
    article = dataclasses.replace(card.article, title=title)
    stored = StoredCard(
        id=new_card_id(),
        guild_id=int(deck.world.guild_id),
        canonical_url=f"https://news.example/{new_card_id()}",
        card=dataclasses.replace(card, article=article, pending_responses=()),
        created_at=datetime.now(UTC),
        channel_id=int(thread["id"]),
        message_id=int(payloads.snowflake()),
    )
    await deck.store.save_card(stored)
    return stored


def thread_lookups(deck: Deck, thread: dict) -> int:
    return len(deck.fake.requests_matching("GET", rf"/channels/{thread['id']}$"))


async def test_a_card_in_a_thread_archived_before_a_restart_is_still_the_servers(
    voting_deck: Deck,
):
    deck = voting_deck
    world = deck.world
    # Discord has the archived thread; the bot, restarted since, was never told of it.
    thread = new_thread(deck, world.channel, archived=True)
    world.guild["threads"].append(thread)
    stored = await card_in(deck, thread)

    votes = await callback(deck, await command(deck, "votes", {"card": stored.id}))
    assert "Ministry replies" in votes.json["data"]["embeds"][0]["title"]
    closed = await private_answer(
        deck, await command(deck, "close", {"card": stored.id}, by=world.admin)
    )
    assert closed.startswith("Voting on this card is now closed")
    reopened = await private_answer(
        deck, await command(deck, "reopen", {"card": stored.id}, by=world.admin)
    )
    assert UNKNOWN not in reopened and "open" in reopened.lower()
    assert stored.id in await suggestions(deck, "ministry", by=world.member)
    assert thread_lookups(deck, thread) == 1  # learnt once: a thread never changes channel


async def test_a_card_in_a_thread_that_archives_while_the_bot_runs(voting_deck: Deck):
    deck = voting_deck
    world = deck.world
    thread = new_thread(deck, world.channel, archived=False)
    world.guild["threads"].append(thread)
    await deck.fake.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
    stored = await card_in(deck, thread)
    before = await callback(deck, await command(deck, "votes", {"card": stored.id}))
    assert before.json["data"].get("embeds"), before.json

    archived = copy.deepcopy(thread)
    archived["thread_metadata"]["archived"] = True
    await deck.fake.dispatch("THREAD_UPDATE", archived)
    guild = deck.bot.get_guild(int(world.guild_id))
    assert guild is not None

    async def left_the_cache() -> bool:
        return guild.get_thread(int(thread["id"])) is None

    await until(left_the_cache)

    after = await callback(deck, await command(deck, "votes", {"card": stored.id}))
    assert "Ministry replies" in after.json["data"]["embeds"][0]["title"]
    closed = await private_answer(
        deck, await command(deck, "close", {"card": stored.id}, by=world.admin)
    )
    assert closed.startswith("Voting on this card is now closed")


async def test_an_archived_thread_of_a_private_channel_stays_hidden(voting_deck: Deck):
    deck = voting_deck
    world = deck.world
    await deck.make_private(world.other_channel)  # only the admin reads it
    thread = new_thread(deck, world.other_channel, archived=True)
    world.guild["threads"].append(thread)
    stored = await card_in(deck, thread, title="Moderators only")

    hidden = await private_answer(deck, await command(deck, "votes", {"card": stored.id}))
    assert hidden.startswith(UNKNOWN)
    assert stored.id not in await suggestions(deck, "moderators", by=world.member)
    listed = await answer_text(deck, await slash(deck, "list", {}, by=world.member))
    assert "Moderators" not in listed

    shown = await callback(deck, await command(deck, "votes", {"card": stored.id}, by=world.admin))
    assert "Moderators only" in shown.json["data"]["embeds"][0]["title"]
    assert stored.id in await suggestions(deck, "moderators", by=world.admin)


async def test_follow_ups_of_a_card_in_an_archived_thread_stay_listed(voting_deck: Deck):
    deck = voting_deck
    world = deck.world
    thread = new_thread(deck, world.channel, archived=True)
    world.guild["threads"].append(thread)
    stored = await card_in(deck, thread)

    added = await answer_text(
        deck,
        await slash(
            deck, "add", {"card": stored.id, "party": "the foreign ministry"}, by=world.admin
        ),
    )
    assert added.startswith("Now following up on the foreign ministry"), added
    listed = await answer_text(deck, await slash(deck, "list", {}, by=world.member))
    assert "the foreign ministry" in listed and "Ministry replies" in listed, listed


async def test_a_card_whose_thread_was_deleted_is_unknown_and_asked_about_once(
    voting_deck: Deck,
):
    deck = voting_deck
    world = deck.world
    gone = new_thread(deck, world.channel, archived=True)  # never in Discord: a 404
    stored = await card_in(deck, gone)
    for _ in range(2):
        answer = await private_answer(
            deck, await command(deck, "votes", {"card": stored.id}, by=world.admin)
        )
        assert answer.startswith(UNKNOWN)
    assert thread_lookups(deck, gone) == 1  # Discord's "unknown channel" is remembered
