"""Verdict labels and ratings, what a click does, the private answers, and claim numbers."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.credibility import (
    VERDICTS,
    ClickAction,
    acknowledgement,
    claim_at,
    claim_number,
    claim_numbers,
    decide_click,
    emoji,
    label,
    rating,
    voting_claims,
)
from bot.models import VoteChoice
from tests.credibility.builders import T0, ranked_card, vote

CREDIBLE, UNCLEAR, DUBIOUS = VoteChoice.CREDIBLE, VoteChoice.UNCLEAR, VoteChoice.DUBIOUS


def test_each_verdict_has_a_label_an_emoji_and_a_rating_from_best_to_worst() -> None:
    assert [label(c) for c in VERDICTS] == ["Credible", "Unclear", "Dubious"]
    assert len({emoji(c) for c in VERDICTS}) == 3
    assert [rating(c)["ratingValue"] for c in VERDICTS] == [3, 2, 1]
    assert rating(DUBIOUS) == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 3,
        "worstRating": 1,
        "alternateName": "Dubious",
    }


def test_a_first_click_casts_a_vote() -> None:
    assert decide_click(None, DUBIOUS, T0) is ClickAction.CAST


def test_another_verdict_changes_the_vote_even_straight_away() -> None:
    current = vote("c1", 1, CREDIBLE)
    assert decide_click(current, DUBIOUS, T0 + timedelta(milliseconds=100)) is ClickAction.CHANGE


def test_the_same_verdict_again_takes_the_vote_back() -> None:
    current = vote("c1", 1, DUBIOUS)
    assert decide_click(current, DUBIOUS, T0 + timedelta(seconds=30)) is ClickAction.RETRACT
    # The window is half-open: two seconds after casting is a deliberate second click.
    assert decide_click(current, DUBIOUS, T0 + timedelta(seconds=2)) is ClickAction.RETRACT


def test_a_double_click_keeps_the_vote() -> None:
    current = vote("c1", 1, DUBIOUS)
    assert decide_click(current, DUBIOUS, T0 + timedelta(milliseconds=300)) is ClickAction.KEEP
    assert decide_click(current, DUBIOUS, T0 + timedelta(seconds=1.99)) is ClickAction.KEEP


def test_a_click_handled_before_the_vote_it_would_undo_is_part_of_the_double_click() -> None:
    current = vote("c1", 1, DUBIOUS, seconds=1)
    assert decide_click(current, DUBIOUS, T0) is ClickAction.KEEP


def test_the_double_click_window_is_adjustable_and_naive_times_count_as_utc() -> None:
    current = vote("c1", 1, UNCLEAR)
    naive_now = datetime(2025, 6, 17, 9, 0, 5)
    assert decide_click(current, UNCLEAR, naive_now) is ClickAction.RETRACT
    window = timedelta(seconds=10)
    assert decide_click(current, UNCLEAR, naive_now, window) is ClickAction.KEEP


@pytest.mark.parametrize(
    ("action", "previous", "sentence"),
    [
        (ClickAction.CAST, None, "Your vote on claim 2: Dubious — click again to take it back."),
        (
            ClickAction.CHANGE,
            CREDIBLE,
            "You changed your vote on claim 2 from Credible to Dubious.",
        ),
        (ClickAction.RETRACT, None, "Your vote on claim 2 is withdrawn."),
        (ClickAction.KEEP, None, "Your vote on claim 2 (Dubious) was already counted."),
    ],
)
def test_every_click_gets_a_private_sentence(
    action: ClickAction, previous: VoteChoice | None, sentence: str
) -> None:
    assert acknowledgement(action, 2, DUBIOUS, previous) == sentence


def test_people_see_a_claims_place_on_the_card_not_its_id() -> None:
    card = ranked_card()  # listed c3, c1, c2
    assert claim_number(card, "c3") == 1
    assert claim_number(card, "c1") == 2
    assert claim_number(card, "c2") == 3
    assert claim_number(card, "c9") is None
    assert claim_numbers(card) == {"c3": 1, "c1": 2, "c2": 3}
    assert claim_at(card, 2) is card.claim("c1")
    assert claim_at(card, 0) is None
    assert claim_at(card, 4) is None


def test_buttons_go_to_the_best_ranked_claims() -> None:
    card = ranked_card()
    assert [c.id for c in voting_claims(card, 2)] == ["c3", "c1"]
    assert [c.id for c in voting_claims(card)] == ["c3", "c1", "c2"]
    assert voting_claims(card, 10) == card.claims
    assert voting_claims(card, -1) == ()
