"""Quantities keep the qualifier a reader needs ("at least 20", "more than $3 million")."""

from __future__ import annotations

import pytest

from bot.pipeline.analysis.quantities import parse_value
from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import only_claim


@pytest.mark.parametrize(
    ("sentence", "quantity", "value"),
    [
        ("Officials said at least 42 people were killed in the strikes.", "at least 42 people", 42),
        ("Prosecutors said he stole more than $3 million from the fund.", "more than $3 million",
         3e6),
        ("The agency said unemployment fell to 4.1 percent in May.", "4.1 percent", 4.1),
        ("The mayor said nearly 1,200 homes were without power.", "nearly 1,200 homes", 1200),
        ("Police said six suspects had been detained.", "six suspects", 6),
        ("The company said it would cut up to 5,000 jobs.", "up to 5,000 jobs", 5000),
    ],
)  # fmt: skip
def test_quantities_with_qualifiers(
    analyzer: Analyzer, sentence: str, quantity: str, value: float
) -> None:
    claim = only_claim(analyzer, sentence)
    found = {q.text: q.value for q in claim.quantities}
    assert quantity in found, found
    assert found[quantity] == pytest.approx(value)


def test_dates_and_ordinals_are_not_quantities(analyzer: Analyzer) -> None:
    claim = only_claim(analyzer, "The minister said the first shipment arrived on March 3, 2024.")
    assert claim.quantities == ()


@pytest.mark.parametrize(
    ("text", "value"),
    [("$1.5 billion", 1.5e9), ("at least five", 5.0), ("12,500", 12500.0), ("dozens", 24.0),
     ("a handful", None)],
)  # fmt: skip
def test_parse_value(text: str, value: float | None) -> None:
    assert parse_value(text) == value
