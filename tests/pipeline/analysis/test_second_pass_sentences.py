"""Issue 11, pattern 7: a claim's or a request's ``sentence`` is the sentence that carries it,
never two joined across a paragraph break (nor a dateline in front of it)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.helpers import claims_in_order


def test_each_claim_keeps_its_own_sentence(analyzer: Analyzer) -> None:
    claims = claims_in_order(
        analyzer,
        "The report found that 40 percent of bridges were unsafe. Officials said repairs would "
        "start in May.",
    )
    assert [c.sentence for c in claims] == [
        "The report found that 40 percent of bridges were unsafe.",
        "Officials said repairs would start in May.",
    ]


def test_a_quotation_paragraph_does_not_join_the_paragraph_before(analyzer: Analyzer) -> None:
    claims = claims_in_order(
        analyzer,
        "“We will not accept this,” the mayor said.\n"
        "“The council has failed the city. It must resign,” she added.",
    )
    assert [c.sentence for c in claims] == [
        "“We will not accept this,” the mayor said.",
        "“The council has failed the city. It must resign,” she added.",
    ]


def test_a_request_sentence_is_only_its_own(analyzer: Analyzer) -> None:
    text = (
        "Officials said repairs would start in May.\n\n"
        "The ministry did not respond to a request for comment."
    )
    [pending] = analyzer.analyze(text).pending_responses
    assert pending.sentence == "The ministry did not respond to a request for comment."


SENTENCES = st.sampled_from(
    [
        "Officials said the dam was safe.",
        "“There is no risk at all,” the engineer told reporters.",
        "The ministry did not respond to a request for comment.",
        "According to the report, 40 percent of bridges were unsafe.",
        "Halden Savings Bank declined to comment",
        "“The plan is dead. We will not vote for it,” Smith said.",
        "WASHINGTON (AP) — The Justice Department said Monday it would appeal.",
        "The minister said the plan would be dropped",
        "Nobody responded.",
    ]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(st.lists(SENTENCES, min_size=1, max_size=3), min_size=1, max_size=4))
def test_no_sentence_field_crosses_a_paragraph_break(
    analyzer: Analyzer, paragraphs: list[list[str]]
) -> None:
    written = [" ".join(sentences) for sentences in paragraphs]
    analysis = analyzer.analyze("\n".join(written))
    fields = [c.sentence for c in analysis.claims]
    fields += [p.sentence for p in analysis.pending_responses]
    for field in fields:
        assert "\n" not in field
        assert any(field in paragraph for paragraph in written), field
