"""Run-on and broken text must not make the analysis blow up (it once took ~30 s on 6 KB)."""

from __future__ import annotations

import time

import pytest

from bot.pipeline.analyze import Analyzer

pytestmark = pytest.mark.timed  # asserts wall-clock time: ./run-tests runs it alone

# Generous: the analysis takes well under a second on these; the old cubic nesting pass took
# tens of seconds on texts this size.
TIME_LIMIT_S = 5.0


def _timed(analyzer: Analyzer, text: str) -> float:
    doc = analyzer.parse(text)
    started = time.perf_counter()
    analyzer.analyze_doc(doc)
    return time.perf_counter() - started


def test_unbalanced_quotes_full_of_speech_verbs_analyse_quickly(analyzer: Analyzer) -> None:
    text = "\u201cthe mayor said \u201cthe union said \u201cthe council said " * 180
    assert len(text) > 8_000
    assert _timed(analyzer, text) < TIME_LIMIT_S


def test_a_run_of_statements_without_full_stops_analyses_quickly(analyzer: Analyzer) -> None:
    names = ["Okafor", "Lindqvist", "Brennan", "Takahashi"]
    text = "; ".join(f"{names[n % 4]} said the budget was {n} million short" for n in range(340))
    assert len(text) > 13_000
    assert _timed(analyzer, text) < TIME_LIMIT_S


def test_statements_joined_by_semicolons_keep_their_own_speakers(analyzer: Analyzer) -> None:
    text = (
        "Okafor said the levy was unfair; Lindqvist said the levy was overdue; "
        "Brennan said the vote should wait."
    )
    claims = sorted(analyzer.analyze(text).claims, key=lambda c: int(c.id[1:]))
    assert [(c.speaker, c.text) for c in claims] == [
        ("Okafor", "the levy was unfair"),
        ("Lindqvist", "the levy was overdue"),
        ("Brennan", "the vote should wait"),
    ]
