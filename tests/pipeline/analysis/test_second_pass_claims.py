"""Issue 11: what a claim reads as. A claim never carries its own attribution inside it, and an
expletive "It is believed that …" is no part of what is believed."""

from __future__ import annotations

import pytest

from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import only_claim


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            '"We\'re confident," Grant said, "that the team will recover."',
            "Grant",
            "We're confident that the team will recover",
        ),
        (
            '"We are confident," said Grant, "that the team will recover."',
            "Grant",
            "We are confident that the team will recover",
        ),
    ],
)
def test_a_quotation_split_by_its_attribution_reads_without_it(
    analyzer: Analyzer, text: str, speaker: str, content: str
) -> None:
    claim = only_claim(analyzer, text)
    assert claim.speaker == speaker
    assert claim.text == content


def test_an_expletive_subject_is_no_part_of_the_content(analyzer: Analyzer) -> None:
    claim = only_claim(analyzer, "It is widely believed that the deal will collapse.")
    assert claim.speaker is None
    assert claim.text == "the deal will collapse"
