"""Scores an Analysis against an expected.json written by an editor.

Matching rules come from expected.json's "about": case-insensitive substring matching; an
"_any" list needs at least one hit, an "_all" list needs every one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.models import Analysis, Claim


def _has(haystack: str | None, needle: str) -> bool:
    return haystack is not None and needle.lower() in haystack.lower()


def claim_matches(claim: Claim, spec: dict[str, Any]) -> bool:
    """Whether one claim satisfies one expected entry (speaker, text, quantities, quote)."""
    if "speaker_any" in spec and not any(_has(claim.speaker, s) for s in spec["speaker_any"]):
        return False
    if not all(_has(claim.text, t) for t in spec.get("text_all", [])):
        return False
    if "text_any" in spec and not any(_has(claim.text, t) for t in spec["text_any"]):
        return False
    if "quantity_any" in spec and not any(
        _has(q.text, wanted) for q in claim.quantities for wanted in spec["quantity_any"]
    ):
        return False
    return not (spec.get("direct_quote") and not claim.quote)


@dataclass
class ClaimScore:
    required: int
    found: int
    misses: list[str] = field(default_factory=list)
    spurious: list[Claim] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    def report(self) -> str:
        lines = [f"required {self.found}/{self.required}, spurious {len(self.spurious)}"]
        lines += [f"  missed: {miss}" for miss in self.misses]
        lines += [f"  spurious: {c.speaker!r}: {c.text!r}" for c in self.spurious]
        return "\n".join(lines)


def score_claims(analysis: Analysis, expected: dict[str, Any]) -> ClaimScore:
    required = expected["claims"]["required"]
    optional = expected["claims"].get("optional", [])
    misses = [
        spec["id"] for spec in required if not any(claim_matches(c, spec) for c in analysis.claims)
    ]
    spurious = [
        c for c in analysis.claims if not any(claim_matches(c, s) for s in required + optional)
    ]
    return ClaimScore(len(required), len(required) - len(misses), misses, spurious)


def pending_matches(analysis: Analysis, spec: dict[str, Any]) -> bool:
    return any(
        any(_has(p.party, want) for want in spec["from_any"])
        and any(_has(p.requested_by, want) for want in spec.get("requested_by_any", [""]))
        for p in analysis.pending_responses
    )


def response_matches(analysis: Analysis, spec: dict[str, Any], claim_ids: dict[str, str]) -> bool:
    """``claim_ids`` maps the expected claim ids to the analysis' claim ids."""
    for response in analysis.responses:
        if not any(_has(response.party, want) for want in spec["by_any"]):
            continue
        if not any(_has(response.text, want) for want in spec.get("text_any", [""])):
            continue
        if response.stance.value != spec["stance"]:
            continue
        wanted = spec.get("answers_claim")
        if wanted is None or claim_ids.get(wanted) == response.answers_claim:
            return True
    return False


def matched_claim_ids(analysis: Analysis, expected: dict[str, Any]) -> dict[str, str]:
    """Expected id → id of the first analysis claim (article order) that matches it."""
    ordered = sorted(analysis.claims, key=lambda c: int(c.id[1:]))
    found: dict[str, str] = {}
    for spec in expected["claims"]["required"] + expected["claims"].get("optional", []):
        match = next((c for c in ordered if claim_matches(c, spec)), None)
        if match is not None:
            found[spec["id"]] = match.id
    return found
