"""A card message deleted in Discord (a moderator tidying #news) is forgotten: the next paste of
the link posts the stored card again, with the votes it had, instead of pointing to a dead
message; a vote or a re-render after the delete is answered as usual."""

from __future__ import annotations

import re

from tests.cogs.conftest import Deck
from tests.cogs.followups import until
from tests.cogs.voting import (
    TIMEOUT,
    callback,
    card_text,
    click,
    post_card,
    private_answer,
    settle,
    vote_id,
)
from tests.fakes import payloads


async def delete(deck: Deck, message: dict) -> None:
    """A moderator deletes ``message``: gone from Discord, and the gateway says so."""
    deck.fake.messages.pop(message["id"], None)
    await deck.fake.dispatch(
        "MESSAGE_DELETE",
        {"id": message["id"], "channel_id": message["channel_id"], "guild_id": deck.world.guild_id},
    )


async def forgotten(deck: Deck, card_id: str) -> None:
    async def no_message() -> bool:
        stored = await deck.store.get_card(card_id)
        return stored is not None and stored.message_id is None

    await until(no_message)


async def shown_by(deck: Deck, card_id: str, message_id: str) -> None:
    """Until the store says the card is shown by ``message_id`` (recorded after its thread)."""

    async def recorded() -> bool:
        stored = await deck.store.get_card(card_id)
        return stored is not None and stored.message_id == int(message_id)

    await until(recorded)


async def repaste(deck: Deck, path: str = "/story"):
    """Paste the card's link again; the bot's answer (a card, or a pointer)."""
    await deck.fake.dispatch("MESSAGE_CREATE", deck.world.user_message(deck.articles.url(path)))
    return await deck.fake.wait_for_request(
        "POST",
        r"/channels/\d+/messages",
        timeout=TIMEOUT,
        predicate=lambda r: bool(r.json and (r.json.get("embeds") or r.json.get("content"))),
    )


async def test_a_deleted_card_is_posted_again_with_its_votes(voting_deck: Deck):
    deck = voting_deck
    world = deck.world
    stored, message = await post_card(deck)
    await private_answer(deck, await click(deck, vote_id(stored, "c1", "dubious"), message))
    await settle(deck)

    await delete(deck, message)
    await forgotten(deck, stored.id)
    # A vote from a view of the card still open (a private picker, a slow client) counts, and
    # nothing tries to edit the deleted message.
    late = await private_answer(
        deck, await click(deck, vote_id(stored, "c1", "dubious"), message, by=world.admin)
    )
    assert "Dubious" in late
    await settle(deck)
    assert not deck.fake.edits_of(message["id"])[1:]  # only the first vote's edit
    again = await repaste(deck)

    assert again.json.get("embeds"), f"pointed to the deleted card: {again.json}"
    assert "🚩 2" in card_text(again.json)  # the votes stayed with the card
    new_id = again.response["id"]
    assert new_id != message["id"]
    await shown_by(deck, stored.id, new_id)
    # The card works again from Discord: a vote on the new message counts and lands there.
    new_message = deck.fake.messages[new_id]
    answer = await private_answer(
        deck, await click(deck, vote_id(stored, "c1", "credible"), new_message, by=world.admin)
    )
    assert "Credible" in answer
    await settle(deck)
    assert "✅ 1" in card_text(deck.fake.edits_of(new_id)[-1].json)
    # And the next paste points to the new message.
    pointer = await repaste(deck)
    assert pointer.json["content"].startswith("📇 Already carded")
    assert pointer.json["content"].endswith(f"/{new_id}")


async def test_a_card_found_gone_when_edited_is_posted_again(voting_deck: Deck):
    deck = voting_deck
    stored, message = await post_card(deck)
    world = deck.world
    await private_answer(deck, await click(deck, vote_id(stored, "c2", "unclear"), message))
    await settle(deck)
    deck.fake.messages.pop(message["id"])  # deleted while the bot was offline: no event
    # An admin changes the quorum: the server's newest cards are re-rendered in place.
    changed = world.slash_command(
        "settings",
        [payloads.subcommand("voting", [payloads.option("quorum", 2)])],
        registered=deck.command("settings"),
        by=world.admin,
    )
    await deck.fake.send_interaction(changed)
    await callback(deck, changed)
    await settle(deck)
    assert deck.fake.edits_of(message["id"])[-1].status == 404
    await forgotten(deck, stored.id)

    again = await repaste(deck)
    assert again.json.get("embeds"), f"pointed to the deleted card: {again.json}"
    assert "❔ 1" in card_text(again.json)
    await shown_by(deck, stored.id, again.response["id"])
    pointer = await repaste(deck)
    assert pointer.json["content"].endswith(f"/{again.response['id']}")


async def test_a_bulk_delete_forgets_the_card_and_others_deletes_do_not(voting_deck: Deck):
    deck = voting_deck
    world = deck.world
    stored, message = await post_card(deck)
    # Someone else's message deleted: the card stays where it is.
    chatter = world.user_message("hello")
    await deck.fake.dispatch("MESSAGE_CREATE", chatter)
    await delete(deck, chatter)
    pointer = await repaste(deck)
    assert pointer.json["content"].endswith(f"/{message['id']}")

    deck.fake.messages.pop(message["id"])
    await deck.fake.dispatch(
        "MESSAGE_DELETE_BULK",
        {
            "ids": [chatter["id"], message["id"]],
            "channel_id": message["channel_id"],
            "guild_id": world.guild_id,
        },
    )
    await forgotten(deck, stored.id)
    again = await repaste(deck)
    assert again.json.get("embeds"), f"pointed to the deleted card: {again.json}"


async def test_a_late_delete_of_the_old_message_keeps_the_new_post(voting_deck: Deck):
    """Two processes share the store: one forgets the deleted card and re-posts it, then the
    other hears of the old message's deletion (or an edit of it fails): the new post stays."""
    deck = voting_deck
    stored, message = await post_card(deck)
    await delete(deck, message)
    await forgotten(deck, stored.id)
    again = await repaste(deck)
    new_id = again.response["id"]
    await shown_by(deck, stored.id, new_id)

    await delete(deck, message)  # delivered again, late
    assert (
        await deck.bot.publisher.message_gone(int(deck.world.guild_id), int(message["id"])) is None
    )
    pointer = await repaste(deck)
    assert re.search(rf"/{new_id}$", pointer.json["content"]), pointer.json
