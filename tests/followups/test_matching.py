"""A new card that answers an open follow-up is proposed; anything else is not."""

from __future__ import annotations

import statistics
import time

import pytest

from bot.followups.matching import DEFAULT_THRESHOLD, is_possible_response, match_card
from bot.followups.subjects import stem, subject_overlap
from bot.models import FollowUpState
from tests.followups.helpers import (
    RESPONSE_SENTENCE,
    defence_ministry_card,
    followup,
    other_story_card,
    response_card,
    seed_card,
)


def test_the_ministrys_denial_is_a_possible_response_with_its_stance() -> None:
    match = is_possible_response(followup(), seed_card(), response_card(), candidate_id="resp")
    assert match is not None
    assert (match.followup_id, match.original_card_id, match.candidate_card_id) == (
        "f1", "seed", "resp"
    )
    assert match.party == "China's foreign ministry"
    assert match.stance == "denial"
    assert match.sentence == RESPONSE_SENTENCE
    assert match.overlap >= DEFAULT_THRESHOLD


def test_a_named_spokesperson_of_the_ministry_counts_as_the_ministry() -> None:
    card = response_card()
    only_claims = type(card)(article=card.article, summary=card.summary, entities=card.entities,
                             claims=card.claims)  # no Response: Lin Jian's claim must do
    match = is_possible_response(followup(), seed_card(), only_claims, candidate_id="resp")
    assert match is not None
    assert match.stance is None
    assert "Lin Jian" in match.party and "groundless" in match.sentence


def test_the_same_ministry_on_another_subject_is_not_proposed() -> None:
    assert subject_overlap(seed_card(), other_story_card()) < DEFAULT_THRESHOLD
    assert is_possible_response(followup(), seed_card(), other_story_card(),
                                candidate_id="taiwan") is None


def test_another_ministry_on_the_same_subject_is_not_proposed() -> None:
    assert subject_overlap(seed_card(), defence_ministry_card()) >= DEFAULT_THRESHOLD
    assert is_possible_response(followup(), seed_card(), defence_ministry_card(),
                                candidate_id="defence") is None


def test_the_seed_card_does_not_answer_itself() -> None:
    assert is_possible_response(followup(), seed_card(), seed_card(), candidate_id="seed") is None


def test_a_pair_is_never_proposed_twice_nor_after_not_related() -> None:
    for row in (followup(dismissed_card_ids=("resp",)), followup(proposed_card_ids=("resp",))):
        assert is_possible_response(row, seed_card(), response_card(), candidate_id="resp") is None
    other = followup(dismissed_card_ids=("someone-else",))
    assert is_possible_response(other, seed_card(), response_card(), candidate_id="resp")


def test_resolved_and_closed_follow_ups_take_no_proposals() -> None:
    for state in (FollowUpState.RESOLVED, FollowUpState.CLOSED):
        row = followup(state=state)
        assert is_possible_response(row, seed_card(), response_card(), candidate_id="r") is None


def test_a_stricter_threshold_refuses_a_looser_overlap() -> None:
    overlap = subject_overlap(seed_card(), response_card())
    assert is_possible_response(followup(), seed_card(), response_card(), overlap + 0.01,
                                candidate_id="resp") is None


def test_match_card_finds_the_follow_ups_it_answers_best_first() -> None:
    cards = {"seed": seed_card(), "taiwan": other_story_card()}
    rows = [
        followup(id="seed-fm"),
        followup(id="seed-defence", party="China's defence ministry"),
        followup(id="taiwan-fm", card_id="taiwan"),
        followup(id="orphan", card_id="deleted-card"),
        followup(id="resolved", state=FollowUpState.RESOLVED),
        followup(id="lin", party="Lin Jian"),
        followup(id="kyiv", party="Ukraine's foreign ministry"),
    ]
    matches = match_card("resp", response_card(), rows, cards)
    assert [m.followup_id for m in matches] == ["lin", "seed-fm"]  # same overlap: by id
    assert all(m.candidate_card_id == "resp" for m in matches)


def test_key_terms_meet_across_word_forms_and_spellings() -> None:
    for a, b in [("allegations", "alleged"), ("accused", "accusations"), ("supplying", "supplies"),
                 ("specialised", "specialized"), ("sanctions", "sanctioned"),
                 ("factories", "factory")]:
        assert stem(a) == stem(b), (a, b)
    assert stem("serious") != stem("seri")


@pytest.mark.timed
def test_matching_against_ten_thousand_follow_ups_is_cheap() -> None:
    """The benchmark's shape: 10,000 open follow-ups, most for other parties."""
    seed = seed_card()
    cards = {f"card{n}": seed for n in range(100)}
    parties = ["Orvane", "Taiwan's foreign ministry", "the Pentagon", "Kremlin spokesman",
               "Tesla", "Israel's defence ministry", "the Saudi foreign ministry", "Lin Jian"]
    rows = [
        followup(id=f"f{n}", card_id=f"card{n % 100}", guild_id=n % 100,
                 party=parties[n % len(parties)] if n % 50 else "China's foreign ministry")
        for n in range(10_000)
    ]
    candidate = response_card()
    match_card("resp", candidate, rows, cards)  # warm the caches, as a running bot would be
    timings = []
    for _ in range(15):
        started = time.perf_counter()
        found = match_card("resp", candidate, rows, cards)
        timings.append(time.perf_counter() - started)
    assert len(found) == 200 + 1250  # the ministry's rows and Lin Jian's
    assert statistics.median(timings) < 0.25  # generous for a loaded CI box; bench/ has figures
