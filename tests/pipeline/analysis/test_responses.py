"""Denials, confirmations and rebuttals linked to the claims they answer."""

from __future__ import annotations

from bot.models import Stance
from bot.pipeline.analyze import Analyzer


def test_dismissal_is_a_denial_of_the_nearest_claim_naming_the_party(analyzer: Analyzer) -> None:
    text = (
        "Prosecutors accused Halden Bank of laundering money for a cartel. "
        "The bank dismissed the accusation as baseless."
    )
    analysis = analyzer.analyze(text)
    [claim] = analysis.claims
    [response] = analysis.responses
    assert response.stance is Stance.DENIAL
    assert response.answers_claim == claim.id
    assert "baseless" in response.text


def test_named_party_answers_the_claim_that_targets_it(analyzer: Analyzer) -> None:
    text = (
        "Environmental groups said Northwind Energy had hidden a series of leaks at its "
        "offshore platform. The regulator said inspections were on schedule. "
        "Northwind Energy denied the allegations."
    )
    analysis = analyzer.analyze(text)
    by_speaker = {c.speaker: c for c in analysis.claims}
    [response] = analysis.responses
    assert response.party == "Northwind Energy"
    assert response.stance is Stance.DENIAL
    assert response.answers_claim == by_speaker["Environmental groups"].id


def test_confirmation(analyzer: Analyzer) -> None:
    text = (
        "Local media reported that Carver Motors would cut 2,000 jobs. "
        "Carver Motors later confirmed the reports."
    )
    analysis = analyzer.analyze(text)
    [response] = analysis.responses
    assert response.stance is Stance.CONFIRMATION
    assert response.party == "Carver Motors"
    assert response.answers_claim == analysis.claims[0].id


def test_rebuttal(analyzer: Analyzer) -> None:
    text = (
        "The union said Brightline Foods had cut wages for night-shift workers. "
        "Brightline Foods countered that wages had risen by 4 percent."
    )
    analysis = analyzer.analyze(text)
    rebuttals = [r for r in analysis.responses if r.stance is Stance.REBUTTAL]
    assert [r.party for r in rebuttals] == ["Brightline Foods"]
    union = next(c for c in analysis.claims if c.speaker == "The union")
    assert rebuttals[0].answers_claim == union.id


def test_speaker_does_not_answer_its_own_claim(analyzer: Analyzer) -> None:
    text = "The ministry said the figures were accurate. The ministry rejected the report."
    analysis = analyzer.analyze(text)
    [response] = analysis.responses
    assert response.answers_claim is None


def test_plain_statements_are_not_responses(analyzer: Analyzer) -> None:
    text = "The mayor said the new bridge would open in May. Traffic has been heavy all week."
    assert analyzer.analyze(text).responses == ()
