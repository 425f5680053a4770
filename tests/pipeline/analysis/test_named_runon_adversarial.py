"""Issue 11 on a shape the second pass's hostile texts lack: someone named in full once, then
by surname again and again in one run-on sentence.

Every text in ``test_second_pass_adversarial.py`` names no one or repeats the same words whole.
Here each refusal resolves a surname to the full name written before: that once read the whole
article's text per refusal (``doc.text`` is rebuilt from every token on each access) and listed
a run-on's relative clause whole per subject, so the rules took 17 s and 3.3 s on these texts
at 100,000 characters. Timed as there: the rules alone, on the text cut the card's way and
parsed whole. The property pins what a reader sees on shorter texts of the same shape: one
refusal, by the person's full name, however often the surname repeats it.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.models import ResponseStatus
from bot.pipeline.analyze import Analyzer
from bot.pipeline.budget import analysed_text

SIZE = 100_000
LIMIT_S = 3.0
OPENING = "Anna Okafor said the plan had failed.\n"
REFUSAL = "{surname} declined to comment and "
CLAUSE = ", who has yet to respond and declined to comment"
FULL_NAMES = (
    "Anna Okafor",
    "Bruno Lindqvist",
    "Carla Brennan",
    "Dmitri Takahashi",
    "Elena Moreau",
    "Farid Castillo",
    "Greta Novak",
    "Hugo Haddad",
)


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


TEXTS = {
    "refusals by surname in one sentence": OPENING + _fill(REFUSAL.format(surname="Okafor"), SIZE),
    "a surname, then one clause repeated": OPENING + "Okafor" + _fill(CLAUSE, SIZE),
}


@pytest.mark.timed  # asserts wall-clock time: ./run-tests runs it alone
@pytest.mark.parametrize("name", sorted(TEXTS))
def test_a_surname_repeated_through_100_000_characters_is_analysed_in_time(
    analyzer: Analyzer, name: str
) -> None:
    text = TEXTS[name]
    assert len(text) >= SIZE
    doc = analyzer.parse(analysed_text(text, analyzer))
    started = time.perf_counter()
    analysis = analyzer.analyze_doc(doc)
    elapsed = time.perf_counter() - started
    assert "Anna Okafor" in {p.party for p in analysis.pending_responses}
    assert elapsed < LIMIT_S, f"{name}: {elapsed:.2f} s"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    full=st.sampled_from(FULL_NAMES),
    repeats=st.integers(min_value=1, max_value=8),
    clauses=st.booleans(),
)
def test_a_surname_repeated_in_one_sentence_is_the_full_names_one_refusal(
    analyzer: Analyzer, full: str, repeats: int, clauses: bool
) -> None:
    surname = full.split()[-1]
    if clauses:
        rest = surname + CLAUSE * repeats + "."
    else:
        rest = " and ".join([f"{surname} declined to comment"] * repeats) + "."
    analysis = analyzer.analyze(f"{full} said the plan had failed.\n{rest}")
    assert [(p.party, p.status) for p in analysis.pending_responses] == [
        (full, ResponseStatus.DECLINED)
    ]
