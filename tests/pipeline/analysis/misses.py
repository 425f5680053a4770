"""The analyzer's misses on a set that is already tuned on, passage by passage.

``python -m tests.pipeline.analysis.misses tests/fixtures/analysis/blind4.jsonl [claims|comments]``
prints, for every passage with a failure, the claims missed (with what was found for their
content instead), the claims that match no annotation, and the sentences whose comment requests
are wrong. Reading these is studying a set: a set that is still blind must stay unread, so this
refuses any set not listed in ``STUDIED``. To study a new set, add it there first, and say in
``test_blind.py`` and the README that it is tuned on from then on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from bot.models import Analysis, Claim
from tests.pipeline.analysis.blind_scoring import _comment_groups, _has, analyses_of
from tests.pipeline.analysis.heldout import claim_matches, load_passages

# Sets whose misses have been read, so they no longer measure unseen copy.
STUDIED = frozenset(
    {
        "heldout.jsonl", "blind.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl",
        "blind5.jsonl", "blind6.jsonl",
    }
)
KINDS = ("all", "claims", "comments")


class StillBlind(ValueError):
    """Asked for the misses of a set that nobody may read yet."""


def _shown(claim: Claim, width: int = 100) -> str:
    return f"[{claim.speaker!r} {claim.cue!r}: {claim.text[:width]!r}]"


def _claim_misses(case: dict[str, Any], claims: tuple[Claim, ...]) -> Iterator[str]:
    allowed = case["claims"] + case.get("optional_claims", [])
    for spec in case["claims"]:
        if any(claim_matches(c, spec) for c in claims):
            continue
        found = [c for c in claims if _has(c.text, spec["text"])]
        got = "; ".join(_shown(c, 80) for c in found) or "nothing"
        yield f"  MISSED claim speaker={spec['speaker']!r} text={spec['text']!r}; got: {got}"
    for claim in claims:
        if not any(claim_matches(claim, spec) for spec in allowed):
            yield f"  SPURIOUS claim {_shown(claim)}"


def _comment_misses(case: dict[str, Any], analysis: Analysis) -> Iterator[str]:
    for group in _comment_groups(case, analysis.pending_responses):
        if group.right():
            continue
        want = [(s["party"], s["status"]) for s in group.required]
        optional = [(s["party"], s["status"]) for s in group.optional]
        got = [(p.party, p.status.value, p.requested_by) for p in group.found]
        yield f"  COMMENT WRONG in {group.aliases[0][:120]!r}"
        yield f"     want={want} optional={optional}"
        yield f"     got={got}"


def misses(
    analyze: Callable[[str], Analysis], cases: Iterable[dict[str, Any]], kind: str = "all"
) -> Iterator[str]:
    """Report lines: a header per passage with a failure, then its failures."""
    for case in cases:
        analysis = analyze(case["text"])
        lines = []
        if kind in ("all", "claims"):
            lines += _claim_misses(case, analysis.claims)
        if kind in ("all", "comments"):
            lines += _comment_misses(case, analysis)
        if lines:
            yield f"== {case['id']} ({case['beat']}; {','.join(case['patterns'])})"
            yield from lines


def studied_set(path: Path) -> list[dict[str, Any]]:
    """The set's passages, or ``StillBlind`` when nobody has studied it yet."""
    if path.name not in STUDIED:
        raise StillBlind(
            f"{path.name} is still blind: reading its misses would make it a set you tune on. "
            "Score it with blind_scoring, or add it to STUDIED in misses.py and say so in "
            "test_blind.py and the README."
        )
    return load_passages(path)


def main() -> None:
    from bot.pipeline.analyze import Analyzer

    if len(sys.argv) < 2 or (len(sys.argv) > 2 and sys.argv[2] not in KINDS):
        sys.exit(f"usage: python -m tests.pipeline.analysis.misses SET.jsonl [{'|'.join(KINDS)}]")
    try:
        cases = studied_set(Path(sys.argv[1]))
    except StillBlind as refusal:
        sys.exit(str(refusal))
    analyses = analyses_of(Analyzer(), [case["text"] for case in cases])
    for line in misses(analyses.__getitem__, cases, sys.argv[2] if len(sys.argv) > 2 else "all"):
        print(line)


if __name__ == "__main__":
    main()
