"""Issue 11, patterns 5 and 6: "no one responded" finds who was asked, and not every "did not
respond" is a comment request (the press, or an official inquiry, asking for a statement)."""

from __future__ import annotations

import pytest

from bot.models import ResponseStatus
from bot.pipeline.analyze import Analyzer

PENDING = ResponseStatus.PENDING
DECLINED = ResponseStatus.DECLINED


def _requests(analyzer: Analyzer, text: str) -> list[tuple[str, str | None, ResponseStatus]]:
    analysis = analyzer.analyze(text)
    return [(p.party, p.requested_by, p.status) for p in analysis.pending_responses]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Last week a spokesman for Orvane said he would get back to me. Since then, no one "
            "has responded to requests for comment.",
            [("Orvane", None, PENDING)],
        ),
        (
            "Reuters emailed the ministry and the regulator on Monday. No one has replied.",
            [("the ministry", "Reuters", PENDING), ("the regulator", "Reuters", PENDING)],
        ),
        (
            "We asked Tallis Foods about the recall. Nobody responded.",
            [("Tallis Foods", None, PENDING)],
        ),
        (
            "A reporter called the sheriff's office twice. No one answered.",
            [("the sheriff's office", None, PENDING)],
        ),
        (
            "The station's owners were contacted on Tuesday.\nNone has responded.",
            [("The station's owners", None, PENDING)],
        ),
        ("Nobody at the agency returned calls.", [("the agency", None, PENDING)]),
    ],
)
def test_no_one_responded_names_who_was_asked(
    analyzer: Analyzer, text: str, expected: list[tuple[str, str | None, ResponseStatus]]
) -> None:
    assert _requests(analyzer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "No one responded to the emergency call for 40 minutes.",
        "No one was hurt in the fire, officials said.",
        "The mayor visited the flooded streets. No one answered the door at the first house.",
        "Police called the family on Monday. No one answered.",
    ],
)
def test_no_one_with_no_request_nearby_is_no_party(analyzer: Analyzer, text: str) -> None:
    assert _requests(analyzer, text) == []


def test_a_promise_to_get_back_is_no_claim(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("A spokeswoman for Orvane said she would get back to me.")
    assert analysis.claims == ()
    analysis = analyzer.analyze("The company said it would respond to the allegations in court.")
    assert [c.speaker for c in analysis.claims] == ["The company"]


@pytest.mark.parametrize(
    "text",
    [
        "Voters who did not respond to mailed notices were removed from the rolls.",
        "About 30 percent of patients did not respond to the treatment.",
        "The engine did not respond when the pilot pushed the throttle.",
        "Markets did not respond to the rate cut.",
        "The mayor did not return to Washington until Friday.",
        "The judge declined to dismiss the case.",
        "He declined to be named.",
        "Google did not respond to the commission's request for documents.",
        "The governor's office did not respond to a request from lawmakers to release the records.",
        "The union said it had not received a response from management to its pay demand.",
        "The ministry did not respond.",
        "Ambulances could not reach the village because of the floods.",
    ],
)
def test_a_non_reply_that_answers_no_press_request_is_not_one(
    analyzer: Analyzer, text: str
) -> None:
    assert _requests(analyzer, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The White House referred questions to the Justice Department, which did not respond.",
            [("Justice Department", None, PENDING)],
        ),
        (
            "The campaign did not respond to a list of questions from The Washington Post.",
            [("The campaign", "Washington Post", PENDING)],
        ),
        (
            "The police department did not respond to an email seeking the officer's name.",
            [("The police department", None, PENDING)],
        ),
        ("She declined to be interviewed.", [("She", None, DECLINED)]),
        (
            "Reuters has reached out to the ministry but has yet to receive a comment.",
            [("the ministry", "Reuters", PENDING)],
        ),
    ],
)
def test_press_requests_in_other_words_still_count(
    analyzer: Analyzer, text: str, expected: list[tuple[str, str | None, ResponseStatus]]
) -> None:
    assert _requests(analyzer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Associated Press sent questions to the mayor's office and the police union on "
            "Friday. Neither had responded by Sunday.",
            [
                ("the mayor's office", "Associated Press", PENDING),
                ("the police union", "Associated Press", PENDING),
            ],
        ),
        (
            "The Times reached out to Ms. Kaur, her lawyer and the hospital. None of them "
            "responded.",
            [
                ("Ms. Kaur", "Times", PENDING),
                ("her lawyer", "Times", PENDING),
                ("the hospital", "Times", PENDING),
            ],
        ),
    ],
)
def test_neither_and_none_of_them_name_who_was_asked(
    analyzer: Analyzer, text: str, expected: list[tuple[str, str | None, ResponseStatus]]
) -> None:
    assert _requests(analyzer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Representatives for the singer declined to comment, as did a spokeswoman for the "
            "label.",
            [
                ("Representatives for the singer", None, DECLINED),
                ("a spokeswoman for the label", None, DECLINED),
            ],
        ),
        (
            "A spokesman for the ministry said it would not comment on an ongoing investigation.",
            [("the ministry", None, DECLINED)],
        ),
        (
            'When reached by phone Tuesday, Dalton said he was "not in a position to comment."',
            [("Dalton", None, DECLINED)],
        ),
        ("The ministry had no immediate comment.", [("The ministry", None, DECLINED)]),
        (
            "The judge said he could not comment on an ongoing case.",
            [("The judge", None, DECLINED)],
        ),
        (
            "Reuters could not immediately reach the Iranian foreign ministry for comment.",
            [("the Iranian foreign ministry", "Reuters", PENDING)],
        ),
        (
            "Attempts to reach the driver's family were unsuccessful.",
            [("the driver's family", None, PENDING)],
        ),
        (
            "Lawyers for Mr. Ruiz did not respond; a spokesperson for the prosecutor's office "
            "declined to comment.",
            [
                ("Lawyers for Mr. Ruiz", None, PENDING),
                ("a spokesperson for the prosecutor's office", None, DECLINED),
            ],
        ),
        (
            "Messages seeking comment from the governor, the attorney general and the state's "
            "largest utility were not immediately returned.",
            [
                ("the governor", None, PENDING),
                ("the attorney general", None, PENDING),
                ("the state's largest utility", None, PENDING),
            ],
        ),
    ],
)
def test_refusals_and_silences_in_other_words(
    analyzer: Analyzer, text: str, expected: list[tuple[str, str | None, ResponseStatus]]
) -> None:
    assert _requests(analyzer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Firefighters could not reach the family until dawn.",
        "Prices rose, as did wages.",
        "The senator had no doubt that the bill would pass.",
    ],
)
def test_look_alikes_of_those_words_ask_nobody(analyzer: Analyzer, text: str) -> None:
    assert _requests(analyzer, text) == []


def test_a_refusal_in_a_speakers_words_is_no_claim(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(
        'When reached by phone Tuesday, Dalton said he was "not in a position to comment."'
    )
    assert analysis.claims == ()
