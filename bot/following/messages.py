"""The words of follow-up messages, so the notifier only has to post them.

Plain text with Discord's markup for mentions (``<@&id>``), relative times (``<t:…:R>``) and
links; ``escape`` (the UI's Markdown escape) is applied to everything that comes from an article
or a member: party names, sentences, statements, titles. The notifier must still pass
``allowed_mentions`` naming exactly the :class:`Mention` of the message and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.following.notifier import (
    DigestItem,
    DigestLayout,
    Mention,
    RecheckKind,
    RecheckNotice,
)
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


def _more_line(count: int) -> str:
    return f"• …and {count} more: see `/followup list`."


def digest_layout(
    items: Sequence[DigestItem],
    escape: Escape = _same,
    *,
    withheld: Sequence[DigestItem] = (),
    limit: int = 2000,
) -> DigestLayout:
    """One message for a guild's reminders missed while the bot was down, within ``limit``.

    The lines come first: each item in order gets its line while the line, its mention (when
    new) and the "…and N more" line still fit; the first that does not ends the list. Only the
    shown lines' mentions are pinged, so nobody is pinged for a line the message leaves out.
    ``withheld`` items (their cards live where not everyone reading the digest may look) are
    counted, never named or pinged.
    """
    counted = len(items) + len(withheld)
    reserve = 1 + len(_more_line(counted))  # "\n• …and N more…", N at its largest
    lines: list[str] = []
    mentions: list[Mention] = []
    size = len(f"⏰ {_DIGEST_HEAD}")
    shown = 0
    for item in items:
        link = card_link(item.card)
        line = f"• {escape(item.line)}" + (f" — {link}" if link else "")
        ping = item.mention if item.mention not in mentions else None
        grown = size + 1 + len(line) + (len(ping.markup()) + 1 if ping is not None else 0)
        last = shown + 1 == len(items) and not withheld  # no "…and N more" line after it
        if grown + (0 if last else reserve) > limit:
            break
        lines.append(line)
        if ping is not None:
            mentions.append(ping)
        size = grown
        shown += 1
    mentions.sort(key=lambda mention: mention.role_id is None)  # stable: roles, then members
    head = "".join(f"{m.markup()} " for m in mentions)
    more = counted - shown
    text = "\n".join([f"⏰ {head}{_DIGEST_HEAD}", *lines, *([_more_line(more)] if more else [])])
    return DigestLayout(
        text,
        tuple(mentions),
        tuple(items[:shown]),
        (*items[shown:], *withheld),
        tuple(items[shown:]),
    )


def digest_mentions(
    items: Sequence[DigestItem],
    escape: Escape = _same,
    *,
    withheld: Sequence[DigestItem] = (),
    limit: int = 2000,
) -> tuple[list[Mention], int]:
    """Whom the digest of ``items`` pings (see :func:`digest_layout`), and how many of the
    items' roles and members it does not ping because their lines are left out. The
    notifier's ``allowed_mentions`` names exactly the first."""
    layout = digest_layout(items, escape, withheld=withheld, limit=limit)
    named = {item.mention for item in items if item.mention is not None}
    return list(layout.mentions), len(named) - len(layout.mentions)


def digest_text(
    items: Sequence[DigestItem],
    escape: Escape = _same,
    *,
    withheld: Sequence[DigestItem] = (),
    limit: int = 2000,
) -> str:
    """The text of :func:`digest_layout`."""
    return digest_layout(items, escape, withheld=withheld, limit=limit).text


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
