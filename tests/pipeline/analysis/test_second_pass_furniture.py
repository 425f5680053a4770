"""Issue 11, pattern 1: datelines, bylines, kickers and headlines are never speakers.

Written for this pass (not taken from any evaluation set): each test states the general rule
with several outlets' styles, and the negatives check that ordinary sentences still count.
"""

from __future__ import annotations

import pytest

from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import claims_in_order, only_claim


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "WASHINGTON (AP) — The Justice Department said Monday it would appeal the ruling.",
            "Justice Department",
            "it would appeal the ruling",
        ),
        (
            "NAIROBI, Kenya (AP) — Kenya's president said Tuesday that the protests had been "
            "hijacked by criminals.",
            "Kenya's president",
            "the protests had been hijacked",
        ),
        (
            "SPRINGFIELD, Ill. (AP) — Illinois lawmakers said Thursday they had reached a deal "
            "on the budget.",
            "Illinois lawmakers",
            "reached a deal",
        ),
        (
            "KYIV, Ukraine, Sept 12 (Reuters) - Ukraine's air force said it had shot down 40 "
            "drones overnight.",
            "Ukraine's air force",
            "shot down 40 drones",
        ),
        (
            "Washington (CNN) — The White House said it would not release the visitor logs.",
            "White House",
            "visitor logs",
        ),
        (
            "NEW DELHI: The Reserve Bank of India said inflation had eased to 4.8 percent.",
            "Reserve Bank of India",
            "inflation had eased",
        ),
        (
            "LOS ANGELES -- The Los Angeles Police Department said three officers had been "
            "injured.",
            "Los Angeles Police Department",
            "three officers",
        ),
        (
            "BREAKING: Police said the suspect had been arrested near the station.",
            "Police",
            "the suspect had been arrested",
        ),
    ],
)
def test_a_dateline_is_never_the_speaker(
    analyzer: Analyzer, text: str, speaker: str, content: str
) -> None:
    claim = only_claim(analyzer, text)
    assert claim.speaker == speaker
    assert content in claim.text


def test_the_dateline_is_not_part_of_the_content_or_the_sentence(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "LONDON (Reuters) - Britain's economy grew faster than expected in the third quarter, "
        "official data showed on Friday.",
    )
    assert claim.text.startswith("Britain's economy grew")
    assert "LONDON" not in claim.sentence and "Reuters" not in claim.sentence


def test_a_byline_is_not_an_antecedent(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "By Jane Smith, Associated Press\nThe company said profits fell 12 percent.",
    )
    assert claim.speaker == "The company"


def test_a_headline_is_neither_a_speaker_nor_a_claim(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "Mayor vows to fix roads\nThe mayor said the city would repave 40 miles of streets "
        "this year.",
    )
    assert claim.speaker == "The mayor"
    claims = claims_in_order(
        analyzer,
        "Fed Says Rates Will Stay High\nThe Federal Reserve said on Wednesday that rates would "
        "stay high through the summer.",
    )
    assert [c.speaker for c in claims] == ["Federal Reserve"]


def test_an_all_caps_kicker_line_names_no_one(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "EXCLUSIVE\nTwo former executives said the company ignored safety warnings.",
    )
    assert claim.speaker == "Two former executives"


def test_ordinary_openings_are_not_mistaken_for_furniture(analyzer: Analyzer) -> None:
    """ "By Monday, …" is no byline, and a one-line text without a full stop is a sentence."""
    claim = only_claim(analyzer, "By Monday, the rebels said, the town had fallen.")
    assert claim.speaker is not None and "rebels" in claim.speaker
    claim = only_claim(analyzer, "Officials said the bridge would reopen")
    assert claim.speaker == "Officials"
    claim = only_claim(analyzer, "The Pentagon - not the White House - said the drill was routine.")
    assert claim.speaker is not None and "Pentagon" in claim.speaker


def test_a_sentence_whose_full_stop_went_missing_is_no_headline(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "The minister said the plan would be dropped\nThe opposition welcomed the news.",
    )
    assert claim.speaker == "The minister"


def test_a_dash_touching_the_next_word_still_ends_a_dateline(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer, "WASHINGTON—The Justice Department said it would appeal the ruling."
    )
    assert claim.speaker == "Justice Department"
    claim = only_claim(analyzer, "COVID-19 cases rose 20 percent last week, officials said.")
    assert claim.text.startswith("COVID-19 cases rose")
