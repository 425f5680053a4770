"""The words of follow-up messages, so the notifier only has to post them.

Plain text with Discord's markup for mentions (``<@&id>``), relative times (``<t:…:R>``) and
links; ``escape`` (the UI's Markdown escape) is applied to everything that comes from an article
or a member: party names, sentences, statements, titles. The notifier must still pass
``allowed_mentions`` naming exactly the :class:`Mention` of the message and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.following.notifier import DigestItem, Mention, RecheckKind, RecheckNotice
from bot.following.status import relative
from bot.followups import Match, awaiting_line, stance_text
from bot.models import FollowUp, StoredCard

Escape = Callable[[str], str]
_SENTENCE_CHARS = 300


def _same(text: str) -> str:
    return text


def _short(text: str | None, limit: int = _SENTENCE_CHARS) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def card_link(card: StoredCard) -> str | None:
    """The Discord link to the message that shows the card, once it is posted."""
    if card.channel_id is None or card.message_id is None:
        return None
    return f"https://discord.com/channels/{card.guild_id}/{card.channel_id}/{card.message_id}"


def reminder_text(
    followup: FollowUp, mention: Mention | None, max_reminders: int, escape: Escape = _same
) -> str:
    """⏰ <@&role> Still awaiting China's foreign ministry (asked by Reuters), since <t:…:R>.
    Reminder 1 of 5. …"""
    who = f"{mention.markup()} " if mention is not None else ""
    number = followup.reminders_sent + 1
    count = f"Reminder {number} of {max_reminders}." if number <= max_reminders else "Reminder."
    line = escape(awaiting_line(followup))  # "Awaiting …"
    return (
        f"⏰ {who}Still a{line[1:]}, since {relative(followup.created_at)}. {count} "
        "When the answer comes, record it with `/followup resolve`; "
        "`/followup snooze` holds reminders back."
    )


_DIGEST_HEAD = "While Claimdeck was offline, these follow-ups missed their reminders:"
_MORE_ROOM = 80  # room for the "…and N more" line


def digest_mentions(
    items: Sequence[DigestItem], *, limit: int = 2000
) -> tuple[list[Mention], int]:
    """Whom a digest of ``items`` pings, and how many more it would have pinged.

    Only the items the digest names: a withheld item (its card is where the digest's readers
    may not look) pings nobody here. Each role and member once, roles first (the reviewers see
    every line); as many as fit in half of ``limit``, so the head line leaves room for the
    lines. The notifier's ``allowed_mentions`` should name exactly these.
    """
    found = list(dict.fromkeys(item.mention for item in items if item.mention is not None))
    found.sort(key=lambda mention: mention.role_id is None)  # stable: roles, then members
    budget = max(0, (limit - len(_DIGEST_HEAD) - _MORE_ROOM) // 2)
    kept: list[Mention] = []
    used = 0
    for mention in found:
        used += len(mention.markup()) + 1
        if used > budget:
            break
        kept.append(mention)
    return kept, len(found) - len(kept)


def digest_text(
    items: Sequence[DigestItem],
    escape: Escape = _same,
    *,
    withheld: Sequence[DigestItem] = (),
    limit: int = 2000,
) -> str:
    """One message for a guild's reminders missed while the bot was down. ``withheld`` items
    are counted, not named, and ping nobody (their cards live where not everyone who reads the
    digest may look); lines that would pass ``limit`` characters are counted too, and the head
    line's mentions are cut (``digest_mentions``) so the message stays within ``limit``."""
    mentions, cut = digest_mentions(items, limit=limit)
    head = "".join(f"{m.markup()} " for m in mentions)
    if cut:
        head += f"(and {cut} more) "
    lines = [f"⏰ {head}{_DIGEST_HEAD}"]
    more = len(withheld)
    for index, item in enumerate(items):
        link = card_link(item.card)
        line = f"• {escape(item.line)}" + (f" — {link}" if link else "")
        if len("\n".join([*lines, line])) + _MORE_ROOM > limit:
            more += len(items) - index
            break
        lines.append(line)
    if more:
        lines.append(f"• …and {more} more: see `/followup list`.")
    return "\n".join(lines)


def proposal_text(
    match: Match, candidate: StoredCard, escape: Escape = _same, *, link: str | None = None
) -> str:
    """🔎 Possible response from China's foreign ministry (denial): “…” — link (``link``, else
    the candidate card's message, else its article)."""
    stance = f" ({stance_text(match.stance)})" if match.stance else ""
    link = link or card_link(candidate) or candidate.canonical_url
    return (
        f"🔎 Possible response from {escape(_short(match.party, 120))}{stance}: "
        f"“{escape(_short(match.sentence))}” — {link}"
    )


def recheck_text(notice: RecheckNotice, followup: FollowUp, escape: Escape = _same) -> str:
    """What a re-check of the article found, in one short message."""
    party = escape(_short(followup.party, 120))
    sentence = escape(_short(notice.sentence))
    if notice.kind is RecheckKind.RESPONSE_FOUND:
        stance = f" ({stance_text(notice.stance)})" if notice.stance else ""
        return f"📰 The article now carries a response from {party}{stance}: “{sentence}”"
    if notice.kind is RecheckKind.SENTENCE_CHANGED:
        return f"📰 The article's line about {party} changed: “{sentence}”"
    if notice.kind is RecheckKind.SENTENCE_GONE:
        return f"📰 The article no longer says it is waiting for {party}."
    retry = f" Trying again {relative(notice.retry_at)}." if notice.retry_at else ""
    return f"⚠️ The article could not be re-read: {escape(_short(notice.error, 200))}{retry}"
