"""Assembling a card from an article: language, length, and the pieces on the card."""

from __future__ import annotations

import re

import pytest

from bot.errors import UnsupportedLanguage
from bot.models import Article, ClaimCard
from bot.pipeline import budget, build
from bot.pipeline.analyze import Analyzer

PARAGRAPH = (
    "The mayor said on Monday that at least 40 homes were damaged by the storm. "
    "Officials did not immediately respond to a request for comment."
)


def article(text: str, language: str | None = "en") -> Article:
    return Article(url="https://news.example.com/a", title="Storm", text=text, language=language)


def test_an_enormous_article_is_analysed_up_to_the_cap_and_the_card_says_so(nlp, monkeypatch):
    monkeypatch.setattr(budget, "MAX_ANALYSED_CHARS", 2_000)
    text = "\n".join([PARAGRAPH] * 9_000)  # over 1,000,000 characters: beyond spaCy's own limit
    card = build.card_from_article(article(text), Analyzer(nlp))
    assert isinstance(card, ClaimCard)
    assert card.analysed_chars is not None and card.analysed_chars <= 2_000
    assert card.article.text == text  # the article itself is kept whole
    assert any("mayor" in (claim.speaker or "").lower() for claim in card.claims)


def test_a_normal_article_is_analysed_whole(nlp):
    card = build.card_from_article(article(PARAGRAPH), Analyzer(nlp))
    assert card.analysed_chars is None


@pytest.mark.parametrize(("code", "name"), [("de", "German"), ("xx", "(xx)")])
def test_articles_in_other_languages_are_refused_by_name(nlp, code, name):
    with pytest.raises(UnsupportedLanguage, match=rf"in .*{re.escape(name)}.*only analyse English"):
        build.card_from_article(article(PARAGRAPH, language=code), Analyzer(nlp))


def test_unknown_language_is_analysed(nlp):
    assert build.card_from_article(article(PARAGRAPH, language=None), Analyzer(nlp)).claims
