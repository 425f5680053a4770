"""Wire-copy patterns found weak by the held-out evaluation, one rule per test.

The sentences differ from the held-out passages on purpose: they check that each rule is a
general pattern, not a memorised sentence.
"""

from __future__ import annotations

import pytest

from bot.models import ResponseStatus
from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import claims_in_order, only_claim


def test_statement_frame_that_clause(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "Airline spokesperson Maria Costa said in a written statement that all flights would "
        "resume by Thursday.",
    )
    assert claim.speaker == "Maria Costa"
    assert "all flights would resume" in claim.text


def test_participle_speaks_for_the_reporting_subject(analyzer: Analyzer) -> None:
    claims = claims_in_order(
        analyzer,
        "Unilever said its annual sales rose 4% to 60 billion euros, adding that price cuts "
        "would continue next year.",
    )
    assert [c.speaker for c in claims] == ["Unilever", "Unilever"]
    assert "sales rose 4%" in claims[0].text and "price cuts" not in claims[0].text
    assert "price cuts would continue" in claims[1].text


def test_two_speakers_joined_by_while_keep_their_own_claims(analyzer: Analyzer) -> None:
    claims = claims_in_order(
        analyzer,
        "The rebels said the town had fallen, while the army said fighting was continuing.",
    )
    by_speaker = {c.speaker: c.text for c in claims}
    assert "town had fallen" in by_speaker["The rebels"]
    assert "army" not in by_speaker["The rebels"]
    assert any("fighting was continuing" in t for s, t in by_speaker.items() if "army" in s)


def test_document_quoted_by_a_person_is_the_persons_claim(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "The data suggest that the virus spread earlier than thought, said epidemiologist "
        "Kenji Watanabe.",
    )
    assert claim.speaker == "Kenji Watanabe"
    assert "virus spread earlier" in claim.text


def test_nested_report_still_credits_the_inner_speaker(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "The Wall Street Journal reported that regulators said the merger would be blocked.",
    )
    assert claim.speaker == "regulators"
    assert claim.reported_by is not None and "Wall Street Journal" in claim.reported_by


def test_agentless_passive_inside_attributed_speech_is_one_claim(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "Two men have been charged with arson over the warehouse fire, the fire service said.",
    )
    assert claim.speaker is not None and "fire service" in claim.speaker
    assert "charged with arson" in claim.text


def test_type_description_resolves_to_the_organisation(analyzer: Analyzer) -> None:
    claims = claims_in_order(
        analyzer,
        "Siemens Energy cut its profit forecast on Monday, the European Commission said. "
        "The company said turbine faults would cost it 1 billion euros.",
    )
    assert claims[-1].speaker == "Siemens Energy"


def test_institution_description_skips_companies(analyzer: Analyzer) -> None:
    claims = claims_in_order(
        analyzer,
        "Pfizer will supply the vaccine, according to the European Medicines Agency. "
        "The agency said approval was expected in May.",
    )
    assert claims[-1].speaker == "European Medicines Agency"


def test_misparsed_fronted_statement_is_attributed(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "The bus left the road near Cusco, injuring 23 passengers, regional police said.",
    )
    assert claim.speaker == "regional police"
    assert "bus left the road" in claim.text


COMMENT_REQUESTS = [
    ("Vattenfall has been asked for comment.", "Vattenfall", ResponseStatus.PENDING),
    ("Calls to the mayor's office went unanswered on Monday.", "mayor", ResponseStatus.PENDING),
    ("Emails sent to Orbital Freight, the shipping company, were not returned.",
     "Orbital Freight", ResponseStatus.PENDING),
    ("Attempts to reach the landlord, Peter Osei, were unsuccessful.", "Osei",
     ResponseStatus.PENDING),
    ("Rahul Mehta could not immediately be reached on Friday.", "Rahul Mehta",
     ResponseStatus.PENDING),
    ("The ministry declined to give further details.", "ministry", ResponseStatus.DECLINED),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "party", "status"), COMMENT_REQUESTS)
def test_comment_request_phrasings(
    analyzer: Analyzer, sentence: str, party: str, status: ResponseStatus
) -> None:
    [found] = analyzer.analyze(sentence).pending_responses
    assert party in found.party
    assert found.status is status
    assert found.requested_by is None


def test_each_coordinated_party_is_a_request(analyzer: Analyzer) -> None:
    found = analyzer.analyze("Visa and Mastercard did not respond to requests for comment.")
    assert sorted(p.party for p in found.pending_responses) == ["Mastercard", "Visa"]


def test_the_channel_is_not_the_requester(analyzer: Analyzer) -> None:
    [found] = analyzer.analyze(
        "The county sheriff did not respond to questions sent by text message."
    ).pending_responses
    assert "sheriff" in found.party
    assert found.requested_by is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Several farms could not be reached by road after the storm.",
        "Rescuers could not reach the village until Tuesday.",
        "Attempts to climb the peak were unsuccessful because of the weather.",
        "Efforts to reach a ceasefire have failed.",
        "Prices declined to a two-year low.",
    ],
)
def test_look_alikes_are_not_requests(analyzer: Analyzer, sentence: str) -> None:
    assert not analyzer.analyze(sentence).pending_responses
