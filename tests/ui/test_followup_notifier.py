"""The notifier's pings and the digest's wording: exactly one id may be pinged, a digest never
names a withheld card and stays within Discord's 2,000 characters."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.following import DigestItem, Mention, digest_text
from bot.following.messages import digest_layout
from bot.models import FollowUp, StoredCard
from bot.ui.followup_notifier import allowed_for, digest_allowed, escape
from tests.factories import make_card

T0 = datetime(2025, 6, 16, 9, 0, tzinfo=UTC)


def item(n: int, party: str = "China's foreign ministry", mention: Mention | None = None,
         channel: int = 2) -> DigestItem:
    card = StoredCard(id=f"k{n}", guild_id=1, canonical_url=f"https://news.example/{n}",
                      card=make_card(), created_at=T0, channel_id=channel, message_id=100 + n)
    row = FollowUp(id=f"f{n}", card_id=card.id, guild_id=1, party=party, due_at=T0,
                   created_at=T0)
    return DigestItem(card, row, 3, mention, f"Awaiting {party} · 3 reminders missed")


def test_a_reminder_may_ping_exactly_its_one_member_or_role() -> None:
    assert allowed_for(Mention(role_id=7)).to_dict() == {"parse": [], "roles": [7]}
    assert allowed_for(Mention(user_id=5)).to_dict() == {"parse": [], "users": [5]}
    assert allowed_for(None).to_dict() == {"parse": []}


def test_a_digest_pings_each_named_role_and_member_once() -> None:
    items = [item(1, mention=Mention(role_id=7)), item(2, mention=Mention(role_id=7)),
             item(3, mention=Mention(user_id=5))]
    allowed = digest_allowed(digest_layout(items, escape))
    assert allowed.to_dict() == {"parse": [], "users": [5], "roles": [7]}


def test_withheld_cards_are_counted_never_named() -> None:
    text = digest_text([item(1)], escape, withheld=[item(2, party="Secret Ministry", channel=9)])
    assert "Secret Ministry" not in text and "/9/" not in text
    assert text.endswith("• …and 1 more: see `/followup list`.")


def test_a_long_digest_stays_within_discords_limit_and_says_how_many_more() -> None:
    items = [item(n, party=f"Ministry number {n} " + "x" * 60) for n in range(100)]
    text = digest_text(items, escape)
    assert len(text) <= 2000
    shown = text.count("\n• Awaiting")
    assert text.endswith(f"• …and {100 - shown} more: see `/followup list`.") and shown > 5


def test_article_text_cannot_ping_or_format() -> None:
    assert escape("@everyone **bold** <t:0:R>") == "@\u200beveryone \\*\\*bold\\*\\* ‹t:0:R>"


def test_a_digest_may_ping_exactly_whom_its_text_names_however_many_assignees() -> None:
    items = [item(n, mention=Mention(user_id=1000 + n)) for n in range(150)]
    items.append(item(999, mention=Mention(role_id=7)))
    layout = digest_layout(items, escape)
    allowed = digest_allowed(layout).to_dict()
    named_users = {int(m) for m in re.findall(r"<@(\d+)>", layout.text)}
    named_roles = {int(m) for m in re.findall(r"<@&(\d+)>", layout.text)}
    assert {int(u) for u in allowed.get("users", [])} == named_users
    assert {int(r) for r in allowed.get("roles", [])} == named_roles == set()  # its line: cut
    assert named_users == {m.user_id for m in layout.mentions}
    assert named_users == {i.mention.user_id for i in layout.shown if i.mention is not None}
    assert len(layout.text) <= 2000 and layout.text.endswith(
        f"• …and {len(layout.unshown)} more: see `/followup list`."
    )


_MENTIONS = st.one_of(
    st.none(),
    st.builds(lambda n: Mention(user_id=n), st.integers(1, 10**19)),
    st.builds(lambda n: Mention(role_id=n), st.integers(1, 10**19)),
    st.builds(lambda n: Mention(user_id=n), st.integers(1, 3)),
)


@settings(max_examples=200, deadline=None)
@given(
    shown=st.lists(st.tuples(_MENTIONS, st.text(max_size=400)), max_size=120),
    withheld=st.lists(_MENTIONS, max_size=20),
)
def test_allowed_mentions_are_exactly_whom_the_posted_text_pings(shown, withheld) -> None:
    """Whatever the parties say (``<@1>`` included): Discord may ping exactly the roles and
    members whose markup the digest carries, and those are the shown lines' own."""
    items = [item(n, party, mention) for n, (mention, party) in enumerate(shown)]
    hidden = [item(1000 + n, mention=mention, channel=9) for n, mention in enumerate(withheld)]
    layout = digest_layout(items, escape, withheld=hidden)
    allowed = digest_allowed(layout).to_dict()
    assert allowed["parse"] == [] and len(layout.text) <= 2000
    users = [int(m) for m in re.findall(r"<@(\d+)>", layout.text)]
    roles = [int(m) for m in re.findall(r"<@&(\d+)>", layout.text)]
    assert sorted(int(u) for u in allowed.get("users", [])) == sorted(users)
    assert sorted(int(r) for r in allowed.get("roles", [])) == sorted(roles)
    assert set(users) | set(roles) == {
        i.mention.user_id or i.mention.role_id for i in layout.shown if i.mention is not None
    }
