"""One place that turns any failure into a short, friendly, private message, and logs it.

Typed Claimdeck errors carry their own sentence; Discord's check failures get a sentence that
says what is missing; anything else is a bug: the user gets an apology and the log the trace.
"""

from __future__ import annotations

import contextlib
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import ClaimdeckError
from bot.ui.render import NO_PINGS, error_embed

log = logging.getLogger("claimdeck.errors")

UNEXPECTED = "Something went wrong on Claimdeck's side. It has been logged; please try again."
ANSWERED = "claimdeck_answered"  # interaction.extras key: a public answer was already sent


def describe(error: BaseException) -> str:
    """The sentence a member reads for ``error``."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, ClaimdeckError):
        return error.message
    if isinstance(error, app_commands.MissingPermissions):
        missing = ", ".join(p.replace("_", " ").replace("guild", "server").title()
                            for p in error.missing_permissions)
        return f"You need the {missing} permission to do that."
    if isinstance(error, app_commands.BotMissingPermissions):
        missing = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return f"I am missing the {missing} permission here; ask an admin to grant it."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command works in a server, not in direct messages."
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.TransformerError):
        return f"I could not understand {error.value!r} as {error.type.name.lower()}."
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or "You cannot use that command here."
    if isinstance(error, discord.Forbidden):
        return "Discord did not let me do that here (missing permission). Ask an admin."
    return UNEXPECTED


def is_expected(error: BaseException) -> bool:
    """Expected failures are the user's to fix; the rest are logged with their trace."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    return isinstance(error, ClaimdeckError | app_commands.CheckFailure | discord.Forbidden)


async def reply_privately(interaction: discord.Interaction, message: str) -> None:
    """Answer with an ephemeral error, whether or not the interaction was deferred."""
    embed = error_embed(message)
    if interaction.response.is_done():
        deferred = discord.InteractionResponseType.deferred_channel_message
        if interaction.response.type == deferred and not interaction.extras.get(ANSWERED):
            # The first follow-up after a deferral replaces "thinking…" and keeps its
            # visibility (public for /card): remove it so the error can be private.
            with contextlib.suppress(discord.HTTPException):
                await interaction.delete_original_response()
        await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=NO_PINGS)
    else:
        await interaction.response.send_message(
            embed=embed, ephemeral=True, allowed_mentions=NO_PINGS
        )


class Errors(commands.Cog):
    """Installs the app-command error handler for the bot's lifetime."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self._previous = bot.tree.on_error

    async def cog_load(self) -> None:
        self.bot.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]

    async def cog_unload(self) -> None:
        self.bot.tree.on_error = self._previous  # type: ignore[method-assign]

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        command = interaction.command.qualified_name if interaction.command else "?"
        if is_expected(error):
            log.info("/%s refused for %s: %s", command, interaction.user.id, describe(error))
        else:
            log.error("/%s failed", command, exc_info=error)
        try:
            await reply_privately(interaction, describe(error))
        except discord.HTTPException:
            log.warning("could not tell %s about the failure of /%s", interaction.user.id, command)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Errors(bot))
