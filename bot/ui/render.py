"""Claim cards as Discord embeds: escaped, within every limit, never pinging anyone.

Everything here comes from an untrusted web page, so every string passes through ``safe()``
(markdown and mentions escaped, whitespace collapsed, cut to the field's limit at a word
boundary). Discord's limits: title 256, description 4096, field name 256, field value 1024,
25 fields, footer 2048, author 256, 6000 characters in all; an embed over them is rejected
outright, so the card sheds its lowest-ranked claims until it fits and says how many it left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

import discord

from bot.cues import past_tense
from bot.models import Claim, ClaimCard, PendingResponse, Response
from bot.safe_text import discord_text

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
TOTAL_LIMIT = 6000
CONTENT_LIMIT = 2000

# Shorter than the limits on purpose: a card is read in a chat, not a document.
SUMMARY_BUDGET = 1200
CLAIM_BUDGET = 600
MAX_CLAIM_FIELDS = 10

NO_PINGS = discord.AllowedMentions.none()
CARD_COLOUR = discord.Colour.from_rgb(47, 111, 235)
ERROR_COLOUR = discord.Colour.from_rgb(200, 60, 60)
CLOSED_COLOUR = discord.Colour.from_rgb(120, 124, 132)


def safe(text: str | None, limit: int) -> str:
    """Drop hidden characters, neutralise Discord markup (``<t:0:R>``, ``<#id>``…), escape
    markdown and mentions, collapse whitespace, and cut to ``limit`` characters."""
    if not text:
        return ""
    plain = " ".join(discord_text(text).split())
    escaped = discord.utils.escape_mentions(discord.utils.escape_markdown(plain))
    if len(escaped) <= limit:
        return escaped
    cut = escaped[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip("\\ ") + "…"


def web_url(url: str | None) -> str | None:
    """Only http(s) links are clickable in Discord; file:// inputs from the CLI are not."""
    if url and url.startswith(("http://", "https://")) and len(url) <= 2048:
        return url
    return None


def _published(card: ClaimCard) -> str | None:
    published = card.article.published
    if published is None:
        return None
    # Articles give a date, not a time. Noon UTC shows as that same date for every reader
    # between UTC-11 and UTC+11; midnight would show the day before across the Americas.
    moment = datetime(published.year, published.month, published.day, 12, tzinfo=UTC)
    return discord.utils.format_dt(moment, style="D")


def claim_heading(claim: Claim, number: int) -> str:
    speaker = claim.speaker or "Unattributed"
    role = f" ({claim.speaker_role})" if claim.speaker_role else ""
    cue = f" — {past_tense(claim.cue)}" if claim.cue else ""
    return safe(f"{number}. {speaker}{role}{cue}", FIELD_NAME_LIMIT)


def claim_body(claim: Claim, budget: int = CLAIM_BUDGET) -> str:
    text = safe(claim.text, budget)
    body = f"“{text}”" if claim.quote else text
    notes = []
    if claim.quantities:
        notes.append("🔢 " + ", ".join(safe(q.text, 60) for q in claim.quantities[:5]))
    if claim.hedge:
        notes.append(f"⚠️ hedged: {safe(claim.hedge, 40)}")
    if claim.reported_by:
        notes.append(f"via {safe(claim.reported_by, 80)}")
    if notes:
        body += "\n" + " · ".join(notes)
    return body[:FIELD_VALUE_LIMIT]


def pending_line(pending: PendingResponse) -> str:
    asker = f", asked by {safe(pending.requested_by, 80)}" if pending.requested_by else ""
    status = "declined to comment" if pending.status.value == "declined" else "no response yet"
    return f"⏳ **{safe(pending.party, 120)}** — {status}{asker}"


def response_line(response: Response, card: ClaimCard) -> str:
    answered = card.claim(response.answers_claim) if response.answers_claim else None
    target = ""
    if answered is not None:
        number = card.claims.index(answered) + 1
        target = f" (answers claim {number})"
    text = safe(response.text, 200)
    return f"↩️ **{safe(response.party, 120)}** {response.stance.value}{target}: {text}"


def lines_field(lines: Sequence[str], limit: int = FIELD_VALUE_LIMIT) -> str:
    """Join lines until the field is full, noting how many did not fit."""
    kept: list[str] = []
    for index, line in enumerate(lines):
        more = len(lines) - index
        candidate = "\n".join([*kept, line])
        if len(candidate) + len(f"\n…and {more} more") > limit:
            kept.append(f"…and {more} more")
            break
        kept.append(line)
    return "\n".join(kept)


def _headline_embed(card: ClaimCard) -> discord.Embed:
    """What every card view starts with: linked headline, source, summary, publication date."""
    article = card.article
    embed = discord.Embed(
        title=safe(article.title or "Untitled article", TITLE_LIMIT),
        url=web_url(article.url),
        description=safe(" ".join(card.summary), SUMMARY_BUDGET) or None,
        colour=CARD_COLOUR,
    )
    if article.site:
        embed.set_author(name=safe(article.site, AUTHOR_LIMIT))
    if published := _published(card):
        embed.add_field(name="Published", value=published, inline=True)
    return embed


def card_embed(
    card: ClaimCard,
    card_id: str | None = None,
    *,
    claim_notes: Mapping[str, str] | None = None,
    followup_lines: Sequence[str] | None = None,
    voting_note: str | None = None,
    closed: bool = False,
) -> discord.Embed:
    """The full claim card: headline, source, date, summary, claims, awaited responses.

    ``claim_notes`` (claim id → one line of our own text, e.g. its tally) go under each claim;
    ``followup_lines`` (already escaped) replace the article's pending responses once the team
    follows them up; ``voting_note`` is a field about voting as a whole (e.g. tallies hidden);
    a ``closed`` card turns grey and says so in its footer.
    """
    article = card.article
    embed = _headline_embed(card)
    if closed:
        embed.colour = CLOSED_COLOUR
    if article.author:
        embed.add_field(name="By", value=safe(article.author, 200), inline=True)
    fixed_fields = len(embed.fields)
    if followup_lines:
        embed.add_field(name="Follow-ups", value=lines_field(followup_lines), inline=False)
    elif card.pending_responses:
        embed.add_field(
            name="Awaiting response",
            value=lines_field([pending_line(p) for p in card.pending_responses]),
            inline=False,
        )
    if card.responses:
        embed.add_field(
            name="Responses",
            value=lines_field([response_line(r, card) for r in card.responses]),
            inline=False,
        )
    if not card.claims:
        embed.add_field(name="Claims", value="No attributed claims found.", inline=False)
    room = FIELD_COUNT_LIMIT - len(embed.fields)
    shown = card.claims[: min(MAX_CLAIM_FIELDS, room)]
    notes = claim_notes or {}
    for offset, claim in enumerate(shown):
        embed.insert_field_at(
            fixed_fields + offset,
            name=claim_heading(claim, offset + 1),
            value=_with_note(claim_body(claim), notes.get(claim.id)),
            inline=False,
        )
    if voting_note:
        embed.add_field(name="Votes", value=voting_note[:FIELD_VALUE_LIMIT], inline=False)
    _set_footer(embed, card, card_id, shown=len(shown), closed=closed)
    while len(embed) > TOTAL_LIMIT and shown:
        shown = shown[:-1]
        embed.remove_field(fixed_fields + len(shown))
        _set_footer(embed, card, card_id, shown=len(shown), closed=closed)
    return embed


def _with_note(body: str, note: str | None) -> str:
    """A claim's field with one line of ours under it, the claim shortened to make room."""
    if not note:
        return body
    note = note[: FIELD_VALUE_LIMIT // 4]
    room = FIELD_VALUE_LIMIT - len(note) - 1
    if len(body) > room:
        body = body[: room - 1].rstrip("\\ ") + "…"
    return f"{body}\n{note}"


def _set_footer(
    embed: discord.Embed, card: ClaimCard, card_id: str | None, shown: int, closed: bool = False
) -> None:
    parts = ["Claimdeck"]
    if card_id:
        parts.append(f"card {card_id}")
    if closed:
        parts.append("voting closed")
    if card.analysed_chars:
        parts.append(f"long article: claims from its first {card.analysed_chars:,} characters")
    hidden = len(card.claims) - shown
    if hidden > 0:
        parts.append(f"{hidden} more claim{'s' if hidden != 1 else ''}: /claims")
    embed.set_footer(text=" · ".join(parts)[:FOOTER_LIMIT])


def summary_embed(card: ClaimCard, top_claims: int = 3) -> discord.Embed:
    """The short form for /summary: title, source, date, summary and the top claims."""
    embed = _headline_embed(card)
    for number, claim in enumerate(card.claims[:top_claims], start=1):
        embed.add_field(
            name=claim_heading(claim, number), value=claim_body(claim, 300), inline=False
        )
    if card.pending_responses:
        embed.add_field(
            name="Awaiting response",
            value=lines_field([pending_line(p) for p in card.pending_responses]),
            inline=False,
        )
    return embed


def claims_embed(card: ClaimCard, card_id: str | None = None) -> discord.Embed:
    """Every claim of a card that fits one embed (what a message may carry), most check-worthy
    first; the footer says how many did not fit."""
    embed = discord.Embed(
        title=safe(f"Claims: {card.article.title or 'Untitled article'}", TITLE_LIMIT),
        url=web_url(card.article.url),
        colour=CARD_COLOUR,
    )
    if not card.claims:
        embed.description = "No attributed claims were found in this article."
    shown = 0
    for number, claim in enumerate(card.claims[:FIELD_COUNT_LIMIT], start=1):
        name, value = claim_heading(claim, number), claim_body(claim)
        if len(embed) + len(name) + len(value) + 120 > TOTAL_LIMIT:
            break
        embed.add_field(name=name, value=value, inline=False)
        shown += 1
    _set_footer(embed, card, card_id, shown=shown)
    return embed


def error_embed(message: str) -> discord.Embed:
    """A failure explained in one short paragraph (messages are ours, but may quote input)."""
    return discord.Embed(description=safe(message, 1000), colour=ERROR_COLOUR)


def notice(text: str) -> str:
    """Plain message content built from untrusted parts, cut to Discord's 2000 characters."""
    return text[:CONTENT_LIMIT]
