"""What /votes shows: ballots with reasons and links, under the guild's privacy settings."""

from __future__ import annotations

from bot.credibility import breakdown
from bot.models import VoteChoice
from tests.credibility.builders import ranked_card, settings, vote

CREDIBLE, UNCLEAR, DUBIOUS = VoteChoice.CREDIBLE, VoteChoice.UNCLEAR, VoteChoice.DUBIOUS
ME, ALICE, BOB = 1, 2, 3

ROWS = [
    vote("c1", BOB, DUBIOUS, 3, "The 20 is from 2019.", "https://example.org/report"),
    vote("c1", ALICE, CREDIBLE, 1, "Matches the ministry's data."),
    vote("c1", ME, DUBIOUS, 2),
    vote("c3", ALICE, UNCLEAR, 4),
]


def claim(result, claim_id: str):
    return next(c for c in result.claims if c.claim_id == claim_id)


def test_every_ballot_is_listed_with_its_reason_and_link_best_verdict_first() -> None:
    result = breakdown(ranked_card(), ROWS, settings(), closed=False, viewer_id=ME)
    assert not result.hidden
    assert [c.number for c in result.claims] == [1, 2, 3]
    ballots = claim(result, "c1").ballots
    assert [(b.member_id, b.choice) for b in ballots] == [
        (ALICE, CREDIBLE),
        (ME, DUBIOUS),
        (BOB, DUBIOUS),
    ]
    assert ballots[0].rationale == "Matches the ministry's data."
    assert ballots[2].rationale == "The 20 is from 2019."
    assert ballots[2].evidence_url == "https://example.org/report"
    assert [b.own for b in ballots] == [False, True, False]
    assert claim(result, "c2").ballots == ()


def test_hidden_names_keep_only_the_viewers_own_id() -> None:
    result = breakdown(
        ranked_card(), ROWS, settings(hide_voter_names=True), closed=True, viewer_id=ME
    )
    assert result.names_hidden
    assert [b.member_id for b in claim(result, "c1").ballots] == [None, ME, None]
    assert claim(result, "c1").ballots[2].rationale == "The 20 is from 2019."


def test_hidden_tallies_show_a_member_only_their_own_ballots_until_closing() -> None:
    hiding = settings(hide_tallies=True)
    open_view = breakdown(ranked_card(), ROWS, hiding, closed=False, viewer_id=ME)
    assert open_view.hidden
    assert [b.member_id for b in claim(open_view, "c1").ballots] == [ME]
    assert claim(open_view, "c3").ballots == ()
    nobody = breakdown(ranked_card(), ROWS, hiding, closed=False, viewer_id=None)
    assert all(c.ballots == () for c in nobody.claims)
    closed_view = breakdown(ranked_card(), ROWS, hiding, closed=True, viewer_id=ME)
    assert not closed_view.hidden
    assert len(claim(closed_view, "c1").ballots) == 3
