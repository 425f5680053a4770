"""Pronouns, relative pronouns and possessives standing in for a source or a party."""

from __future__ import annotations

from bot.models import ResponseStatus
from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import claims_in_order, requests_in


def test_they_after_a_report_is_the_source_not_a_thing_in_it(analyzer: Analyzer) -> None:
    text = (
        "Officers said the cyclist, a 30-year-old woman from Cork, was taken to hospital. "
        "She has since been discharged, they said."
    )
    claims = claims_in_order(analyzer, text)
    assert [c.speaker for c in claims] == ["Officers", "Officers"]


def test_they_skips_nouns_inside_the_statement_it_introduces(analyzer: Analyzer) -> None:
    text = (
        "Two bankers briefed on the deal said a signing was close. "
        "The price could still move and the negotiations could stall, they said."
    )
    last = claims_in_order(analyzer, text)[-1]
    assert last.speaker is not None and "bankers" in last.speaker


def test_which_declined_is_the_organisation_it_describes(analyzer: Analyzer) -> None:
    text = "The mayor's office referred questions to the Port Authority, which declined to comment."
    assert requests_in(analyzer, text) == [("Port Authority", ResponseStatus.DECLINED)]


def test_who_did_not_respond_is_the_person_it_describes(analyzer: Analyzer) -> None:
    text = "Garcia, who did not respond to a request for comment, has previously denied the claims."
    assert requests_in(analyzer, text) == [("Garcia", ResponseStatus.PENDING)]


def test_her_office_is_the_senator_as_written(analyzer: Analyzer) -> None:
    """A party is always a span of the text (issue 11): "Ruth Adler's office" is not one, so
    "Her office" is the senator it speaks for, by the name the article gives her."""
    text = (
        "Senator Ruth Adler proposed the change last month. "
        "Her office did not respond to questions on Monday."
    )
    [(party, status)] = requests_in(analyzer, text)
    assert party == "Ruth Adler" and status is ResponseStatus.PENDING
