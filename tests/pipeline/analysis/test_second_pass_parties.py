"""Issue 11, pattern 4: awaited parties are exact spans of the article, one per coordinated
item, never a name the text does not contain ("Lund's co", "Representatives for Lyft")."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.models import ResponseStatus
from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import requests_in


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Ms. Lund and her co-founder, Piet Aro, declined to comment.",
            ["Ms. Lund", "Piet Aro"],
        ),
        (
            "Spokespeople for the mayor and the council did not respond to requests for comment.",
            ["Spokespeople for the mayor", "the council"],
        ),
        (
            "Representatives for Uber and Lyft did not immediately respond to emails seeking "
            "comment.",
            ["Representatives for Uber", "Lyft"],
        ),
        (
            "The club, the league and the players' union all declined to comment.",
            ["The club", "the league", "the players' union"],
        ),
        (
            "Neither Ms. Osei nor her attorney responded to messages seeking comment on Friday.",
            ["Ms. Osei", "her attorney"],
        ),
        (
            "Mr. Hale, a lawyer for the city, did not respond to a request for comment.",
            ["Mr. Hale"],
        ),
        (
            "Halvorsen's chief executive, Mira Dahl, declined to comment.",
            ["Mira Dahl"],
        ),
        (
            "Mr. Vance's office and the White House did not immediately respond to requests for "
            "comment.",
            ["Mr. Vance's office", "White House"],
        ),
    ],
)
def test_each_coordinated_party_is_its_own_span(
    analyzer: Analyzer, text: str, parties: list[str]
) -> None:
    found = requests_in(analyzer, text)
    assert [party for party, _ in found] == parties
    assert all(party in text for party, _ in found)


def test_a_pronoun_party_resolves_to_a_name_written_in_the_article(analyzer: Analyzer) -> None:
    text = "Piet Aro founded the company in 2019. He did not respond to a request for comment."
    assert requests_in(analyzer, text) == [("Piet Aro", ResponseStatus.PENDING)]


def test_a_described_party_resolves_only_to_a_name_in_the_article(analyzer: Analyzer) -> None:
    text = (
        "Halden Savings Bank reported a loss of $40 million. The bank did not respond to a "
        "request for comment."
    )
    assert requests_in(analyzer, text) == [("Halden Savings Bank", ResponseStatus.PENDING)]


def test_the_objects_of_a_failed_request_are_split_too(analyzer: Analyzer) -> None:
    text = "Efforts to reach the ministry and the regulator for comment were unsuccessful."
    assert [p for p, _ in requests_in(analyzer, text)] == ["the ministry", "the regulator"]


PARTIES = st.sampled_from(
    [
        "Ms. Lund",
        "her co-founder, Piet Aro,",
        "the council",
        "Spokespeople for the mayor",
        "Uber",
        "the players' union",
        "a lawyer for Mr. Hale",
        "Officials at the ministry",
        "the Kremlin",
        "his office",
    ]
)
REFUSALS = st.sampled_from(
    [
        "declined to comment.",
        "did not respond to requests for comment.",
        "could not be reached for comment.",
        "did not return calls seeking comment.",
    ]
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parties=st.lists(PARTIES, min_size=1, max_size=4, unique=True), refusal=REFUSALS)
def test_every_party_is_words_of_the_article(
    analyzer: Analyzer, parties: list[str], refusal: str
) -> None:
    subject = parties[0] if len(parties) == 1 else ", ".join(parties[:-1]) + " and " + parties[-1]
    text = f"{subject[0].upper()}{subject[1:]} {refusal}"
    folded = " ".join(text.split()).lower()
    for party, _ in requests_in(analyzer, text):
        assert party.lower() in folded, (party, text)
