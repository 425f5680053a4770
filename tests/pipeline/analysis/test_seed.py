"""The seed article, scored against the editor's expected.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.models import Analysis, Stance
from bot.pipeline.analyze import Analyzer
from bot.pipeline.extract import extract
from tests.pipeline.analysis.scoring import (
    matched_claim_ids,
    pending_matches,
    response_matches,
    score_claims,
)


@pytest.fixture(scope="module")
def expected(fixtures_dir: Path) -> dict[str, Any]:
    return json.loads((fixtures_dir / "seed" / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_analysis(analyzer: Analyzer, seed_html: str) -> Analysis:
    article = extract(seed_html, "https://example.com/ukraine-china")
    return analyzer.analyze(article.text, title=article.title)


def test_every_required_claim_and_nothing_spurious(
    seed_analysis: Analysis, expected: dict[str, Any]
) -> None:
    score = score_claims(seed_analysis, expected)
    print(score.report())
    assert score.recall == 1.0, score.report()
    assert not score.spurious, score.report()


def test_speakers_carry_full_names_and_roles(seed_analysis: Analysis) -> None:
    by_text = {c.text: c for c in seed_analysis.claims}
    ivashchenko = [c for c in by_text.values() if c.speaker and "Ivashchenko" in c.speaker]
    assert len(ivashchenko) >= 4
    for claim in ivashchenko:
        assert claim.speaker == "Oleh Ivashchenko"
        assert claim.speaker_role is not None
        assert "head of" in claim.speaker_role
        assert "Foreign Intelligence Service" in claim.speaker_role
    zelenskyy = [c for c in seed_analysis.claims if c.speaker and "Zelenskyy" in c.speaker]
    assert [c.speaker for c in zelenskyy] == ["Volodymyr Zelenskyy"]
    assert zelenskyy[0].target == "China"


def test_only_the_quotation_is_marked_as_quote(seed_analysis: Analysis) -> None:
    quoted = [c for c in seed_analysis.claims if c.quote]
    assert len(quoted) == 1
    assert quoted[0].text.startswith("We have confirmed evidence")
    assert "“" not in quoted[0].text and "”" not in quoted[0].text


def test_quantities_keep_their_qualifiers(seed_analysis: Analysis) -> None:
    stated = {q.text: q.value for c in seed_analysis.claims for q in c.quantities}
    assert stated["at least 20"] == 20
    assert stated["at least five incidents"] == 5
    assert stated["six"] == 6


def test_pending_response_from_chinas_foreign_ministry_asked_by_reuters(
    seed_analysis: Analysis, expected: dict[str, Any]
) -> None:
    for spec in expected["pending_responses"]:
        assert pending_matches(seed_analysis, spec), seed_analysis.pending_responses
    assert len(seed_analysis.pending_responses) == 1


def test_chinas_dismissal_is_a_denial_of_zelenskyys_claim(
    seed_analysis: Analysis, expected: dict[str, Any]
) -> None:
    ids = matched_claim_ids(seed_analysis, expected)
    for spec in expected["responses"]:
        assert response_matches(seed_analysis, spec, ids), seed_analysis.responses
    assert [r.stance for r in seed_analysis.responses] == [Stance.DENIAL]


def test_entities_are_deduplicated_with_full_names(
    seed_analysis: Analysis, expected: dict[str, Any]
) -> None:
    names = [e.text for e in seed_analysis.entities]
    for wanted in expected["entities_must_include"]:
        assert wanted in names
    assert "Ivashchenko" not in names
    assert len(names) == len(set(names))
    assert not any(e.label in {"DATE", "CARDINAL", "ORDINAL"} for e in seed_analysis.entities)


def test_claims_are_ranked_with_stable_ids(seed_analysis: Analysis) -> None:
    scores = [c.score for c in seed_analysis.claims]
    assert scores == sorted(scores, reverse=True)
    ids = sorted(int(c.id[1:]) for c in seed_analysis.claims)
    assert ids == list(range(1, len(ids) + 1))
    top = seed_analysis.claims[0]
    assert top.quantities, "a claim with specific numbers should rank first"


def test_author_commentary_is_not_a_claim(seed_analysis: Analysis) -> None:
    texts = " ".join(c.text + c.sentence for c in seed_analysis.claims)
    assert "growing fears" not in texts
    assert "expected to intensify" not in texts
