"""Re-checking the original article: what changed, and how long to wait after failures."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.followups.recheck import (
    MAX_BACKOFF,
    RecheckOutcome,
    backoff,
    page_digest,
    recheck,
    recheck_outcome,
)
from bot.models import PendingResponse, Response, ResponseStatus, Stance
from tests.followups.helpers import SEED_PENDING, followup, response_card, seed_card

PAGE = "Ukraine’s intelligence service accused China.\n\n" + SEED_PENDING + "\nMore text."


def test_the_same_sentence_on_the_page_is_unchanged() -> None:
    assert recheck_outcome(followup(), SEED_PENDING, PAGE) is RecheckOutcome.UNCHANGED
    reflowed = PAGE.replace("’", "'").replace(" but has", "\n  but has")
    assert recheck_outcome(followup(), SEED_PENDING, reflowed) is RecheckOutcome.UNCHANGED


def test_a_removed_sentence_is_gone() -> None:
    page = PAGE.replace(SEED_PENDING, "")
    assert recheck_outcome(followup(), SEED_PENDING, page) is RecheckOutcome.SENTENCE_GONE


def test_a_reworded_sentence_is_changed_and_quoted() -> None:
    new = ("Reuters has reached out to China’s foreign ministry for an official response; the "
           "ministry declined to comment.")
    result = recheck(followup(), SEED_PENDING, PAGE.replace(SEED_PENDING, new))
    assert (result.outcome, result.sentence) == (RecheckOutcome.SENTENCE_CHANGED, new)


def test_a_new_declined_comment_for_the_party_is_a_change() -> None:
    declined = "A spokesperson for China's foreign ministry declined to comment on the report."
    card = seed_card()
    card = replace(card, article=replace(card.article, text=declined),
                   pending_responses=(PendingResponse("China's foreign ministry", None,
                                                      ResponseStatus.DECLINED, declined),))
    result = recheck(followup(), SEED_PENDING, card, old_card=seed_card())
    assert (result.outcome, result.sentence) == (RecheckOutcome.SENTENCE_CHANGED, declined)


def test_a_response_by_the_party_on_the_page_is_found_with_its_stance() -> None:
    card = seed_card()
    answer = response_card().responses[0]
    updated = replace(card, responses=(*card.responses, answer))
    result = recheck(followup(), SEED_PENDING, updated, old_card=card)
    assert result.outcome is RecheckOutcome.RESPONSE_FOUND
    assert (result.sentence, result.stance) == (answer.sentence, "denial")


def test_responses_already_on_the_page_are_not_new() -> None:
    card = seed_card()
    by_ministry = Response("China's foreign ministry", Stance.DENIAL, "old", "An old denial.")
    card = replace(card, responses=(by_ministry,))
    assert recheck_outcome(followup(), SEED_PENDING, card, old_card=card) is (
        RecheckOutcome.UNCHANGED
    )


def test_another_partys_response_is_not_the_answer() -> None:
    card = seed_card()  # China (the government) dismissed earlier claims: not the ministry
    assert recheck_outcome(followup(), SEED_PENDING, card) is RecheckOutcome.UNCHANGED


def test_a_follow_up_added_by_hand_has_no_sentence_to_lose() -> None:
    assert recheck_outcome(followup(sentence=None), "", "Any page at all.") is (
        RecheckOutcome.UNCHANGED
    )


def test_the_digest_ignores_whitespace_but_not_words() -> None:
    assert page_digest("A  story\r\nabout\tthings ") == page_digest("A story about things")
    assert page_digest("A story") != page_digest("A history")
    assert len(page_digest("")) == 64


@settings(deadline=None)
@given(st.text(max_size=300))
def test_the_digest_is_stable(text: str) -> None:
    assert page_digest(text) == page_digest(" " + text.replace(" ", "  ") + "\n")


def test_backoff_doubles_from_the_guilds_interval_up_to_a_week() -> None:
    assert [backoff(n, 6) for n in range(6)] == [
        timedelta(hours=h) for h in (6, 12, 24, 48, 96, 168)
    ]
    assert backoff(50, 6) == MAX_BACKOFF
    assert backoff(-3, 6) == timedelta(hours=6)


@settings(deadline=None)
@given(st.integers(-10, 10**9), st.floats(allow_nan=True, allow_infinity=True))
def test_backoff_is_bounded_for_any_input(failures: int, base: float) -> None:
    wait = backoff(failures, base)
    assert timedelta(hours=1) <= wait <= MAX_BACKOFF
    assert backoff(failures + 1, base) >= wait
