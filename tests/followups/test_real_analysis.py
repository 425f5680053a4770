"""The matcher against the real analysis: the seed article and two later reports."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from spacy.language import Language

from bot.followups.matching import is_possible_response, match_card
from bot.followups.subjects import subject_overlap
from bot.models import Article, ClaimCard, FollowUp
from bot.pipeline.analyze import Analyzer
from bot.pipeline.build import card_from_article
from bot.pipeline.extract import extract

HERE = Path(__file__).parent / "fixtures"


def _card_from(name: str, nlp: Language) -> ClaimCard:
    title, _, body = (HERE / name).read_text(encoding="utf-8").partition("\n\n")
    article = Article(url=f"https://wire.example.test/{name}", title=title, text=body,
                      language="en")
    return card_from_article(article, Analyzer(nlp))


@pytest.fixture(scope="module")
def cards(nlp: Language, seed_html: str) -> dict[str, ClaimCard]:
    seed_article = extract(seed_html, "https://news.example.test/ukraine-alleges-china")
    return {
        "seed": card_from_article(seed_article, Analyzer(nlp)),
        "response": _card_from("response_article.txt", nlp),
        "other": _card_from("other_story_article.txt", nlp),
    }


def _seed_followup(seed: ClaimCard) -> FollowUp:
    [pending] = seed.pending_responses
    now = datetime(2025, 6, 16, 9, 0, tzinfo=UTC)
    return FollowUp(id="f1", card_id="seed", guild_id=1, party=pending.party, due_at=now,
                    created_at=now, requested_by=pending.requested_by, sentence=pending.sentence)


def test_the_response_report_is_proposed_as_a_denial(cards: dict[str, ClaimCard]) -> None:
    row = _seed_followup(cards["seed"])
    match = is_possible_response(row, cards["seed"], cards["response"], candidate_id="response")
    assert match is not None
    assert match.stance == "denial"
    assert "foreign ministry" in match.party.lower()


def test_the_same_ministry_on_taiwan_is_not_proposed(cards: dict[str, ClaimCard]) -> None:
    row = _seed_followup(cards["seed"])
    assert subject_overlap(cards["seed"], cards["other"]) < subject_overlap(
        cards["seed"], cards["response"]
    )
    assert match_card("other", cards["other"], [row], {"seed": cards["seed"]}) == []
    assert [m.candidate_card_id for m in match_card("response", cards["response"], [row],
                                                    {"seed": cards["seed"]})] == ["response"]
