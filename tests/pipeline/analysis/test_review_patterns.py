"""Attribution patterns from the second review: naming verbs, joined statements, role-then-name
speakers, documents with an author, and a described speaker named in the next sentence.

Every sentence here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import claims_in_order, only_claim


def test_calling_something_a_name_is_a_claim(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer, 'Councillor Priya Nand called the parking levy "a tax on night-shift nurses."'
    )
    assert claim.speaker == "Priya Nand"
    assert claim.cue == "call"
    assert claim.text == 'the parking levy "a tax on night-shift nurses"'


def test_labelled_without_quotation_marks(analyzer: Analyzer) -> None:
    claim = only_claim(analyzer, "The union branded the proposal an insult to its members.")
    assert claim.speaker == "The union"
    assert claim.cue == "brand"
    assert "the proposal an insult to its members" in claim.text


def test_called_on_and_called_a_meeting_are_not_claims(analyzer: Analyzer) -> None:
    text = (
        "The ministry called on neighbouring states to open their borders. "
        "The chairman called an emergency meeting for Friday."
    )
    assert claims_in_order(analyzer, text) == []


def test_second_speech_verb_keeps_the_first_speaker(analyzer: Analyzer) -> None:
    claims = claims_in_order(
        analyzer,
        "Harbour master Ewan Doyle said tugboats were clearing the channel but warned that "
        "ferries could stay docked until Sunday.",
    )
    assert [(c.speaker, c.cue) for c in claims] == [("Ewan Doyle", "say"), ("Ewan Doyle", "warn")]
    assert claims[0].text == "tugboats were clearing the channel"  # no dangling "but"
    assert claims[1].text == "ferries could stay docked until Sunday"


def test_said_this_and_that_keeps_both_clauses(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        'The board chair, Lena Wu, said demand was cooling "far faster than anyone expected" '
        "and that prices would follow.",
    )
    assert claim.speaker == "Lena Wu"
    assert "demand was cooling" in claim.text
    assert "prices would follow" in claim.text


def test_role_then_name_names_the_role_holder(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "A spokesman for Governor Alan Reyes, Tom Briggs, said the governor would sign the bill.",
    )
    assert claim.speaker == "Tom Briggs"
    assert claim.speaker_role == "spokesman for Governor Alan Reyes"


def test_role_then_name_with_an_institution(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer, "A lawyer for the school district, Nina Okafor, said the contract was void."
    )
    assert claim.speaker == "Nina Okafor"
    assert claim.speaker_role == "lawyer for the school district"


def test_according_to_figures_published_by_an_author(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "Wheat exports rose 4 percent last year, according to figures published by the "
        "national statistics office.",
    )
    assert claim.speaker == "national statistics office"
    assert claim.cue == "according to"


def test_according_to_a_bare_document_keeps_the_document(analyzer: Analyzer) -> None:
    claim = only_claim(analyzer, "Rents rose 9 percent in the city, according to census data.")
    assert claim.speaker is not None and "data" in claim.speaker


def test_measurements_suggesting_yield_to_the_person_quoting_them(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "New tide gauge readings suggest the harbor is sinking faster than expected, said "
        "Dr. Amara Obi, an oceanographer.",
    )
    assert claim.speaker == "Amara Obi"
    assert "the harbor is sinking" in claim.text


def test_described_speaker_named_in_the_next_sentence(analyzer: Analyzer) -> None:
    claims = claims_in_order(
        analyzer,
        "A federal prosecutor said the defendant moved cash through shell firms. "
        "Assistant U.S. Attorney Rosa Diaz said bank records showed 40 transfers.",
    )
    assert [c.speaker for c in claims] == ["Rosa Diaz", "Rosa Diaz"]


def test_described_speaker_in_another_role_stays_apart(analyzer: Analyzer) -> None:
    claims = claims_in_order(
        analyzer,
        "A prosecutor said the defendant lied to the bank. "
        "Defense attorney Sam Cole said his client was innocent.",
    )
    assert [c.speaker for c in claims] == ["A prosecutor", "Sam Cole"]


def test_officials_are_not_merged_into_one_named_official(analyzer: Analyzer) -> None:
    claims = claims_in_order(
        analyzer,
        "Officials said the bridge would reopen in May. "
        "Transport official Dana Hurst said the repairs cost $2 million.",
    )
    assert [c.speaker for c in claims] == ["Officials", "Dana Hurst"]


def test_speaker_reporting_their_own_earlier_warning_keeps_the_whole_statement(
    analyzer: Analyzer,
) -> None:
    claim = only_claim(
        analyzer,
        "Dr. Omar Haddad told lawmakers that he had warned school boards about mold in 2019.",
    )
    assert claim.speaker == "Omar Haddad"
    assert claim.cue == "tell"
    assert claim.text == "he had warned school boards about mold in 2019"


def test_an_organisation_is_not_replaced_by_the_person_who_heads_it(analyzer):
    analysis = analyzer.analyze(
        "The national weather service warned that the storm could bring 30 centimetres of snow. "
        "Maria Lindqvist, the head of the weather service, said crews were ready to clear "
        "the roads."
    )
    warning = next(c for c in analysis.claims if "storm" in c.text)
    assert "weather service" in (warning.speaker or "").lower()
