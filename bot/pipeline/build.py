"""The CPU-bound half of the pipeline: HTML or text → ``ClaimCard``.

These are plain synchronous functions of their arguments, importable at module level, so they
can run in a process pool (each worker loads the spaCy model once, on first use) or in a thread.
"""

from __future__ import annotations

import functools

from bot.errors import UnsupportedLanguage
from bot.models import Article, ClaimCard
from bot.pipeline.analyze import Analyzer
from bot.pipeline.extract import article_from_text, extract
from bot.pipeline.summarize import summarize

ANALYSED_LANGUAGES = frozenset({"en"})

# About 15,000 words: a long feature fits, a data dump does not. spaCy's own limit is 1,000,000
# characters, and the parse costs time and memory in proportion, so one huge page must not hold a
# worker for minutes. Longer texts are analysed up to the paragraph that crosses this line.
MAX_ANALYSED_CHARS = 100_000
# The parse costs time per token, not per character, and text dense in punctuation has a token
# for every character or two: 100,000 characters of it is five times the work of prose. This many
# tokens (about 10,000 words, 60,000 characters of prose: a very long feature) is parsed in 2-3 s
# on the 2-core VM on a normal day and 4-6 s on a slow one (bench/analysis.py --worst-only); the
# rules add at most 1.3 s. A smaller budget would meet a 3 s goal on a slow day but cut long
# features short (see the README's benchmarks).
MAX_ANALYSED_TOKENS = 12_000

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


def analysed_part(text: str, limit: int = MAX_ANALYSED_CHARS) -> str:
    """The text up to the last paragraph break before ``limit`` (or a hard cut if none)."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def within_token_budget(text: str, analyzer: Analyzer, budget: int) -> str:
    """The text cut, like ``analysed_part``, where the parse would pass ``budget`` tokens.

    Tokenizing alone is cheap (milliseconds for the whole cap), so the count is exact. The cut
    is made in the original text: normalising for the parse never adds or removes a line
    break, so the paragraph where the budget runs out has the same number in both.
    """
    tokens = analyzer.tokenize(text)
    if len(tokens) <= budget:
        return text
    prepared = tokens.text
    limit = tokens[budget].idx
    paragraph_end = prepared.rfind("\n", 0, limit)
    if paragraph_end > limit // 2:
        paragraphs = prepared.count("\n", 0, paragraph_end)
        cut = -1
        for _ in range(paragraphs + 1):
            cut = text.index("\n", cut + 1)
        return text[:cut]
    return text[: round(len(text) * limit / len(prepared))]  # no break: a hard cut


def analysed_text(text: str, analyzer: Analyzer) -> str:
    """The part of an article a card analyses: up to the character cap, then the token budget,
    each cut at a paragraph break."""
    part = analysed_part(text, MAX_ANALYSED_CHARS)
    return within_token_budget(part, analyzer, MAX_ANALYSED_TOKENS)


def card_from_article(article: Article, analyzer: Analyzer | None = None) -> ClaimCard:
    """Analyse an extracted article and assemble its card."""
    check_language(article)
    analyzer = analyzer or shared_analyzer()
    text = analysed_text(article.text, analyzer)
    doc = analyzer.parse(text)
    analysis = analyzer.analyze_doc(doc, title=article.title)
    summary = summarize([sentence.text for sentence in doc.sents])
    return ClaimCard(
        article=article,
        summary=summary,
        entities=analysis.entities,
        claims=analysis.claims,
        pending_responses=analysis.pending_responses,
        responses=analysis.responses,
        analysed_chars=len(text) if len(text) < len(article.text) else None,
    )


def card_from_html(html: str, url: str) -> ClaimCard:
    return card_from_article(extract(html, url))


def card_from_text(text: str, url: str = "") -> ClaimCard:
    return card_from_article(article_from_text(text, url))
