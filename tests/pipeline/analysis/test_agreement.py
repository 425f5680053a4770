"""The fourth blind set's gold is consistent: a second, independent annotation of 60 of its
passages agrees with it (see ``agreement.py``), so the analyzer's misses there are its own."""

from __future__ import annotations

from tests.pipeline.analysis.agreement import annotated_cases, second_annotation_score


def test_the_second_annotation_covers_every_beat() -> None:
    cases, _ = annotated_cases()
    assert len(cases) == 60 and len({case["id"] for case in cases}) == 60
    assert {case["beat"] for case in cases} == {
        "politics",
        "business",
        "courts",
        "health",
        "sport",
        "local",
    }


def test_a_second_reader_agrees_with_the_gold() -> None:
    score = second_annotation_score()
    assert score.claims.precision >= 0.99 and score.claims.recall >= 0.99
    assert score.speaker.value >= 0.99
    assert score.pending.precision >= 0.99 and score.pending.recall >= 0.99
    assert score.comment_sentences.value >= 0.99
