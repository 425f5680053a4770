"""A second annotation of 60 passages of the fourth blind set, scored as if it were the analyzer.

Two more engineers annotated ten passages per beat again, from the guide the set's writers
followed, without seeing the gold or the analyzer. If the gold were noisy, a careful second
reader would score well under 1.0 against it, and the analyzer's shortfall would partly be the
measure's. ``python -m tests.pipeline.analysis.agreement`` prints the second annotation's score
and the analyzer's on the same passages (aggregates only).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.models import Analysis, Claim, PendingResponse, Quantity, ResponseStatus
from tests.pipeline.analysis.blind_scoring import BlindScore, analyses_of, score_blind
from tests.pipeline.analysis.heldout import load_passages

ANALYSIS_FIXTURES = Path(__file__).parents[2] / "fixtures" / "analysis"
GOLD = ANALYSIS_FIXTURES / "blind4.jsonl"
SECOND = ANALYSIS_FIXTURES / "second_annotation" / "blind4_60.jsonl"


def _as_analysis(annotation: dict[str, Any]) -> Analysis:
    """A second annotation in the analyzer's shape (its "content" is the claim's text)."""
    claims = tuple(
        Claim(
            id=f"c{number}",
            speaker=claim.get("speaker"),
            cue=claim.get("cue") or "say",
            text=claim["content"],
            sentence=claim.get("sentence") or "",
            quantities=tuple(Quantity(q) for q in claim.get("quantities") or ()),
        )
        for number, claim in enumerate(annotation["claims"], start=1)
    )
    pending = tuple(
        PendingResponse(
            p["party"], p.get("requested_by"), ResponseStatus(p["status"]), p["sentence"]
        )
        for p in annotation["pending"]
    )
    return Analysis(claims=claims, pending_responses=pending)


def annotated_cases() -> tuple[list[dict[str, Any]], dict[str, Analysis]]:
    """The gold cases the second annotation covers, and its analyses by passage text."""
    gold = {case["id"]: case for case in load_passages(GOLD)}
    with SECOND.open(encoding="utf-8") as lines:
        second = [json.loads(line) for line in lines if line.strip()]
    cases = [gold[a["id"]] for a in second]
    return cases, {gold[a["id"]]["text"]: _as_analysis(a) for a in second}


def second_annotation_score() -> BlindScore:
    cases, analyses = annotated_cases()
    return score_blind(analyses.__getitem__, cases)


def main() -> None:
    from bot.pipeline.analyze import Analyzer

    cases, _ = annotated_cases()
    print(f"second annotation against the gold ({len(cases)} passages)")
    print(second_annotation_score().report())
    analyses = analyses_of(Analyzer(), [case["text"] for case in cases])
    print("\nthe analyzer against the gold, same passages")
    print(score_blind(analyses.__getitem__, cases).report())


if __name__ == "__main__":
    main()
