"""/settings end to end: who may change them, and that links follow them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.errors import InvalidInput
from cogs.settings import NOT_PLACES, known_timezones, valid_timezone
from tests.cogs.conftest import SEED, Deck
from tests.cogs.test_links import TIMEOUT
from tests.fakes import payloads

EPHEMERAL = 1 << 6
CHANNEL = 7


async def settings_command(deck: Deck, sub: str, options: list, *, by: dict, resolved=None):
    interaction = deck.world.slash_command(
        "settings", [payloads.subcommand(sub, options)], registered=deck.command("settings"),
        by=by, resolved=resolved,
    )
    await deck.fake.send_interaction(interaction)
    callback = await deck.fake.wait_for_request(
        "POST", rf"/interactions/{interaction['id']}/[^/]+/callback", timeout=TIMEOUT
    )
    return callback.json


def channel_option(channel: dict) -> tuple[list, dict]:
    permissions = str(payloads.ALL_PERMISSIONS)
    resolved = {"channels": {channel["id"]: {**channel, "permissions": permissions}}}
    return [payloads.option("channel", channel["id"], type=CHANNEL)], resolved


async def test_members_without_manage_server_are_refused(deck: Deck):
    options, resolved = channel_option(deck.world.other_channel)
    answer = await settings_command(deck, "watch", options, by=deck.world.member,
                                    resolved=resolved)
    assert answer["data"]["flags"] & EPHEMERAL
    assert "Manage Server permission" in answer["data"]["embeds"][0]["description"]
    settings = await deck.store.get_settings(int(deck.world.guild["id"]))
    assert settings.watched_channels == ()


async def test_the_command_is_hidden_from_members_by_default(deck: Deck):
    assert deck.command("settings")["default_member_permissions"] == str(payloads.MANAGE_GUILD)


async def test_watching_one_channel_stops_cards_elsewhere(deck: Deck):
    world = deck.world
    options, resolved = channel_option(world.other_channel)
    answer = await settings_command(deck, "watch", options, by=world.admin, resolved=resolved)
    assert answer["data"]["flags"] & EPHEMERAL
    assert f"<#{world.other_channel['id']}>" in answer["data"]["content"]
    assert answer["data"]["allowed_mentions"]["parse"] == []

    deck.articles.add_file("/unwatched", SEED)
    await deck.fake.dispatch("MESSAGE_CREATE", world.user_message(deck.articles.url("/unwatched")))
    elsewhere = world.user_message(deck.articles.url("/seed"), channel=world.other_channel)
    await deck.fake.dispatch("MESSAGE_CREATE", elsewhere)
    await deck.fake.wait_for_request(
        "POST", rf"/channels/{world.other_channel['id']}/messages", timeout=TIMEOUT
    )
    # The message in #news was dispatched first: had it been watched, its fetch would be done.
    assert deck.articles.hits("/unwatched") == 0
    assert deck.fake.requests_matching("POST", rf"/channels/{world.channel['id']}/messages") == []


async def test_timezone_is_validated_and_stored(deck: Deck):
    world = deck.world
    bad = await settings_command(
        deck, "timezone", [payloads.option("name", "Mars/Olympus")], by=world.admin
    )
    assert "not a time zone I know" in bad["data"]["embeds"][0]["description"]
    good = await settings_command(
        deck, "timezone", [payloads.option("name", "Europe/Kyiv")], by=world.admin
    )
    assert "Europe/Kyiv" in good["data"]["content"]
    settings = await deck.store.get_settings(int(world.guild["id"]))
    assert settings.timezone == "Europe/Kyiv"


async def test_a_timezone_that_is_no_place_or_too_long_is_refused_in_one_line(deck: Deck):
    world = deck.world
    for name in ("x" * 300, "Europe/" + "a" * 300, "localtime", "Factory", "../../etc/passwd"):
        bad = await settings_command(deck, "timezone", [payloads.option("name", name)],
                                     by=world.admin)
        text = bad["data"]["embeds"][0]["description"]
        assert "not a time zone I know" in text and len(text) < 300, (name, text)
    folded = await settings_command(
        deck, "timezone", [payloads.option("name", " europe/paris ")], by=world.admin
    )
    assert "Europe/Paris" in folded["data"]["content"]
    assert (await deck.store.get_settings(int(world.guild["id"]))).timezone == "Europe/Paris"


@given(st.text(max_size=400))
def test_any_typed_timezone_is_a_known_place_or_one_clear_refusal(name: str) -> None:
    try:
        zone = valid_timezone(name)
    except InvalidInput as refused:
        assert "not a time zone I know" in str(refused) and len(str(refused)) < 300
    else:
        assert zone in known_timezones() and zone not in NOT_PLACES
