"""The CPU-bound half of the pipeline: HTML or text → ``ClaimCard``.

These are plain synchronous functions of their arguments, importable at module level, so they
can run in a process pool (each worker loads the spaCy model once, on first use) or in a thread.
"""

from __future__ import annotations

import functools

from bot.errors import UnsupportedLanguage
from bot.models import Article, ClaimCard
from bot.pipeline.analyze import Analyzer
from bot.pipeline.budget import parse_for_card
from bot.pipeline.extract import article_from_text, extract
from bot.pipeline.summarize import summarize

ANALYSED_LANGUAGES = frozenset({"en"})

LANGUAGE_NAMES = {
    "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "zh": "Chinese",
    "ja": "Japanese", "ar": "Arabic", "tr": "Turkish", "sv": "Swedish", "ko": "Korean",
    "id": "Indonesian", "hi": "Hindi", "fa": "Persian", "he": "Hebrew", "el": "Greek",
    "bg": "Bulgarian", "sr": "Serbian", "cs": "Czech", "ro": "Romanian", "vi": "Vietnamese",
}  # fmt: skip


@functools.cache
def shared_analyzer() -> Analyzer:
    """One analyzer (and so one spaCy model) per process."""
    return Analyzer()


def check_language(article: Article) -> None:
    """Refuse articles the English model would turn into nonsense; unknown language passes."""
    language = article.language
    if language and language not in ANALYSED_LANGUAGES:
        name = LANGUAGE_NAMES.get(language, f"a language other than English ({language})")
        raise UnsupportedLanguage(
            f"That article appears to be in {name}. Claimdeck can only analyse English "
            "articles for now; try an English-language report of the same story."
        )


def card_from_article(article: Article, analyzer: Analyzer | None = None) -> ClaimCard:
    """Analyse an extracted article and assemble its card."""
    check_language(article)
    analyzer = analyzer or shared_analyzer()
    analysed = parse_for_card(article.text, analyzer)
    analysis = analyzer.analyze_doc(analysed.doc, title=article.title)
    summary = summarize([sentence.text for sentence in analysed.doc.sents])
    return ClaimCard(
        article=article,
        summary=summary,
        entities=analysis.entities,
        claims=analysis.claims,
        pending_responses=analysis.pending_responses,
        responses=analysis.responses,
        analysed_chars=len(analysed.text) if len(analysed.text) < len(article.text) else None,
    )


def card_from_html(html: str, url: str) -> ClaimCard:
    return card_from_article(extract(html, url))


def card_from_text(text: str, url: str = "") -> ClaimCard:
    return card_from_article(article_from_text(text, url))
