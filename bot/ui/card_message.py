"""The card message, whole: ``(embed, view)`` from the stored card, its votes, its follow-ups and
the guild's settings. The one place a card's look is decided, so posting it, re-rendering it
after a vote and re-posting it after a restart can never disagree.

Components (Discord allows 5 rows of 5): one row of three verdict buttons per top claim (four
claims when the card has at most four, else three), a picker for the other claims, and a row with
"Why?" and "Close voting" ("Reopen voting" once closed). A picker holds 25 options, so on a card
with more claims its last option is "More claims…", which opens the next 24 privately, and so on:
every claim can be voted on. When voting is closed the verdict buttons stay, disabled, with the
final verdict's button coloured.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot.credibility import (
    VERDICTS,
    CardTally,
    emoji,
    label,
    tally_line,
    tally_stored,
    visible_tally,
    voting_claims,
)
from bot.credibility.tally import HIDDEN_SENTENCE
from bot.following import card_lines
from bot.models import Claim, ClaimCard, FollowUp, GuildSettings, StoredCard, Vote, VoteChoice
from bot.safe_text import discord_line
from bot.ui.components import (
    PICKER_OPTIONS,
    Choice,
    ClaimPicker,
    CloseButton,
    CloseId,
    PickId,
    ReopenButton,
    ReopenId,
    VoteButton,
    VoteId,
    WhyButton,
    WhyId,
    select_options,
)
from bot.ui.render import card_embed, safe

ROWS = 5
FOLLOWUP_LINE_LIMIT = 300
# A picked value "+27" is a page of the picker starting at claim 28: "+" is never in a claim id
# (components._CLAIM), so a page can never be taken for a claim.
PAGE_PREFIX = "+"
TALLY_MARK = "🗳️"

FINAL_STYLE = {
    VoteChoice.CREDIBLE: discord.ButtonStyle.success,
    VoteChoice.UNCLEAR: discord.ButtonStyle.primary,
    VoteChoice.DUBIOUS: discord.ButtonStyle.danger,
}


def button_claims(card: ClaimCard) -> tuple[Claim, ...]:
    """The claims that get their own row of buttons: all of them up to four, else the top
    three (the fourth row then holds the picker for the rest)."""
    rows = ROWS - 1  # the last row holds Why? and Close
    return voting_claims(card, rows if len(card.claims) <= rows else rows - 1)


def claim_choice(card: ClaimCard, claim: Claim) -> Choice:
    """How a claim is offered in a picker: "5. Speaker" and the start of what it says."""
    number = card.claims.index(claim) + 1
    speaker = discord_line(claim.speaker or "Unattributed", 60)
    return Choice(
        value=claim.id,
        label=f"{number}. {speaker}",
        description=discord_line(claim.text, 100) or None,
    )


@dataclass(frozen=True, slots=True)
class PickerPage:
    """The claims one picker offers, from claim ``first`` to ``last`` (numbers as on the card),
    and its options: the claims, then "More claims…" when the card has more after ``last``."""

    first: int
    last: int
    choices: list[Choice]

    @property
    def placeholder(self) -> str:
        more = (
            " (and more)" if self.choices and self.choices[-1].value.startswith(PAGE_PREFIX) else ""
        )
        return f"Vote on claims {self.first}–{self.last}{more}…"


def picker_page(card: ClaimCard, start: int) -> PickerPage:
    """The picker for the claims after the first ``start``: 25 of them, or 24 and "More
    claims…" when more than 25 remain (Discord allows 25 options)."""
    rest = card.claims[start:]
    offered = rest if len(rest) <= PICKER_OPTIONS else rest[: PICKER_OPTIONS - 1]
    choices = [claim_choice(card, c) for c in offered]
    after = start + len(offered)
    if after < len(card.claims):
        choices.append(
            Choice(
                value=f"{PAGE_PREFIX}{after}",
                label=f"More claims: {after + 1}–{len(card.claims)}…",
                description="Shows the next claims to vote on, privately.",
            )
        )
    return PickerPage(first=start + 1, last=after, choices=choices)


def page_start(value: str) -> int | None:
    """Where the page a picked "More claims…" value opens starts; None for a claim id (or a
    forged value: only "+" and up to six ASCII digits is a page)."""
    digits = value.removeprefix(PAGE_PREFIX)
    if digits == value or not (0 < len(digits) <= 6 and digits.isascii() and digits.isdigit()):
        return None
    return int(digits)


def claim_notes(shown: CardTally) -> dict[str, str]:
    """One tally line per claim with votes (every claim once voting is closed)."""
    if shown.hidden:
        return {}
    return {
        c.claim_id: f"{TALLY_MARK} {tally_line(c)}" for c in shown.claims if c.total or c.closed
    }


def _escaped(text: str) -> str:
    return safe(text, FOLLOWUP_LINE_LIMIT)


def followup_lines(followups: Sequence[FollowUp], settings: GuildSettings) -> list[str]:
    """ "⏳ Awaiting China's foreign ministry (asked by Reuters) · since <t:…:R> · next reminder
    <t:…:R>", then "✅ Response received 2025-06-17: denial — <link>": only the parts that come
    from articles and members are escaped, so Discord still renders the relative times."""
    lines = card_lines(list(followups), settings.timezone, settings)
    return [line.markdown(_escaped) for line in lines]


def card_view(stored: StoredCard, card_tally: CardTally) -> discord.ui.View | None:
    """The card's components; None for a card without claims (nothing to vote on)."""
    card = stored.card
    if not card.claims:
        return None
    closed = stored.voting_closed
    view = discord.ui.View(timeout=None)
    top = button_claims(card)
    for row, claim in enumerate(top):
        final = card_tally.claims[row].final if closed else None
        for choice in VERDICTS:
            view.add_item(
                VoteButton(
                    VoteId(stored.id, claim.id, choice),
                    label=f"{row + 1} · {label(choice)}",
                    emoji=emoji(choice),
                    style=FINAL_STYLE[choice] if final == choice else discord.ButtonStyle.secondary,
                    disabled=closed,
                    row=row,
                )
            )
    rest = card.claims[len(top) :]
    controls = len(top)
    if rest:
        page = picker_page(card, len(top))
        view.add_item(
            ClaimPicker(
                PickId(stored.id),
                select_options(page.choices),
                placeholder=page.placeholder,
                disabled=closed,
                row=controls,
            )
        )
        controls += 1
    if closed:
        view.add_item(
            ReopenButton(ReopenId(stored.id), label="Reopen voting", emoji="🔓", row=controls)
        )
    else:
        view.add_item(WhyButton(WhyId(stored.id), label="Why?", emoji="💬", row=controls))
        view.add_item(
            CloseButton(CloseId(stored.id), label="Close voting", emoji="🔒", row=controls)
        )
    return view


def card_message(
    stored: StoredCard,
    votes: Sequence[Vote],
    followups: Sequence[FollowUp],
    settings: GuildSettings,
) -> tuple[discord.Embed, discord.ui.View | None]:
    """The card as the channel sees it: tallies as the guild's settings allow, the final
    verdicts once voting is closed, the follow-ups' state, and its buttons."""
    full = tally_stored(stored, votes, settings)
    shown = visible_tally(full, settings)
    embed = card_embed(
        stored.card,
        stored.id,
        claim_notes=claim_notes(shown),
        followup_lines=followup_lines(followups, settings),
        voting_note=HIDDEN_SENTENCE if shown.hidden else None,
        closed=stored.voting_closed,
    )
    return embed, card_view(stored, full)
