"""Scores the analyzer on the held-out passages in tests/fixtures/analysis/heldout.jsonl.

Each line is one short wire-style passage annotated by an editor:

- ``claims``: what must be found. ``speaker`` is a substring (or a list of acceptable
  substrings) of the claim's speaker, or ``null`` for an unattributed claim ("X has been accused
  of …"); ``text`` is a substring of the claim's text; optional ``reported_by`` and ``hedge``.
- ``optional_claims``: defensible extra claims that are neither required nor penalised.
- ``pending`` / ``optional_pending``: comment requests with ``party`` (substring or list),
  ``status`` (pending / declined) and ``requested_by`` (substring, or ``null`` when the passage
  does not say who asked).

Matching is case-insensitive and by substring, so a claim that spans two annotated statements
("X said A, adding that B") satisfies both. Precision counts every claim the analyzer returns:
one that matches no annotation is either a wrong speaker or a claim that should not exist.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.models import Analysis, Claim, PendingResponse
from bot.pipeline.analyze import Analyzer


def _fold(text: str) -> str:
    """Case and typographic quotes folded, so "yen's" matches "yen’s"."""
    return text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def _contains(haystack: str | None, needle: str) -> bool:
    return haystack is not None and _fold(needle) in _fold(haystack)


def _any_of(haystack: str | None, wanted: str | list[str]) -> bool:
    options = [wanted] if isinstance(wanted, str) else wanted
    return any(_contains(haystack, option) for option in options)


def claim_matches(claim: Claim, spec: dict[str, Any]) -> bool:
    """Speaker, text and (when annotated) reporting outlet and hedge all agree."""
    wanted_speaker = spec["speaker"]
    if wanted_speaker is None:
        if claim.speaker is not None:
            return False
    elif not _any_of(claim.speaker, wanted_speaker):
        return False
    if not _contains(claim.text, spec["text"]):
        return False
    if "reported_by" in spec and not _contains(claim.reported_by, spec["reported_by"]):
        return False
    return "hedge" not in spec or _contains(claim.hedge, spec["hedge"])


def pending_matches(pending: PendingResponse, spec: dict[str, Any]) -> bool:
    """Party and status agree (who asked is scored separately)."""
    return _any_of(pending.party, spec["party"]) and pending.status.value == spec["status"]


def requester_agrees(pending: PendingResponse, spec: dict[str, Any]) -> bool:
    wanted = spec["requested_by"]
    if wanted is None:
        return pending.requested_by is None
    return _contains(pending.requested_by, wanted)


@dataclass
class Tally:
    """Precision/recall counts plus the lines an engineer needs to see why."""

    expected: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    def summary(self, name: str) -> str:
        return (
            f"{name}: precision {self.precision:.3f} ({self.correct}/{self.predicted}), "
            f"recall {self.recall:.3f} ({self.found}/{self.expected})"
        )

    def report(self, name: str) -> str:
        lines = [self.summary(name)]
        lines += [f"  MISS {line}" for line in self.misses]
        lines += [f"  FP   {line}" for line in self.false_positives]
        return "\n".join(lines)


@dataclass
class HeldoutScore:
    claims: Tally
    pending: Tally
    requesters_right: int
    requesters_checked: int

    @property
    def requester_accuracy(self) -> float:
        return self.requesters_right / self.requesters_checked if self.requesters_checked else 1.0

    def report(self) -> str:
        return "\n".join(
            [
                self.claims.report("speaker attribution"),
                self.pending.report("comment requests"),
                f"requested_by accuracy {self.requester_accuracy:.3f} "
                f"({self.requesters_right}/{self.requesters_checked})",
            ]
        )


def load_passages(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _score_claims(tally: Tally, case: dict[str, Any], analysis: Analysis) -> None:
    required = case["claims"]
    allowed = required + case.get("optional_claims", [])
    for spec in required:
        tally.expected += 1
        if any(claim_matches(c, spec) for c in analysis.claims):
            tally.found += 1
        else:
            got = [(c.speaker, c.text) for c in analysis.claims]
            tally.misses.append(f"[{case['id']}] {spec['speaker']!r}: {spec['text']!r}  got {got}")
    for claim in analysis.claims:
        tally.predicted += 1
        if any(claim_matches(claim, spec) for spec in allowed):
            tally.correct += 1
        else:
            tally.false_positives.append(f"[{case['id']}] {claim.speaker!r}: {claim.text!r}")


def _score_pending(tally: Tally, case: dict[str, Any], analysis: Analysis) -> tuple[int, int]:
    required = case["pending"]
    allowed = required + case.get("optional_pending", [])
    right = checked = 0
    for spec in required:
        tally.expected += 1
        match = next((p for p in analysis.pending_responses if pending_matches(p, spec)), None)
        if match is None:
            got = [(p.party, p.status.value) for p in analysis.pending_responses]
            tally.misses.append(f"[{case['id']}] {spec['party']!r} {spec['status']}  got {got}")
            continue
        tally.found += 1
        checked += 1
        if requester_agrees(match, spec):
            right += 1
        else:
            tally.misses.append(
                f"[{case['id']}] requested_by {match.requested_by!r}, "
                f"wanted {spec['requested_by']!r}"
            )
    for pending in analysis.pending_responses:
        tally.predicted += 1
        if any(pending_matches(pending, spec) for spec in allowed):
            tally.correct += 1
        else:
            tally.false_positives.append(
                f"[{case['id']}] {pending.party!r} {pending.status.value} "
                f"(asked by {pending.requested_by!r}): {pending.sentence!r}"
            )
    return right, checked


def score_heldout(analyzer: Analyzer, cases: Iterable[dict[str, Any]]) -> HeldoutScore:
    claims, pending = Tally(), Tally()
    right = checked = 0
    for case in cases:
        analysis = analyzer.analyze(case["text"])
        _score_claims(claims, case, analysis)
        case_right, case_checked = _score_pending(pending, case, analysis)
        right += case_right
        checked += case_checked
    return HeldoutScore(claims, pending, right, checked)
