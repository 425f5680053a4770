"""Issue 11, sixth pass on comment requests: families of phrasing, not passages.

Families: a description, a state or a party label set after the name inside a party phrase
("Aides to Gov. Lena Marsh, a Democrat,", "officials in Marion County, Indiana,") is no party of
its own; a body that says (in a statement, in an email) that it does not comment, or that it
would be inappropriate or premature to, declines, even when the small tagger misreads its
one-word name; an outlet with a title of several words asks; the press that "has reached out to
X, which …, and has not heard back", "is awaiting a response", "has put these points to X";
a person the text gives by role ("the pilot, whose name was not released, could not be
reached"); "did not respond when asked whether …"; "has been invited to comment"; a silence
"by" or "at the time of publication"; a request turned down or ignored; a message left at
someone's home. Near misses: a class of people ("households that did not
respond would be contacted"), a body consulting the public ("invited residents to comment"), a
procedure's time limit ("within 14 days"), an asking by a judge or an asking to do something,
an anonymous source "not authorised to speak to the media".

Every sentence here is written for these tests (no passage of any evaluation set), across
politics, business, courts, health, sport and local news.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.models import ResponseStatus
from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import parties_in

PENDING = ResponseStatus.PENDING
DECLINED = ResponseStatus.DECLINED


# --- 1. what is set after a name inside the party phrase describes that name ----------------------


@pytest.mark.parametrize(
    ("text", "party", "status"),
    [
        (
            "Aides to Governor Lena Marsh, a Democrat, did not respond to emails on Friday.",
            "Aides to Governor Lena Marsh",
            PENDING,
        ),
        (
            "A spokesman for Mayor Tom Hale, the city's first Green mayor, declined to comment.",
            "A spokesman for Mayor Tom Hale",
            DECLINED,
        ),
        (
            "School officials in Marion County, Indiana, where the bus crashed, did not respond "
            "to messages seeking comment.",
            "School officials in Marion County",
            PENDING,
        ),
    ],
)
def test_a_description_after_an_inner_name_is_no_party(
    analyzer: Analyzer, text: str, party: str, status: ResponseStatus
) -> None:
    assert parties_in(analyzer, text) == [(party, status)]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Officials at the Halvern Clinic, the Red Cross and the county did not respond to "
            "requests for comment.",
            ["Officials at the Halvern Clinic", "Red Cross", "county"],
        ),
    ],
)
def test_lists_and_names_after_descriptions_are_unchanged(
    analyzer: Analyzer, text: str, parties: list[str]
) -> None:
    assert [p for p, _ in parties_in(analyzer, text)] == parties


# --- 2. a body that says it does not comment ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Bramble said it does not comment on pending litigation.", "Bramble"),
        (
            'Tessaro said in an emailed statement that it "takes safety seriously" and does '
            "not comment on individual claims.",
            "Tessaro",
        ),
        (
            "The Lantern first reported the talks. Ostrava Steel said in a statement that it "
            "does not comment on market speculation.",
            "Ostrava Steel",
        ),
        (
            'Velmont Foods said it would be "inappropriate to comment" while the case was live.',
            "Velmont Foods",
        ),
    ],
)
def test_a_body_saying_it_does_not_comment_declines(
    analyzer: Analyzer, text: str, party: str
) -> None:
    assert parties_in(analyzer, text) == [(party, DECLINED)]


def test_people_saying_it_does_not_comment_are_not_the_body(analyzer: Analyzer) -> None:
    """ "Officials said it …": plural people speak of something else; no name is invented."""
    found = [p for p, _ in parties_in(analyzer, "Officials said it does not comment on leaks.")]
    assert "Officials" not in found


# --- 3. the press waiting to hear back ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "party", "asker"),
    [
        (
            "The Sentinel has reached out to Northfield Energy, which operates the plant, and "
            "has not heard back.",
            "Northfield Energy",
            "Sentinel",
        ),
        (
            "We've reached out to Rep. Dana Kirk's office to ask whether she still backs the "
            "bill and haven't heard back yet.",
            "Rep. Dana Kirk's office",
            None,
        ),
        ("The Tribune is awaiting a response from Velmont Foods.", "Velmont Foods", "Tribune"),
        (
            "The Gazette has yet to hear from Orchard Estates, which owns the site.",
            "Orchard Estates",
            "Gazette",
        ),
        (
            "I've reached out to the governor's office and will update this post when I hear back.",
            "the governor's office",
            None,
        ),
        (
            "The Tampa Bay Times has not received a reply from the county, which owns the land.",
            "the county",
            "Tampa Bay Times",
        ),
    ],
)
def test_the_press_has_not_heard_back(
    analyzer: Analyzer, text: str, party: str, asker: str | None
) -> None:
    found = analyzer.analyze(text).pending_responses
    assert [(p.party, p.status) for p in found] == [(party, PENDING)]
    assert (found[0].requested_by or "").removeprefix("The ") == (asker or "")


@pytest.mark.parametrize(
    "text",
    [
        "The family reached out to the hospital, which treated her, but has not heard back.",
        "The union is awaiting a response from management.",
        "Acme Corp has reached out to Pemberton Foods.",
        '"We have reached out to the victim\'s family," the police chief said.',
        "The council invited residents to comment on the plans.",
        "Residents have been invited to comment on the proposals until March 1.",
    ],
)
def test_someone_else_asking_or_waiting_is_none(analyzer: Analyzer, text: str) -> None:
    assert parties_in(analyzer, text) == []


# --- 4. who could not be reached, and who did not answer when asked -----------------------------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("The pilot, whose name was not released, could not be reached.", "pilot"),
        (
            "The homeowner, who was not at the property, could not be reached on Monday.",
            "homeowner",
        ),
        ("Halvern Bank did not respond when asked whether it would cut jobs.", "Halvern Bank"),
        ("Velmont Foods has been invited to comment.", "Velmont Foods"),
    ],
)
def test_a_person_by_role_or_a_party_asked_is_pending(
    analyzer: Analyzer, text: str, party: str
) -> None:
    assert parties_in(analyzer, text) == [(party, PENDING)]


@pytest.mark.parametrize(
    "text",
    [
        "The vessel, whose crew was rescued, could not be reached by radio.",
        "The suspect did not respond when asked to drop the knife.",
        "The witness did not respond when asked by prosecutors whether he had seen the car.",
    ],
)
def test_things_out_of_reach_and_other_askings_are_none(analyzer: Analyzer, text: str) -> None:
    assert parties_in(analyzer, text) == []


# --- 5. requests turned down or ignored, and where a message was left -------------------------


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Brightwater Health turned down a request for an interview.",
            [("Brightwater Health", DECLINED)],
        ),
        (
            "The club has ignored repeated requests for comment from the Echo.",
            [("club", PENDING)],
        ),
        ("A message left at Garza's home was not returned.", [("Garza", PENDING)]),
        ("Reached by phone Tuesday, Reyes declined to comment.", [("Reyes", DECLINED)]),
        ("The judge rejected the prosecution's request.", []),
    ],
)
def test_requests_turned_down_ignored_or_left(
    analyzer: Analyzer, text: str, parties: list[tuple[str, ResponseStatus]]
) -> None:
    assert parties_in(analyzer, text) == parties


# --- 6. coordinated silences, classes of people, procedures ---------------------------------------


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "No one at the ministry was available for comment, and the regulator did not respond "
            "by press time.",
            [("ministry", PENDING), ("regulator", PENDING)],
        ),
        (
            "Velmont Foods had not responded at the time of publication.",
            [("Velmont Foods", PENDING)],
        ),
    ],
)
def test_silences_until_publication(
    analyzer: Analyzer, text: str, parties: list[tuple[str, ResponseStatus]]
) -> None:
    assert parties_in(analyzer, text) == parties


@pytest.mark.parametrize(
    "text",
    [
        "The census office said households that did not respond would be contacted by letter.",
        "Respondents who did not answer the question were excluded.",
        '"Exports are holding up," a senior trade official told Reuters, declining to be named '
        "because he was not authorised to speak to the media.",
        "The player did not respond to the federation's request for an explanation within 14 days.",
        "The firm failed to respond to the regulator's notice within the required period.",
    ],
)
def test_classes_procedures_and_anonymity_are_no_requests(analyzer: Analyzer, text: str) -> None:
    assert parties_in(analyzer, text) == []


def test_a_class_after_a_press_request_adds_no_party(analyzer: Analyzer) -> None:
    text = (
        "The Echo contacted Harlow Council for comment. Residents who did not respond were "
        "sent a second letter."
    )
    assert parties_in(analyzer, text) == [("Harlow Council", PENDING)]


def test_a_press_request_answered_within_hours_stays_pending(analyzer: Analyzer) -> None:
    text = "Harlow Rail did not respond to a request for comment within hours of the crash."
    assert parties_in(analyzer, text) == [("Harlow Rail", PENDING)]


# --- properties -----------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    "Aides to Senator Lena Marsh , the a Democrat Ohio Texas County in did not respond when "
    "asked whether said it does comment within days required whose name was released could be "
    "reached households that would contacted has reached out heard back yet".split()
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, min_size=3, max_size=30))
def test_any_word_salad_gives_parties_from_the_text(analyzer: Analyzer, words: list[str]) -> None:
    """Whatever the words, every party is a span of the text and every status is one of two."""
    text = " ".join(words) + "."
    for request in analyzer.analyze(text).pending_responses:
        assert request.party and request.party in text
        assert request.status in {PENDING, DECLINED}
