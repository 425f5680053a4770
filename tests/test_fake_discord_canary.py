"""Canary: a minimal discord.py bot against the fake Discord, end to end.

Why: every end-to-end test of Claimdeck rests on tests/fakes speaking the dialect of the
installed discord.py. When an upgrade changes what discord.py sends or reads, this file fails
first and says where to look (tests/fakes/payloads.py, tests/fakes/discord_server.py).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.fakes import payloads
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.harness import running_client, serve_fake_discord, unclosed_resource_warnings

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("error::ResourceWarning"),
    pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning"),
]

FAKE_SPEAKS = (2, 7)
WAIT = 3.0  # seconds; every wait below is bounded by it


class VoteButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"claimdeck:vote:(?P<card>\w+):(?P<claim>\w+)",
):
    """A persistent vote button whose custom_id carries what the click needs."""

    def __init__(self, card: str, claim: str) -> None:
        super().__init__(
            discord.ui.Button(label="Vote", custom_id=f"claimdeck:vote:{card}:{claim}")
        )
        self.card, self.claim = card, claim

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]
    ) -> VoteButton:
        return cls(match["card"], match["claim"])

    async def callback(self, interaction: discord.Interaction) -> None:
        interaction.client.clicks.append((self.card, self.claim, interaction.user.id))  # type: ignore[attr-defined]
        await interaction.response.send_message(
            f"Vote on claim {self.claim} counted.", ephemeral=True
        )


class RationaleModal(discord.ui.Modal, title="Why?"):
    reason = discord.ui.TextInput(label="Reason", custom_id="reason")

    def __init__(self) -> None:
        super().__init__(custom_id="claimdeck:rationale:c1")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        interaction.client.rationales.append(self.reason.value)  # type: ignore[attr-defined]
        await interaction.response.send_message("Thanks for explaining.", ephemeral=True)


class CanaryBot(commands.Bot):
    """The smallest bot that exercises what Claimdeck needs from Discord."""

    def __init__(self, guild_id: int) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(command_prefix="!", intents=intents, guild_ready_timeout=0.05)
        self.guild_id = guild_id
        self.clicks: list[tuple[str, str, int]] = []
        self.context_targets: list[int] = []
        self.rationales: list[str] = []
        self.ready_seen = asyncio.Event()
        self.thread_created = asyncio.Event()

    async def setup_hook(self) -> None:
        self.add_dynamic_items(VoteButton)
        guild = discord.Object(self.guild_id)

        @app_commands.command(name="card", description="Make a claim card")
        async def card(interaction: discord.Interaction, url: str) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.followup.send(
                f"Card for {url}", allowed_mentions=discord.AllowedMentions.none()
            )

        @card.autocomplete("url")
        async def card_url(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            return [
                app_commands.Choice(
                    name=f"{current} (recent)", value=f"https://example.org/{current}"
                )
            ]

        @app_commands.command(name="why", description="Explain a vote")
        async def why(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(RationaleModal())

        @app_commands.command(name="settings", description="Server settings")
        @app_commands.default_permissions(manage_guild=True)
        @app_commands.checks.has_permissions(manage_guild=True)
        async def settings(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Settings saved.", ephemeral=True)

        @settings.error
        async def settings_error(
            interaction: discord.Interaction, error: app_commands.AppCommandError
        ) -> None:
            await interaction.response.send_message(
                "You need Manage Server for /settings.", ephemeral=True
            )

        @app_commands.context_menu(name="Make claim card")
        async def make_card(interaction: discord.Interaction, message: discord.Message) -> None:
            self.context_targets.append(message.id)
            await interaction.response.send_message(f"Card from {message.content}", ephemeral=True)

        for command in (card, why, settings, make_card):
            self.tree.add_command(command, guild=guild)
        await self.tree.sync(guild=guild)

    async def on_ready(self) -> None:
        self.ready_seen.set()

    async def on_thread_create(self, thread: discord.Thread) -> None:
        self.thread_created.set()

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or "http" not in message.content:
            return
        reply = await message.reply(
            "Claim card coming up", allowed_mentions=discord.AllowedMentions.none()
        )
        await message.add_reaction("🧾")
        await reply.create_thread(name="Claims", auto_archive_duration=1440)


@pytest.fixture
async def bot(fake_discord: FakeDiscord) -> AsyncIterator[CanaryBot]:
    async with running_client(CanaryBot(int(fake_discord.world.guild_id)), fake_discord) as client:
        yield client
    assert unclosed_resource_warnings() == []


def test_installed_discord_py_is_the_version_the_fake_speaks() -> None:
    assert discord.version_info[:2] == FAKE_SPEAKS, (
        f"tests/fakes was written against discord.py {FAKE_SPEAKS[0]}.{FAKE_SPEAKS[1]}.x but "
        f"{discord.__version__} is installed. Re-check payloads.py (READY, GUILD_CREATE, "
        "INTERACTION_CREATE keys) and discord_server.py (login calls, interaction callback "
        "with_response, webhooks) against the new discord.py, run this file, then update "
        "FAKE_SPEAKS and the pin in pyproject.toml."
    )


async def test_login_ready_message_reply_reaction_and_thread(
    bot: CanaryBot, fake_discord: FakeDiscord
) -> None:
    world = fake_discord.world
    login = [f"{r.method} {r.path}" for r in fake_discord.requests[:2]]
    assert login == ["GET /users/@me", "GET /oauth2/applications/@me"]
    assert bot.ready_seen.is_set() and bot.user is not None
    assert bot.user.id == int(world.bot_user["id"])
    guild = bot.get_guild(int(world.guild_id))
    assert guild is not None and guild.get_channel(int(world.channel["id"])) is not None
    assert fake_discord.identifies[0]["intents"] == bot.intents.value

    link = world.user_message("look https://example.org/news/1")
    await fake_discord.dispatch("MESSAGE_CREATE", link)

    channel = world.channel["id"]
    sent = await fake_discord.wait_for_request(
        "POST", rf"/channels/{channel}/messages", timeout=WAIT
    )
    assert sent.json["content"] == "Claim card coming up"
    assert sent.json["allowed_mentions"]["parse"] == []
    assert not sent.json["allowed_mentions"].get("users")
    assert not sent.json["allowed_mentions"].get("roles")
    assert sent.json["allowed_mentions"].get("replied_user", False) is False
    assert sent.json["message_reference"]["message_id"] == int(link["id"])

    reaction = await fake_discord.wait_for_request(
        "PUT", rf"/channels/{channel}/messages/{link['id']}/reactions/🧾/@me", timeout=WAIT
    )
    assert reaction.status == 204
    reply_id = sent.response["id"]
    thread = await fake_discord.wait_for_request(
        "POST", rf"/channels/{channel}/messages/{reply_id}/threads", timeout=WAIT
    )
    assert thread.json["name"] == "Claims" and thread.status == 200
    async with asyncio.timeout(WAIT):
        await bot.thread_created.wait()  # THREAD_CREATE reached the client
    assert guild.get_thread(int(reply_id)) is not None


async def test_slash_command_defers_then_follows_up(
    bot: CanaryBot, fake_discord: FakeDiscord
) -> None:
    world = fake_discord.world
    synced = await fake_discord.wait_for_request(
        "PUT", rf"/applications/{world.application_id}/guilds/{world.guild_id}/commands"
    )
    assert {c["name"] for c in synced.json} == {"card", "why", "settings", "Make claim card"}

    command = fake_discord.registered_command("card")
    sent = await fake_discord.send_interaction(
        world.slash_command("card", {"url": "https://example.org/a"}, registered=command)
    )

    deferred = await fake_discord.wait_for_request(
        "POST", rf"/interactions/{sent['id']}/{sent['token']}/callback", timeout=WAIT
    )
    assert deferred.json["type"] == 5  # deferred channel message ("thinking")
    assert fake_discord.callback_delay(sent) < 3.0
    followup = await fake_discord.wait_for_request(
        "POST", rf"/webhooks/{world.application_id}/{sent['token']}", timeout=WAIT
    )
    assert followup.status == 200 and followup.response["content"] == followup.json["content"]
    assert followup.json["content"] == "Card for https://example.org/a"
    assert followup.json["allowed_mentions"]["parse"] == []


async def test_permission_check_sees_member_permissions(
    bot: CanaryBot, fake_discord: FakeDiscord
) -> None:
    world = fake_discord.world
    await fake_discord.wait_for_request("PUT", r"/applications/\d+/guilds/\d+/commands")
    command = fake_discord.registered_command("settings")
    assert command["default_member_permissions"] == str(payloads.MANAGE_GUILD)

    for who, expected in (
        (world.member, "You need Manage Server"),
        (world.admin, "Settings saved"),
    ):
        sent = await fake_discord.send_interaction(
            world.slash_command("settings", registered=command, by=who)
        )
        answer = await fake_discord.wait_for_request(
            "POST", rf"/interactions/{sent['id']}/[^/]+/callback", timeout=WAIT
        )
        assert answer.json["data"]["content"].startswith(expected)
        assert answer.json["data"]["flags"] & 64  # ephemeral


async def test_dynamic_button_and_message_context_menu(
    bot: CanaryBot, fake_discord: FakeDiscord
) -> None:
    world = fake_discord.world
    await fake_discord.wait_for_request("PUT", r"/applications/\d+/guilds/\d+/commands")
    card = world.bot_message(
        content="",
        embeds=[payloads.embed(title="Claim card")],
        components=[payloads.action_row(payloads.button(custom_id="claimdeck:vote:c1:k2"))],
    )
    click = await fake_discord.send_interaction(
        world.component("claimdeck:vote:c1:k2", message_payload=card, by=world.admin)
    )
    answer = await fake_discord.wait_for_request(
        "POST", rf"/interactions/{click['id']}/[^/]+/callback", timeout=WAIT
    )
    assert answer.json["data"]["content"] == "Vote on claim k2 counted."
    assert bot.clicks == [("c1", "k2", int(world.admin["user"]["id"]))]

    target = world.user_message("https://example.org/b")
    menu = fake_discord.registered_command("Make claim card", type=payloads.MESSAGE_COMMAND)
    used = await fake_discord.send_interaction(
        world.message_command("Make claim card", target, registered=menu)
    )
    answer = await fake_discord.wait_for_request(
        "POST", rf"/interactions/{used['id']}/[^/]+/callback", timeout=WAIT
    )
    assert answer.json["data"]["content"] == "Card from https://example.org/b"
    assert bot.context_targets == [int(target["id"])]


async def test_unknown_route_is_recorded_and_answered_404() -> None:
    async with serve_fake_discord() as fake:
        client = CanaryBot(int(fake.world.guild_id))
        async with running_client(client, fake):
            route = discord.http.Route(
                "GET", "/guilds/{guild_id}/audit-logs", guild_id=fake.world.guild_id
            )
            with pytest.raises(discord.NotFound, match=r"Unknown route \(fake\)"):
                await client.http.request(route)
        assert [str(r) for r in fake.unknown_requests] == [
            f"#{fake.unknown_requests[0].index} GET /guilds/{fake.world.guild_id}/audit-logs -> 404"
        ]
    assert unclosed_resource_warnings() == []


async def test_rejected_token_fails_login_cleanly() -> None:
    async with serve_fake_discord() as fake:
        fake.reject_token = True
        with pytest.raises(discord.LoginFailure):
            async with running_client(CanaryBot(int(fake.world.guild_id)), fake):
                pass
        me = fake.requests_matching("GET", "/users/@me")
        assert [r.status for r in me] == [401]
        assert me[0].response == {"message": "401: Unauthorized", "code": 0}
    assert unclosed_resource_warnings() == []


async def test_heartbeats_are_recorded_and_acknowledged() -> None:
    async with serve_fake_discord(heartbeat_interval=0.05) as fake:
        client = CanaryBot(int(fake.world.guild_id))
        async with running_client(client, fake):
            await fake.wait_for_heartbeats(4, timeout=WAIT)
            assert client.latency < 1.0  # acks arrived
        gaps = fake.heartbeat_gaps()
        # the first beat is sent at HELLO, the others every ~50 ms
        assert all(0.0 <= gap < 1.0 for gap in gaps[1:]), gaps


async def test_reconnect_resumes_and_events_still_arrive() -> None:
    async with serve_fake_discord() as fake:
        client = CanaryBot(int(fake.world.guild_id))
        async with running_client(client, fake):
            await fake.request_reconnect()
            await fake.wait_until_connected(WAIT)
            assert len(fake.resumes) == 1 and len(fake.identifies) == 1
            await fake.dispatch(
                "MESSAGE_CREATE", fake.world.user_message("again https://example.org/c")
            )
            channel = fake.world.channel["id"]
            sent = await fake.wait_for_request(
                "POST", rf"/channels/{channel}/messages", timeout=WAIT
            )
            assert sent.json["content"] == "Claim card coming up"
            await fake.wait_for_request("POST", r"/channels/\d+/messages/\d+/threads", timeout=WAIT)


async def test_autocomplete_and_modal_submit(bot: CanaryBot, fake_discord: FakeDiscord) -> None:
    world = fake_discord.world
    await fake_discord.wait_for_request("PUT", r"/applications/\d+/guilds/\d+/commands")
    typed = payloads.option("url", "news", focused=True)
    sent = await fake_discord.send_interaction(
        world.autocomplete("card", [typed], registered=fake_discord.registered_command("card"))
    )
    answer = await fake_discord.wait_for_request(
        "POST", rf"/interactions/{sent['id']}/[^/]+/callback", timeout=WAIT
    )
    assert answer.json == {
        "type": 8,
        "data": {"choices": [{"name": "news (recent)", "value": "https://example.org/news"}]},
    }

    sent = await fake_discord.send_interaction(
        world.slash_command("why", registered=fake_discord.registered_command("why"))
    )
    shown = await fake_discord.wait_for_request(
        "POST", rf"/interactions/{sent['id']}/[^/]+/callback", timeout=WAIT
    )
    assert shown.json["type"] == 9 and shown.json["data"]["custom_id"] == "claimdeck:rationale:c1"
    submitted = await fake_discord.send_interaction(
        world.modal_submit("claimdeck:rationale:c1", {"reason": "the figure is from 2019"})
    )
    answer = await fake_discord.wait_for_request(
        "POST", rf"/interactions/{submitted['id']}/[^/]+/callback", timeout=WAIT
    )
    assert answer.json["data"]["content"] == "Thanks for explaining."
    assert bot.rationales == ["the figure is from 2019"]


async def test_fake_restores_discord_py_urls_afterwards() -> None:
    def current() -> tuple[str, str]:
        return discord.http.Route.BASE, str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)

    before = current()
    async with serve_fake_discord() as fake:
        during = current()
    assert during == (fake.api_base, fake.gateway_url)
    assert current() == before
    assert before[0].startswith("https://discord.com/")
