"""Whom a digest pings: exactly the people and roles of the lines it shows (never the assignee of
a card withheld from the digest's channel, nor of a line cut at Discord's 2,000 characters),
each once, reviewers first; every item is either shown or handed back to be reminded alone."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.following.messages import digest_layout, digest_mentions, digest_text
from bot.following.notifier import DigestItem, Mention
from bot.models import FollowUp, StoredCard
from tests.factories import make_card

T0 = datetime(2025, 6, 16, 9, 0, tzinfo=UTC)
PINGS = re.compile(r"<@&?\d+>")


def item(
    n: int, mention: Mention | None, channel: int = 2, party: str = "the ministry"
) -> DigestItem:
    card = StoredCard(
        id=f"k{n}",
        guild_id=1,
        canonical_url=f"https://news.example/{n}",
        card=make_card(),
        created_at=T0,
        channel_id=channel,
        message_id=100 + n,
    )
    row = FollowUp(id=f"f{n}", card_id=card.id, guild_id=1, party=party, due_at=T0, created_at=T0)
    return DigestItem(card, row, 2, mention, f"Awaiting {party} · 2 reminders missed")


def test_the_assignee_of_a_withheld_card_is_not_pinged_in_the_public_channel() -> None:
    shown = [item(1, Mention(role_id=7))]
    secret = [item(2, Mention(user_id=4242), channel=9, party="Secret Ministry")]
    text = digest_text(shown, withheld=secret)
    assert "<@4242>" not in text and "Secret Ministry" not in text
    assert PINGS.findall(text) == ["<@&7>"]
    assert text.endswith("• …and 1 more: see `/followup list`.")


def _shown_lines(text: str) -> list[str]:
    return [line for line in text.split("\n")[1:] if line.startswith("• Awaiting")]


def _pinged(text: str) -> list[str]:
    return PINGS.findall(text.split("\n")[0])


def test_forty_assignees_each_pinged_one_has_a_line_in_the_digest() -> None:
    """The reviewer's case: every ping is of a line the message shows; the rest are counted."""
    items = [
        item(n, Mention(user_id=10**18 + n), party=f"the ministry of region {n}")
        for n in range(40)
    ]
    text = digest_text(items)
    assert len(text) <= 2000
    lines = _shown_lines(text)
    named = {int(n) for n in re.findall(r"region (\d+)", "\n".join(lines))}
    assert sorted(int(p[2:-1]) - 10**18 for p in _pinged(text)) == sorted(named)
    assert len(lines) >= 15  # the lines, not the pings, fill the message
    assert text.endswith(f"• …and {40 - len(lines)} more: see `/followup list`.")
    layout = digest_layout(items)
    assert [i.followup.id for i in layout.unshown] == [f"f{n}" for n in range(len(lines), 40)]


def test_a_hundred_assignees_keep_the_digest_within_discords_limit() -> None:
    items = [item(n, Mention(user_id=10**18 + n)) for n in range(120)]
    items.insert(3, item(999, Mention(role_id=7)))
    text = digest_text(items)
    assert len(text) <= 2000
    pinged, cut = digest_mentions(items)
    assert _pinged(text) == [m.markup() for m in pinged]
    assert pinged[0] == Mention(role_id=7)  # the reviewers first: they see every line
    assert "(and " not in text.split("\n")[0]  # no ping is cut from a shown line
    shown = len(_shown_lines(text))
    assert len(pinged) == shown and cut == 121 - shown
    assert text.endswith(f"• …and {121 - shown} more: see `/followup list`.")


def test_a_member_of_many_lines_is_pinged_once_and_lines_without_anyone_ping_nobody() -> None:
    items = [item(n, Mention(user_id=5) if n % 2 else None) for n in range(6)]
    text = digest_text(items)
    assert _pinged(text) == ["<@5>"] and len(_shown_lines(text)) == 6
    assert "more" not in text


def test_a_digest_that_fits_has_no_more_line_however_close_to_the_limit() -> None:
    items = [item(n, Mention(user_id=10 + n)) for n in range(3)]
    exact = len(digest_text(items))
    assert "more" not in digest_text(items, limit=exact)  # the reserve is only for a "more"
    cut = digest_text(items, limit=exact - 1)
    assert len(cut) <= exact - 1 and cut.endswith("• …and 1 more: see `/followup list`.")
    assert _pinged(cut) == ["<@10>", "<@11>"]


_MENTIONS = st.one_of(
    st.none(),
    st.builds(lambda n: Mention(user_id=n), st.integers(1, 10**19)),
    st.builds(lambda n: Mention(role_id=n), st.integers(1, 10**19)),
    st.builds(lambda n: Mention(user_id=n), st.integers(1, 4)),  # the same few assignees
)
_PARTIES = st.text(st.characters(codec="utf-8", exclude_characters="<>\r\n"), max_size=300)


@settings(max_examples=300, deadline=None)
@given(
    shown=st.lists(st.tuples(_MENTIONS, _PARTIES), max_size=150),
    withheld=st.lists(_MENTIONS, max_size=30),
    limit=st.sampled_from([2000, 2000, 600, 150]),
)
def test_every_ping_is_of_a_shown_line_and_every_item_is_shown_or_handed_back(
    shown, withheld, limit
) -> None:
    items = [item(n, mention, party=party) for n, (mention, party) in enumerate(shown)]
    hidden = [item(1000 + n, mention, channel=9) for n, mention in enumerate(withheld)]
    layout = digest_layout(items, withheld=hidden, limit=limit)
    text = layout.text
    assert text == digest_text(items, withheld=hidden, limit=limit)
    assert len(text) <= limit
    # each item is shown (a prefix of the list, in order) or handed back; never both
    assert list(layout.shown) == items[: len(layout.shown)]
    assert list(layout.shown) + list(layout.unshown) == items + hidden
    # whom the text pings: exactly the mentions of the shown lines, each once, roles first
    lines = text.split("\n")[1:]
    assert lines[: len(layout.shown)] == [
        f"• {i.line} — https://discord.com/channels/1/2/{100 + int(i.followup.id[1:])}"
        for i in layout.shown
    ]
    pinged = _pinged(text)
    wanted = list(dict.fromkeys(i.mention for i in layout.shown if i.mention is not None))
    assert sorted(pinged) == sorted(m.markup() for m in wanted) and len(set(pinged)) == len(pinged)
    assert list(layout.mentions) == sorted(wanted, key=lambda m: m.role_id is None)
    assert pinged == [m.markup() for m in layout.mentions]
    assert PINGS.findall("\n".join(lines)) == []  # a party's text never pings
    if layout.unshown:
        assert lines[-1] == f"• …and {len(layout.unshown)} more: see `/followup list`."
    else:
        assert len(lines) == len(items)
    assert digest_mentions(items, withheld=hidden, limit=limit)[0] == list(layout.mentions)
