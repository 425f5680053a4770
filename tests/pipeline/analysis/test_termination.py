"""The analysis always ends, in time proportional to the text, whatever the article holds.

Each case here once hung or went quadratic: a verbless "according to" looped forever (spaCy makes
a new Token object on every access, so ``head is token`` never held at the root), and runs of
brackets, repeated clauses, chains of "X said" and bare quotation marks took tens of seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.models import Analysis
from bot.pipeline import budget, build
from bot.pipeline.analysis.normalize import MAX_PIECE, for_parsing, pieces_for_parsing
from bot.pipeline.analyze import Analyzer

pytestmark = pytest.mark.timed  # asserts wall-clock time: ./run-tests runs it alone


def finishes_within(seconds: float, work: Callable[[], object]) -> object:
    """``work()``'s result, or a failed test if it runs past ``seconds`` (it may never end,
    so it runs in a daemon thread the test run does not wait for)."""
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(work()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"the analysis ran past {seconds:.1f} s"
    return result[0]


def rules_seconds(analyzer: Analyzer, text: str) -> float:
    """Time of the rule passes alone (the spaCy parse is linear and not ours to bound)."""
    doc = analyzer.parse(text)
    started = time.perf_counter()
    finishes_within(60, lambda: analyzer.analyze_doc(doc))
    return time.perf_counter() - started


def fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# --- examples that once failed -------------------------------------------------------------------

VERBLESS = [
    "Fire at chemical plant\nTwenty dead, according to the ministry.\n",
    "Twenty dead, according to the ministry.",
    "According to the ministry.",
    "Storm damage in the north, according to officials, and more rain, according to forecasters.",
    "Photo: the flooded square, according to Reuters",
]


def test_verbless_headlines_and_captions_with_according_to_end_at_once(analyzer: Analyzer):
    for text in VERBLESS:
        analysis = finishes_within(10, lambda text=text: analyzer.analyze(text))
        assert isinstance(analysis, Analysis)


def test_a_caption_with_according_to_still_gives_a_card(analyzer: Analyzer):
    text = (
        "Fire at chemical plant\n"
        "Twenty workers were hurt in the blast, according to the ministry.\n"
    )
    card = finishes_within(20, lambda: build.card_from_article(
        build.article_from_text(text), analyzer))
    assert [c.speaker for c in card.claims] == ["the ministry"]


PATHOLOGICAL = {
    "repeated clause": "The ministry"
    + fill(", which has yet to respond and declined to comment", 20_000)
    + ".",
    "chain of said": fill("Smith said Jones said ", 20_000) + "it rained.",
    "bare quotation marks": fill('" ', 20_000),
    "brackets by the thousand": fill("([{", 8_000) + " word " + fill(")]}", 8_000),
    "one verb repeated": fill("said ", 20_000),
    "coordinated list": "The ministry said " + fill("Paris, London and Berlin, ", 20_000) + ".",
    "many short lines": fill("Twenty dead, according to the ministry\n", 20_000),
}


def test_pathological_texts_are_analysed_in_linear_time(analyzer: Analyzer):
    # Linear rules take well under a second on 20 KB (bench/analysis.py prints the figures);
    # the quadratic versions took 2-25 s on these, and the hang never ended.
    slow = {name: seconds for name, text in PATHOLOGICAL.items()
            if (seconds := rules_seconds(analyzer, text)) > 2.0}
    assert not slow


def test_a_text_dense_in_tokens_is_cut_to_the_token_budget(analyzer: Analyzer, monkeypatch):
    monkeypatch.setattr(budget, "MAX_ANALYSED_TOKENS", 500)
    paragraphs = [fill('Ms. Aro said " no " ( really ) . ', 300) for _ in range(10)]
    text = "Lead sentence here.\n" + "\n".join(paragraphs)
    card = build.card_from_article(build.article_from_text(text), analyzer)
    assert card.analysed_chars is not None and card.analysed_chars < len(text)
    assert text[card.analysed_chars] == "\n"  # cut at a paragraph break
    assert len(analyzer.tokenize(text[: card.analysed_chars])) <= 500


# --- what the parser reads -----------------------------------------------------------------------


def test_prose_reaches_the_parser_unchanged():
    prose = "“We’re done,” she said... Really?! (Yes.) The U.S.-led talks — at 9 a.m. — ended."
    assert for_parsing(prose) == prose


def test_runs_of_punctuation_are_cut_to_three_marks():
    assert for_parsing("Wait!!!!!!!! ((((x)))) \"'\"'\"'\"'") == "Wait!!! (((x))) \"'\""


@given(st.text(max_size=3_000))
@example("(" * 5_000)
@example("a" * 1_000 + "\n\n" + "b. " * 1_000)
@settings(max_examples=150, deadline=None)
def test_normalising_is_idempotent_keeps_paragraphs_and_pieces_rejoin(text: str):
    once = for_parsing(text)
    assert for_parsing(once) == once
    assert once.count("\n") == text.count("\n")
    pieces = pieces_for_parsing(once)
    assert "".join(pieces) == once
    assert all(0 < len(piece) <= MAX_PIECE for piece in pieces)


# --- generated sentences --------------------------------------------------------------------------

WORDS = st.sampled_from(
    "the ministry officials Smith police Reuters spokesperson twenty dead fire plant "
    "billion percent Kyiv Путин 中国 العربية מדינה café naïve".split()
)
ATTRIBUTION = st.sampled_from([
    "according to the ministry", "said", "told Reuters", "declined to comment",
    "has yet to respond", "did not respond to a request for comment", ", which said",
    "allegedly", "Reuters has reached out to", "X said Y said",
])
MARKS = st.sampled_from(['"', "“", "”", "(", ")", "[", "]", "—", ",", ";", ".", "'", "\n"])
PIECE = st.one_of(WORDS, ATTRIBUTION, MARKS)


@st.composite
def fragments(draw: st.DrawFn) -> str:
    """Verbless fragments with attribution phrases, brackets, unbalanced quotes, mixed scripts,
    and a clause repeated a few hundred times."""
    parts = draw(st.lists(PIECE, min_size=1, max_size=40))
    text = " ".join(parts)
    if draw(st.booleans()):
        text = text * draw(st.integers(1, 60))
    return text[:6_000]


@given(fragments())
@example("Fire at chemical plant\nTwenty dead, according to the ministry.\n")
@example("( " * 400 + "said" + " )" * 400)
@example("“ " * 800)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_fragment_is_analysed_in_time_proportional_to_its_length(
    analyzer: Analyzer, text: str
):
    # Generous for a loaded CI machine: ~20x what the analysis needs, far below a hang or a
    # quadratic blow-up on the longer texts.
    budget = 3.0 + len(text) / 500
    finishes_within(budget, lambda: analyzer.analyze(text))
