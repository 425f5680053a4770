"""How much of an article a card analyses, so that no page holds a worker for long.

Three bounds, each cut at a paragraph break where there is one, and the card says when it
analysed only the opening (``ClaimCard.analysed_chars``):

- a character cap: a data dump is not an article, and spaCy's own limit is 1,000,000 characters;
- a token budget: the parse costs time per token, and text dense in punctuation has a token for
  every character or two. These two cuts depend on the text alone;
- a time budget for the parse: on a slow or busy machine the parse stops between pieces once
  its time is spent, so no input holds the analysis much past 3 s whatever the machine's speed
  (the rules add at most a quarter of the parse's time, ``bench/analysis.py --worst-only``).
  The price: a very long page may be analysed a little further on a fast machine than on a
  slow one. No article of the extraction corpus is cut by it, even on a slow day.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from bot.pipeline.analyze import Analyzer

# About 15,000 words: a long feature fits, a data dump does not.
MAX_ANALYSED_CHARS = 100_000
# About 10,000 words (60,000 characters of prose): a very long feature. The longest of the
# 107 articles in the extraction corpus is 4,279 tokens.
MAX_ANALYSED_TOKENS = 12_000
# The parse's share of a 3 s analysis: the rules take at most a quarter of the parse's time.
PARSE_SECONDS = 2.2
# The first round of the timed parse, before any speed is known: an ordinary article's opening,
# under half the time budget even on a machine four times slower than usual. Later rounds are
# sized from the speed measured so far (one call each, so the parser still works in batches).
FIRST_ROUND_TOKENS = 1_000
# Only what the speed measured so far says will fit is parsed: a margin for its noise.
SPEED_MARGIN = 0.9


@dataclass(frozen=True)
class CardParse:
    """The part of the article the card analyses, and its parse."""

    text: str
    doc: Doc


def analysed_part(text: str, limit: int = MAX_ANALYSED_CHARS) -> str:
    """The text up to the last paragraph break before ``limit`` (or a hard cut if none)."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def _paragraphs(text: str, count: int) -> str:
    """The first ``count`` paragraphs of ``text``, without the line break that ends them."""
    cut = -1
    for _ in range(count):
        cut = text.index("\n", cut + 1)
    return text[:cut]


def _in_proportion(text: str, prepared: str, limit: int) -> str:
    """A hard cut of ``text`` at the share ``limit`` is of ``prepared``: no break to cut at."""
    return text[: round(len(text) * limit / len(prepared))]


def _same_cut(text: str, prepared: str, limit: int) -> str:
    """``text`` cut where ``prepared`` (the text as the parser reads it) is cut at ``limit``:
    at the last paragraph break before ``limit`` (normalising for the parse never adds or
    removes a line break, so that paragraph has the same number in both texts), or, with no
    break in the second half, in proportion."""
    paragraph_end = prepared.rfind("\n", 0, limit)
    if paragraph_end > limit // 2:
        return _paragraphs(text, prepared.count("\n", 0, paragraph_end) + 1)
    return _in_proportion(text, prepared, limit)


def within_token_budget(text: str, analyzer: Analyzer, budget: int) -> str:
    """The text cut, like ``analysed_part``, where the parse would pass ``budget`` tokens.

    Tokenizing alone is cheap (milliseconds for the whole cap), so the count is exact.
    """
    tokens = analyzer.tokenize(text)
    if len(tokens) <= budget:
        return text
    return _same_cut(text, tokens.text, tokens[budget].idx)


def analysed_text(text: str, analyzer: Analyzer) -> str:
    """The part of an article a card analyses before the clock counts: up to the character
    cap, then the token budget, each cut at a paragraph break."""
    return within_token_budget(
        analysed_part(text, MAX_ANALYSED_CHARS), analyzer, MAX_ANALYSED_TOKENS
    )


def parse_in_time(
    analyzer: Analyzer,
    text: str,
    seconds: float = PARSE_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> CardParse:
    """Parse ``text`` piece by piece in rounds until done or ``seconds`` are spent.

    Each round parses as many whole pieces as the speed measured so far says fit in the time
    left; a piece that does not fit is not started. Stopped early, the parse is cut back to the
    end of the last whole paragraph (unless that would drop more than half), so the text it
    covers is a paragraph-exact prefix of ``text``.
    """
    pieces = analyzer.pieces(text)
    parsed: list[Doc] = []
    started = clock()
    allowance = FIRST_ROUND_TOKENS
    while len(parsed) < len(pieces):  # every round parses at least one piece, or the loop ends
        round_docs: list[Doc] = []
        size = 0
        for piece in pieces[len(parsed) :]:  # tokenized only when its turn comes
            doc = analyzer.nlp.make_doc(piece)
            if size + len(doc) > allowance and (round_docs or parsed):
                break
            round_docs.append(doc)
            size += len(doc)
        if not round_docs:
            break
        parsed.extend(analyzer.nlp.pipe(round_docs, batch_size=len(round_docs)))
        elapsed = max(clock() - started, 1e-6)
        speed = sum(len(doc) for doc in parsed) / elapsed
        allowance = int(speed * (seconds - elapsed) * SPEED_MARGIN)
    if len(parsed) == len(pieces):
        return CardParse(text, analyzer.join(parsed))
    whole = len(parsed)
    while whole and not parsed[whole - 1].text.endswith("\n"):
        whole -= 1
    if whole * 2 > len(parsed):
        parsed = parsed[:whole]
    prepared = "".join(pieces)
    covered = sum(len(doc.text) for doc in parsed)
    if parsed and parsed[-1].text.endswith("\n"):
        part = _paragraphs(text, prepared.count("\n", 0, covered))
    else:
        part = _in_proportion(text, prepared, covered)
    return CardParse(part, analyzer.join(parsed))


def parse_for_card(
    text: str, analyzer: Analyzer, clock: Callable[[], float] = time.monotonic
) -> CardParse:
    """The article's text within the three bounds, parsed; counting the tokens for the token
    budget comes out of the parse's time."""
    started = clock()
    part = analysed_text(text, analyzer)
    return parse_in_time(analyzer, part, PARSE_SECONDS - (clock() - started), clock)
