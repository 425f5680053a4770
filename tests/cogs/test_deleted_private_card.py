"""A card whose message was deleted is posted again where it is asked for, but it becomes the
card's home only for a member who can read the channel it lived in. A member pasting the link of
a moderators' card in #general (or asking /card, or /followup resolve url:) gets the card there,
not recorded: /votes, /history, the card: suggestions and follow-up reminders stay the
moderators'. A card whose channel was deleted is re-homed only by an administrator (who reads
every channel); anyone else gets it unrecorded."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.models import FollowUp, GuildSettings
from tests.cogs.conftest import Deck
from tests.cogs.followups import answer_text
from tests.cogs.test_card_visibility import UNKNOWN, card_in, suggestions
from tests.cogs.test_deleted_card import delete, forgotten, shown_by
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
from tests.fakes.discord_server import RecordedRequest

GRACE = 0.3  # after a copy's thread is opened: a recorded home would be stored by then


def is_card(request: RecordedRequest) -> bool:
    return bool(request.json and request.json.get("embeds"))


def is_answer(request: RecordedRequest) -> bool:
    return bool(request.json and (request.json.get("embeds") or request.json.get("content")))


async def paste(deck: Deck, channel: dict, *, by: dict | None = None) -> RecordedRequest:
    """``by`` pastes the card's link in ``channel``; the bot's answer there (card or pointer)."""
    message = deck.world.user_message(deck.articles.url("/story"), channel=channel, author=by)
    await deck.fake.dispatch("MESSAGE_CREATE", message)
    return await deck.fake.wait_for_request(
        "POST", rf"/channels/{channel['id']}/messages", timeout=TIMEOUT, predicate=is_answer
    )


async def votes_text(deck: Deck, card_id: str, *, by: dict) -> str:
    asked = deck.world.slash_command(
        "votes", {"card": card_id}, registered=deck.command("votes"), by=by
    )
    await deck.fake.send_interaction(asked)
    data = (await callback(deck, asked)).json.get("data") or {}
    embeds = data.get("embeds") or []
    return data.get("content") or "\n".join(str(e) for e in embeds)


async def stays_unrecorded(deck: Deck, card_id: str, copy_id: str, home: str) -> None:
    """The copy ``copy_id`` got its thread, and the card is still recorded in ``home`` with no
    message on show (a recorded post would be stored right after its thread)."""
    await deck.fake.wait_for_request(
        "POST", rf"/channels/\d+/messages/{copy_id}/threads", timeout=TIMEOUT
    )
    await asyncio.sleep(GRACE)
    stored = await deck.store.get_card(card_id)
    assert stored is not None
    assert (stored.channel_id, stored.message_id) == (int(home), None), stored


async def moderators_card(deck: Deck):
    """A card in #news voted on by the admin; #news turned private; its message deleted."""
    world = deck.world
    stored, message = await post_card(deck)
    await private_answer(
        deck, await click(deck, vote_id(stored, "c1", "dubious"), message, by=world.admin)
    )
    await settle(deck)
    await deck.make_private(world.channel)
    await delete(deck, message)
    await forgotten(deck, stored.id)
    return stored, message


async def test_a_deleted_moderators_card_pasted_in_general_stays_the_moderators(
    voting_deck: Deck,
):
    deck = voting_deck
    world = deck.world
    news, general = world.channel["id"], world.other_channel["id"]
    stored, _ = await moderators_card(deck)

    copy = await paste(deck, world.other_channel)
    assert is_card(copy), f"no card for the member: {copy.json}"
    assert "🚩 1" in card_text(copy.json)  # the card as it is, as for a card on show
    assert news not in str(copy.json)  # nothing points to the moderators' room
    await stays_unrecorded(deck, stored.id, copy.response["id"], news)
    assert UNKNOWN in await votes_text(deck, stored.id, by=world.member)
    assert stored.id not in await suggestions(deck, "", by=world.member)

    # A moderator pasting it in their room puts it back on show there, with its votes.
    home = await paste(deck, world.channel, by=world.admin)
    assert is_card(home), f"pointed to a copy: {home.json}"
    assert "🚩 1" in card_text(home.json)
    await shown_by(deck, stored.id, home.response["id"])
    assert (await deck.store.get_card(stored.id)).channel_id == int(news)
    # The member still gets a copy (the card on show is in a room they cannot read).
    again = await paste(deck, world.other_channel)
    assert is_card(again), again.json
    assert UNKNOWN in await votes_text(deck, stored.id, by=world.member)
    assert UNKNOWN not in await votes_text(deck, stored.id, by=world.admin)
    assert (await deck.store.get_card(stored.id)).channel_id != int(general)


async def test_card_command_of_a_member_does_not_move_a_deleted_moderators_card(
    voting_deck: Deck,
):
    deck = voting_deck
    world = deck.world
    stored, _ = await moderators_card(deck)

    asked = world.slash_command(
        "card",
        {"url": deck.articles.url("/story")},
        registered=deck.command("card"),
        by=world.member,
        channel=world.other_channel,
    )
    await deck.fake.send_interaction(asked)
    token = asked["token"]
    copy = await deck.fake.wait_for_request(
        "POST", rf"/webhooks/\d+/{token}", timeout=TIMEOUT, predicate=is_card
    )
    await stays_unrecorded(deck, stored.id, copy.response["id"], world.channel["id"])
    assert UNKNOWN in await votes_text(deck, stored.id, by=world.member)


async def test_two_moderators_asking_at_once_give_one_new_home_and_a_pointer(voting_deck: Deck):
    deck = voting_deck
    world = deck.world
    stored, _ = await moderators_card(deck)
    url = deck.articles.url("/story")
    for _ in range(2):
        await deck.fake.dispatch("MESSAGE_CREATE", world.user_message(url, author=world.admin))
    answers = [
        await deck.fake.wait_for_request(
            "POST",
            rf"/channels/{world.channel['id']}/messages",
            timeout=TIMEOUT,
            predicate=is_answer,
        )
        for _ in range(2)
    ]
    cards = [a for a in answers if is_card(a)]
    assert len(cards) == 1, [a.json for a in answers]
    pointer = next(a for a in answers if not is_card(a))
    new_id = cards[0].response["id"]
    assert pointer.json["content"].endswith(f"/{new_id}")
    await shown_by(deck, stored.id, new_id)


async def test_a_card_whose_channel_was_deleted_is_rehomed_by_an_administrator_only(
    voting_deck: Deck,
):
    deck = voting_deck
    world = deck.world
    stored, _ = await moderators_card(deck)
    world.guild["channels"].remove(world.channel)  # #news is deleted, card and all
    await deck.fake.dispatch("CHANNEL_DELETE", world.channel)

    copy = await paste(deck, world.other_channel)
    assert is_card(copy), copy.json
    await stays_unrecorded(deck, stored.id, copy.response["id"], world.channel["id"])

    root = payloads.role(name="Root", permissions=payloads.ADMINISTRATOR, position=2)
    world.guild["roles"].append(root)
    await deck.fake.dispatch("GUILD_ROLE_CREATE", {"guild_id": world.guild_id, "role": root})
    carol = world.new_member("carol", roles=[root["id"]])
    home = await paste(deck, world.other_channel, by=carol)
    assert is_card(home), home.json
    await shown_by(deck, stored.id, home.response["id"])
    assert (await deck.store.get_card(stored.id)).channel_id == int(world.other_channel["id"])
    # On show in #general now: the member gets a pointer, and the card is theirs to read.
    pointer = await paste(deck, world.other_channel)
    assert pointer.json["content"].endswith(f"/{home.response['id']}")
    assert UNKNOWN not in await votes_text(deck, stored.id, by=world.member)


async def test_followup_resolve_url_does_not_move_a_deleted_moderators_card(voting_deck: Deck):
    deck = voting_deck
    world = deck.world
    guild_id = int(world.guild_id)
    await deck.store.save_settings(
        GuildSettings(guild_id, reviewer_role_id=int(world.reviewer_role["id"]))
    )
    stored, _ = await moderators_card(deck)
    public = await card_in(deck, world.other_channel, title="Ministry denies report")
    now = datetime.now(UTC)
    await deck.store.add_followup(
        FollowUp(
            id="fu-ministry",
            card_id=public.id,
            guild_id=guild_id,
            party="the ministry",
            due_at=now + timedelta(days=1),
            created_at=now,
        ),
        None,
    )
    rita = world.new_member("rita", roles=[world.reviewer_role["id"]])  # cannot read #news

    resolve = world.slash_command(
        "followup",
        [
            payloads.subcommand(
                "resolve",
                [
                    payloads.option("card", public.id),
                    payloads.option("stance", "denial"),
                    payloads.option("url", deck.articles.url("/story")),
                ],
            )
        ],
        registered=deck.command("followup"),
        by=rita,
        channel=world.other_channel,
    )
    await deck.fake.send_interaction(resolve)
    copy = await deck.fake.wait_for_request(
        "POST",
        rf"/channels/{world.other_channel['id']}/messages",
        timeout=TIMEOUT,
        predicate=is_card,
    )
    assert (await answer_text(deck, resolve)).startswith("Recorded: the ministry responded")
    await stays_unrecorded(deck, stored.id, copy.response["id"], world.channel["id"])
    assert UNKNOWN in await votes_text(deck, stored.id, by=rita)


async def test_a_moderator_sharing_a_deleted_moderators_card_in_general_posts_a_copy(
    voting_deck: Deck,
):
    # the moderator reads the moderators' room, but #general's readers do not: moving the
    # card there would hand every member its ballots and voters
    deck = voting_deck
    world = deck.world
    stored, _ = await moderators_card(deck)
    shared = await paste(deck, world.other_channel, by=world.admin)
    assert is_card(shared), shared.json
    await stays_unrecorded(deck, stored.id, shared.response["id"], world.channel["id"])
    assert UNKNOWN in await votes_text(deck, stored.id, by=world.member)


async def test_a_copy_for_a_member_shows_no_follow_ups_of_the_moderators(voting_deck: Deck):
    deck = voting_deck
    world = deck.world
    stored, _ = await moderators_card(deck)
    now = datetime.now(UTC)
    await deck.store.add_followup(
        FollowUp(id="fu-secret", card_id=stored.id, guild_id=int(world.guild_id),
                 party="the Secret Informant", due_at=now + timedelta(days=1), created_at=now),
        None,
    )
    copy = await paste(deck, world.other_channel)
    assert is_card(copy), copy.json
    assert "Secret Informant" not in card_text(copy.json)
    home = await paste(deck, world.channel, by=world.admin)  # its home shows them
    assert "Secret Informant" in card_text(home.json)
