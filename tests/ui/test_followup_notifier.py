"""The notifier's pings and the digest's wording: exactly one id may be pinged, a digest never
names a withheld card and stays within Discord's 2,000 characters."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.following import DigestItem, Mention, digest_text
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
    assert digest_allowed(items).to_dict() == {"parse": [], "users": [5], "roles": [7]}


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
    text = digest_text(items, escape)
    allowed = digest_allowed(items).to_dict()
    named_users = {int(m) for m in re.findall(r"<@(\d+)>", text)}
    named_roles = {int(m) for m in re.findall(r"<@&(\d+)>", text)}
    assert {int(u) for u in allowed.get("users", [])} == named_users
    assert {int(r) for r in allowed.get("roles", [])} == named_roles == {7}
    assert len(text) <= 2000 and "(and " in text
