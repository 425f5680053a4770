"""The private answers: member text escaped, links inert, every limit kept however much there is."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.credibility import breakdown, history, tally, visible_tally
from bot.models import Event, EventKind, GuildSettings, StoredCard, Vote, VoteChoice
from bot.ui.answers import ballot_line, history_embed, link_markup, votes_embed, why_picker
from bot.ui.render import DESCRIPTION_LIMIT
from tests.factories import make_card
from tests.test_safe_text import RENDERED
from tests.ui.test_render import assert_within_discord_limits

T0 = datetime(2025, 6, 17, 9, 0, tzinfo=UTC)
SETTINGS = GuildSettings(guild_id=1)
INERT_LINK = re.compile(r"<[A-Za-z0-9:/?#\[\]@!$&'()*+,;=%._~-]*>")


def stored(claims: int = 3) -> StoredCard:
    return StoredCard("k7", 1, "https://news.example.com/story", make_card(claims=claims), T0,
                      channel_id=2, message_id=3)


@given(st.text(min_size=1, max_size=200))
def test_any_link_is_shown_inert_and_whole(url: str) -> None:
    shown = link_markup(url)
    assert INERT_LINK.fullmatch(shown), shown  # nothing can end it early or start markup


def test_a_rationale_with_markup_and_mentions_is_escaped():
    vote = Vote("k7", "c1", 5, VoteChoice.DUBIOUS, T0,
                "**Fake** @everyone <@&123456789012345678> <t:0:R>\nsee `code`",
                "https://example.org/a b>c")
    [claim] = [c for c in breakdown(stored().card, [vote], SETTINGS, closed=False,
                                    viewer_id=None).claims if c.ballots]
    line = ballot_line(claim.ballots[0])
    assert line.startswith("🚩 Dubious · <@5> · “")
    assert "**Fake**" not in line and "@everyone" not in line
    said, link = line.rsplit(" · ", 1)
    assert not RENDERED.search(said.replace("<@5>", ""))  # the voter's own mention aside
    assert link == "<https://example.org/a%20b%3Ec>"  # the one markup: an inert link


def test_votes_of_a_huge_card_fit_one_embed():
    card = stored(claims=30)
    link = "https://example.org/" + "p" * 200
    votes = [
        Vote("k7", f"c{c}", m, VoteChoice.CREDIBLE, T0, "x" * 300, link)
        for c in range(1, 31) for m in range(20)
    ]
    ballots = breakdown(card.card, votes, SETTINGS, closed=False, viewer_id=None)
    shown = visible_tally(tally(card.card, votes, SETTINGS), SETTINGS)
    embed = votes_embed(card, ballots, shown)
    assert_within_discord_limits(embed)
    assert "more claims did not fit" in embed.footer.text


def test_history_keeps_the_newest_events_that_fit():
    events = [Event("k7", EventKind.VOTE_CAST, T0 + timedelta(seconds=i), 1000 + i,
                    {"claim_id": "c1", "choice": "credible"}) for i in range(300)]
    embed = history_embed(stored(), history(events, stored().card))
    lines = embed.description.splitlines()
    assert len(embed.description) <= DESCRIPTION_LIMIT
    assert lines[0].endswith("earlier events not shown.")
    assert lines[-1].endswith("<@1299> voted Credible on claim 1")


def test_why_pages_a_members_votes_when_a_picker_cannot_hold_them_all():
    card = stored(claims=30)
    votes = [Vote("k7", f"c{n}", 5, VoteChoice.CREDIBLE, T0 + timedelta(minutes=n))
             for n in range(27, 0, -1)]
    question, view = why_picker(card, votes)
    [picker] = view.children
    values = [o.value for o in picker.item.options]
    assert len(values) == 25 and values[:24] == [f"c{n}" for n in range(1, 25)]
    assert values[24].startswith("+") and "25–27" in picker.item.options[24].label
    assert "Which vote do you want to explain?" in question
    question, view = why_picker(card, votes, start=int(values[24][1:]))
    [picker] = view.children
    assert [o.value for o in picker.item.options] == ["c25", "c26", "c27"]
    assert question.startswith("Your votes 25–27 of 27")


def test_why_lists_every_vote_when_they_fit():
    votes = [Vote("k7", f"c{n}", 5, VoteChoice.DUBIOUS, T0 + timedelta(minutes=n))
             for n in (3, 1)]
    _, view = why_picker(stored(claims=3), votes)
    [picker] = view.children
    assert [o.value for o in picker.item.options] == ["c1", "c3"]
    assert "More" not in " ".join(o.label for o in picker.item.options)
