"""Scores the analyzer on the blind set (tests/fixtures/analysis/blind.jsonl), aggregates only.

The blind set was written by an engineer who did not change the rules, and nobody may tune on it,
so the report never names a passage: it gives rates, and per beat and per pattern how many
passages had a failure. The record format extends the held-out one (see ``heldout.py``):

- ``beat`` and ``patterns``: what the passage exercises (datelines, pronoun speakers, …).
- each claim has ``cue`` (lemma, or a list of acceptable ones) and may have ``quantities``
  (each must be contained in a quantity of the matching claim) and ``sentence`` (exactly one
  sentence of the text, which must be the claim's sentence).
- each comment request has ``sentence`` (where its status is stated) and may have ``asked_in``
  (the sentence that names who was asked, when that is a different one); ``requested_by`` may
  be a list whose options include ``null``.
- ``quiet_sentences``: sentences where no comment request may be reported ("patients who did
  not respond to treatment").

Claim attribution and comment-request precision and recall use the held-out matching rules. On
top of them: how often the speaker is right among the claims whose content was found, and how
often a sentence's comment requests (party and status, nothing missing, nothing invented) are
right among the sentences that have a request, are quiet, or got a request they should not have.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.models import Analysis, Claim, PendingResponse
from tests.pipeline.analysis.heldout import Tally, claim_matches, load_passages, pending_matches

if TYPE_CHECKING:
    from bot.pipeline.analyze import Analyzer

BLIND_SET = Path(__file__).parents[2] / "fixtures" / "analysis" / "blind.jsonl"


def _fold(text: str) -> str:
    """Case, typographic quotes and runs of whitespace folded."""
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
    return " ".join(text.lower().translate(table).split())


def _has(haystack: str | None, needle: str) -> bool:
    return haystack is not None and _fold(needle) in _fold(haystack)


def _options(wanted: Any) -> list[Any]:
    return wanted if isinstance(wanted, list) else [wanted]


def speaker_right(claim: Claim, spec: dict[str, Any]) -> bool:
    """The claim names the annotated speaker (``null``: the claim must have none)."""
    if spec["speaker"] is None:
        return claim.speaker is None
    return any(_has(claim.speaker, option) for option in _options(spec["speaker"]))


def cue_right(claim: Claim, spec: dict[str, Any]) -> bool:
    return claim.cue is not None and _fold(claim.cue) in {_fold(c) for c in _options(spec["cue"])}


def quantities_right(claim: Claim, spec: dict[str, Any]) -> int:
    """How many of the annotated quantities the claim carries, qualifier included."""
    return sum(
        any(_has(q.text, wanted) for q in claim.quantities) for wanted in spec.get("quantities", [])
    )


def requester_right(pending: PendingResponse, spec: dict[str, Any]) -> bool:
    for option in _options(spec["requested_by"]):
        if option is None and pending.requested_by is None:
            return True
        if option is not None and _has(pending.requested_by, option):
            return True
    return False


@dataclass
class Rate:
    right: int = 0
    checked: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.checked += 1

    @property
    def value(self) -> float:
        return self.right / self.checked if self.checked else 1.0

    def show(self, name: str) -> str:
        return f"{name} {self.value:.3f} ({self.right}/{self.checked})"


@dataclass
class Failures:
    """Per group (beat or pattern): passages seen, and passages with a failure of each kind."""

    passages: Counter[str] = field(default_factory=Counter)
    attribution: Counter[str] = field(default_factory=Counter)
    comments: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        return [
            f"  {name}: attribution wrong in {self.attribution[name]} of {count}, "
            f"comment requests wrong in {self.comments[name]} of {count}"
            for name, count in sorted(self.passages.items())
        ]


@dataclass
class BlindScore:
    claims: Tally = field(default_factory=Tally)
    pending: Tally = field(default_factory=Tally)
    content: Rate = field(default_factory=Rate)
    speaker: Rate = field(default_factory=Rate)
    cue: Rate = field(default_factory=Rate)
    quantities: Rate = field(default_factory=Rate)
    claim_sentence: Rate = field(default_factory=Rate)
    requester: Rate = field(default_factory=Rate)
    comment_sentences: Rate = field(default_factory=Rate)
    by_beat: Failures = field(default_factory=Failures)
    by_pattern: Failures = field(default_factory=Failures)

    def report(self) -> str:
        return "\n".join(
            [
                self.claims.summary("attribution (speaker and content)"),
                self.content.show("claims found (content, any speaker): recall"),
                self.speaker.show("named speaker right among claims found"),
                self.cue.show("cue right among attributed claims"),
                self.quantities.show("quantities kept (qualifier included)"),
                self.claim_sentence.show("claim sentence right"),
                self.pending.summary("comment requests (party and status)"),
                self.requester.show("who asked right"),
                self.comment_sentences.show("comment-request sentences right"),
                "by beat (passages):",
                *self.by_beat.lines(),
                "by pattern (passages):",
                *self.by_pattern.lines(),
            ]
        )


def _score_claims(score: BlindScore, case: dict[str, Any], claims: tuple[Claim, ...]) -> bool:
    """Adds the passage's claims to the score; true when attribution is wholly right."""
    ok = True
    allowed = case["claims"] + case.get("optional_claims", [])
    for spec in case["claims"]:
        score.claims.expected += 1
        found = [c for c in claims if _has(c.text, spec["text"])]
        score.content.add(bool(found))
        if found:
            score.speaker.add(any(speaker_right(c, spec) for c in found))
        matched = [c for c in found if claim_matches(c, spec)]
        if not matched:
            ok = False
            continue
        score.claims.found += 1
        score.cue.add(any(cue_right(c, spec) for c in matched))
        wanted = len(spec.get("quantities", []))
        if wanted:
            kept = max(quantities_right(c, spec) for c in matched)
            score.quantities.right += kept
            score.quantities.checked += wanted
        if "sentence" in spec:
            score.claim_sentence.add(
                any(_fold(c.sentence) == _fold(spec["sentence"]) for c in matched)
            )
    for claim in claims:
        score.claims.predicted += 1
        if any(claim_matches(claim, spec) for spec in allowed):
            score.claims.correct += 1
        else:
            ok = False
    return ok


def _in_sentences(pending: PendingResponse, spec: dict[str, Any]) -> bool:
    folded = _fold(pending.sentence)
    sentences = [_fold(spec[key]) for key in ("sentence", "asked_in") if key in spec]
    return any(s in folded or folded in s for s in sentences)


def request_matches(pending: PendingResponse, spec: dict[str, Any]) -> bool:
    """Party and status agree, reported from the annotated sentence ("The IOC has not responded
    to a letter" is not the IOC ignoring a reporter's request two sentences later)."""
    return pending_matches(pending, spec) and _in_sentences(pending, spec)


def _score_pending(
    score: BlindScore, case: dict[str, Any], found: tuple[PendingResponse, ...]
) -> None:
    allowed = case["pending"] + case.get("optional_pending", [])
    for spec in case["pending"]:
        score.pending.expected += 1
        match = next((p for p in found if request_matches(p, spec)), None)
        if match is not None:
            score.pending.found += 1
            score.requester.add(requester_right(match, spec))
    for pending in found:
        score.pending.predicted += 1
        score.pending.correct += any(request_matches(pending, spec) for spec in allowed)


@dataclass
class _Group:
    """One sentence of a passage as far as comment requests go."""

    aliases: list[str]
    required: list[dict[str, Any]] = field(default_factory=list)
    optional: list[dict[str, Any]] = field(default_factory=list)
    found: list[PendingResponse] = field(default_factory=list)

    def overlaps(self, sentence: str) -> bool:
        folded = _fold(sentence)
        return any(alias in folded or folded in alias for alias in self.aliases)

    def right(self) -> bool:
        specs = self.required + self.optional
        complete = all(any(pending_matches(p, s) for p in self.found) for s in self.required)
        exact = all(any(pending_matches(p, s) for s in specs) for p in self.found)
        return complete and exact


def _comment_groups(case: dict[str, Any], found: tuple[PendingResponse, ...]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for kind in ("pending", "optional_pending"):
        for spec in case.get(kind, []):
            key = _fold(spec["sentence"])
            aliases = [key] + ([_fold(spec["asked_in"])] if "asked_in" in spec else [])
            group = groups.setdefault(key, _Group(aliases))
            (group.required if kind == "pending" else group.optional).append(spec)
    for sentence in case.get("quiet_sentences", []):
        groups.setdefault(_fold(sentence), _Group([_fold(sentence)]))
    for pending in found:
        candidates = [g for g in groups.values() if g.overlaps(pending.sentence)]
        fitting = [
            g
            for g in candidates
            if any(pending_matches(pending, s) for s in g.required + g.optional)
        ]
        group = (fitting or candidates or [None])[0]
        if group is None:
            group = groups.setdefault(_fold(pending.sentence), _Group([_fold(pending.sentence)]))
        group.found.append(pending)
    return list(groups.values())


def _tally_failures(
    failures: Failures, names: Iterable[str], attribution: bool, comments: bool
) -> None:
    for name in names:
        failures.passages[name] += 1
        failures.attribution[name] += int(not attribution)
        failures.comments[name] += int(not comments)


def score_blind(analyze: Callable[[str], Analysis], cases: Iterable[dict[str, Any]]) -> BlindScore:
    score = BlindScore()
    for case in cases:
        analysis = analyze(case["text"])
        attribution_ok = _score_claims(score, case, analysis.claims)
        _score_pending(score, case, analysis.pending_responses)
        comments_ok = True
        for group in _comment_groups(case, analysis.pending_responses):
            right = group.right()
            score.comment_sentences.add(right)
            comments_ok = comments_ok and right
        _tally_failures(score.by_beat, [case["beat"]], attribution_ok, comments_ok)
        _tally_failures(score.by_pattern, case["patterns"], attribution_ok, comments_ok)
    return score


def analyses_of(analyzer: Analyzer, texts: list[str]) -> dict[str, Analysis]:
    """Each text's analysis, exactly as ``analyzer.analyze`` gives it, with the parses made in
    one batch (spaCy parses a batch of passages about 1.6 times faster than one at a time)."""
    docs = analyzer.parse_many(texts)
    return {text: analyzer.analyze_doc(doc) for text, doc in zip(texts, docs, strict=True)}


def main() -> None:
    """``python -m tests.pipeline.analysis.blind_scoring``: the report for the code on sys.path."""
    from bot.pipeline.analyze import Analyzer

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else BLIND_SET
    cases = load_passages(path)
    analyses = analyses_of(Analyzer(), [case["text"] for case in cases])
    print(score_blind(analyses.__getitem__, cases).report())


if __name__ == "__main__":
    main()
