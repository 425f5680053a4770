"""Issue 11, fifth pass on comment requests: families of phrasing, not passages.

Families: a body whose name holds "and" is one party, while true coordinations split; whose
refusal a spokesperson's words report ("a commission spokesman said the EU executive does not
comment", "we don't comment"); a bare "a spokesman refused to say" speaks for the body the
sentence asks about; names set before their description; a name set after a relative clause;
"nobody at X returned calls (for this story)", "no one answered the phone at X"; "has reached
out to X for details"; "could not reach him or a lawyer for comment"; a pronoun that answers
for the party just asked, never for the outlet asking; "Neither did X." after a silence or a
refusal; "the team" that is neither the outlet that broke the story nor a player; "Her office"
as the person it speaks for.

Every sentence here is written for these tests (no passage of any evaluation set), across
politics, business, courts, health, sport and local news.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.models import ResponseStatus
from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import parties_in, requests_in

PENDING = ResponseStatus.PENDING
DECLINED = ResponseStatus.DECLINED


# --- 1. a body's name with "and" in it is one party ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "party", "status"),
    [
        (
            "U.S. Fish and Wildlife Enforcement did not immediately respond to an email seeking "
            "comment.",
            "U.S. Fish and Wildlife Enforcement",
            PENDING,
        ),
        (
            "The Scotland and Northern Ireland Ferry Authority said it would not comment until "
            "the inquiry had finished.",
            "Scotland and Northern Ireland Ferry Authority",
            DECLINED,
        ),
        (
            "The Ministry of Housing, Communities and Local Government declined to comment.",
            "Ministry of Housing, Communities and Local Government",
            DECLINED,
        ),
        (
            "The Tennessee Alcohol and Beverage Commission did not return a call seeking comment.",
            "Tennessee Alcohol and Beverage Commission",
            PENDING,
        ),
        (
            "The Hampshire and Isle of Wight Fire Service declined to comment on the audit.",
            "Hampshire and Isle of Wight Fire Service",
            DECLINED,
        ),
    ],
)
def test_a_body_named_with_and_is_one_party(
    analyzer: Analyzer, text: str, party: str, status: ResponseStatus
) -> None:
    assert parties_in(analyzer, text) == [(party, status)]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "The mayor and the council did not respond to requests for comment.",
            ["mayor", "council"],
        ),
        ("Halden Bank and Carver Mutual did not respond to requests for comment.", None),
        ("Ford and General Motors declined to comment.", ["Ford", "General Motors"]),
        ("Ofsted and the Care Quality Commission declined to comment.", None),
        (
            "The Ministry of Justice and Home Office did not respond to requests for comment.",
            ["Ministry of Justice", "Home Office"],
        ),
    ],
)
def test_two_parties_joined_by_and_stay_two(
    analyzer: Analyzer, text: str, parties: list[str] | None
) -> None:
    found = [party for party, _ in parties_in(analyzer, text)]
    assert len(found) == 2, found
    if parties is not None:
        assert found == parties


# --- 2. whose refusal a spokesperson's words report ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            'A commission spokesman said the EU executive "does not comment on leaks" and '
            "stood by its target.",
            "A commission spokesman",
        ),
        (
            "Asked about the leak, the chancellor's official spokesman said: \"We don't comment "
            'on speculation ahead of budgets."',
            "chancellor",
        ),
        (
            "The Herald asked Orvane Pharma about the trial. A company spokesperson said: "
            '"We do not comment on ongoing litigation."',
            "Orvane Pharma",
        ),
        (
            "A spokesperson for the state health agency said the department does not comment "
            "on pending inspections.",
            "state health agency",
        ),
        (
            "An EMA spokeswoman said the agency does not discuss pending applications.",
            "EMA",
        ),
    ],
)
def test_a_spokespersons_refusal_is_the_body_spoken_for(
    analyzer: Analyzer, text: str, party: str
) -> None:
    assert parties_in(analyzer, text) == [(party, DECLINED)]


def test_a_spokesman_for_another_body_names_no_one_else(analyzer: Analyzer) -> None:
    """A union spokesman speaking of the company's policy is not the union refusing."""
    text = (
        "A union spokesman said the company does not comment on safety audits, calling it a "
        "scandal."
    )
    assert [p for p, _ in parties_in(analyzer, text)] != ["union"]


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "Halden Bank was sued on Monday. Asked whether the bank had set aside money for a "
            "settlement, a spokesman refused to say.",
            "Halden Bank",
        ),
        (
            "Pinebrook Hospital closed its maternity ward. Asked when the hospital would reopen "
            "it, a spokesperson declined to give a date.",
            "Pinebrook Hospital",
        ),
        (
            "Corvel Airlines cancelled 300 flights. Asked how many passengers were stranded, "
            "a spokeswoman declined to say.",
            None,
        ),
    ],
)
def test_a_bare_spokesman_speaks_for_the_body_asked_about(
    analyzer: Analyzer, text: str, party: str | None
) -> None:
    found = parties_in(analyzer, text)
    if party is None:  # no body described in the sentence: the words as written
        assert found == [("a spokeswoman", DECLINED)]
    else:
        assert found == [(party, DECLINED)]


def test_a_bare_spokesman_between_two_bodies_stays_as_written(analyzer: Analyzer) -> None:
    text = (
        "Kessler Freight and the regulator met on Monday. Asked whether the company had "
        "paid the regulator's fine, a spokesman declined to say."
    )
    assert parties_in(analyzer, text) == [("a spokesman", DECLINED)]


# --- 3. names and their descriptions --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Bexley and Corran, the two banks named in the complaint, declined to comment.",
            ["Bexley", "Corran"],
        ),
        (
            "The council published the list on Friday. Maple Row and Ashgrove, the two estates "
            "due for demolition, declined to comment.",
            ["Maple Row", "Ashgrove"],
        ),
        (
            "The flying club that leases the hangar, Northwind Aero, said it would not comment "
            "while the inquiry continued.",
            ["Northwind Aero"],
        ),
        (
            "The charity that manages the park, Greenways Trust, declined to comment.",
            ["Greenways Trust"],
        ),
    ],
)
def test_names_beside_their_description_are_the_parties(
    analyzer: Analyzer, text: str, parties: list[str]
) -> None:
    assert parties_in(analyzer, text) == [(p, DECLINED) for p in parties]


# --- 4. no one answered -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "Nobody at the Department of Sanitation returned calls for this story.",
            "Department of Sanitation",
        ),
        ("No one at Carrow Logistics answered emails sent for this article.", "Carrow Logistics"),
        ("Nobody answered the phone at Brightwater Dental on Monday.", "Brightwater Dental"),
        (
            "Peter Lund owns the mill. Lund could not be reached Tuesday, and no one answered "
            "the phone at the company's offices.",
            "Lund",
        ),
    ],
)
def test_no_one_answering_names_where_they_were_called(
    analyzer: Analyzer, text: str, party: str
) -> None:
    found = parties_in(analyzer, text)
    assert (party, PENDING) in found or any(p.endswith(party) for p, _ in found), found
    assert all(s is PENDING for _, s in found)


@pytest.mark.parametrize(
    "text",
    [
        "No one at the clinic responded to the fire alarm.",
        "Nobody at the school answered the door when police arrived.",
        "Efforts to reach Kyiv by road were unsuccessful.",
        "The council requested the report for this year's budget, and no one objected.",
    ],
)
def test_no_one_answering_something_else_is_no_request(analyzer: Analyzer, text: str) -> None:
    assert requests_in(analyzer, text) == []


# --- 5. reaching out and not reaching ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Retail Wire has reached out to Bramble Foods for a list of the stores.", "Bramble Foods"),
        ("The Gazette has reached out to the county for details of the contract.", "county"),
        ("Reuters could not reach the minister or his lawyer for comment.", "minister"),
    ],
)
def test_reaching_out_for_what_only_the_party_has_is_a_request(
    analyzer: Analyzer, text: str, party: str
) -> None:
    found = parties_in(analyzer, text)
    assert (party, PENDING) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Senator Hale reached out to the governor about the bill.",
        "The charity has reached out to families for donations.",
        "Volunteers reached out to voters across the district.",
    ],
)
def test_reaching_out_about_something_else_is_no_request(analyzer: Analyzer, text: str) -> None:
    assert requests_in(analyzer, text) == []


# --- 6. the party just asked, in a pronoun or an ellipsis -----------------------------------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "The Ledger sent questions to the clinic's operator, Northgate Health Partners, on "
            "Monday. It had not responded by Tuesday evening.",
            "Northgate Health Partners",
        ),
        (
            "The Sentinel emailed Orbis Insurance on Friday. It had not replied as of Sunday.",
            "Orbis Insurance",
        ),
    ],
)
def test_it_after_an_asking_is_the_party_asked_not_the_outlet(
    analyzer: Analyzer, text: str, party: str
) -> None:
    assert parties_in(analyzer, text) == [(party, PENDING)]


def test_a_company_that_approached_another_is_still_its_own_party(analyzer: Analyzer) -> None:
    """A company asking another (a takeover approach) is no outlet asking for comment."""
    text = (
        "The Ledger first reported that Halvard had approached Orbis Insurance. Halvard "
        "declined to comment, while Orbis Insurance didn't respond to requests on Sunday."
    )
    assert parties_in(analyzer, text) == [("Halvard", DECLINED), ("Orbis Insurance", PENDING)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The insurers' trade group did not respond to a request for comment. Neither did "
            "the Department of Labor.",
            [("insurers' trade group", PENDING), ("Department of Labor", PENDING)],
        ),
        (
            "Marlow Energy declined to comment. Nor did the state regulator.",
            [("Marlow Energy", DECLINED), ("state regulator", DECLINED)],
        ),
        (
            "Coach Ilves did not respond to messages on Sunday. Neither did the club.",
            [("Ilves", PENDING), ("club", PENDING)],
        ),
        (
            "Tarsis Mining declined to comment. So did the environment ministry.",
            [("Tarsis Mining", DECLINED), ("environment ministry", DECLINED)],
        ),
        (
            "The league declined to comment on Monday. The players' union also declined.",
            [("league", DECLINED), ("players' union", DECLINED)],
        ),
    ],
)
def test_neither_did_x_answers_like_the_party_before(
    analyzer: Analyzer, text: str, expected: list[tuple[str, ResponseStatus]]
) -> None:
    found = parties_in(analyzer, text)
    assert [s for _, s in found] == [s for _, s in expected]
    for (party, _), (want, _) in zip(found, expected, strict=True):
        assert party.endswith(want), found


@pytest.mark.parametrize(
    "text",
    [
        "The plan passed easily. Neither did the mayor object.",
        "The striker did not score on Saturday. Neither did the captain.",
        "Marlow Energy raised its forecast. Nor did the state regulator.",
        "Tarsis Mining declined to comment. Shares declined.",
        "Revenue at Tarsis Mining declined. The company declined.",
    ],
)
def test_neither_did_x_after_no_request_is_none(analyzer: Analyzer, text: str) -> None:
    """No request before, or an echo of one by something no one asks: nothing new."""
    assert [p for p, _ in requests_in(analyzer, text)] in ([], ["Tarsis Mining"])


# --- 7. "the team" and "her office" -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Guard Lena Voss will miss the season, a person familiar with the injury said. ESPN "
        "first reported the tear. The team did not respond to a request for comment.",
        'Winger Aaron Pike asked to leave, his agent said. "Aaron wants to play," the agent '
        "said. The club refused to say whether Pike would train on Monday.",
    ],
)
def test_the_team_is_neither_the_outlet_nor_a_player(analyzer: Analyzer, text: str) -> None:
    [(party, _)] = parties_in(analyzer, text)
    assert party.lower() in {"team", "club"}


@pytest.mark.parametrize(
    ("text", "party", "status"),
    [
        (
            "Gov. Tom Reyes signed the bill on Friday. His campaign declined to comment.",
            "Tom Reyes",
            DECLINED,
        ),
        (
            "Councilwoman Dana Pruitt voted against the plan. Her office did not return calls.",
            "Dana Pruitt",
            PENDING,
        ),
    ],
)
def test_a_persons_office_is_the_person(
    analyzer: Analyzer, text: str, party: str, status: ResponseStatus
) -> None:
    assert parties_in(analyzer, text) == [(party, status)]


def test_her_attorney_stays_her_attorney(analyzer: Analyzer) -> None:
    """An attorney is someone else to follow up with, in the article's words."""
    text = "Dr. Lena Ortiz leads the study. Her attorney did not respond to a request for comment."
    assert parties_in(analyzer, text) == [("Her attorney", PENDING)]


# --- 8. properties ---------------------------------------------------------------------------

NAME_WORDS = st.sampled_from(
    "Harlow Finch Wales Customs Border Health Human Services Board Authority Enforcement "
    "Department of and the Mutual Bank Commission Ministry , Mayor".split()
)
ENDINGS = st.sampled_from(
    [
        "did not respond to a request for comment.",
        "declined to comment.",
        "said it would not comment.",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(NAME_WORDS, min_size=1, max_size=12), ending=ENDINGS)
def test_any_name_with_and_gives_parties_from_the_text(
    analyzer: Analyzer, words: list[str], ending: str
) -> None:
    """However capitalised words and "and" combine, each party is words of the article, and
    there are never more parties than items."""
    text = " ".join(["The", *words, ending])
    folded = " ".join(text.split()).lower()
    found = analyzer.analyze(text).pending_responses
    assert len(found) <= words.count("and") + words.count(",") + 1
    for pending in found:
        assert pending.party.strip()
        assert pending.party.lower() in folded, (pending.party, text)


SHORT = st.sampled_from(
    "Neither Nor did has the club HHS Ledger . declined to comment respond It had not by "
    "Monday evening sent questions to".split()
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(SHORT, min_size=1, max_size=30))
def test_any_ellipsis_salad_gives_parties_from_the_text(
    analyzer: Analyzer, words: list[str]
) -> None:
    text = " ".join(words)
    folded = " ".join(text.split()).lower()
    found = analyzer.analyze(text).pending_responses
    assert len(found) <= len(words)
    for pending in found:
        assert pending.party.lower() in folded, (pending.party, text)


# --- 9. no word from a party ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("There was no immediate comment from the Kremlin.", "Kremlin"),
        ("There was no response from Delta Air Lines by Tuesday evening.", "Delta Air Lines"),
        ("No comment was immediately available from the Pentagon.", "Pentagon"),
        ("There was no immediate response from the club to a request for comment.", "club"),
        ("Oren Vale did not respond by deadline.", "Oren Vale"),
    ],
)
def test_no_word_from_a_party_is_pending(analyzer: Analyzer, text: str, party: str) -> None:
    found = requests_in(analyzer, text)
    assert [p.removeprefix("the ") for p, _ in found] == [party]
    assert [s for _, s in found] == [PENDING]


def test_the_party_is_not_its_own_asker(analyzer: Analyzer) -> None:
    found = analyzer.analyze(
        "There was no immediate response from the club to a Reuters request for comment."
    ).pending_responses
    assert [(p.party, p.requested_by) for p in found] == [("the club", "Reuters")]


@pytest.mark.parametrize(
    "text",
    [
        "There was no word from the missing hikers by nightfall.",
        "There was no response from the engine after the second restart.",
        "There was no answer from the back of the room.",
        "No comment was made.",
        "There was no comment from fans about the new kit.",
        "A former aide did not respond to a congressional subpoena by Friday's deadline.",
        "The ministry did not answer the union's letter by the deadline.",
    ],
)
def test_no_word_from_what_no_one_asks_is_none(analyzer: Analyzer, text: str) -> None:
    assert requests_in(analyzer, text) == []


# --- 10. a speaker's own voice ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ('"We are not going to comment," Halvard Bank said.', "Halvard Bank"),
        ('"We have no comment at this time," a Verizon spokeswoman said.', "Verizon"),
        ('"I can\'t comment on an ongoing case," Detective Sara Lin said.', "Sara Lin"),
        (
            "Asked whether the club would appeal, manager Tom Hale said: \"I'm not going to "
            'comment on that."',
            "Tom Hale",
        ),
        ('"No comment," said Ruiz.', "Ruiz"),
        ('The minister was asked about the leak. "No comment," she said.', "minister"),
    ],
)
def test_we_and_i_in_a_quotation_are_the_speaker(analyzer: Analyzer, text: str, party: str) -> None:
    [(found, status)] = requests_in(analyzer, text)
    assert found.endswith(party) and status is DECLINED


def test_a_sign_reading_no_comment_is_no_refusal(analyzer: Analyzer) -> None:
    assert requests_in(analyzer, 'The sign read "No comment" and the crowd laughed.') == []


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("We reached out to Okafor's campaign, which did not respond.", "Okafor's campaign"),
        ("The Herald emailed the county, which did not reply.", "county"),
    ],
)
def test_which_did_not_respond_after_an_asking_in_the_same_sentence(
    analyzer: Analyzer, text: str, party: str
) -> None:
    assert parties_in(analyzer, text) == [(party, PENDING)]


def test_which_did_not_respond_to_something_else_is_none(analyzer: Analyzer) -> None:
    text = "Crews contacted the utility, which did not respond in time to prevent the outage."
    assert requests_in(analyzer, text) == []


def test_the_company_beside_its_negotiator_is_the_company_named(analyzer: Analyzer) -> None:
    """An apposition on the second of two parties names that one only."""
    text = (
        "Ardent Foods said it was disappointed. The company and its chief negotiator, Lisa Ng, "
        "declined further comment."
    )
    assert parties_in(analyzer, text) == [("Ardent Foods", DECLINED), ("Lisa Ng", DECLINED)]


# --- 11. asked, then answered (or not) in the same sentence -------------------------------------


@pytest.mark.parametrize(
    ("text", "party", "status", "asker"),
    [
        (
            "Glenmore Water was contacted by Reuters but did not respond.",
            "Glenmore Water",
            PENDING,
            "Reuters",
        ),
        ("Hatch was emailed on Monday and has not responded.", "Hatch", PENDING, None),
        ("The Herald asked Ostrow for comment and he declined.", "Ostrow", DECLINED, "Herald"),
        ("Asked to comment on the bill, the senator declined.", "the senator", DECLINED, None),
        ("Reached for comment, Hatch declined.", "Hatch", DECLINED, None),
    ],
)
def test_asked_and_answered_in_one_sentence(
    analyzer: Analyzer, text: str, party: str, status: ResponseStatus, asker: str | None
) -> None:
    found = analyzer.analyze(text).pending_responses
    assert [(p.party, p.status) for p in found] == [(party, status)]
    if asker is not None:
        assert found[0].requested_by == asker


@pytest.mark.parametrize(
    "text",
    [
        "The union asked for a raise and the company declined.",
        "The company issued a statement after shares declined.",
        "The bridge was inspected in May but did not respond to repairs.",
        "Pike was assessed at halftime and did not respond to the first set of memory questions.",
        "Two aides, who were not permitted to comment on the record, described the meeting.",
    ],
)
def test_a_bare_refusal_of_something_else_is_none(analyzer: Analyzer, text: str) -> None:
    assert requests_in(analyzer, text) == []


def test_an_owner_named_by_by_is_no_asker(analyzer: Analyzer) -> None:
    text = "Glenmore Water, which is majority-owned by Rivus Capital, declined to comment."
    found = analyzer.analyze(text).pending_responses
    assert [(p.party, p.requested_by) for p in found] == [("Glenmore Water", None)]


def test_a_suitor_approaching_a_company_is_no_asker(analyzer: Analyzer) -> None:
    """A takeover approach is one company courting another, not the press asking."""
    text = (
        "The Ledger first reported that Halvard had approached Orbis Insurance. Orbis "
        "Insurance did not respond to requests for comment."
    )
    found = analyzer.analyze(text).pending_responses
    assert [(p.party, p.requested_by) for p in found] == [("Orbis Insurance", None)]


@pytest.mark.parametrize(
    ("text", "party", "status"),
    [
        (
            "The district attorney's office said it could not comment on an open investigation.",
            "The district attorney's office",
            DECLINED,
        ),
        ("Senator Kwan's office said he was unavailable for comment.", "Kwan", PENDING),
    ],
)
def test_an_office_speaking_of_itself_or_of_its_holder(
    analyzer: Analyzer, text: str, party: str, status: ResponseStatus
) -> None:
    assert requests_in(analyzer, text) == [(party, status)]


@pytest.mark.parametrize(
    ("text", "party", "status"),
    [
        (
            "Rovers manager Gary Lund did not speak to reporters after the match.",
            "Gary Lund",
            DECLINED,
        ),
        ("The minister has not talked to the media since the crash.", "The minister", DECLINED),
        (
            "Relatives of the victim could not be reached on Sunday.",
            "Relatives of the victim",
            PENDING,
        ),
    ],
)
def test_silence_towards_the_press_and_families_out_of_reach(
    analyzer: Analyzer, text: str, party: str, status: ResponseStatus
) -> None:
    assert requests_in(analyzer, text) == [(party, status)]


@pytest.mark.parametrize(
    "text",
    [
        "Lund did not speak to the board about the plan.",
        "The two leaders did not speak to each other.",
        "Rescuers could not reach the families trapped upstairs.",
    ],
)
def test_not_speaking_to_someone_else_is_none(analyzer: Analyzer, text: str) -> None:
    assert requests_in(analyzer, text) == []
