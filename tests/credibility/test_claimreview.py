"""The schema.org ClaimReview export of a card's verdicts."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

from bot.credibility import (
    claim_reviews,
    closed_at,
    export_json,
    message_link,
    speaker_type,
)
from bot.models import Article, Claim, Event, EventKind, VoteChoice
from tests.credibility.builders import (
    CHANNEL,
    GUILD,
    MESSAGE,
    T0,
    ranked_card,
    settings,
    stored,
    votes,
)

CREDIBLE, UNCLEAR, DUBIOUS = VoteChoice.CREDIBLE, VoteChoice.UNCLEAR, VoteChoice.DUBIOUS
LINK = f"https://discord.com/channels/{GUILD}/{CHANNEL}/{MESSAGE}"
NOW = T0 + timedelta(days=1)
CLOSED = T0 + timedelta(hours=5)

# c1 (Jane Doe, a person): Dubious 3 of 4; c3 (the ministry): Credible 3 of 3; c2: no verdict.
ROWS = [
    *votes("c1", DUBIOUS, DUBIOUS, UNCLEAR, DUBIOUS),
    *votes("c3", CREDIBLE, CREDIBLE, CREDIBLE),
    *votes("c2", CREDIBLE, DUBIOUS),
]


def test_the_export_has_one_full_claimreview_per_claim_with_a_verdict() -> None:
    team = settings(team_name="Newsroom Fact Desk")
    reviews = claim_reviews(stored(closed=True), ROWS, team, LINK, NOW, closed_on=CLOSED)
    assert [r["claimReviewed"] for r in reviews] == [
        "the ministry denied everything",  # c3, first on the card
        "the factory supplied parts",  # c1
    ]
    ministry, jane = reviews
    assert jane == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "the factory supplied parts",
        "itemReviewed": {
            "@type": "Claim",
            "author": {
                "@type": "Person",
                "name": "Jane Doe",
                "jobTitle": "minister of industry",
            },
            "appearance": {
                "@type": "CreativeWork",
                "url": "https://news.example.com/story",
                "headline": "Ministry says factory supplied parts",
                "publisher": {"@type": "Organization", "name": "Example News"},
            },
            "datePublished": "2025-06-16",
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 1,
            "bestRating": 3,
            "worstRating": 1,
            "alternateName": "Dubious",
            "ratingExplanation": "3 of 4 reviewers rated this claim Dubious.",
        },
        "author": {"@type": "Organization", "name": "Newsroom Fact Desk"},
        "datePublished": "2025-06-17T14:00:00+00:00",
        "url": LINK,
    }
    assert ministry["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Ministry of Industry",
    }
    assert ministry["reviewRating"]["ratingValue"] == 3
    assert ministry["reviewRating"]["alternateName"] == "Credible"


def test_the_json_round_trips_and_keeps_non_ascii_text_readable() -> None:
    team = settings(team_name="Équipe Vérif 🔎")
    text = export_json(stored(closed=True), ROWS, team, LINK, NOW, closed_on=CLOSED)
    assert "Équipe Vérif 🔎" in text
    assert "\n  " in text  # indented for people who open the file
    assert json.loads(text) == claim_reviews(
        stored(closed=True), ROWS, team, LINK, NOW, closed_on=CLOSED
    )


def test_an_open_card_exports_its_current_consensus_dated_now() -> None:
    reviews = claim_reviews(stored(), ROWS, settings(), LINK, NOW)
    assert len(reviews) == 2
    assert {r["datePublished"] for r in reviews} == {"2025-06-18T09:00:00+00:00"}


def test_a_closed_card_without_a_known_closing_time_is_dated_now() -> None:
    reviews = claim_reviews(stored(closed=True), ROWS, settings(), LINK, NOW)
    assert reviews[0]["datePublished"] == "2025-06-18T09:00:00+00:00"


def test_a_card_without_verdicts_exports_nothing() -> None:
    assert claim_reviews(stored(closed=True), ROWS[:2], settings(), LINK, NOW) == []
    assert export_json(stored(), [], settings(), LINK, NOW) == "[]"


def test_the_team_name_falls_back_to_the_name_passed_in() -> None:
    reviews = claim_reviews(stored(), ROWS, settings(), LINK, NOW, fallback_team="Some Server")
    assert reviews[0]["author"] == {"@type": "Organization", "name": "Some Server"}
    blank = settings(team_name="   ")
    assert claim_reviews(stored(), ROWS, blank, LINK, NOW)[0]["author"]["name"] == "Claimdeck"


def test_an_unattributed_claim_has_no_claim_author() -> None:
    rows = votes("c2", UNCLEAR, UNCLEAR, UNCLEAR)
    (review,) = claim_reviews(stored(), rows, settings(), LINK, NOW)
    assert "author" not in review["itemReviewed"]
    assert review["reviewRating"]["alternateName"] == "Unclear"


def test_a_card_never_posted_has_no_url_and_an_undated_article_no_claim_date() -> None:
    card = ranked_card()
    undated = replace(card, article=Article(url=card.article.url, title="", text="Body."))
    (review, _) = claim_reviews(stored(undated, posted=False), ROWS, settings(), None, NOW)
    assert "url" not in review
    assert "datePublished" not in review["itemReviewed"]
    assert review["itemReviewed"]["appearance"] == {
        "@type": "CreativeWork",
        "url": "https://news.example.com/story",
    }


def test_the_speaker_type_follows_the_cards_entities_then_the_role() -> None:
    card = ranked_card()
    assert speaker_type(card, card.claims[1]) == "Person"  # Jane Doe: PERSON entity
    assert speaker_type(card, card.claims[0]) == "Organization"  # ORG entity
    nations = Claim(id="c8", speaker="Western nations", cue="warned", text="x", sentence="x")
    assert speaker_type(card, nations) == "Organization"


def test_the_message_link_needs_a_posted_message() -> None:
    assert message_link(stored()) == LINK
    assert message_link(stored(posted=False)) is None


def test_the_closing_time_comes_from_the_event_log() -> None:
    events = [
        Event("k7", EventKind.CARD_CREATED, T0),
        Event("k7", EventKind.VOTE_CAST, T0 + timedelta(minutes=1), 5),
        Event("k7", EventKind.VOTING_CLOSED, CLOSED, 9),
    ]
    assert closed_at(events) == CLOSED
    assert closed_at(events[:2]) is None


def test_an_accusation_is_reviewed_as_a_whole_sentence() -> None:
    accusation = Claim(
        id="c1", speaker="Kyiv", speaker_role=None, cue="accuse", text="China of supplying parts",
        sentence="Kyiv accused China of supplying parts.", target="China",
    )
    card = replace(ranked_card(), claims=(accusation,))
    reviews = claim_reviews(stored(card), votes("c1", DUBIOUS, DUBIOUS, DUBIOUS), settings(),
                            LINK, NOW)
    assert reviews[0]["claimReviewed"] == "Kyiv accused China of supplying parts"
