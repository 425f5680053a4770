"""Issue 11, seventh pass: claims the finder missed or gave to the wrong source, read by family
of phrasing. Every sentence here is written for these tests (names, outlets and figures
invented); none comes from an evaluation set. Each family has variants across beats and the
near misses that must not fire."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import claims_in_order


def _claims(analyzer: Analyzer, text: str) -> list[tuple[str | None, str | None, str]]:
    return [(c.speaker, c.cue, c.text) for c in claims_in_order(analyzer, text)]


def _speaker_of(analyzer: Analyzer, text: str, words: str) -> str | None:
    """The speaker of the one claim whose content holds ``words``."""
    found = [c for c in _claims(analyzer, text) if words in c[2]]
    assert len(found) == 1, _claims(analyzer, text)
    return found[0][0]


# --- a name is never glued to what a comma before it sets off ----------------------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # noise glued to a name by a comma: "y Tomas" or "x y Tomas" are words the text lacks
        (
            "Officials met on Monday. x,y Tomas Vell said the bridge would reopen.",
            "bridge",
            "Tomas Vell",
        ),
        # a city and its state name a company's home: that comma is part of the phrase
        (
            "The Austin, Texas-based chipmaker said it would cut 200 jobs.",
            "cut 200 jobs",
            "The Austin, Texas-based chipmaker",
        ),
    ],
)
def test_a_speaker_phrase_keeps_only_words_the_text_has(
    analyzer: Analyzer, text: str, words: str, speaker: str
) -> None:
    assert _speaker_of(analyzer, text, words) == speaker


# --- a relative clause between the speaker and the speech verb -----------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        (  # sport: two reported clauses, one with a quotation
            'Okafor, who finished third, told reporters she had "run out of legs" and did not '
            "see the leader until the last lap.",
            "Okafor",
            "did not see the leader",
        ),
        (  # motor racing
            'Brandt, who had started from pole, told reporters he had been "managing the '
            'brakes" all race.',
            "Brandt",
            "managing the brakes",
        ),
        (  # politics
            "Councillor Ada Brennan, who chairs the planning committee, told residents the "
            "scheme would be delayed.",
            "Ada Brennan",
            "scheme would be delayed",
        ),
        (  # health
            "Dr Priya Nair, who runs the clinic, told the Post waiting times had doubled.",
            "Priya Nair",
            "waiting times had doubled",
        ),
    ],
)
def test_a_speaker_set_off_by_a_relative_clause_keeps_the_claim(
    analyzer: Analyzer, text: str, speaker: str, words: str
) -> None:
    assert _speaker_of(analyzer, text, words) == speaker


def test_a_relative_clause_before_an_act_is_no_claim(analyzer: Analyzer) -> None:
    assert _claims(analyzer, "Councillor Ruiz, who chairs the board, spoke to reporters.") == []


# --- a scoop: "The Ledger first reported the closures" ----------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        ("The Harbour Ledger first reported the closures on Monday.", "Harbour Ledger", "closures"),
        ("Vantage News first reported the merger talks.", "Vantage News", "merger talks"),
        (  # sport, passive: the news is the subject
            "The suspension was first reported by the Courier on Friday night.",
            "Courier",
            "The suspension",
        ),
        (  # courts
            "The ruling was initially reported by local broadcaster KXRT.",
            "KXRT",
            "The ruling",
        ),
        (  # business, after the company's own statement
            "Tollcraft plans to cut 900 jobs, the company said. The Evening Post first "
            "reported the cuts earlier in the day.",
            "Evening Post",
            "the cuts",
        ),
    ],
)
def test_an_outlet_that_broke_the_news_is_credited_with_it(
    analyzer: Analyzer, text: str, speaker: str, words: str
) -> None:
    found = _speaker_of(analyzer, text, words)  # the outlet's whole name is the spans' job
    assert found is not None and speaker in found


@pytest.mark.parametrize(
    "text",
    [
        # a report named as a noun's modifier: a confirmation names the report (unchanged)
        "Plans first reported by the Journal were confirmed on Monday by the company.",
        # a relative clause about a noun: the mine is what closed, not a claim of the Courier
        "The mine, which was first reported by the Courier, closed in May.",
    ],
)
def test_a_report_named_inside_a_phrase_is_no_scoop(analyzer: Analyzer, text: str) -> None:
    assert not [c for c in _claims(analyzer, text) if c[1] == "report"]


# --- "per X" as a source -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        ("Home prices fell 6% last year, per Zillow.", "Zillow", "Home prices fell 6%"),
        (  # sport
            "The club paid £40m for the striker, per sources close to the deal.",
            "sources close to the deal",
            "paid £40m for the striker",
        ),
        (  # courts: the phrase opens the sentence
            "Per the filing, the company owes creditors $3 million.",
            "the filing",
            "owes creditors $3 million",
        ),
        (  # business: a relative clause the phrase closes
            "It is one of the largest rounds in a market where valuations have halved since "
            "2021, per Tallyhouse data.",
            "Tallyhouse data",
            "valuations have halved",
        ),
    ],
)
def test_per_a_source_attributes_like_according_to(
    analyzer: Analyzer, text: str, speaker: str, words: str
) -> None:
    found = [c for c in _claims(analyzer, text) if words in c[2]]
    assert [(c[0], c[1]) for c in found] == [(speaker, "per")]


@pytest.mark.parametrize(
    "text",
    [
        "Shares rose 4 per cent to $10 per share.",
        "Each household uses 300 litres per day.",
        "Admissions rose to 12 per 1,000 residents.",
    ],
)
def test_per_as_a_rate_names_no_source(analyzer: Analyzer, text: str) -> None:
    assert not [c for c in _claims(analyzer, text) if c[1] == "per"]


# --- a section label is no speaker ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        (
            "Details: The round values Kestrel at $900 million, chief executive Mara Quist said "
            "in an interview.",
            "Mara Quist",
            "values Kestrel",
        ),
        (
            "The big picture: Rents have doubled since 2020, the housing agency said.",
            "the housing agency",
            "Rents have doubled",
        ),
    ],
)
def test_a_label_before_a_colon_is_not_the_speaker(
    analyzer: Analyzer, text: str, speaker: str, words: str
) -> None:
    assert _speaker_of(analyzer, text, words) == speaker


# --- a quotation's words are never its speaker ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        (  # politics: a noun phrase in the quotation read as the next verb's subject
            'Finance Minister Lena Osei said the delay reflected "the care voters expect" and '
            "insisted the scheme would open by 2027.",
            "Lena Osei",
            "scheme would open by 2027",
        ),
        (  # local: a name inside the quotation, the speaker after it
            '"People told me they wanted a councillor who answers the phone. I intend to be '
            'that person," Reyes, a 38-year-old teacher, told supporters at a diner.',
            "Reyes",
            "I intend to be that person",
        ),
        (  # sport: the speaker's name, an age, then the verb
            '"The river rose in minutes," Ana Lopez, 61, told reporters.',
            "Ana Lopez",
            "river rose in minutes",
        ),
        (  # a quotation with a speech verb of its own inside it
            '"The mayor told us the money was coming," Ruiz said.',
            "Ruiz",
            "money was coming",
        ),
    ],
)
def test_a_quotation_never_names_its_own_speaker(
    analyzer: Analyzer, text: str, speaker: str, words: str
) -> None:
    assert _speaker_of(analyzer, text, words) == speaker


# --- documents: what an outlet saw speaks, and "the document" is the one named before -----------


@pytest.mark.parametrize(
    ("text", "words", "speaker_has"),
    [
        (  # health: "which" after the outlet that saw the report is the report
            "Waits have doubled in two years, according to an internal report seen by the "
            'Herald, which warns that the service is "close to collapse".',
            "close to collapse",
            "report",
        ),
        (  # politics
            "Ministers were told the plan would cost £3bn, according to a Home Office memo "
            'obtained by the Courier, which says the scheme is "unworkable".',
            "unworkable",
            "memo",
        ),
        (  # politics: "The document" goes back to the analysis named before
            "Scrapping the cap would cost £3bn a year, according to an internal Treasury "
            "analysis seen by the Herald.\nThe document, dated March, says the change would "
            "lift 200,000 children out of poverty.",
            "lift 200,000 children",
            "Treasury analysis",
        ),
        (  # local: the same noun, "the memo"
            "A police memo obtained by the Courier lists 14 complaints. The memo says officers "
            "were never disciplined.",
            "never disciplined",
            "police memo",
        ),
    ],
)
def test_a_document_speaks_for_itself(
    analyzer: Analyzer, text: str, words: str, speaker_has: str
) -> None:
    speaker = _speaker_of(analyzer, text, words)
    assert speaker is not None and speaker_has in speaker
    assert "Herald" not in speaker.split(" by ")[0] and "Courier" not in speaker.split(" by ")[0]


def test_a_document_named_nowhere_before_stays_as_written(analyzer: Analyzer) -> None:
    text = "The club was sold last year. The report said the price was £40m."
    assert _speaker_of(analyzer, text, "price was") == "The report"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # business: "the letter" is never the report named since
        (
            "The union sent a letter from its lawyers to the board last week. The auditor's "
            "report is due in June. The letter said the board had broken the contract.",
            "broken the contract",
            "The letter",
        ),
        # politics: "the memo" is never an analysis or "its annual report"
        (
            "A Treasury analysis seen by the Herald was leaked in May. On Friday the auditor "
            "published its annual report on the ministry. The memo said the cuts would cost "
            "jobs.",
            "cost jobs",
            "The memo",
        ),
        # local: news coverage is no document, and "reports" is not "the report"
        (
            "Local news reports said the mayor had resigned. The council met on Monday. The "
            "report said the budget was short by $4 million.",
            "budget was short",
            "The report",
        ),
        # courts: an adjective alone does not say which email
        (
            "Ana Ruiz wrote an angry email to the board in March. The document, released on "
            "Friday, says the plant is unsafe.",
            "plant is unsafe",
            "The document",
        ),
        # health: two documents named, so "the document" could be either
        (
            "A ministry memo seen by the Echo was leaked on Monday. A hospital audit obtained "
            "by the Post followed. The document says waits have doubled.",
            "waits have doubled",
            "The document",
        ),
        # sport: media reports are coverage, not the league's report
        (
            "Media reports linked the striker with a move. The report said the fee was £9m.",
            "fee was",
            "The report",
        ),
    ],
)
def test_a_bare_document_is_never_a_different_document(
    analyzer: Analyzer, text: str, words: str, speaker: str
) -> None:
    assert _speaker_of(analyzer, text, words) == speaker


# --- the rest of what a speaker said: "said only that", backshifted and quoted conjuncts --------


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        (  # sport
            "Asked about a trade, general manager Ines Varga said only that the team was "
            '"always looking to improve."',
            "Ines Varga",
            "always looking to improve",
        ),
        ("The ministry said simply that the review was ongoing.", "The ministry", "review"),
        (  # local: a past perfect after the quotation is still reported
            'The council said it was "working to restore collections" and had arranged extra '
            "pickups for 300 homes.",
            "The council",
            "had arranged extra pickups",
        ),
        (  # courts: a passive speech verb in the second clause is no new speaker
            'Hale said through his lawyer that he was "stunned" and had never been told of any '
            "complaint.",
            "Hale",
            "had never been told",
        ),
        (  # sport: the second clause opens in the speaker's quoted words
            'The captain said she was proud but "nobody is satisfied with second".',
            "The captain",
            "nobody is satisfied",
        ),
    ],
)
def test_the_whole_report_is_the_claim(
    analyzer: Analyzer, text: str, speaker: str, words: str
) -> None:
    assert _speaker_of(analyzer, text, words) == speaker


def test_the_narrators_own_clause_is_not_the_speakers(analyzer: Analyzer) -> None:
    text = "The mayor said the road would reopen, and critics were unconvinced."
    assert [c[2] for c in _claims(analyzer, text)] == ["the road would reopen"]


# --- what a share of respondents said is the survey's finding -----------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        (  # health
            "About 40% of nurses said they planned to leave within five years, a union poll found.",
            "a union poll",
            "planned to leave",
        ),
        (  # local
            "Two-thirds of respondents said the council was doing a poor job, the survey showed.",
            "the survey",
            "poor job",
        ),
        (  # education
            "Nearly half of seniors said they felt anxious most days, according to a statewide "
            "survey.",
            "a statewide survey",
            "felt anxious",
        ),
    ],
)
def test_a_survey_speaks_for_the_share_it_polled(
    analyzer: Analyzer, text: str, speaker: str, words: str
) -> None:
    assert _speaker_of(analyzer, text, words) == speaker


def test_people_counted_but_not_polled_keep_their_words(analyzer: Analyzer) -> None:
    text = "Two of the men said they had been beaten, according to police."
    assert _speaker_of(analyzer, text, "had been beaten") == "Two of the men"


# --- properties ---------------------------------------------------------------------------------

QUOTED = st.lists(
    st.sampled_from(["the", "care", "voters", "Ruiz", "expect", "Acme"]), min_size=1, max_size=6
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(QUOTED, st.sampled_from(["insisted", "warned", "added"]))
def test_words_inside_a_quotation_never_speak_for_a_verb_outside_it(
    analyzer: Analyzer, quoted: list[str], verb: str
) -> None:
    inside = " ".join(quoted)
    text = f'Lena Osei said the delay reflected "{inside}" and {verb} the scheme would open.'
    for claim in analyzer.analyze(text).claims:
        assert claim.speaker is None or claim.speaker.lower() not in inside.lower()


UNITS = st.sampled_from(["share", "cent", "day", "year", "capita", "1,000 residents", "hour"])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=1, max_value=999), UNITS, st.booleans())
def test_a_rate_is_never_a_source(analyzer: Analyzer, number: int, unit: str, comma: bool) -> None:
    joint = ", " if comma else " "
    text = f"Fares rose to ${number}{joint}per {unit}, the operator said."
    assert all(c.cue != "per" for c in analyzer.analyze(text).claims)


DOC_NOUNS = st.sampled_from(["memo", "report", "document", "analysis", "letter"])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOC_NOUNS, DOC_NOUNS, st.text(alphabet="abc ,.\"'", max_size=20))
def test_a_document_referred_back_to_is_named_from_the_text(
    analyzer: Analyzer, first: str, second: str, noise: str
) -> None:
    text = f"A council {first} obtained by the Echo lists 14 sites.{noise} The {second} says "
    text += "costs rose."
    for claim in analyzer.analyze(text).claims:
        assert claim.speaker is None or claim.speaker.lower() in text.lower()
        if claim.speaker is None or "costs rose" not in claim.text or second == "document":
            continue
        # "the memo" is the memo named or stays as written, never the report named
        speaker = claim.speaker.lower()
        assert second in speaker.replace(".", " ").split(), speaker
        assert first == second or f"council {first}" not in speaker, speaker


# --- a participle after a reported clause speaks for the reporter (request from SPANS) ----------


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        (  # courts
            "Judge Maria Lund said the tax agency had shown good grounds to freeze the funds, "
            "noting that the former mayor's salary was under $90,000.",
            "Maria Lund",
            "salary was under",
        ),
        (  # labour
            "The union said the survey showed morale had collapsed, warning that strikes were "
            "likely.",
            "The union",
            "strikes were likely",
        ),
        # an outlet's report relays: the participle is the reported company's
        (
            "Reuters reported that the firm had warned investors, saying sales would fall.",
            "the firm",
            "sales would fall",
        ),
    ],
)
def test_a_set_off_participle_speaks_for_the_reporter(
    analyzer: Analyzer, text: str, speaker: str, words: str
) -> None:
    assert _speaker_of(analyzer, text, words) == speaker


# --- what a document cited by someone says; "even as" is a time, not a source ----------------


def test_documents_cited_with_a_participle_speak(analyzer: Analyzer) -> None:
    text = (
        "The minister would not say how much the city has spent, even as the opposition "
        "pointed to internal documents suggesting the figure tops $90 million."
    )
    claims = _claims(analyzer, text)
    assert ("internal documents", "suggest", "the figure tops $90 million") in claims
    # the opposition never said how much the city spent
    assert not [c for c in claims if c[0] == "the opposition"]
