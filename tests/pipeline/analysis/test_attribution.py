"""The ways news attributes claims, each with phrasing taken from the style of real reports."""

from __future__ import annotations

import pytest

from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import claims_in_order, only_claim

SPEECH_VERB_SENTENCES = [
    ("The governor said the state would run out of money by March.", "say",
     "The governor", "run out of money"),
    ("The central bank says inflation will stay above target until 2026.", "say",
     "central bank", "inflation will stay above target"),
    ("Officials told lawmakers that the program was already over budget.", "tell",
     "Officials", "over budget"),
    ("The ministry stated that 1,500 troops had been deployed to the border.", "state",
     "ministry", "troops had been deployed"),
    ("The opposition leader claimed the vote had been rigged in three provinces.", "claim",
     "opposition leader", "vote had been rigged"),
    ("Critics have alleged that the contract was awarded without a proper tender.", "allege",
     "Critics", "without a proper tender"),
    ("Prosecutors accused the former mayor of embezzling more than $3 million.", "accuse",
     "Prosecutors", "embezzling"),
    ("Ford warned that tariffs could cost it as much as $2 billion this year.", "warn",
     "Ford", "tariffs could cost"),
    ("The president denied that he had any knowledge of the payments.", "deny",
     "president", "knowledge of the payments"),
    ("Johnson insisted the policy was working despite the rising costs.", "insist",
     "Johnson", "policy was working"),
    ("The ministry confirmed that two soldiers had been killed near the border.", "confirm",
     "ministry", "two soldiers had been killed"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "cue", "speaker", "content"), SPEECH_VERB_SENTENCES)
def test_speech_verbs_attribute_the_clause_to_the_subject(
    analyzer: Analyzer, sentence: str, cue: str, speaker: str, content: str
) -> None:
    claim = only_claim(analyzer, sentence)
    assert claim.cue == cue
    assert claim.speaker is not None and speaker in claim.speaker
    assert content in claim.text
    assert claim.sentence == sentence


def test_added_continues_the_previous_speaker(analyzer: Analyzer) -> None:
    first, second = claims_in_order(
        analyzer,
        "Police chief Tom Barrett said officers had recovered two firearms at the scene. "
        "He added that no arrests had been made.",
    )
    assert first.speaker == second.speaker == "Tom Barrett"
    assert second.cue == "add"
    assert second.text == "no arrests had been made"


def test_according_to_names_the_source(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer, "According to the Health Ministry, at least 42 people were killed in the strikes."
    )
    assert claim.speaker == "Health Ministry"
    assert claim.cue == "according to"
    assert claim.text.startswith("at least 42 people were killed")
    assert "According" not in claim.text


def test_quote_first_then_speaker(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer, '"We have no plans to raise taxes," said Finance Minister Rachel Reeves.'
    )
    assert claim.quote
    assert claim.speaker == "Rachel Reeves"
    assert claim.speaker_role == "Finance Minister"
    assert claim.text == "We have no plans to raise taxes"


def test_quotation_over_two_sentences_is_one_quote(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "“The economy is strong. Unemployment is at a record low,” the treasury secretary said "
        "in a statement.",
    )
    assert claim.quote
    assert claim.speaker == "the treasury secretary"
    assert claim.text == "The economy is strong. Unemployment is at a record low"


def test_said_in_a_statement_with_a_clause(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "The company said in a statement that it had fired three employees over the breach.",
    )
    assert claim.speaker == "The company"
    assert claim.text == "it had fired three employees over the breach"
    assert not claim.quote


def test_said_in_a_statement_followed_by_a_colon_quote(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        'Acme Corp said in a statement: "We take these allegations seriously and are '
        'cooperating fully with investigators."',
    )
    assert claim.quote
    assert claim.speaker == "Acme Corp"
    assert "cooperating fully with investigators" in claim.text


def test_quote_paragraph_after_a_speaker_paragraph(analyzer: Analyzer) -> None:
    text = (
        "Interior Minister Nancy Faeser spoke at length about the reforms on Monday.\n"
        "“We will deport those who have no right to stay. There can be no exceptions.”"
    )
    claim = only_claim(analyzer, text)
    assert claim.quote
    assert claim.speaker == "Nancy Faeser"
    assert claim.speaker_role == "Interior Minister"
    assert "There can be no exceptions" in claim.text


def test_quote_paragraph_continues_the_last_claim_speaker(analyzer: Analyzer) -> None:
    text = (
        "Mayor Karen Bass announced a $1.2 billion housing plan on Monday.\n"
        '"This is the largest investment in affordable housing in the city\'s history," Bass '
        "said at a news conference.\n"
        '"And it will not be the last time we do this."'
    )
    claims = claims_in_order(analyzer, text)
    assert [c.speaker for c in claims] == ["Karen Bass"] * 3
    assert [c.quote for c in claims] == [False, True, True]


def test_unattributed_quote_far_from_any_speaker_is_not_a_claim(analyzer: Analyzer) -> None:
    text = (
        "The bridge reopened on Monday after months of repairs.\n"
        "Traffic was light in the morning.\n"
        "“Better late than never for this old bridge,” read a sign at the entrance."
    )
    assert claims_in_order(analyzer, text) == []


def test_passive_accusation_without_accuser(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer, "The senator has been accused of accepting bribes from a defense contractor."
    )
    assert claim.target == "The senator"
    assert claim.speaker is None
    assert "accepting bribes" in claim.text


def test_passive_accusation_with_agent(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "The company was accused by regulators of hiding losses worth $40 million.",
    )
    assert claim.speaker == "regulators"
    assert claim.target == "The company"
    assert "hiding losses" in claim.text


def test_passive_accusation_resolved_by_the_named_accusation_nearby(analyzer: Analyzer) -> None:
    claims = claims_in_order(
        analyzer,
        "It is not the first time the airline has been accused of misleading passengers. "
        "Last year, consumer watchdog Which? accused the airline of selling tickets for "
        "flights it had already cancelled.",
    )
    assert len(claims) == 1
    assert claims[0].speaker is not None
    assert "selling tickets" in claims[0].text


def test_several_speakers_in_one_sentence(analyzer: Analyzer) -> None:
    first, second = claims_in_order(
        analyzer,
        "The opposition leader claimed the vote was rigged, while the election commission "
        "insisted it had been free and fair.",
    )
    assert first.speaker == "The opposition leader"
    assert first.text == "the vote was rigged"
    assert second.speaker == "the election commission"
    assert second.text == "it had been free and fair"


def test_joint_speakers(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer, "Senators Mark Warner and Marco Rubio said the report raised serious concerns."
    )
    assert claim.speaker is not None
    assert "Warner" in claim.speaker and "Rubio" in claim.speaker


def test_nested_report_keeps_the_inner_speaker(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer, "Reuters reported that officials said the talks had collapsed over the weekend."
    )
    assert claim.speaker == "officials"
    assert claim.reported_by == "Reuters"
    assert claim.text == "the talks had collapsed over the weekend"


def test_told_an_outlet_marks_the_outlet(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer, "The talks have collapsed, two people familiar with the matter told Reuters."
    )
    assert claim.speaker == "two people familiar with the matter"
    assert claim.reported_by == "Reuters"


def test_told_reporters_is_not_an_outlet(analyzer: Analyzer) -> None:
    claim = only_claim(analyzer, "The mayor told reporters that the budget would be balanced.")
    assert claim.reported_by is None


def test_anonymous_source_keeps_the_description_not_the_relative_clause(
    analyzer: Analyzer,
) -> None:
    claim = only_claim(
        analyzer,
        "A senior official, who spoke on condition of anonymity because he was not authorized "
        "to discuss the matter, said the president would veto the bill.",
    )
    assert claim.speaker == "A senior official"
    assert claim.text == "the president would veto the bill"


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("The minister reportedly told aides that the deal was dead.", "reportedly"),
        ("The company allegedly dumped toxic waste into the river for over a decade.",
         "allegedly"),
        ("Investigators said the suspect had allegedly bought the weapon online.", "allegedly"),
    ],
)  # fmt: skip
def test_hedges_are_kept_on_the_claim(analyzer: Analyzer, sentence: str, hedge: str) -> None:
    claim = only_claim(analyzer, sentence)
    assert claim.hedge == hedge
    assert hedge in claim.text


def test_questions_and_negated_speech_are_not_claims(analyzer: Analyzer) -> None:
    assert claims_in_order(analyzer, "He did not say when the money would arrive.") == []
    assert claims_in_order(analyzer, "The spokesman would not say whether talks continued.") == []


def test_author_commentary_is_not_a_claim(analyzer: Analyzer) -> None:
    text = (
        "This revelation adds to growing fears that the region may slide into recession. "
        "If the figures are confirmed, pressure on the government is expected to grow."
    )
    assert claims_in_order(analyzer, text) == []


def test_mentioned_object_is_the_content(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "The inspector also mentioned four separate violations involving fire exits, though "
        "she did not name the buildings.",
    )
    assert claim.text == "four separate violations involving fire exits"
    assert [q.text for q in claim.quantities] == ["four"]


def test_first_person_writer_is_not_a_source(analyzer: Analyzer) -> None:
    text = (
        "I found that the new model handles rain far better than the old one. "
        "We noted that the battery lasted about nine hours."
    )
    assert claims_in_order(analyzer, text) == []


def test_interrupting_attribution_is_cut_from_the_text(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "The engineers found the fault quickly, Mayer said, and patched the software overnight.",
    )
    assert claim.speaker == "Mayer"
    assert "Mayer said" not in claim.text
    assert claim.text.startswith("The engineers found the fault quickly")


def test_according_to_in_the_middle_keeps_only_the_reported_clause(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "The attorney general is investigating the firm, according to two people familiar with "
        "the matter, adding to a string of problems for the company.",
    )
    assert claim.text == "The attorney general is investigating the firm"
    assert claim.speaker == "two people familiar with the matter"


def test_odd_input_does_not_crash(analyzer: Analyzer) -> None:
    for text in ["according to", "“", '"He said," she said, "said."', "Said.\n\n\n“”", "?!"]:
        analyzer.analyze(text)
