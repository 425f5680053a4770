"""Speakers: full names, roles, and later mentions resolved to the same person."""

from __future__ import annotations

from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import claims_in_order, only_claim

STORY = (
    "Speaking to the broadcaster NHK, Kenji Watanabe, the governor of the central bank, said "
    "interest rates would stay low through 2025.\n"
    "Watanabe said wages had risen by 3 percent.\n"
    "He also warned that a weaker yen could push prices higher.\n"
    "The governor said the bank was ready to act if needed."
)


def test_surname_pronoun_and_description_resolve_to_the_full_name(analyzer: Analyzer) -> None:
    claims = claims_in_order(analyzer, STORY)
    assert len(claims) == 4
    assert {c.speaker for c in claims} == {"Kenji Watanabe"}
    assert {c.speaker_role for c in claims} == {"governor of the central bank"}


def test_apposition_before_the_name_gives_the_role(analyzer: Analyzer) -> None:
    [claim] = claims_in_order(
        analyzer,
        "Prices will keep rising through the summer, the central bank's chief economist, "
        "Maria Lopez, told reporters on Tuesday.",
    )
    assert claim.speaker == "Maria Lopez"
    assert claim.speaker_role == "central bank's chief economist"


def test_synonymous_role_noun_resolves(analyzer: Analyzer) -> None:
    first, second = claims_in_order(
        analyzer,
        "The head of the agency, Dr. Rachel Kim, warned that the outbreak could spread. "
        "The director said more than 300 cases had been confirmed.",
    )
    assert first.speaker == second.speaker == "Rachel Kim"


def test_pronoun_prefers_the_subject_of_the_previous_sentence(analyzer: Analyzer) -> None:
    text = (
        "Senator Laura Diaz met Governor Tom Reyes in Austin on Friday. "
        "She said the two had agreed on a flood relief package."
    )
    [claim] = claims_in_order(analyzer, text)
    assert claim.speaker == "Laura Diaz"
    assert claim.speaker_role == "Senator"


def test_pronoun_in_the_same_sentence(analyzer: Analyzer) -> None:
    [claim] = claims_in_order(
        analyzer,
        "In April, Brazilian President Luiz Inacio Lula da Silva made headlines when he "
        "publicly accused the mining company of poisoning rivers in the Amazon.",
    )
    assert claim.speaker is not None and claim.speaker.endswith("Lula da Silva")
    assert claim.target is not None and "mining company" in claim.target


def test_they_resolves_to_an_organisation(analyzer: Analyzer) -> None:
    text = (
        "Greenpeace published satellite images of the spill on Monday. "
        "They said the slick covered 40 square kilometres."
    )
    [claim] = claims_in_order(analyzer, text)
    assert claim.speaker == "Greenpeace"


def test_lone_surname_misread_as_organisation_is_still_the_person(analyzer: Analyzer) -> None:
    text = (
        "Dr. Anthony Fauci testified before Congress on Tuesday. "
        "Fauci said the vaccine was safe and effective."
    )
    [claim] = claims_in_order(analyzer, text)
    assert claim.speaker == "Anthony Fauci"
    assert claim.speaker_role is None


def test_unresolvable_pronoun_keeps_its_text(analyzer: Analyzer) -> None:
    [claim] = claims_in_order(analyzer, "He said the road would reopen on Monday.")
    assert claim.speaker == "He"


def test_ages_and_party_tags_are_not_roles(analyzer: Analyzer) -> None:
    aged = only_claim(
        analyzer, '"We are not going anywhere," said Tamika Brooks, 34, a nurse at the clinic.'
    )
    assert aged.speaker == "Tamika Brooks" and aged.speaker_role is not None
    assert "nurse" in aged.speaker_role
    tagged = only_claim(analyzer, "Sen. Ron Adams, D-Ore., said the bill guts basic protections.")
    assert tagged.speaker == "Ron Adams" and tagged.speaker_role == "Sen."
