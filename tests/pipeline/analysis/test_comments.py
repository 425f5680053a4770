"""Comment requests: pending answers, refusals, and look-alikes that are neither."""

from __future__ import annotations

import pytest

from bot.models import PendingResponse, ResponseStatus
from bot.pipeline.analyze import Analyzer


def requests_in(analyzer: Analyzer, text: str) -> list[PendingResponse]:
    return list(analyzer.analyze(text).pending_responses)


PENDING = [
    ("The Department of Defense did not immediately respond to a request for comment.",
     "Department of Defense", None),
    ("Meta did not respond to Reuters' requests for comment on Friday.", "Meta", "Reuters"),
    ("A spokesperson for the company could not be reached for comment.", "company", None),
    ("The Washington Post has reached out to the Trump campaign for comment.",
     "Trump campaign", "Washington Post"),
    ("No one at the embassy has responded to repeated requests for comment.", "embassy", None),
    ("Representatives for the singer did not reply to emails seeking comment.",
     "Representatives for the singer", None),
    ("Sen. Maria Cantwell's office did not immediately return a request for comment from "
     "The Associated Press.", "Maria Cantwell", "Associated Press"),
    ("Reuters has reached out to the Kremlin for an official response but has yet to receive "
     "a comment.", "Kremlin", "Reuters"),
    ("The newspaper contacted the ministry for comment on Thursday.", "ministry", "newspaper"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "party", "requested_by"), PENDING)
def test_pending_comment_requests(
    analyzer: Analyzer, sentence: str, party: str, requested_by: str | None
) -> None:
    [found] = requests_in(analyzer, sentence)
    assert found.status is ResponseStatus.PENDING
    assert party in found.party
    if requested_by is None:
        assert found.requested_by is None
    else:
        assert found.requested_by is not None and requested_by in found.requested_by
    assert found.sentence == sentence


DECLINED = [
    ("The White House declined to comment.", "White House"),
    ("The club would not comment on the player's contract.", "The club"),
    ("Apple refused to comment when contacted by the BBC.", "Apple"),
    ("A lawyer for the family declined a request for comment.", "A lawyer for the family"),
]


@pytest.mark.parametrize(("sentence", "party"), DECLINED)
def test_declined_comment_requests(analyzer: Analyzer, sentence: str, party: str) -> None:
    [found] = requests_in(analyzer, sentence)
    assert found.status is ResponseStatus.DECLINED
    assert found.party == party


def test_refusal_records_the_outlet_that_asked(analyzer: Analyzer) -> None:
    [found] = requests_in(analyzer, "Apple refused to comment when contacted by the BBC.")
    assert found.requested_by == "BBC"


def test_pronoun_party_resolves_to_the_person(analyzer: Analyzer) -> None:
    text = (
        "Mark Chen, the company's chief executive, announced the layoffs in a memo on Monday. "
        "He did not respond to a request for comment."
    )
    [found] = requests_in(analyzer, text)
    assert found.party == "Mark Chen"
    assert found.status is ResponseStatus.PENDING


def test_surname_party_resolves_to_the_full_name(analyzer: Analyzer) -> None:
    text = (
        "Tesla chief executive Elon Musk wrote on X that the report was wrong. "
        "Musk declined to comment further."
    )
    [found] = requests_in(analyzer, text)
    assert found.party == "Elon Musk"
    assert found.status is ResponseStatus.DECLINED


@pytest.mark.parametrize(
    "sentence",
    [
        "Voters who did not respond to mailings were removed from the rolls.",
        "She reached out to the senator about the bill last week.",
        "He did not respond to the criticism during the debate.",
        "The company responded to requests from customers by extending the warranty.",
        "Firefighters could not be reached by road after the bridge collapsed.",
    ],
)
def test_look_alikes_are_not_comment_requests(analyzer: Analyzer, sentence: str) -> None:
    assert requests_in(analyzer, sentence) == []


MORE_WORDINGS = [
    ("Dr. Lena Fischer was not available for comment on Tuesday.",
     [("Lena Fischer", ResponseStatus.PENDING)]),
    ("Neither the landlord nor the council's housing officer responded to requests for comment.",
     [("the landlord", ResponseStatus.PENDING),
      ("the council's housing officer", ResponseStatus.PENDING)]),
    ("The Guardian reached out to the governor's office but did not hear back before "
     "publication.", [("the governor's office", ResponseStatus.PENDING)]),
    ("Requests for comment sent to the Ministry of Transport and to Councillor Ada Price went "
     "unanswered.", [("Ministry of Transport", ResponseStatus.PENDING),
                     ("Ada Price", ResponseStatus.PENDING)]),
    ("Lawyers for the developer did not respond to emailed questions from the newspaper.",
     [("Lawyers for the developer", ResponseStatus.PENDING)]),
    ("Representatives for Orion Mining and Vale Resources declined to comment.",
     [("Orion Mining", ResponseStatus.DECLINED), ("Vale Resources", ResponseStatus.DECLINED)]),
    ("The Coast Guard said it does not comment on active searches.",
     [("Coast Guard", ResponseStatus.DECLINED)]),
    ("A spokesman for the Royal Navy said the force would not comment while the inquiry "
     "continues.", [("Royal Navy", ResponseStatus.DECLINED)]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expected"), MORE_WORDINGS)
def test_more_comment_request_wordings(
    analyzer: Analyzer, sentence: str, expected: list[tuple[str, ResponseStatus]]
) -> None:
    found = requests_in(analyzer, sentence)
    assert len(found) == len(expected), [(f.party, f.status) for f in found]
    for item, (party, status) in zip(found, expected, strict=True):
        assert party in item.party and item.status is status


@pytest.mark.parametrize(
    "sentence",
    [
        "Paramedics did not respond to the first call for half an hour, witnesses said.",
        "Shop owners will be asked to comment on the parking plan at a meeting next month.",
    ],
)
def test_near_misses_are_not_comment_requests(analyzer: Analyzer, sentence: str) -> None:
    assert requests_in(analyzer, sentence) == []


def test_a_refusal_to_comment_is_not_a_claim(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("The airline said it would not comment on the ongoing inquiry.")
    assert analysis.claims == ()
    assert [p.status for p in analysis.pending_responses] == [ResponseStatus.DECLINED]
