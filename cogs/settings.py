"""/settings: which channels Claimdeck watches, the reviewer role, the server's time zone, how
the team votes (quorum, agreement, hidden tallies and names, who votes, the team's name) and
the follow-ups' cadence (first reminder, then every, at most, quiet hours, re-checks).

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
from bot.credibility import DEFAULT_TEAM, VotingRules, agreement_percent
from bot.errors import InvalidInput
from bot.models import GuildSettings
from bot.safe_text import strip_hidden
from bot.ui.render import NO_PINGS, safe

MAX_WATCHED_CHANNELS = 50
TEAM_NAME_LIMIT = 100
REFRESHED_CARDS = 25  # newest cards re-rendered when the counting rules change


def describe_settings(settings: GuildSettings) -> str:
    if settings.watched_channels:
        channels = ", ".join(f"<#{c}>" for c in settings.watched_channels)
    else:
        channels = "every channel I can read"
    reviewer = f"<@&{settings.reviewer_role_id}>" if settings.reviewer_role_id else "none set"
    rules = VotingRules.of(settings)
    voters = "reviewers (and Manage Server)" if rules.reviewers_only_vote else "everyone"
    agreement = f"{agreement_percent(rules.threshold)} %"
    team = safe(rules.team_name, TEAM_NAME_LIMIT) if rules.team_name else (
        f"{DEFAULT_TEAM} (default)"
    )
    return (
        f"**Watched channels:** {channels}\n"
        f"**Reviewer role (closes voting):** {reviewer}\n"
        f"**Time zone:** {settings.timezone}\n"
        f"**Who votes:** {voters}\n"
        f"**A verdict needs:** {rules.quorum} vote{'s' if rules.quorum != 1 else ''}, "
        f"{agreement} of them agreeing\n"
        f"**Tallies:** {'hidden until voting closes' if rules.hide_tallies else 'shown'} · "
        f"**Voter names in /votes:** {'hidden' if rules.hide_voter_names else 'shown'}\n"
        f"**Team name on exports:** {team}\n"
        f"**Follow-up reminders:** first {settings.first_reminder_hours} h after the card, "
        f"then every {settings.reminder_every_hours} h, at most {settings.max_reminders} · "
        f"**Quiet hours:** {quiet_hours(settings)} · "
        f"**Re-check articles every:** {settings.recheck_hours} h"
    )


def quiet_hours(settings: GuildSettings) -> str:
    if settings.quiet_start == settings.quiet_end:
        return "none"
    return f"{settings.quiet_start}–{settings.quiet_end} ({settings.timezone})"


def valid_clock_time(value: str) -> str:
    """ "8:00", "08:00", "22:30" -> "HH:MM"; anything else is refused in one line."""
    hours, sep, minutes = value.strip().partition(":")
    if sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and len(hours) <= 2:
        h, m = int(hours), int(minutes)
        if 0 <= h <= 23 and 0 <= m <= 59:
            return f"{h:02d}:{m:02d}"
    raise InvalidInput(
        f"{safe(value, 40)} is not a time of day: use HH:MM on a 24-hour clock, e.g. 22:00."
    )


def valid_team_name(name: str) -> str | None:
    """The team name to store (None: back to the default); plain text, one line."""
    cleaned = " ".join(name.split())
    if not cleaned or cleaned.lower() in ("none", "default", "-"):
        return None
    if len(cleaned) > TEAM_NAME_LIMIT or not cleaned.isprintable() or strip_hidden(
        cleaned
    ) != cleaned:
        raise InvalidInput(
            f"A team name is plain text of at most {TEAM_NAME_LIMIT} characters, "
            "e.g. \"Example Times fact desk\"."
        )
    return cleaned


# Zone files that are no place: "localtime" follows whatever host the bot runs on, "Factory"
# and "posixrules" are tzdata's internals.
NOT_PLACES = frozenset({"Factory", "localtime", "posixrules"})
SHOWN_NAME_LIMIT = 60


@functools.cache
def known_timezones() -> tuple[str, ...]:
    """Every IANA zone name of a place, sorted; read from disk once, not on every keystroke."""
    return tuple(sorted(zoneinfo.available_timezones() - NOT_PLACES))


@functools.cache
def _zones_by_folded_name() -> dict[str, str]:
    return {zone.casefold(): zone for zone in known_timezones()}


def valid_timezone(name: str) -> str:
    """The zone's own name ("europe/paris" is Europe/Paris), only from the zones offered as
    suggestions: never a path the zone loader would open, nor a file name too long for it."""
    found = _zones_by_folded_name().get(name.strip().casefold())
    if found is None:
        shown = name.strip()
        if len(shown) > SHOWN_NAME_LIMIT:
            shown = shown[: SHOWN_NAME_LIMIT - 1] + "…"
        raise InvalidInput(
            f"{shown!r} is not a time zone I know. Use a name like Europe/Kyiv, "
            "America/New_York or UTC (pick one from the suggestions)."
        )
    return found


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
        if changes.keys() & {"quorum", "consensus_threshold", "hide_tallies"}:
            await self._refresh_recent_cards(interaction.guild_id)
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

    @app_commands.command(name="reviewers", description="The reviewer role: closes voting, "
                          "and votes alone if /settings voting says so.")
    async def reviewers(
        self, interaction: discord.Interaction, role: discord.Role | None = None
    ) -> None:
        await self._update(interaction, reviewer_role_id=role.id if role else None)

    @app_commands.command(name="voting", description="How the team votes on claims "
                          "(change any option; the others stay).")
    @app_commands.describe(
        quorum="Votes a claim needs before it can have a verdict (default 3)",
        agreement="Share of those votes one verdict needs, in percent (default 67)",
        hide_tallies="Hide counts and verdicts until voting closes (voters see their own vote)",
        hide_voter_names="Keep voters' names out of /votes",
        who_votes="Everyone, or only the reviewer role (and Manage Server)",
        team_name="Who signs exported verdicts (\"default\" for Claimdeck)",
    )
    @app_commands.rename(hide_tallies="hide-tallies", hide_voter_names="hide-voter-names",
                         who_votes="who-votes", team_name="team-name")
    @app_commands.choices(who_votes=[
        app_commands.Choice(name="everyone", value="everyone"),
        app_commands.Choice(name="reviewers only", value="reviewers"),
    ])
    async def voting(
        self,
        interaction: discord.Interaction,
        quorum: app_commands.Range[int, 1, 100] | None = None,
        agreement: app_commands.Range[int, 50, 100] | None = None,
        hide_tallies: bool | None = None,
        hide_voter_names: bool | None = None,
        who_votes: app_commands.Choice[str] | None = None,
        team_name: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        changes: dict[str, object] = {}
        if quorum is not None:
            changes["quorum"] = quorum
        if agreement is not None:
            changes["consensus_threshold"] = agreement / 100
        if hide_tallies is not None:
            changes["hide_tallies"] = hide_tallies
        if hide_voter_names is not None:
            changes["hide_voter_names"] = hide_voter_names
        if who_votes is not None:
            changes["reviewers_only_vote"] = who_votes.value == "reviewers"
        if team_name is not None:
            changes["team_name"] = valid_team_name(team_name)
        await self._update(interaction, **changes)

    @app_commands.command(name="followups", description="When follow-up reminders go out "
                          "(change any option; the others stay).")
    @app_commands.describe(
        first_reminder="Hours after the card before the first reminder (default 24)",
        every="Hours between later reminders (default 48)",
        max_reminders="Reminders at most per follow-up (default 5; 0: none)",
        quiet_start="No reminders from this time (HH:MM, the server's time zone; default 22:00)",
        quiet_end="…until this time (HH:MM; default 08:00; same as start: no quiet hours)",
        recheck="Hours between re-reads of the original article (default 6)",
    )
    @app_commands.rename(first_reminder="first-reminder", max_reminders="max-reminders",
                         quiet_start="quiet-start", quiet_end="quiet-end")
    async def followups(
        self,
        interaction: discord.Interaction,
        first_reminder: app_commands.Range[int, 1, 720] | None = None,
        every: app_commands.Range[int, 1, 720] | None = None,
        max_reminders: app_commands.Range[int, 0, 20] | None = None,
        quiet_start: app_commands.Range[str, 1, 10] | None = None,
        quiet_end: app_commands.Range[str, 1, 10] | None = None,
        recheck: app_commands.Range[int, 1, 168] | None = None,
    ) -> None:
        changes: dict[str, object] = {}
        if first_reminder is not None:
            changes["first_reminder_hours"] = first_reminder
        if every is not None:
            changes["reminder_every_hours"] = every
        if max_reminders is not None:
            changes["max_reminders"] = max_reminders
        if quiet_start is not None:
            changes["quiet_start"] = valid_clock_time(quiet_start)
        if quiet_end is not None:
            changes["quiet_end"] = valid_clock_time(quiet_end)
        if recheck is not None:
            changes["recheck_hours"] = recheck
        await self._update(interaction, **changes)

    async def _refresh_recent_cards(self, guild_id: int) -> None:
        """The newest cards show the new counting rules at once (hidden tallies above all);
        older ones follow at their next edit."""
        for stored in await self.bot.store.recent_cards(guild_id, limit=REFRESHED_CARDS):
            if stored.message_id is not None:
                self.bot.publisher.refresh(stored.id)

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
