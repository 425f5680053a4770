"""Issue 11, pattern 3: documents and outlets are sources, named as precisely as the text
allows ("a report by the state auditor"), never dropped for want of a person."""

from __future__ import annotations

import pytest

from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import claims_in_order, only_claim


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "A report released Tuesday by the Government Accountability Office found that the "
            "program had wasted $2 billion.",
            "A report by the Government Accountability Office",
            "wasted $2 billion",
        ),
        (
            "A study published in The Lancet found that the drug cut deaths by a third.",
            "A study published in The Lancet",
            "cut deaths",
        ),
        (
            "A police report obtained by the Tribune shows that the driver was speeding.",
            "A police report obtained by the Tribune",
            "the driver was speeding",
        ),
        (
            "The lawsuit alleges that the landlord ignored repeated complaints about mold.",
            "The lawsuit",
            "ignored repeated complaints",
        ),
        (
            "According to a report by the state auditor, the agency overspent by $12 million.",
            "a report by the state auditor",
            "overspent by $12 million",
        ),
        (
            "A survey by the Pew Research Center found that 60% of adults distrust the news.",
            "A survey by the Pew Research Center",
            "distrust the news",
        ),
    ],
)
def test_a_document_is_named_with_its_author(
    analyzer: Analyzer, text: str, speaker: str, content: str
) -> None:
    claim = only_claim(analyzer, text)
    assert claim.speaker == speaker
    assert content in claim.text


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("The ruling states that the law violated the First Amendment.", "The ruling", "violated"),
        (
            "Records obtained by the Guardian show that the minister met the lobbyists six times.",
            "Records obtained by the Guardian",
            "met the lobbyists",
        ),
    ],
)
def test_a_speech_verb_the_tagger_took_for_a_noun_still_reports(
    analyzer: Analyzer, text: str, speaker: str, content: str
) -> None:
    claim = only_claim(analyzer, text)
    assert claim.speaker == speaker
    assert content in claim.text


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "The Wall Street Journal first reported that the company was exploring a sale.",
            "Wall Street Journal",
            "exploring a sale",
        ),
        (
            "As first reported by Politico, the White House is weighing a pause in aid.",
            "Politico",
            "weighing a pause in aid",
        ),
        (
            "Bloomberg News reported on Monday that the bank would cut 5,000 jobs.",
            "Bloomberg News",
            "cut 5,000 jobs",
        ),
    ],
)
def test_an_outlet_that_reported_first_is_the_source(
    analyzer: Analyzer, text: str, speaker: str, content: str
) -> None:
    claim = only_claim(analyzer, text)
    assert claim.speaker == speaker
    assert content in claim.text


def test_a_document_quoted_by_a_person_is_still_the_persons_claim(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "The filing shows the company hid losses for three years, said Priya Nair, a lawyer "
        "for the investors.",
    )
    assert claim.speaker == "Priya Nair"


def test_plural_nouns_that_look_like_verbs_are_left_alone(analyzer: Analyzer) -> None:
    """ "states" and "shows" as nouns ("the states that border Mexico") report nothing."""
    assert claims_in_order(analyzer, "The states that border Mexico spent $2 billion.") == []
    assert claims_in_order(analyzer, "Three shows that aired in May were cancelled.") == []
