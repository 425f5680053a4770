"""Counting votes: consensus under quorum and threshold, final verdicts, hidden tallies."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from bot.credibility import (
    VotingRules,
    agreement_percent,
    counts_hidden,
    tally,
    tally_line,
    tally_stored,
    visible_tally,
)
from bot.models import VoteChoice
from tests.credibility.builders import ranked_card, settings, stored, vote, votes

CREDIBLE, UNCLEAR, DUBIOUS = VoteChoice.CREDIBLE, VoteChoice.UNCLEAR, VoteChoice.DUBIOUS


def claim(result, claim_id: str = "c1"):
    found = result.for_claim(claim_id)
    assert found is not None
    return found


def test_two_of_three_agreeing_is_a_consensus_at_the_default_rules() -> None:
    result = claim(tally(ranked_card(), votes("c1", CREDIBLE, CREDIBLE, DUBIOUS), settings()))
    assert (result.count(CREDIBLE), result.count(UNCLEAR), result.count(DUBIOUS)) == (2, 0, 1)
    assert result.total == 3
    assert result.consensus is CREDIBLE
    assert tally_line(result).endswith("consensus: Credible (2 of 3)")


def test_no_consensus_below_the_quorum_even_when_unanimous() -> None:
    result = claim(tally(ranked_card(), votes("c1", DUBIOUS, DUBIOUS), settings()))
    assert result.consensus is None
    assert not result.quorum_reached
    assert tally_line(result).endswith("2 votes, 3 needed for a verdict")


def test_no_consensus_when_the_top_verdict_falls_short_of_the_threshold() -> None:
    three_of_five = votes("c1", CREDIBLE, CREDIBLE, CREDIBLE, DUBIOUS, DUBIOUS)
    result = claim(tally(ranked_card(), three_of_five, settings()))
    assert result.quorum_reached
    assert result.consensus is None
    assert tally_line(result).endswith("no consensus yet (5 votes)")


def test_a_tie_is_never_a_consensus() -> None:
    half = settings(consensus_threshold=0.5)
    tied = claim(tally(ranked_card(), votes("c1", CREDIBLE, CREDIBLE, DUBIOUS, DUBIOUS), half))
    assert tied.consensus is None
    split = claim(tally(ranked_card(), votes("c1", CREDIBLE, CREDIBLE, DUBIOUS, UNCLEAR), half))
    assert split.consensus is CREDIBLE


def test_the_guilds_quorum_and_threshold_apply() -> None:
    one_voice = settings(quorum=1, consensus_threshold=1.0)
    assert claim(tally(ranked_card(), votes("c1", UNCLEAR), one_voice)).consensus is UNCLEAR
    mixed = votes("c1", UNCLEAR, UNCLEAR, UNCLEAR, DUBIOUS)
    assert claim(tally(ranked_card(), mixed, one_voice)).consensus is None
    assert claim(tally(ranked_card(), mixed, settings(consensus_threshold=0.75))).consensus is (
        UNCLEAR
    )


def test_nonsensical_rules_never_make_a_verdict_out_of_nothing() -> None:
    card = ranked_card()
    assert claim(tally(card, [], settings(quorum=0, consensus_threshold=0))).consensus is None
    assert claim(tally(card, votes("c1", DUBIOUS), settings(quorum=0))).consensus is DUBIOUS
    # A threshold above 1 means unanimity, not "never".
    unanimous = votes("c1", DUBIOUS, DUBIOUS, DUBIOUS)
    assert claim(tally(card, unanimous, settings(consensus_threshold=5))).consensus is DUBIOUS
    nan = settings(consensus_threshold=float("nan"))
    assert claim(tally(card, votes("c1", DUBIOUS, DUBIOUS, CREDIBLE), nan)).consensus is DUBIOUS


def test_a_member_counts_once_per_claim_with_their_latest_vote() -> None:
    rows = [vote("c1", 7, CREDIBLE, 0), vote("c1", 7, DUBIOUS, 5), vote("c1", 7, UNCLEAR, 1)]
    result = claim(tally(ranked_card(), rows, settings()))
    assert result.total == 1
    assert result.count(DUBIOUS) == 1


def test_each_claim_is_counted_on_its_own_and_stale_claims_are_ignored() -> None:
    rows = [*votes("c1", DUBIOUS, DUBIOUS, DUBIOUS), vote("c3", 1, CREDIBLE)]
    rows.append(vote("c9", 1, UNCLEAR))
    result = tally(ranked_card(), rows, settings())
    assert [c.claim_id for c in result.claims] == ["c3", "c1", "c2"]
    assert [c.number for c in result.claims] == [1, 2, 3]
    assert [c.total for c in result.claims] == [1, 3, 0]
    assert result.total == 4
    assert result.for_claim("c9") is None


def test_twenty_members_voting_at_the_same_moment_count_exactly() -> None:
    rows = [vote("c1", member, DUBIOUS) for member in range(20)]
    result = claim(tally(ranked_card(), rows, settings()))
    assert result.count(DUBIOUS) == 20
    assert result.consensus is DUBIOUS


def test_closing_turns_the_consensus_into_the_final_verdict() -> None:
    rows = [*votes("c1", DUBIOUS, DUBIOUS, UNCLEAR), *votes("c3", CREDIBLE, DUBIOUS)]
    result = tally_stored(stored(closed=True), rows, settings())
    assert result.closed
    agreed, split, empty = claim(result, "c1"), claim(result, "c3"), claim(result, "c2")
    assert agreed.final is DUBIOUS
    assert agreed.verdict_label == "Dubious"
    assert tally_line(agreed).startswith("Final verdict: Dubious (2 of 3)")
    assert split.final is None
    assert split.verdict_label == "No consensus"
    assert tally_line(split).startswith("Final: no consensus (2 votes)")
    assert tally_line(empty) == "Final: no votes"


def test_an_open_card_has_no_final_verdict_yet() -> None:
    rows = votes("c1", DUBIOUS, DUBIOUS, DUBIOUS)
    result = claim(tally_stored(stored(), rows, settings()))
    assert result.consensus is DUBIOUS
    assert result.final is None
    assert claim(tally_stored(stored(), [], settings())).verdict_label is None


def test_hidden_tallies_show_nothing_until_voting_closes() -> None:
    rows = votes("c1", DUBIOUS, DUBIOUS, DUBIOUS)
    hiding = settings(hide_tallies=True)
    assert counts_hidden(hiding, closed=False)
    assert not counts_hidden(hiding, closed=True)
    assert not counts_hidden(settings(), closed=False)

    shown = visible_tally(tally(ranked_card(), rows, hiding), hiding)
    assert shown.hidden
    hidden_claim = claim(shown)
    assert hidden_claim.total == 0
    assert hidden_claim.consensus is None
    assert tally_line(hidden_claim) == "Votes are hidden until voting closes."

    closed = visible_tally(tally(ranked_card(), rows, hiding, closed=True), hiding)
    assert not closed.hidden
    assert claim(closed).final is DUBIOUS


def test_visible_tally_leaves_an_open_tally_alone_when_the_guild_shows_counts() -> None:
    result = tally(ranked_card(), votes("c1", DUBIOUS), settings())
    assert visible_tally(result, settings()) is result


@given(percent=st.integers(50, 100), top=st.integers(1, 300), rest=st.integers(0, 300))
def test_a_whole_percent_agreement_is_met_as_shares_are_shown(
    percent: int, top: int, rest: int
) -> None:
    # /settings voting stores a whole percent; a share meets it when it reads as at least that
    # percent rounded to a whole one (2 of 3 reads 67 %), and 100 % is every vote
    threshold = VotingRules.of(settings(consensus_threshold=percent / 100)).threshold
    share = Fraction(top, top + rest)
    shown = math.floor(share * 100 + Fraction(1, 2))
    expected = share == 1 if percent == 100 else shown >= percent
    assert (share >= threshold) is expected
    assert agreement_percent(threshold) == percent


@given(top=st.integers(1, 99), rest=st.integers(0, 99))
def test_agreement_67_decides_every_tally_like_the_default_two_thirds(top: int, rest: int) -> None:
    # exact for fewer than 200 votes on a claim (a share in [66.5 %, 2/3) needs 200 or more)
    default = VotingRules.of(settings()).threshold
    set_67 = VotingRules.of(settings(consensus_threshold=0.67)).threshold
    share = Fraction(top, top + rest)
    assert (share >= default) is (share >= set_67)
    assert agreement_percent(default) == agreement_percent(set_67) == 67
