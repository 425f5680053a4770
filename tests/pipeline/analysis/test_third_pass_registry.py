"""Issue 11, third pass: the speaker registry names the right body for "it", "the company" and
"the club", and a registry name never carries a word the tagger ran into. Every sentence here
is written for these tests (names, outlets and figures invented); none comes from an
evaluation set."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Span

from bot.pipeline.analysis.names import entity_text
from bot.pipeline.analysis.organisations import is_outlet_name
from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import claims_in_order, speaker_of

# --- "it" is never the place where something is -----------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Prairie Mutual expanded its claims centre in Kansas City. It said the move would "
            "add 150 jobs.",
            "150 jobs",
            "Prairie Mutual",
        ),
        (
            "Corvane Shipping moved its headquarters to Rotterdam last spring. It said freight "
            "volumes rose 8 percent.",
            "8 percent",
            "Corvane Shipping",
        ),
        (
            "Tallis Pharma opened a plant in Cork on Monday. It said the site would employ 300 "
            "people.",
            "300 people",
            "Tallis Pharma",
        ),
    ],
)
def test_it_after_a_place_is_the_organisation(
    analyzer: Analyzer, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(analyzer, text, words) == speaker


def test_it_is_never_a_place_even_with_no_organisation_named(analyzer: Analyzer) -> None:
    text = "Staff at the depot in Kansas City were told on Monday. It said 150 jobs would go."
    assert all(c.speaker != "Kansas City" for c in claims_in_order(analyzer, text))


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # near misses: a place that speaks, or a company in its own sentence, keeps working
        (
            "Ohio sued the drugmaker in March. Ohio said it would seek $40 million.",
            "$40 million",
            "Ohio",
        ),
        (
            "Prairie Mutual, which is based in Omaha, said it would cut premiums by 4 percent.",
            "4 percent",
            "Prairie Mutual",
        ),
        (
            "Corvane Shipping said on Tuesday that it had carried 2 million containers.",
            "2 million containers",
            "Corvane Shipping",
        ),
    ],
)
def test_it_near_misses(analyzer: Analyzer, text: str, words: str, speaker: str) -> None:
    assert speaker_of(analyzer, text, words) == speaker


# --- "the company" is never the outlet that reports ---------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Halvern Foods cut 300 jobs, the Financial Gazette reported. The company said the "
            "cuts were needed.",
            "the cuts were needed",
            "Halvern Foods",
        ),
        (
            "Tamsin Bakeries closed two plants, the Evening Courier reported. The firm said "
            "demand had fallen.",
            "demand had fallen",
            "Tamsin Bakeries",
        ),
        (
            "Reuters said the company did not comment. The company said 40 more jobs would go.",
            "40 more jobs",
            None,
        ),
        (
            "Greyfield Capital sold its stake, Bloomberg News reported on Friday. The company "
            "said the sale raised $90 million.",
            "$90 million",
            "Greyfield Capital",
        ),
    ],
)
def test_the_company_is_not_the_reporting_outlet(
    analyzer: Analyzer, text: str, words: str, speaker: str | None
) -> None:
    found = speaker_of(analyzer, text, words)
    assert found not in {"Reuters", "Financial Gazette", "Evening Courier", "Bloomberg News"}
    assert found not in {"the Financial Gazette", "the Evening Courier"}
    if speaker is not None:
        assert found == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The audit was leaked, the Harbour Gazette reported. The newspaper said 12 officials "
        "had been questioned.",
        "The Harbour Gazette reported the audit on Sunday. The paper said 12 officials had "
        "been questioned.",
    ],
)
def test_the_newspaper_still_refers_to_the_outlet(analyzer: Analyzer, text: str) -> None:
    assert speaker_of(analyzer, text, "12 officials") == "Harbour Gazette"


def test_a_company_that_reports_results_is_still_the_company(analyzer: Analyzer) -> None:
    text = "Halvern Foods reported a loss on Thursday. The company said sales fell 6 percent."
    assert speaker_of(analyzer, text, "6 percent") == "Halvern Foods"


@pytest.mark.parametrize(
    ("name", "outlet"),
    [
        ("Reuters", True),
        ("the Harbour Gazette", True),
        ("Daily Courier", True),
        ("Bloomberg News", True),
        ("Halvern Foods", False),
        ("Post Holdings Inc.", False),
        ("Prairie Mutual", False),
    ],
)
def test_outlet_names(name: str, outlet: bool) -> None:
    assert is_outlet_name(name) is outlet


# --- names without the words the tagger ran into ------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("Neither Aurelia Cosmetics nor its parent replied.", 0, 3, "Aurelia Cosmetics"),
        ("Either Lumen Labs or its owner will pay.", 0, 3, "Lumen Labs"),
        ("Both Castle Builders and the council agreed.", 0, 3, "Castle Builders"),
        ("Ridgeway Homes and the council agreed.", 0, 3, "Ridgeway Homes"),
        ("Ridgeway Homes, the builder, agreed.", 0, 3, "Ridgeway Homes"),
        ("The ministry went unanswered on Friday.", 1, 4, "ministry"),
        # near misses: a name with its own words intact
        ("Save the Children said it would help.", 0, 3, "Save the Children"),
        ("Marks and Spencer said sales rose.", 0, 3, "Marks and Spencer"),
        ("Doctors Without Borders sent a team.", 0, 3, "Doctors Without Borders"),
    ],
)
def test_entity_text_drops_stray_words(
    nlp: Language, text: str, start: int, end: int, expected: str
) -> None:
    doc = nlp(text)
    assert entity_text(Span(doc, start, end, label="ORG")) == expected


NAMES = st.sampled_from(
    ["Aurelia Cosmetics", "Ridgeway Homes", "Lumen Labs", "Castle Builders", "Tallis Pharma"]
)
FRAMES = st.sampled_from(
    [
        "Neither {a} nor {b} would discuss the deal. {a} said sales rose {n} percent.",
        "{a} and {b} bid for the site. {a} said it would build {n} homes.",
        "Both {a} and {b} grew. {b} said profit rose {n} percent.",
        "{a}, {b} and the council met on Monday. The company said {n} homes were planned.",
        "Either {a} or {b} will pay, the Evening Ledger reported. {a} said it owed {n} dollars.",
        "A request to {a} went unanswered. {b} said {n} people had applied.",
    ]
)
BAD_EDGES = {"and", "or", "nor", "but", "neither", "either", "both", ",", ";"}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=FRAMES, a=NAMES, b=NAMES, n=st.integers(min_value=2, max_value=900))
def test_resolved_speakers_are_words_of_the_text(
    analyzer: Analyzer, frame: str, a: str, b: str, n: int
) -> None:
    text = frame.format(a=a, b=b, n=n)
    folded = " ".join(text.split()).lower()
    for claim in claims_in_order(analyzer, text):
        if claim.speaker is None:
            continue
        speaker = claim.speaker.strip()
        assert speaker.lower() in folded, (speaker, text)
        words = speaker.lower().replace(",", " , ").split()
        assert words, text
        assert words[0] not in BAD_EDGES and words[-1] not in BAD_EDGES, (speaker, text)
        assert not speaker.endswith((",", ";", ":")), (speaker, text)


# --- "the club" is never a player the tagger took for an organisation ----------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Ashcombe Rovers sold striker Leon Fairbairn on Tuesday. Fairbairn had scored 14 "
            "goals. The club said the fee was 3 million pounds.",
            "3 million pounds",
            "Ashcombe Rovers",
        ),
        (
            "Midfielder Tom Haskard signed a new deal with Ashcombe Rovers. Haskard scored 11 "
            "goals last season. The club said he would stay until 2028.",
            "2028",
            "Ashcombe Rovers",
        ),
        # near miss: a one-word club name that is nobody's surname stays the club
        (
            "Kellbrook Athletic signed Dunmore from a rival side. Dunmore scored twice on "
            "Saturday. The club said ticket sales rose 12 percent.",
            "12 percent",
            "Kellbrook Athletic",
        ),
    ],
)
def test_the_club_is_not_a_player(analyzer: Analyzer, text: str, words: str, speaker: str) -> None:
    assert speaker_of(analyzer, text, words) == speaker


def test_a_player_surname_is_never_the_club(analyzer: Analyzer) -> None:
    text = (
        "Defender Niko Varga left Brennan United in June. Varga joined Corby on loan. The club "
        "said 4,000 tickets had been sold."
    )
    assert speaker_of(analyzer, text, "4,000 tickets") != "Varga"
