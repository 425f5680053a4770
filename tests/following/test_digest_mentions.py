"""Whom a digest pings: only the people and roles of the lines it names (never the assignee of a
card withheld from the digest's channel), and never so many that the message passes Discord's
2,000 characters."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.following.messages import digest_mentions, digest_text
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


def test_a_hundred_assignees_keep_the_digest_within_discords_limit() -> None:
    items = [item(n, Mention(user_id=10**18 + n)) for n in range(120)]
    items.append(item(999, Mention(role_id=7)))
    text = digest_text(items)
    assert len(text) <= 2000
    head = text.splitlines()[0]
    pinged, cut = digest_mentions(items)
    assert PINGS.findall(head) == [m.markup() for m in pinged]
    assert pinged[0] == Mention(role_id=7)  # the reviewers first: they see every line
    assert cut > 0 and f"(and {cut} more)" in head
    assert len(pinged) + cut == 121
    assert text.count("\n• Awaiting") >= 5  # room is left for the lines themselves


_MENTIONS = st.one_of(
    st.none(),
    st.builds(lambda n: Mention(user_id=n), st.integers(1, 10**19)),
    st.builds(lambda n: Mention(role_id=n), st.integers(1, 10**19)),
)
_PARTIES = st.text(st.characters(codec="utf-8", exclude_characters="<>\r\n"), max_size=300)


@settings(max_examples=200, deadline=None)
@given(
    shown=st.lists(st.tuples(_MENTIONS, _PARTIES), max_size=150),
    withheld=st.lists(_MENTIONS, max_size=30),
)
def test_every_ping_is_of_a_named_line_and_the_message_is_valid(shown, withheld) -> None:
    items = [item(n, mention, party=party) for n, (mention, party) in enumerate(shown)]
    hidden = [item(1000 + n, mention, channel=9) for n, mention in enumerate(withheld)]
    text = digest_text(items, withheld=hidden)
    assert len(text) <= 2000
    allowed, _ = digest_mentions(items)
    assert set(PINGS.findall(text)) == {m.markup() for m in allowed}
    assert len(PINGS.findall(text)) == len(allowed)  # each once
    named = {i.mention for i in items if i.mention is not None}
    assert set(allowed) <= named  # a withheld card's assignee is never pinged
