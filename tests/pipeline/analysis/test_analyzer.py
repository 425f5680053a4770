"""The Analyzer's public surface: one parse, stable ids, ranking, entities."""

from __future__ import annotations

from spacy.language import Language

from bot.models import Analysis
from bot.pipeline.analyze import Analyzer

TEXT = (
    "The city council voted on Tuesday to expand the bus network.\n"
    "Transit director Amina Yusuf said the plan would add 40 routes and cost $120 million.\n"
    "Some residents said they liked the idea.\n"
    "Yusuf added that construction would begin in the spring."
)


def test_parse_returns_a_doc_the_analysis_can_reuse(analyzer: Analyzer) -> None:
    doc = analyzer.parse(TEXT)
    assert len(list(doc.sents)) >= 4
    assert analyzer.analyze_doc(doc) == analyzer.analyze(TEXT)


def test_texts_parsed_in_one_batch_analyse_as_one_at_a_time(analyzer: Analyzer) -> None:
    # the blind sets are scored on batched parses: they must be the card's own
    texts = [
        "WASHINGTON (AP) — The ministry said 12 people were hurt.\nThe mayor declined to comment.",
        "",
        '"We are done," Ana Ruiz said. Reuters could not reach the council.',
    ]
    batched = analyzer.parse_many(texts)
    assert [d.text for d in batched] == [analyzer.parse(t).text for t in texts]
    assert [analyzer.analyze_doc(d) for d in batched] == [analyzer.analyze(t) for t in texts]


def test_analyzer_accepts_the_shared_model(nlp: Language) -> None:
    assert Analyzer(nlp).nlp is nlp


def test_ids_follow_article_order_and_claims_follow_score(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(TEXT)
    ordered = sorted(analysis.claims, key=lambda c: int(c.id[1:]))
    assert [c.id for c in ordered] == ["c1", "c2", "c3"]
    assert [c.speaker for c in ordered] == ["Amina Yusuf", "Some residents", "Amina Yusuf"]
    assert analysis.claims[0].id == "c1", "the claim with figures and a named source ranks first"
    assert [c.score for c in analysis.claims] == sorted(
        (c.score for c in analysis.claims), reverse=True
    )


def test_unnamed_vague_claims_rank_below_specific_named_ones(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(TEXT)
    residents = next(c for c in analysis.claims if c.speaker == "Some residents")
    assert residents.id == analysis.claims[-1].id


def test_entities_skip_numbers_and_dates(analyzer: Analyzer) -> None:
    labels = {e.label for e in analyzer.analyze(TEXT).entities}
    assert labels <= {"PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "FAC", "PRODUCT",
                      "WORK_OF_ART", "LAW"}  # fmt: skip
    names = [e.text for e in analyzer.analyze(TEXT).entities]
    assert "Amina Yusuf" in names and "Yusuf" not in names


def test_empty_text_gives_an_empty_analysis(analyzer: Analyzer) -> None:
    assert analyzer.analyze("") == Analysis()
    assert analyzer.analyze("   \n\n ") == Analysis()
