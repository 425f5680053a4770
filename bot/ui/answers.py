"""The private answers around voting: click acknowledgements, the picked claim's buttons, which
vote to explain, ``/votes`` and ``/history``.

Everything a member typed (a rationale) or a page wrote (a claim, a party) is escaped with
``safe()``; evidence links are shown as inert ``<link>`` text with anything that could end the
link or start markup percent-encoded. These messages are ephemeral, and sent without pings.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

import discord

from bot.credibility import (
    VERDICTS,
    Ballot,
    CardTally,
    ClickAction,
    HistoryEntry,
    VoteBreakdown,
    acknowledgement,
    emoji,
    label,
    tally_line,
)
from bot.models import Claim, StoredCard, Vote
from bot.ui.card_message import PAGE_PREFIX, claim_choice, picker_page
from bot.ui.components import (
    PICKER_OPTIONS,
    Choice,
    ClaimPicker,
    PickId,
    VoteButton,
    VoteId,
    WhyButton,
    WhyId,
    WhyPicker,
    WhyPickId,
    select_options,
)
from bot.ui.render import (
    CARD_COLOUR,
    DESCRIPTION_LIMIT,
    FIELD_COUNT_LIMIT,
    FIELD_VALUE_LIMIT,
    TITLE_LIMIT,
    TOTAL_LIMIT,
    claim_body,
    claim_heading,
    lines_field,
    safe,
    web_url,
)
from bot.voting import Click

KEPT_WHY = " Your reason and evidence link were kept: use “Add a reason” to change them."
HIDDEN_BALLOTS = "Votes are hidden until voting closes: only your own votes are shown."
NAMES_HIDDEN = "This server hides who voted what."
RATIONALE_SHOWN = 300
# Views of private answers hold only DynamicItems (stateless), so nothing needs to expire.
PRIVATE_TIMEOUT = None
_LINK_SAFE = ":/?#[]@!$&'()*+,;=%-._~"


def link_markup(url: str) -> str:
    """An evidence link as inert text: ``<…>`` (no preview), nothing that could end it early."""
    return f"<{quote(url, safe=_LINK_SAFE)}>"


def ack_text(click: Click) -> str:
    text = acknowledgement(click.action, click.number, click.choice, click.previous)
    return text + KEPT_WHY if click.kept_why else text


def ack_view(card_id: str, click: Click) -> discord.ui.View | None:
    """"Add a reason" under the answer to a vote that stands; nothing after a withdrawal."""
    if click.action is ClickAction.RETRACT:
        return None
    view = discord.ui.View(timeout=PRIVATE_TIMEOUT)
    view.add_item(WhyButton(WhyId(card_id, click.claim_id), label="Add a reason", emoji="💬"))
    return view


def claim_prompt(
    stored: StoredCard, claim: Claim, number: int, current: Vote | None
) -> tuple[str, discord.ui.View]:
    """The claim picked in the card's picker, with its three verdict buttons."""
    heading = claim_heading(claim, number)
    body = claim_body(claim, 900)
    mine = f"\nYour vote: {emoji(current.choice)} {label(current.choice)}" if current else ""
    view = discord.ui.View(timeout=PRIVATE_TIMEOUT)
    for choice in VERDICTS:
        view.add_item(
            VoteButton(
                VoteId(stored.id, claim.id, choice),
                label=f"{number} · {label(choice)}",
                emoji=emoji(choice),
                row=0,
            )
        )
    if current is not None:
        view.add_item(WhyButton(WhyId(stored.id, claim.id), label="Add a reason", emoji="💬",
                                row=1))
    return f"**{heading}**\n{body}{mine}"[:2000], view


def claims_page(stored: StoredCard, start: int) -> tuple[str, discord.ui.View]:
    """ "More claims…" picked: the next claims of the card in a private picker (which ends in
    "More claims…" again while the card has more)."""
    page = picker_page(stored.card, start)
    view = discord.ui.View(timeout=PRIVATE_TIMEOUT)
    view.add_item(ClaimPicker(PickId(stored.id), select_options(page.choices),
                              placeholder=page.placeholder))
    total = len(stored.card.claims)
    return f"Claims {page.first}–{page.last} of {total}: pick one to vote on it.", view


def why_picker(
    stored: StoredCard, votes: Sequence[Vote], start: int = 0
) -> tuple[str, discord.ui.View]:
    """Which of the member's votes to explain, in card order from the ``start``-th: 25 to a
    picker, or 24 and "More of your votes…" (the next ones, privately) when more remain."""
    voted = {v.claim_id for v in votes}
    claims = [c for c in stored.card.claims if c.id in voted]
    rest = claims[start:]
    offered = rest if len(rest) <= PICKER_OPTIONS else rest[: PICKER_OPTIONS - 1]
    choices = [claim_choice(stored.card, c) for c in offered]
    after = start + len(offered)
    if after < len(claims):
        choices.append(Choice(
            value=f"{PAGE_PREFIX}{after}",
            label=f"More of your votes: {after + 1}–{len(claims)}…",
            description="Shows your next votes to explain, privately.",
        ))
    view = discord.ui.View(timeout=PRIVATE_TIMEOUT)
    view.add_item(
        WhyPicker(
            WhyPickId(stored.id),
            select_options(choices),
            placeholder="Pick the claim to explain your vote on…",
        )
    )
    if start:
        heading = f"Your votes {start + 1}–{after} of {len(claims)}"
        return f"{heading}: which one do you want to explain?", view
    return "You voted on several claims of this card. Which vote do you want to explain?", view


def _who(member_id: int | None, own: bool) -> str:
    if own:
        return "you"
    return f"<@{member_id}>" if member_id is not None else "a member"


def ballot_line(ballot: Ballot) -> str:
    parts = [f"{emoji(ballot.choice)} {label(ballot.choice)}", _who(ballot.member_id, ballot.own)]
    if ballot.rationale:
        parts.append(f"“{safe(ballot.rationale, RATIONALE_SHOWN)}”")
    if ballot.evidence_url:
        parts.append(link_markup(ballot.evidence_url))
    return " · ".join(parts)


def votes_embed(stored: StoredCard, ballots: VoteBreakdown, shown: CardTally) -> discord.Embed:
    """``/votes``: per claim, its tally (when the guild shows it) and each ballot."""
    card = stored.card
    embed = discord.Embed(
        title=safe(f"Votes: {card.article.title or 'Untitled article'}", TITLE_LIMIT),
        url=web_url(card.article.url),
        colour=CARD_COLOUR,
    )
    notes = [n for n, on in ((HIDDEN_BALLOTS, ballots.hidden), (NAMES_HIDDEN, ballots.names_hidden))
             if on]
    if stored.voting_closed:
        notes.insert(0, "Voting is closed: these are the final verdicts.")
    embed.description = "\n".join(notes) or None
    left_out = 0
    for claim_ballots, claim_tally in zip(ballots.claims, shown.claims, strict=True):
        claim = card.claims[claim_ballots.number - 1]
        lines = [] if shown.hidden else [tally_line(claim_tally)]
        lines += [ballot_line(b) for b in claim_ballots.ballots] or ["No votes yet."]
        name = claim_heading(claim, claim_ballots.number)
        value = lines_field(lines, FIELD_VALUE_LIMIT)
        if len(embed.fields) >= FIELD_COUNT_LIMIT - 1 or len(embed) + len(name) + len(
            value
        ) > TOTAL_LIMIT - 200:
            left_out += 1
            continue
        embed.add_field(name=name, value=value, inline=False)
    footer = f"Claimdeck · card {stored.id}"
    if left_out:
        footer += f" · {left_out} more claim{'s' if left_out != 1 else ''} did not fit"
    embed.set_footer(text=footer)
    return embed


def history_line(entry: HistoryEntry) -> str:
    when = discord.utils.format_dt(entry.at, style="f")
    if entry.actor_hidden:
        who = "A member"
    elif entry.actor_id is None:
        who = "Claimdeck"
    else:
        who = f"<@{entry.actor_id}>"
    line = f"{when} · {who} {entry.text}"
    if entry.quote:
        line += f" “{safe(entry.quote, 200)}”"
    if entry.link:
        line += f" {link_markup(entry.link)}"
    return line


def history_embed(stored: StoredCard, entries: Sequence[HistoryEntry]) -> discord.Embed:
    """``/history``: the newest events that fit, oldest of them first."""
    lines = [history_line(e) for e in entries]
    kept: list[str] = []
    size = 0
    for line in reversed(lines):
        if size + len(line) + 1 > DESCRIPTION_LIMIT - 100:
            break
        kept.append(line)
        size += len(line) + 1
    earlier = len(lines) - len(kept)
    if earlier:
        kept.append(f"…{earlier} earlier event{'s' if earlier != 1 else ''} not shown.")
    embed = discord.Embed(
        title=safe(f"History: {stored.card.article.title or 'Untitled article'}", TITLE_LIMIT),
        description="\n".join(reversed(kept)) or "Nothing has happened to this card yet.",
        colour=CARD_COLOUR,
    )
    embed.set_footer(text=f"Claimdeck · card {stored.id}")
    return embed
