"""Issue 11, seventh pass on comment requests: families of phrasing, not passages.

Families: a request for facts only the party holds ("a request for a breakdown of the costs")
is a press request; a body's bare "did not respond" after reporting, or after another party's
answer; a name the small parser loses before a relative clause or a reduced participle ("X,
who left in May, declined", "the mediator appointed to the talks, X,"); "reached out to X's
office for comment" with "for comment" hung on the office; "could not be reached at his
office"; people by an agent noun ("the suppliers", "the registered agent") or named in a
suit; a question put to a party ("has been asked how many …"); "A and B were contacted;
neither had responded" in one sentence; a counted description before the names it stands
for; "refused to be drawn"; "did not pick up calls"; "at the time of going to press";
"efforts to get comment from X"; a one-word body the tagger calls a person, saying "it" does
not comment. Near misses: a caller, a patient, a customer answering someone else; a subpoena,
a tribunal's request for documents, a request for funding; people in peril; a court asked to
rule; residents asked in a survey; a lone "did not respond" with nothing before it.

Every sentence here is written for these tests (no passage of any evaluation set), across
politics, business, courts, health, sport and local news.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from bot.models import ResponseStatus
from bot.pipeline.analysis.bare_replies import answers_others
from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import parties_in

PENDING = ResponseStatus.PENDING
DECLINED = ResponseStatus.DECLINED


def _parties(analyzer: Analyzer, text: str) -> list[tuple[str, ResponseStatus]]:
    return parties_in(analyzer, text)


# --- 1. a request for facts only the party holds ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "Marlow Foods did not respond to a request for a breakdown of the recalled batches.",
            "Marlow Foods",
        ),
        (
            "The hospital trust did not respond to a request for figures on waiting times.",
            "hospital trust",
        ),
        (
            "The transit authority did not respond to a request for data on late buses.",
            "transit authority",
        ),
        ("The league did not respond to a request for the number of players tested.", "league"),
        ("The campaign did not respond to requests for a list of its donors.", "campaign"),
    ],
)
def test_a_request_for_facts_is_a_press_request(analyzer: Analyzer, text: str, party: str) -> None:
    assert _parties(analyzer, text) == [(party, PENDING)]


@pytest.mark.parametrize(
    "text",
    [
        "Kestrel Mining did not respond to the tribunal's request for documents.",
        "The firm did not respond to a subpoena for its repair records.",
        "The city did not respond to a request for funding from the museum.",
        "The landlord did not respond to a request for the keys.",
    ],
)
def test_a_request_for_documents_or_money_is_none(analyzer: Analyzer, text: str) -> None:
    assert _parties(analyzer, text) == []


# --- 2. a bare silence after reporting --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Councillors voted 7-2 to approve the budget. The Treasury did not respond.",
            [("Treasury", PENDING)],
        ),
        (
            "The ministry has been criticised for the delays. The Home Office did not respond.",
            [("Home Office", PENDING)],
        ),
        (
            "The league declined to comment. Marta Quiroga did not respond.",
            [("league", DECLINED), ("Marta Quiroga", PENDING)],
        ),
        (
            "The council had not responded at the time of going to press.",
            [("council", PENDING)],
        ),
    ],
)
def test_a_bare_silence_after_reporting_is_pending(
    analyzer: Analyzer, text: str, expected: list[tuple[str, ResponseStatus]]
) -> None:
    assert _parties(analyzer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Doctors gave her a second dose. Lena Ortiz did not respond.",
        "Paramedics tried to revive the boy. He did not respond.",
        "The pilot radioed the tower twice. The tower did not respond.",
        "The ministry did not respond.",
        "The patient had not responded at the time of going to theatre.",
        "Crews worked all night. The board did not respond by the deadline set by the court.",
    ],
)
def test_a_silence_of_treatment_or_procedure_is_none(analyzer: Analyzer, text: str) -> None:
    assert _parties(analyzer, text) == []


# --- 3. a party the parser loses before a clause or a participle ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ferreira, whose contract expires in June, declined to comment.",
            [("Ferreira", DECLINED)],
        ),
        (
            "Okonkwo, who chaired the panel until 2021, did not respond to emails.",
            [("Okonkwo", PENDING)],
        ),
        (
            "The official appointed to lead the review, Mark Dale, declined to comment.",
            [("Mark Dale", DECLINED)],
        ),
        (
            "The mediator appointed to the talks, Lindiwe Ngata, did not respond to questions.",
            [("Lindiwe Ngata", PENDING)],
        ),
        (
            "Neither the union nor the mediator appointed to the talks responded to questions.",
            [("union", PENDING), ("mediator", PENDING)],
        ),
    ],
)
def test_a_party_before_a_clause_or_a_participle(
    analyzer: Analyzer, text: str, expected: list[tuple[str, ResponseStatus]]
) -> None:
    assert _parties(analyzer, text) == expected


def test_an_opening_adverb_is_no_party(analyzer: Analyzer) -> None:
    text = "However, which surprised fans, the club declined to comment."
    assert _parties(analyzer, text) == [("club", DECLINED)]


# --- 4. reaching a party ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "Sky News has reached out to the Home Secretary's office for comment.",
            "Home Secretary's office",
        ),
        ("Its chairman, Ravi Menon, could not be reached at his office in Pune.", "Ravi Menon"),
        ("The pharmacy's owner could not be reached at home on Sunday.", "pharmacy's owner"),
        (
            "The company's registered agent could not be reached Thursday.",
            "company's registered agent",
        ),
        ("The suppliers could not be reached on Friday.", "suppliers"),
        ("The trustee could not be reached.", "trustee"),
        ("The firms named in the lawsuit could not be reached on Monday.", "firms"),
    ],
)
def test_a_party_out_of_reach_is_pending(analyzer: Analyzer, text: str, party: str) -> None:
    assert _parties(analyzer, text) == [(party, PENDING)]


@pytest.mark.parametrize(
    "text",
    [
        "The club reached out to the mayor's office for support.",
        "The charity reached out to families for help.",
        "The miners could not be reached at the bottom of the shaft.",
        "The trapped miners could not be reached.",
        "An agreement could not be reached.",
        "The border could not be reached.",
        "A verdict could not be reached on Friday.",
        "There was no word from the missing hikers by nightfall.",
    ],
)
def test_outcomes_places_and_people_in_peril_are_none(analyzer: Analyzer, text: str) -> None:
    assert _parties(analyzer, text) == []


# --- 5. a question put to a party -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "Tidewater Rail has been asked how many trains were cancelled last month.",
            "Tidewater Rail",
        ),
        ("The Home Office has been asked why the scheme was paused.", "Home Office"),
        ("Kerrigan's agent has been asked whether the player will stay.", "Kerrigan's agent"),
    ],
)
def test_a_question_put_to_a_party_is_pending(analyzer: Analyzer, text: str, party: str) -> None:
    assert _parties(analyzer, text) == [(party, PENDING)]


@pytest.mark.parametrize(
    "text",
    [
        "Patients were asked whether they smoked.",
        "The High Court has been asked whether the law applies to contractors.",
        "The minister has been asked to resign.",
        "Residents have been asked how often they use the bus.",
        "The council has been asked by the auditor why the accounts were late.",
    ],
)
def test_a_court_a_survey_or_an_auditor_asking_is_none(analyzer: Analyzer, text: str) -> None:
    assert _parties(analyzer, text) == []


# --- 6. several parties -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A spokeswoman for the port said crews were working. The school board and the "
            "mayor's office were contacted on Tuesday; neither had responded by deadline.",
            [("school board", PENDING), ("mayor's office", PENDING)],
        ),
        (
            "Three trustees who opposed the plan, Maria Lopes and Ian Greer, declined to comment.",
            [("Maria Lopes", DECLINED), ("Ian Greer", DECLINED)],
        ),
        (
            "The two players, Abel Mora and Jon Petit, did not respond to messages.",
            [("Abel Mora", PENDING), ("Jon Petit", PENDING)],
        ),
    ],
)
def test_parties_named_together(
    analyzer: Analyzer, text: str, expected: list[tuple[str, ResponseStatus]]
) -> None:
    assert _parties(analyzer, text) == expected


def test_no_one_answering_paramedics_is_none(analyzer: Analyzer) -> None:
    assert _parties(analyzer, "Paramedics called the house twice; no one answered.") == []


def test_representatives_of_a_list_keep_every_name(analyzer: Analyzer) -> None:
    text = "Spokespeople for Harlan, Duvall and Kestrel declined to comment."
    assert [p for p, _ in _parties(analyzer, text)][-2:] == ["Duvall", "Kestrel"]
    assert "Harlan" in _parties(analyzer, text)[0][0]


@pytest.mark.parametrize(
    "text",
    [
        '"Nobody from the council has even picked up the phone," the tenant said.',
        '"We were promised a ruling by May. That date has passed, and nobody at the trust has '
        'picked up the phone," she said.',
    ],
)
def test_a_complaint_that_nobody_picked_up_is_no_request(analyzer: Analyzer, text: str) -> None:
    assert _parties(analyzer, text) == []


# --- 7. wire phrasings from other papers ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials at the ministry refused to be drawn on the matter.",
            [("Officials at the ministry", DECLINED)],
        ),
        ("The manager declined to be drawn on his future.", [("manager", DECLINED)]),
        (
            "The police spokesperson, Grace Wanjiru, did not pick up her phone on Tuesday.",
            [("Grace Wanjiru", PENDING)],
        ),
        ("Efforts to get comment from the ministry were unsuccessful.", [("ministry", PENDING)]),
        (
            "Attempts to obtain a response from the club's owner failed.",
            [("club's owner", PENDING)],
        ),
        (
            "Efforts to reach the governor's spokesman, Yusuf Bello, proved abortive.",
            [("Yusuf Bello", PENDING)],
        ),
        ("Emails to the club's owner remained unanswered on Friday.", [("club's owner", PENDING)]),
        ("Bord Tíre Energy has been contacted.", [("Bord Tíre Energy", PENDING)]),
        ("Thames Water has been contacted on Monday.", [("Thames Water", PENDING)]),
        ("The ministry has been approached.", [("ministry", PENDING)]),
    ],
)
def test_wire_phrasings_of_other_papers(
    analyzer: Analyzer, text: str, expected: list[tuple[str, ResponseStatus]]
) -> None:
    assert _parties(analyzer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The winning numbers were drawn on Saturday.",
        "The courier did not pick up the parcel.",
        "Efforts to get funding from the ministry were unsuccessful.",
        "Attempts to get a ceasefire failed.",
        "Efforts to reach a deal proved abortive.",
        "Police have been contacted.",
        "The victim's family has been contacted.",
        "The council has been contacted by residents.",
        "Kestrel Bank has been approached by a rival about a merger.",
    ],
)
def test_draws_parcels_and_funding_are_none(analyzer: Analyzer, text: str) -> None:
    assert _parties(analyzer, text) == []


# --- 8. who answers someone other than the press ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Paramedics received a call from the flat, but the caller did not respond to "
        "questions, police said.",
        "The patient did not respond to questions from nurses.",
        "The customer did not respond to the bank's letters.",
    ],
)
def test_a_caller_a_patient_or_a_customer_is_none(analyzer: Analyzer, text: str) -> None:
    assert _parties(analyzer, text) == []


def test_a_caller_asked_for_comment_is_pending(analyzer: Analyzer) -> None:
    text = "The caller, who has not been identified, did not respond to a request for comment."
    assert _parties(analyzer, text) == [("caller", PENDING)]


# --- 9. a body saying "it" does not comment, and pronouns naming no one -----------------------


def test_a_body_tagged_as_a_person_declines_as_itself(analyzer: Analyzer) -> None:
    text = (
        "Vandel Optics is weighing a sale, sources said. The company hired advisers. "
        "Vandel said it does not comment on market speculation."
    )
    ((party, status),) = _parties(analyzer, text)
    assert party.startswith("Vandel") and status is DECLINED


def test_a_person_saying_it_does_not_comment_is_not_the_body(analyzer: Analyzer) -> None:
    text = (
        "Police are investigating the theft. The company hired guards. "
        "Smith said it does not comment on security."
    )
    assert [p for p, _ in _parties(analyzer, text)] != ["Smith"]


def test_a_pronoun_that_names_no_one_is_no_party(analyzer: Analyzer) -> None:
    text = "Repeated calls and text messages to his mobile phone went unanswered."
    assert _parties(analyzer, text) == []


# --- properties -------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    "The Treasury did not respond . Ferreira , who whose left in June declined to comment "
    "mediator appointed the talks has been asked how many why reached out office for at his "
    "could be reached registered agent suppliers named neither nor had responded ; were "
    "contacted a request list breakdown of refused drawn pick up calls going press Efforts get "
    "from caller patient Two trustees and it said".split()
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, min_size=3, max_size=40))
def test_any_word_salad_gives_parties_from_the_text(analyzer: Analyzer, words: list[str]) -> None:
    """Whatever the words, every party is a span of the text and never a bare pronoun."""
    text = " ".join(words) + "."
    for request in analyzer.analyze(text).pending_responses:
        assert request.party and request.party in text
        assert request.party.lower() not in {"his", "him", "their", "them", "its"}
        assert request.status in {PENDING, DECLINED}


# --- 10. review of the seventh pass: someone else's question, answer or reach ------------------


@pytest.mark.parametrize(
    "text",
    [
        # M5: the club, the head teacher, the union asked; the press asked nothing
        "The squad's players have been asked whether they would accept a pay cut, the club said.",
        "Two teachers have been asked why they left the pupils alone, the school's head said.",
        "The drivers have been asked whether they would work on Sundays, the union said.",
        # M6: a silence that answers what the sentence before names
        "The yacht's crew sent a distress call to the coast guard on Sunday night. "
        "The Coast Guard did not respond.",
        "The city ordered Harlow Foods to repair the plant by Friday. "
        "Harlow Foods did not respond.",
        "The regulator summoned Pellow Energy to a hearing in March. "
        "Pellow Energy did not respond.",
        "The council sent a letter to Harlow Foods in May. Harlow Foods did not respond.",
        # M7: places and things named in a report are no parties
        "Flooding cut roads across the district. The villages listed in the council report "
        "could not be reached on Tuesday.",
        "The wells identified in the survey could not be reached after the storm.",
        # S1: spacecraft, vessels and places by an -er/-or word
        "Nasa lost contact with the rover on Friday. "
        "The rover could not be reached for three days.",
        "The lander could not be reached on Monday.",
        "The trawler could not be reached overnight.",
        "The glacier could not be reached.",
    ],
)
def test_someone_elses_question_answer_or_reach_is_none(analyzer: Analyzer, text: str) -> None:
    assert _parties(analyzer, text) == []


@pytest.mark.parametrize(
    ("text", "party"),
    [
        # the near misses that must still fire
        (
            "Harlow Foods recalled 3,000 jars of sauce on Monday. Harlow Foods did not respond.",
            "Harlow Foods",
        ),
        (
            "The city ordered the plant closed by Friday. Harlow Foods did not respond.",
            "Harlow Foods",
        ),
        (
            "The Ledger emailed Harlow Foods on Monday. Harlow Foods did not respond.",
            "Harlow Foods",
        ),
        (
            "The Home Office has been asked why the scheme was paused, the Herald said.",
            "Home Office",
        ),
        ("The contractors named in the audit could not be reached on Monday.", "contractors"),
        ("The lander's manufacturer could not be reached.", "lander's manufacturer"),
        ("The registrar could not be reached on Friday.", "registrar"),
    ],
)
def test_the_press_asking_still_pending(analyzer: Analyzer, text: str, party: str) -> None:
    assert _parties(analyzer, text) == [(party, PENDING)]


def _calls_per_second(analyzer: Analyzer, repeats: int) -> float:
    """``answers_others`` asked for every "caller" of one run-on sentence of ``repeats``
    "the caller did not respond and" (a pasted transcript with no full stops)."""
    words = ["the", "caller", "did", "not", "respond", "and"] * repeats
    doc = Doc(
        analyzer.nlp.vocab,
        words=words,
        pos=["DET", "NOUN", "AUX", "PART", "VERB", "CCONJ"] * repeats,
        lemmas=["the", "caller", "do", "not", "respond", "and"] * repeats,
        sent_starts=[True] + [False] * (len(words) - 1),
    )
    callers = [t for t in doc if t.lower_ == "caller"]
    started = time.perf_counter()
    for caller in callers:
        assert answers_others(caller)
    return len(callers) / (time.perf_counter() - started)


@pytest.mark.timed
def test_a_run_on_of_silences_is_read_in_linear_time(analyzer: Analyzer) -> None:
    """Each silence's test for "comment" in its sentence is one look-up, not a sentence scan:
    a run-on of 5,000 is about as fast per silence as one of 100."""
    short = max(_calls_per_second(analyzer, 100) for _ in range(3))
    long = _calls_per_second(analyzer, 5000)
    assert long > short / 5
