"""Issue 11, pattern 8: quantities keep what qualifies them ("close to 40 percent", "well over
1,000"), and fractions, rough amounts, ratios and durations count too."""

from __future__ import annotations

import pytest

from bot.pipeline.analysis.quantities import parse_value
from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import only_claim


@pytest.mark.parametrize(
    ("sentence", "quantity"),
    [
        ("Officials said close to 40 percent of the budget had been spent.", "close to 40 percent"),
        ("The minister said the repairs could take up to four weeks.", "up to four weeks"),
        ("The company said it had lost nearly $3 billion in the quarter.", "nearly $3 billion"),
        ("The survey found that more than half of nurses planned to quit.", "more than half"),
        ("The report said a third of the schools lacked heating.", "a third"),
        ("Analysts said two-thirds of the loans were in default.", "two-thirds"),
        ("Police said dozens of protesters had been detained.", "dozens"),
        ("Officials said well over 1,000 homes were damaged.", "well over 1,000 homes"),
        ("The union said close to two-thirds of members voted to strike.", "close to two-thirds"),
        ("The CDC said nearly one in five adults had symptoms.", "nearly one in five"),
        ("The researchers said the drug cut deaths by a third.", "a third"),
        ("Officials said about half of the money had been spent.", "about half"),
        ("The ministry said the outage lasted more than 12 hours.", "more than 12 hours"),
        ("The group said tens of thousands of people had fled.", "tens of thousands"),
        ("The study said upwards of 500 species were at risk.", "upwards of 500 species"),
        ("The charity said one-fifth of children went hungry.", "one-fifth"),
    ],
)
def test_qualified_amounts_are_read_whole(analyzer: Analyzer, sentence: str, quantity: str) -> None:
    claim = only_claim(analyzer, sentence)
    assert quantity in [q.text for q in claim.quantities]


@pytest.mark.parametrize(
    "sentence",
    [
        "The company said profits rose in the third quarter.",
        "The coach said the team played better in the first half of the season.",
        "The minister said the law was passed two years ago.",
        "Officials said the bridge opened on March 3, 2024.",
    ],
)
def test_periods_and_dates_are_not_amounts(analyzer: Analyzer, sentence: str) -> None:
    assert only_claim(analyzer, sentence).quantities == ()


def test_a_ratio_is_one_quantity(analyzer: Analyzer) -> None:
    claim = only_claim(analyzer, "The survey found that three out of four voters backed the plan.")
    assert [q.text for q in claim.quantities] == ["three out of four"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two-thirds", 2 / 3),
        ("a third", 1 / 3),
        ("nearly half", 0.5),
        ("one in five", 0.2),
        ("up to four weeks", 4.0),
        ("close to 40 percent", 40.0),
    ],
)
def test_values_of_fractions_ratios_and_durations(text: str, value: float) -> None:
    assert parse_value(text) == pytest.approx(value)


def test_an_age_is_no_amount_but_a_score_is_one(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer, "Police said a 34-year-old man had been arrested after the 3-2 defeat."
    )
    assert [q.text for q in claim.quantities] == ["3-2"]
