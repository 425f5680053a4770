"""Issue 11: no input of 100,000 characters takes more than 3 s of analysis.

Each text is cut the card's way (the character cap, then the token budget:
``bot.pipeline.budget``) and parsed whole, without the card's time budget for the parse, so the
rules meet every token a fast machine could reach; ``test_budget.py`` tests the parse's time
budget, and ``bench/analysis.py --worst-only`` times parse and rules together on these shapes.
Only the rule passes are timed here, with room for a busy machine: the shapes once made rules
quadratic (tens of seconds to minutes), so a regression shows far past the bound. The texts:
a run with no punctuation, thousands of quotation marks, one verb repeated, very long coordinated
lists of speakers and of parties asked for comment, quotations split by their speakers.
Linearity on texts longer than the budget is test_termination.py's.
"""

from __future__ import annotations

import time

import pytest

from bot.models import Analysis
from bot.pipeline.analyze import Analyzer
from bot.pipeline.budget import analysed_text

pytestmark = pytest.mark.timed  # asserts wall-clock time: ./run-tests runs it alone

SIZE = 100_000
LIMIT_S = 3.0


def _fill(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


TEXTS = {
    "a run without punctuation": _fill(
        "the minister said the council said the union warned that the plan would fail and "
    ),
    "thousands of quotation marks": '"' + _fill('he said " the plan " was " '),
    "one verb repeated": _fill("said "),
    "a list of speakers": "Officials in "
    + _fill("Paris, London and Berlin said the talks had stalled and ")
    + ".",
    "a list of parties": _fill(
        "The club, the league, the union, the mayor and the council declined to comment. "
    ),
    "quotations split by their speakers": _fill('"The plan is dead," Smith said, "and buried." '),
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_a_hostile_text_of_100_000_characters_is_analysed_in_time(
    analyzer: Analyzer, name: str
) -> None:
    text = TEXTS[name]
    assert len(text) >= SIZE
    doc = analyzer.parse(analysed_text(text, analyzer))
    started = time.perf_counter()
    analysis = analyzer.analyze_doc(doc)
    elapsed = time.perf_counter() - started
    assert isinstance(analysis, Analysis)
    assert elapsed < LIMIT_S, f"{name}: {elapsed:.2f} s"


def test_a_list_of_parties_is_cut_to_what_an_article_could_hold(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(TEXTS["a list of parties"][:20_000])
    assert 0 < len(analysis.pending_responses) <= 60
