"""/settings: which channels Claimdeck watches, the reviewer role, the server's time zone.

Only members with Manage Server may change them. Discord hides the command from others by
default (``default_permissions``), and the bot checks again because server admins can
override what Discord shows.
"""

from __future__ import annotations

import functools
import zoneinfo
from dataclasses import replace

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import ClaimdeckBot
from bot.errors import InvalidInput
from bot.models import GuildSettings
from bot.ui.render import NO_PINGS

MAX_WATCHED_CHANNELS = 50


def describe_settings(settings: GuildSettings) -> str:
    if settings.watched_channels:
        channels = ", ".join(f"<#{c}>" for c in settings.watched_channels)
    else:
        channels = "every channel I can read"
    reviewer = f"<@&{settings.reviewer_role_id}>" if settings.reviewer_role_id else "anyone"
    return (
        f"**Watched channels:** {channels}\n"
        f"**Reviewers (may vote):** {reviewer}\n"
        f"**Time zone:** {settings.timezone}"
    )


@functools.cache
def known_timezones() -> tuple[str, ...]:
    """Every IANA zone name, sorted; read from disk once, not on every keystroke."""
    return tuple(sorted(zoneinfo.available_timezones()))


def valid_timezone(name: str) -> str:
    try:
        zoneinfo.ZoneInfo(name.strip())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"{name!r} is not a time zone I know. Use a name like Europe/Kyiv, "
            "America/New_York or UTC (pick one from the suggestions)."
        ) from None
    return name.strip()


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class SettingsCommands(commands.GroupCog, group_name="settings",
                       group_description="Claimdeck's settings for this server"):
    def __init__(self, bot: ClaimdeckBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:  # type: ignore[override]
        if not interaction.permissions.manage_guild:
            raise app_commands.MissingPermissions(["manage_guild"])
        return True

    async def _update(self, interaction: discord.Interaction, **changes: object) -> None:
        assert interaction.guild_id is not None
        current = await self.bot.store.get_settings(interaction.guild_id)
        updated = replace(current, **changes)  # type: ignore[arg-type]
        await self.bot.store.save_settings(updated)
        await interaction.response.send_message(
            "Saved.\n" + describe_settings(updated), ephemeral=True, allowed_mentions=NO_PINGS
        )

    @app_commands.command(name="show", description="Show this server's Claimdeck settings.")
    async def show(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        settings = await self.bot.store.get_settings(interaction.guild_id)
        await interaction.response.send_message(
            describe_settings(settings), ephemeral=True, allowed_mentions=NO_PINGS
        )

    @app_commands.command(name="watch", description="Card links posted in this channel "
                          "(once any channel is chosen, only chosen ones are watched).")
    async def watch(
        self, interaction: discord.Interaction, channel: discord.TextChannel
    ) -> None:
        assert interaction.guild_id is not None
        current = await self.bot.store.get_settings(interaction.guild_id)
        if channel.id in current.watched_channels:
            watched = current.watched_channels
        elif len(current.watched_channels) >= MAX_WATCHED_CHANNELS:
            raise InvalidInput(f"At most {MAX_WATCHED_CHANNELS} channels can be watched.")
        else:
            watched = (*current.watched_channels, channel.id)
        await self._update(interaction, watched_channels=watched)

    @app_commands.command(name="unwatch", description="Stop carding links in this channel.")
    async def unwatch(
        self, interaction: discord.Interaction, channel: discord.TextChannel
    ) -> None:
        assert interaction.guild_id is not None
        current = await self.bot.store.get_settings(interaction.guild_id)
        watched = tuple(c for c in current.watched_channels if c != channel.id)
        await self._update(interaction, watched_channels=watched)

    @app_commands.command(name="watch-all", description="Card links in every channel I can read.")
    async def watch_all(self, interaction: discord.Interaction) -> None:
        await self._update(interaction, watched_channels=())

    @app_commands.command(name="reviewers", description="Who may vote on claims "
                          "(leave empty for everyone).")
    async def reviewers(
        self, interaction: discord.Interaction, role: discord.Role | None = None
    ) -> None:
        await self._update(interaction, reviewer_role_id=role.id if role else None)

    @app_commands.command(name="timezone", description="The time zone for reminders and dates.")
    @app_commands.describe(name="An IANA time zone such as Europe/Kyiv")
    async def timezone(self, interaction: discord.Interaction, name: str) -> None:
        await self._update(interaction, timezone=valid_timezone(name))

    @timezone.autocomplete("name")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        needle = current.strip().lower()
        matches = [z for z in known_timezones() if needle in z.lower()]
        return [app_commands.Choice(name=z, value=z) for z in matches[:25]]


async def setup(bot: ClaimdeckBot) -> None:
    await bot.add_cog(SettingsCommands(bot))
