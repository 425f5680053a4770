"""The card message from stored state: tallies, final verdicts, follow-ups, and its components
within Discord's limits for any number of claims."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import discord
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.models import (
    FollowUp,
    FollowUpState,
    GuildSettings,
    Stance,
    StoredCard,
    Vote,
    VoteChoice,
)
from bot.ui.card_message import card_message, page_start, picker_page
from bot.ui.components import CUSTOM_ID_LIMIT, parse_custom_id
from tests.factories import make_card
from tests.ui.test_render import assert_within_discord_limits

T0 = datetime(2025, 6, 17, 9, 0, tzinfo=UTC)
SETTINGS = GuildSettings(guild_id=1)


def stored(claims: int = 6, *, closed: bool = False) -> StoredCard:
    return StoredCard(
        id="k7abcdefgh", guild_id=1, canonical_url="https://news.example.com/story",
        card=make_card(claims=claims), created_at=T0, channel_id=2, message_id=3,
        voting_closed=closed,
    )


def votes(claim: str, *choices: VoteChoice) -> list[Vote]:
    return [Vote("k7abcdefgh", claim, 100 + i, c, T0 + timedelta(seconds=i))
            for i, c in enumerate(choices)]


def field_of(embed: discord.Embed, number: int) -> str:
    return next(f.value for f in embed.fields if f.name.startswith(f"{number}. "))


def rows(view: discord.ui.View) -> list[list[dict]]:
    return [row["components"] for row in view.to_components()]


def _reachable_by_pages(card, first_page: list[str]) -> list[str]:
    """The claim ids a member reaches from the card's picker, following "More claims…"."""
    reached, values = [], first_page
    for _ in range(len(card.claims)):  # a page holds at least one claim: bounded
        pages = [page_start(v) for v in values if page_start(v) is not None]
        reached += [v for v in values if page_start(v) is None]
        if not pages:
            break
        values = [c.value for c in picker_page(card, pages[0]).choices]
        assert len(values) <= 25
    return reached


@pytest.mark.parametrize("claims", [1, 3, 4, 5, 10, 28, 29, 30, 60, 200])
def test_components_fit_discords_limits_and_every_claim_can_be_voted_on(claims: int):
    card = stored(claims)
    embed, view = card_message(card, [], [], SETTINGS)
    assert_within_discord_limits(embed)
    assert view is not None
    layout = rows(view)
    assert len(layout) <= 5 and all(len(row) <= 5 for row in layout)
    ids = [c["custom_id"] for row in layout for c in row]
    assert all(len(i) <= CUSTOM_ID_LIMIT and parse_custom_id(i) for i in ids)
    voted = [parse_custom_id(i).claim_id for i in ids if i.startswith("claimdeck:vote:")]
    with_buttons = list(dict.fromkeys(voted))  # three verdict buttons per claim
    picked = [o["value"] for row in layout for c in row for o in c.get("options", [])]
    assert len(picked) <= 25
    reachable = with_buttons + _reachable_by_pages(card.card, picked)
    assert reachable == [c.id for c in card.card.claims]  # each once, in the card's order
    assert len(with_buttons) == (claims if claims <= 4 else 3)


@given(st.one_of(st.text(max_size=12), st.from_regex(r"\+[0-9]{0,8}", fullmatch=True)))
def test_only_a_plus_and_up_to_six_ascii_digits_is_a_page_of_claims(value: str):
    """A picked value is untrusted (a forged interaction can carry anything): it is a page,
    exactly as written, or a claim id for the claim lookup to refuse; it never raises."""
    start = page_start(value)
    digits = value[1:]
    is_page = value[:1] == "+" and 1 <= len(digits) <= 6 and all(c in "0123456789" for c in digits)
    assert (start is not None) == is_page
    assert start is None or start == int(digits)


def test_a_claim_id_is_never_read_as_a_page():
    assert [page_start(v) for v in ("c12", "12", "+", "+-1", "+1e3", "+²", "+0027", "+27")] == [
        None, None, None, None, None, None, 27, 27
    ]


def test_a_tally_shows_under_claims_with_votes_and_the_consensus_once_reached():
    ballots = votes("c1", VoteChoice.DUBIOUS, VoteChoice.DUBIOUS, VoteChoice.CREDIBLE)
    embed, _ = card_message(stored(), ballots + votes("c2", VoteChoice.UNCLEAR), [], SETTINGS)
    assert field_of(embed, 1).endswith(
        "🗳️ ✅ 1 · ❔ 0 · 🚩 2 — consensus: Dubious (2 of 3)"
    )
    assert field_of(embed, 2).endswith("🗳️ ✅ 0 · ❔ 1 · 🚩 0 — 1 vote, 3 needed for a verdict")
    assert "🗳️" not in field_of(embed, 3)  # nothing to count yet


def test_a_closed_card_shows_final_verdicts_and_disabled_buttons_with_the_verdict_coloured():
    ballots = votes("c1", VoteChoice.DUBIOUS, VoteChoice.DUBIOUS, VoteChoice.DUBIOUS)
    embed, view = card_message(stored(closed=True), ballots, [], SETTINGS)
    assert "Final verdict: Dubious (3 of 3)" in field_of(embed, 1)
    assert field_of(embed, 2).endswith("Final: no votes")
    assert "voting closed" in embed.footer.text
    layout = rows(view)
    first = {c["label"]: c for c in layout[0]}
    assert all(c["disabled"] for c in layout[0])
    assert first["1 · Dubious"]["style"] == discord.ButtonStyle.danger.value
    assert first["1 · Credible"]["style"] == discord.ButtonStyle.secondary.value
    assert [c["label"] for c in layout[-1]] == ["Reopen voting"]


def test_hidden_tallies_show_no_count_and_no_verdict_until_closed():
    hidden = dataclasses.replace(SETTINGS, hide_tallies=True, quorum=1)
    ballots = votes("c1", VoteChoice.CREDIBLE)
    embed, view = card_message(stored(), ballots, [], hidden)
    text = str(embed.to_dict())
    assert "Votes are hidden until voting closes." in text
    assert "✅ 1" not in text and "Credible" not in text
    assert all(c["style"] == discord.ButtonStyle.secondary.value
               for row in rows(view)[:3] for c in row)
    closed, _ = card_message(stored(closed=True), ballots, [], hidden)
    assert "Final verdict: Credible (1 of 1)" in field_of(closed, 1)


def test_follow_ups_replace_the_articles_pending_list_and_are_escaped():
    followup = FollowUp(
        id="f1", card_id="k7abcdefgh", guild_id=1, party="the **factory** @everyone",
        due_at=T0, created_at=T0, requested_by="Reuters",
    )
    answered = dataclasses.replace(followup, id="f2", state=FollowUpState.RESOLVED,
                                   resolved_at=T0)
    embed, _ = card_message(stored(), [], [followup, answered], SETTINGS)
    names = [f.name for f in embed.fields]
    assert "Follow-ups" in names and "Awaiting response" not in names
    value = next(f.value for f in embed.fields if f.name == "Follow-ups")
    assert "Awaiting the \\*\\*factory\\*\\* @\u200beveryone (asked by Reuters)" in value
    assert "Response received 2025-06-17" in value


def test_follow_up_lines_keep_discords_relative_times_and_link_the_answer():
    since = int(T0.timestamp())
    followup = FollowUp(
        id="f1", card_id="k7abcdefgh", guild_id=1, party="China's foreign ministry",
        due_at=T0 + timedelta(hours=24), created_at=T0, requested_by="Reuters <t:0:R>",
    )
    answered = dataclasses.replace(
        followup, id="f2", party="Orvane", state=FollowUpState.RESOLVED, resolved_at=T0,
        stance=Stance.DENIAL, resolution_url="https://news.example.com/answer",
    )
    embed, _ = card_message(stored(), [], [answered, followup], SETTINGS)
    lines = next(f.value for f in embed.fields if f.name == "Follow-ups").splitlines()
    assert lines[0].startswith("⏳ Awaiting China's foreign ministry (asked by Reuters ")
    assert "<t:0:R>" not in lines[0]  # markup from an article is neutralised...
    assert lines[0].endswith(  # ...and Claimdeck's own is kept
        f" · since <t:{since}:R> · next reminder <t:{since + 24 * 3600}:R>"
    )
    assert lines[1] == (
        "✅ Response received 2025-06-17: denial — https://news.example.com/answer"
    )


def test_a_card_without_claims_has_nothing_to_click():
    embed, view = card_message(stored(0), [], [], SETTINGS)
    assert view is None
    assert "No attributed claims found." in str(embed.to_dict())
