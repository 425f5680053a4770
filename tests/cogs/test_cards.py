"""Slash commands and the message menu, end to end through INTERACTION_CREATE."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import StoredCard
from bot.ratelimit import Limit, LinkLimits
from tests.cogs.conftest import Deck
from tests.cogs.test_links import TIMEOUT, wait_until_posted
from tests.factories import make_card
from tests.fakes import payloads

EPHEMERAL = 1 << 6
DEFERRED_CHANNEL_MESSAGE = 5
CHANNEL_MESSAGE = 4
AUTOCOMPLETE_RESULT = 8


async def run_command(deck: Deck, name: str, options: dict, **kwargs) -> tuple[dict, object]:
    interaction = deck.world.slash_command(name, options, registered=deck.command(name), **kwargs)
    await deck.fake.send_interaction(interaction)
    callback = await deck.fake.wait_for_request(
        "POST", rf"/interactions/{interaction['id']}/[^/]+/callback", timeout=TIMEOUT
    )
    return interaction, callback


async def followup_of(deck: Deck, interaction: dict):
    return await deck.fake.wait_for_request(
        "POST", rf"/webhooks/\d+/{interaction['token']}", timeout=TIMEOUT
    )


async def test_card_command_defers_then_posts_the_card_with_a_thread(deck: Deck):
    interaction, callback = await run_command(deck, "card", {"url": deck.articles.url("/seed")})
    assert callback.json["type"] == DEFERRED_CHANNEL_MESSAGE
    assert not callback.json.get("data", {}).get("flags", 0) & EPHEMERAL
    assert deck.fake.callback_delay(interaction) < 3.0  # Discord's deadline

    followup = await followup_of(deck, interaction)
    embed = followup.json["embeds"][0]
    assert embed["title"].startswith("Ukraine Alleges China")
    assert any("Ivashchenko" in f["name"] for f in embed["fields"])
    assert followup.json["allowed_mentions"]["parse"] == []
    await deck.fake.wait_for_request(
        "POST", rf"/channels/\d+/messages/{followup.response['id']}/threads", timeout=TIMEOUT
    )
    await wait_until_posted(deck)


async def test_summary_is_private_by_default_and_shows_the_top_claims(deck: Deck):
    interaction, callback = await run_command(deck, "summary", {"url": deck.articles.url("/seed")})
    assert callback.json["type"] == DEFERRED_CHANNEL_MESSAGE
    assert callback.json["data"]["flags"] & EPHEMERAL
    followup = await followup_of(deck, interaction)
    assert followup.response["flags"] & EPHEMERAL
    embed = followup.json["embeds"][0]
    claims = [f for f in embed["fields"] if f["name"][:2] in {"1.", "2.", "3."}]
    assert len(claims) == 3
    assert "China’s foreign ministry" in str(embed["fields"])
    assert await deck.store.recent_cards(int(deck.world.guild["id"])) == []  # nothing kept


async def test_summary_can_be_shared_with_the_channel(deck: Deck):
    url = deck.articles.url("/seed")
    interaction, callback = await run_command(deck, "summary", {"url": url, "private": False})
    assert not callback.json.get("data", {}).get("flags", 0) & EPHEMERAL
    followup = await followup_of(deck, interaction)
    assert not followup.response.get("flags", 0) & EPHEMERAL


async def test_a_malformed_url_gets_a_private_explanation_without_fetching(deck: Deck):
    _, callback = await run_command(deck, "card", {"url": "yesterday's article please"})
    assert callback.json["type"] == CHANNEL_MESSAGE
    assert callback.json["data"]["flags"] & EPHEMERAL
    assert "http://" in callback.json["data"]["embeds"][0]["description"]
    assert deck.articles.requests == []


async def test_a_pdf_link_explains_what_claimdeck_reads(deck: Deck):
    deck.articles.add_page("/report.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    interaction, callback = await run_command(
        deck, "card", {"url": deck.articles.url("/report.pdf")}
    )
    assert not callback.json.get("data", {}).get("flags", 0) & EPHEMERAL  # public "thinking…"
    # The public placeholder goes, so that the explanation is seen by the asker alone.
    await deck.fake.wait_for_request(
        "DELETE", rf"/webhooks/\d+/{interaction['token']}/messages/@original", timeout=TIMEOUT
    )
    followup = await followup_of(deck, interaction)
    assert followup.response["flags"] & EPHEMERAL  # what Discord shows, not just what was asked
    assert "PDF" in followup.json["embeds"][0]["description"]


async def test_message_menu_makes_a_card_from_the_first_link(deck: Deck):
    world = deck.world
    target = world.user_message(f"Is this right? {deck.articles.url('/seed')}")
    interaction = world.message_command(
        "Make claim card", target, registered=deck.command("Make claim card", type=3)
    )
    await deck.fake.send_interaction(interaction)
    callback = await deck.fake.wait_for_request(
        "POST", rf"/interactions/{interaction['id']}/[^/]+/callback", timeout=TIMEOUT
    )
    assert callback.json["type"] == DEFERRED_CHANNEL_MESSAGE
    followup = await followup_of(deck, interaction)
    assert followup.json["embeds"][0]["title"].startswith("Ukraine Alleges China")


async def test_message_menu_on_a_message_without_links_says_so(deck: Deck):
    world = deck.world
    target = world.user_message("no links here")
    interaction = world.message_command(
        "Make claim card", target, registered=deck.command("Make claim card", type=3)
    )
    await deck.fake.send_interaction(interaction)
    callback = await deck.fake.wait_for_request(
        "POST", rf"/interactions/{interaction['id']}/[^/]+/callback", timeout=TIMEOUT
    )
    assert "no http(s) link" in callback.json["data"]["embeds"][0]["description"]


async def test_claims_autocompletes_recent_cards_and_lists_their_claims(deck: Deck):
    interaction, _ = await run_command(deck, "card", {"url": deck.articles.url("/seed")})
    await followup_of(deck, interaction)
    await wait_until_posted(deck)
    stored = (await deck.store.recent_cards(int(deck.world.guild["id"])))[0]

    typing = deck.world.autocomplete(
        "claims", [payloads.option("card", "ukraine", focused=True)],
        registered=deck.command("claims"),
    )
    await deck.fake.send_interaction(typing)
    choices = await deck.fake.wait_for_request(
        "POST", rf"/interactions/{typing['id']}/[^/]+/callback", timeout=TIMEOUT
    )
    assert choices.json["type"] == AUTOCOMPLETE_RESULT
    assert choices.json["data"]["choices"][0]["value"] == stored.id
    assert choices.json["data"]["choices"][0]["name"].startswith("Ukraine Alleges")

    _, callback = await run_command(deck, "claims", {"card": stored.id})
    embed = callback.json["data"]["embeds"][0]
    assert len(embed["fields"]) == len(stored.card.claims)
    assert callback.json["data"]["flags"] & EPHEMERAL


async def test_claims_of_an_unknown_card_is_explained(deck: Deck):
    _, callback = await run_command(deck, "claims", {"card": "nosuchcard"})
    assert "do not know that card" in callback.json["data"]["embeds"][0]["description"]


async def test_card_commands_share_the_members_rate_limit(deck: Deck):
    deck.bot.limits = LinkLimits(member=Limit(1, 60), guild=Limit(100, 60))
    first, _ = await run_command(deck, "card", {"url": deck.articles.url("/seed")})
    await followup_of(deck, first)
    _, refused = await run_command(deck, "summary", {"url": deck.articles.url("/seed")})
    assert refused.json["type"] == CHANNEL_MESSAGE  # answered at once, nothing deferred
    assert refused.json["data"]["flags"] & EPHEMERAL
    assert "try again in" in refused.json["data"]["embeds"][0]["description"]


async def test_claims_never_offers_a_card_from_a_channel_the_member_cannot_read(deck: Deck):
    world = deck.world
    await deck.make_private(world.other_channel)
    link = deck.articles.url("/seed")
    posted = world.user_message(link, author=world.admin, channel=world.other_channel)
    await deck.fake.dispatch("MESSAGE_CREATE", posted)
    await wait_until_posted(deck)
    stored = (await deck.store.recent_cards(int(world.guild["id"])))[0]

    typing = world.autocomplete(
        "claims", [payloads.option("card", "", focused=True)], registered=deck.command("claims")
    )
    await deck.fake.send_interaction(typing)
    choices = await deck.fake.wait_for_request(
        "POST", rf"/interactions/{typing['id']}/[^/]+/callback", timeout=TIMEOUT
    )
    assert choices.json["data"]["choices"] == []

    _, callback = await run_command(deck, "claims", {"card": stored.id})
    assert "do not know that card" in callback.json["data"]["embeds"][0]["description"]


async def test_autocomplete_shows_a_stored_title_without_hidden_characters_or_markup(deck: Deck):
    # A card stored before titles were cleaned where they enter: shown clean anyway.
    title = "Minister \u202ereveals\u202c plan <t:0:R> " + "long " * 40
    stored = StoredCard(
        id="oldcard001", guild_id=int(deck.world.guild["id"]),
        canonical_url="https://news.example.com/old", card=make_card(title=title),
        created_at=datetime.now(UTC), channel_id=int(deck.world.channel["id"]),
    )
    await deck.store.save_card(stored)
    typing = deck.world.autocomplete(
        "claims", [payloads.option("card", "minister", focused=True)],
        registered=deck.command("claims"),
    )
    await deck.fake.send_interaction(typing)
    choices = await deck.fake.wait_for_request(
        "POST", rf"/interactions/{typing['id']}/[^/]+/callback", timeout=TIMEOUT
    )
    name = choices.json["data"]["choices"][0]["name"]
    assert name.startswith("Minister reveals plan \u2039t:0:R>") and len(name) <= 100
    assert "\u202e" not in name and "<t:" not in name
