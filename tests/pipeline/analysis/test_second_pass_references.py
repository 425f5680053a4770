"""Issue 11, pattern 2: pronouns and descriptions resolve to a name, or stay unnamed.

"who", "which", "anyone" and "others" are never a speaker's name; "the bank" after "Halden
Savings Bank" is that bank; an epithet ("the billionaire") is the one person just named.
"""

from __future__ import annotations

import pytest

from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import claims_in_order, only_claim


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Prosecutors questioned Mr. Tan, who testified that he had never seen the contract.",
            "Mr. Tan",
            "never seen the contract",
        ),
        (
            "The measure was backed by the Farmers Union, which said prices had collapsed.",
            "Farmers Union",
            "prices had collapsed",
        ),
        ("It was Mr. Alvarez who said the bridge was unsafe.", "Mr. Alvarez", "bridge was unsafe"),
        (
            "The proposal was attacked by Senator Ruth Engel, who said it would gut the pension "
            "fund.",
            "Ruth Engel",
            "gut the pension fund",
        ),
    ],
)
def test_a_relative_pronoun_speaks_for_its_antecedent(
    analyzer: Analyzer, text: str, speaker: str, content: str
) -> None:
    claim = only_claim(analyzer, text)
    assert claim.speaker == speaker
    assert content in claim.text


@pytest.mark.parametrize(
    "text",
    [
        "Someone said the gate had been left open.",
        "Others said the plan was too expensive.",
        "Everybody said the match was fixed.",
        "Many said the election had been stolen.",
    ],
)
def test_an_indefinite_subject_leaves_the_claim_unattributed(analyzer: Analyzer, text: str) -> None:
    claim = only_claim(analyzer, text)
    assert claim.speaker is None


def test_negative_and_generic_subjects_report_nothing(analyzer: Analyzer) -> None:
    assert claims_in_order(analyzer, "Nobody said the tests were rigged.") == []
    assert claims_in_order(analyzer, "Those who said the dam would fail were ignored.") == []
    claim = only_claim(analyzer, "Anyone who says the vote was rigged is lying, the governor said.")
    assert claim.speaker == "the governor"


def test_a_title_stays_with_a_surname_given_alone(analyzer: Analyzer) -> None:
    assert only_claim(analyzer, "Mr. Ortiz said the plan was dead.").speaker == "Mr. Ortiz"
    claims = claims_in_order(
        analyzer,
        "Carlos Ortiz chairs the transit board. Mr. Ortiz said the plan was dead.",
    )
    assert [c.speaker for c in claims] == ["Carlos Ortiz"]


def test_a_relative_clause_is_no_part_of_the_speakers_name(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "A spokesperson for Halvorsen Group, which owns the plant, said the leak had been "
        "contained.",
    )
    assert claim.speaker == "A spokesperson for Halvorsen Group"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Halden Savings Bank reported a loss of $40 million. The bank said bad loans had "
            "tripled.",
            "Halden Savings Bank",
        ),
        (
            "Regulators fined Quellmark Pharmaceuticals $30 million. The drugmaker said it "
            "would appeal the fine.",
            "Quellmark Pharmaceuticals",
        ),
        (
            "Apple's chief executive, Tim Cook, met the president. The tech giant said the "
            "talks were productive.",
            "Apple",
        ),
        (
            "Lakeshore Medical Center treated the victims. The hospital said two remained in "
            "critical condition.",
            "Lakeshore Medical Center",
        ),
        (
            "The Hartford Courant obtained the letter. The newspaper said the letter was "
            "authentic.",
            "Hartford Courant",
        ),
        (
            "Shares of Qorvex fell 6% after the chipmaker warned that orders would slow.",
            "Qorvex",
        ),
        (
            "The Environmental Protection Agency fined Pemberton Foods. The company said the "
            "fine was unfair.",
            "Pemberton Foods",
        ),
    ],
)
def test_a_type_description_names_the_organisation_just_named(
    analyzer: Analyzer, text: str, speaker: str
) -> None:
    assert claims_in_order(analyzer, text)[-1].speaker == speaker


def test_a_description_between_two_coordinated_names_stays_as_written(
    analyzer: Analyzer,
) -> None:
    claim = only_claim(
        analyzer,
        "Volkswagen and BMW both raised prices. The carmaker said steel costs were to blame.",
    )
    assert claim.speaker == "The carmaker"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Elon Musk bought the platform in 2022. The billionaire said the deal had been "
            "overpriced.",
            "Elon Musk",
        ),
        (
            "Maria Delgado, 54, was arrested on Friday. The 54-year-old said she had done "
            "nothing wrong.",
            "Maria Delgado",
        ),
        (
            "Tom Hanks visited the school on Monday. The actor said the students had inspired him.",
            "Tom Hanks",
        ),
    ],
)
def test_an_epithet_is_the_one_person_just_named(
    analyzer: Analyzer, text: str, speaker: str
) -> None:
    assert only_claim(analyzer, text).speaker == speaker


def test_descriptions_that_could_be_someone_else_stay_as_written(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "Elon Musk met Jeff Bezos in Paris. The billionaire said the talks had gone well.",
    )
    assert claim.speaker == "The billionaire"
    claim = only_claim(
        analyzer,
        "Prosecutor Jane Roe questioned Smith for two hours. The judge said the trial would "
        "resume Monday.",
    )
    assert claim.speaker == "The judge"


def test_a_name_the_tagger_missed_keeps_neither_apposition_nor_frame(analyzer: Analyzer) -> None:
    claims = claims_in_order(
        analyzer,
        '"We have done nothing wrong," said Ana Ruiz, the company\'s founder, in an interview. '
        "Ruiz said the company had hired an outside auditor.",
    )
    assert [c.speaker for c in claims] == ["Ana Ruiz", "Ana Ruiz"]


def test_hyphens_inside_a_name_stay(analyzer: Analyzer) -> None:
    claim = only_claim(
        analyzer,
        "Fighters from Jama'at Nusrat al-Islam wal-Muslimin said they had seized the base.",
    )
    assert claim.speaker is not None and "al-Islam wal-Muslimin" in claim.speaker


def test_an_acronym_that_spells_who_is_no_relative_pronoun(analyzer: Analyzer) -> None:
    text = "The WHO did not respond to an emailed request for details."
    assert [p.party for p in analyzer.analyze(text).pending_responses] == ["WHO"]


def test_a_pronoun_party_may_resolve_to_a_description_written_before(analyzer: Analyzer) -> None:
    text = (
        "The hospital said in a statement that the patient was stable. It declined to provide "
        "further details."
    )
    assert [p.party for p in analyzer.analyze(text).pending_responses] == ["The hospital"]


def test_a_type_written_before_a_company_name_is_no_part_of_it(analyzer: Analyzer) -> None:
    claim = only_claim(analyzer, "Drugmaker Novax said its vaccine was 85% effective.")
    assert claim.speaker == "Novax"
