"""Blind evaluation: passages written by engineers who did not touch the rules.

Every ``tests/fixtures/analysis/blind*.jsonl`` is scored against its own floors (``FLOORS``).
``.venv/bin/pytest tests/pipeline/analysis/test_blind.py -s`` prints aggregate figures only (no
passage is ever named). A set stays blind until its misses are studied; ``FLOORS`` says, per set,
when it was scored and whether it has been tuned on since. The floors sit a little under the last
score; raise them as the code improves.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.models import Analysis, Claim, PendingResponse, Quantity, ResponseStatus
from bot.pipeline.analyze import Analyzer
from tests.pipeline.analysis.blind_scoring import BlindScore, analyses_of, score_blind
from tests.pipeline.analysis.heldout import load_passages


@dataclass(frozen=True)
class Floors:
    """Figures a blind set's score may not fall under: set a little under the last score."""

    attribution_precision: float
    attribution_recall: float
    speaker_right: float
    comment_precision: float
    comment_recall: float
    requester: float
    comment_sentences: float
    quantities: float


# Goals (issue 11): recall >= 0.92 at precision >= 0.95, speaker >= 0.96, sentences >= 0.95.
FLOORS = {
    # First blind set (119 passages). Scored before issue 11's rules changed (3d3b881: 0.923 /
    # 0.871, speaker 0.938, comment requests 0.906 / 0.746, who asked 0.957, sentences 0.812,
    # quantities 0.814) and after its first pass (08ccf27: 0.937 / 0.881, 0.944, 0.895 / 0.810,
    # 0.961, 0.841, 0.949). Its misses were then studied for the second pass: from there on it
    # is a set that was tuned on, no longer blind. After the third pass (5f50e10), tuned on:
    # 1.000 / 0.995, 1.000, 1.000 / 1.000, 1.000, 1.000, quantities 1.000.
    "blind.jsonl": Floors(0.98, 0.97, 0.98, 0.98, 0.98, 0.98, 0.98, 0.97),
    # Second blind set (96 passages, written by another engineer for the third pass while the
    # rules were frozen). Scored before any rule changed (f864fcd, the rules of 08ccf27): 0.896
    # / 0.853, speaker 0.902, comment requests 0.899 / 0.837, who asked 0.909, sentences 0.839,
    # quantities 0.861. Nobody reads its passages or its misses; only these figures are seen.
    # After the third pass (035c244): 0.910 / 0.878, 0.919, 0.925 / 0.880, 0.988, 0.882, 0.907,
    # with the claim sentence right for 0.880 (0.955 before); that drop was traced with our own
    # sentences to a quotation mark rule and fixed (5f50e10: claim sentence 0.991, the rest
    # unchanged).
    # At the start of the fourth pass its misses were studied: from there on it is tuned on too.
    # After the fourth pass (1dd67bc), tuned on: 0.995 / 0.998, speaker 0.998, comment requests
    # 1.000 / 1.000, who asked 1.000, sentences 1.000, quantities 0.931.
    "blind2.jsonl": Floors(0.98, 0.98, 0.98, 0.98, 0.98, 0.98, 0.98, 0.91),
    # Third blind set (120 passages, 20 per beat, written by two engineers blind to the rules
    # and to the other sets, for the fourth pass). Scored once before any rule changed
    # (e6a6a21): 0.912 / 0.876, speaker 0.930, comment requests 0.874 / 0.831, who asked 0.971,
    # sentences 0.858, quantities 0.848, claim sentence 0.950. Nobody reads its passages or
    # misses; it is scored again once, at the end of the pass. After the fourth pass (1dd67bc):
    # 0.933 / 0.899, speaker 0.944, comment requests 0.882 / 0.839, who asked 0.990, sentences
    # 0.866, quantities 0.855, claim sentence 0.963.
    # At the start of the fifth pass its misses were studied: from there on it is tuned on too.
    # After the fifth pass (16310af), tuned on: 0.993 / 0.983, speaker 0.996, comment requests
    # 1.000 / 1.000, who asked 1.000, sentences 1.000, quantities 0.975, claim sentence 0.985.
    "blind3.jsonl": Floors(0.97, 0.96, 0.98, 0.97, 0.97, 0.98, 0.97, 0.95),
    # Fourth blind set (120 passages, 20 per beat, written by two more engineers blind to the
    # rules and to the other sets, for the fifth pass; one wrote North American copy, the other
    # British, European, African, Asian and Australian). Scored once on the rules as the fourth
    # pass left them (51bb78e): 0.908 / 0.873, speaker 0.913, comment requests 0.959 / 0.927,
    # who asked 0.991, sentences 0.925, quantities 0.855, claim sentence 0.945. Nobody read its
    # passages or misses. After the fifth pass (16310af): 0.913 / 0.876, speaker 0.919, comment
    # requests 0.951 / 0.927, who asked 0.991, sentences 0.918, quantities 0.882, claim
    # sentence 0.956.
    # At the start of the sixth pass its misses were studied: from there on it is tuned on too.
    # After the sixth pass (5ab5758), tuned on: 0.973 / 0.966, speaker 0.982, comment requests
    # 1.000 / 1.000, who asked 0.992, sentences 1.000, quantities 0.879, claim sentence 0.949.
    "blind4.jsonl": Floors(0.96, 0.95, 0.97, 0.98, 0.98, 0.98, 0.98, 0.86),
    # Fifth blind set (120 passages, 20 per beat, 689 required claims, 126 comment requests;
    # written for the sixth pass by two more engineers blind to the rules and to the other sets,
    # North American copy and the rest of the world). Scored once on the rules as the fifth
    # pass left them (ffff502): 0.909 / 0.866, speaker 0.911, comment requests 0.933 / 0.865,
    # who asked 0.982, sentences 0.869, quantities 0.914, claim sentence 0.911. Nobody read its
    # passages or misses (misses.py refuses it). After the sixth pass (5ab5758): 0.917 / 0.880,
    # speaker 0.918, comment requests 0.950 / 0.881, who asked 0.982, sentences 0.897,
    # quantities 0.907, claim sentence 0.913.
    # At the start of the seventh pass its misses were studied: from there on it is tuned on too.
    # After the seventh pass (5173944), tuned on: 0.979 / 0.965, speaker 0.987, comment requests
    # 0.992 / 0.992, who asked 0.984, sentences 0.993, quantities 0.908, claim sentence 0.901.
    "blind5.jsonl": Floors(0.97, 0.95, 0.98, 0.98, 0.98, 0.97, 0.98, 0.89),
    # Sixth blind set (120 passages, 20 per beat, 610 required claims, 114 comment requests;
    # written for the seventh pass by two more engineers blind to the rules and to the other
    # sets, North American copy and the rest of the world). Scored once on the rules as the
    # sixth pass left them (cb05a85): 0.929 / 0.910, speaker 0.949, comment requests 0.904 /
    # 0.904, who asked 0.981, sentences 0.885, quantities 0.921, claim sentence 0.939. Nobody
    # read its passages or misses (misses.py refuses it). After the seventh pass (5173944):
    # 0.931 / 0.913, speaker 0.951, comment requests 0.904 / 0.904, who asked 0.981, sentences
    # 0.885, quantities 0.921, claim sentence 0.939.
    # At the start of the eighth pass its misses were studied: from there on it is tuned on too.
    # After the eighth pass (e974c7a), tuned on: 0.974 / 0.979, speaker 0.987, comment requests
    # 0.983 / 0.982, who asked 0.982, sentences 0.985, quantities 0.924, claim sentence 0.938.
    "blind6.jsonl": Floors(0.96, 0.97, 0.98, 0.97, 0.97, 0.97, 0.97, 0.91),
    # Seventh blind set (120 passages, 20 per beat, 680 required claims, 105 comment requests;
    # written for the eighth pass by two more engineers blind to the rules and to the other
    # sets, North American copy and the rest of the world). Scored once on the rules as the
    # seventh pass left them (8e1edaa): 0.913 / 0.888, speaker 0.935, comment requests 0.936 /
    # 0.933, who asked 0.980, sentences 0.924, quantities 0.916, claim sentence 0.879. Nobody
    # read its passages or misses (misses.py refuses it). After the eighth pass and its review
    # fixes (e974c7a): 0.914 / 0.890, speaker 0.937, comment requests 0.944 / 0.933, who asked
    # 0.980, sentences 0.932, quantities 0.916, claim sentence 0.879.
    "blind7.jsonl": Floors(0.90, 0.88, 0.92, 0.93, 0.92, 0.97, 0.92, 0.90),
}

BEATS = {"politics", "business", "courts", "health", "sport", "local"}
# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Ms|Mrs|Dr|Sen|Rep|Gov|Lt|Gen|St|Jr|Inc|Co|Corp|Mass|Mich|Ore|Ariz|Jan|Feb|Aug|"
    r"Sept|Oct|Nov|Dec|No|Sgt|Det|Capt|Prof|Tenn|v|a\.m|p\.m)|\b[A-Z]|\b[A-Z]\.[A-Z])$"
)
SENTENCE_END = re.compile(r"[.?!][\"”’']?$")


SET_FILES = sorted(
    p.name for p in (Path(__file__).parents[2] / "fixtures" / "analysis").glob("blind*.jsonl")
)


@pytest.fixture(scope="module", params=SET_FILES)
def set_file(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def passages(fixtures_dir: Path, set_file: str) -> list[dict[str, Any]]:
    return load_passages(fixtures_dir / "analysis" / set_file)


@pytest.fixture(scope="module")
def floors(set_file: str) -> Floors:
    return FLOORS[set_file]


@pytest.fixture(scope="module")
def score(analyzer: Analyzer, passages: list[dict[str, Any]], set_file: str) -> BlindScore:
    analyses = analyses_of(analyzer, [case["text"] for case in passages])
    result = score_blind(analyses.__getitem__, passages)
    print(f"\n{set_file}\n" + result.report())
    return result


def _internal_boundaries(sentence: str) -> list[str]:
    """Places inside ``sentence`` where another sentence would start."""
    found = []
    for match in re.finditer(r"[.?!][\"”’]?\s+[\"“]?[A-Z]", sentence):
        before = sentence[: match.start()]
        if sentence[match.start()] == "." and ABBREVIATIONS.search(before):
            continue
        found.append(sentence[max(0, match.start() - 20) : match.end()])
    return found


def _annotated_sentences(case: dict[str, Any]) -> list[str]:
    specs = case["claims"] + case["optional_claims"] + case["pending"] + case["optional_pending"]
    sentences = [s[key] for s in specs for key in ("sentence", "asked_in") if key in s]
    return sentences + case["quiet_sentences"]


def test_the_set_is_large_and_varied(passages: list[dict[str, Any]]) -> None:
    assert len(passages) >= 70
    assert len({p["id"] for p in passages}) == len(passages)
    beats = Counter(p["beat"] for p in passages)
    assert set(beats) == BEATS and min(beats.values()) >= 8
    assert sum(len(p["claims"]) for p in passages) >= 150
    assert sum(len(p["pending"]) for p in passages) >= 40
    assert sum(len(p["quiet_sentences"]) for p in passages) >= 10
    patterns = Counter(t for p in passages for t in p["patterns"])
    assert all(patterns[name] >= 3 for name in ("dateline", "kicker", "byline", "first_reported"))


def test_every_annotated_sentence_is_exactly_one_sentence_of_the_text(
    passages: list[dict[str, Any]],
) -> None:
    for case in passages:
        for sentence in _annotated_sentences(case):
            assert sentence in case["text"], (case["id"], sentence)
            assert "\n" not in sentence, (case["id"], sentence)
            assert SENTENCE_END.search(sentence), (case["id"], sentence)
            assert not _internal_boundaries(sentence), (case["id"], sentence)


def test_annotations_point_at_the_text(passages: list[dict[str, Any]]) -> None:
    """Content, quantities and party spans are in the passage, so every annotation can be met."""
    for case in passages:
        text = case["text"].lower()
        for spec in case["claims"] + case["optional_claims"]:
            assert spec["text"].lower() in text, (case["id"], spec["text"])
            assert spec["cue"], case["id"]
            for quantity in spec.get("quantities", []):
                assert quantity.lower() in text, (case["id"], quantity)
            if "sentence" in spec:
                assert spec["text"] in spec["sentence"], (case["id"], spec["text"])
            if spec["speaker"] is not None:
                options = (
                    spec["speaker"] if isinstance(spec["speaker"], list) else [spec["speaker"]]
                )
                assert any(o.lower() in text for o in options), (case["id"], options)
        for spec in case["pending"] + case["optional_pending"]:
            assert spec["status"] in {"pending", "declined"}, case["id"]
            party = spec["party"] if isinstance(spec["party"], list) else [spec["party"]]
            assert party[0] in case["text"], (case["id"], party[0])


# ------------------------------------------------------------- the scorer itself


def _claim(
    speaker: str | None, text: str, sentence: str, quantities: tuple[str, ...] = ()
) -> Claim:
    return Claim(
        id="c1",
        speaker=speaker,
        cue="say",
        text=text,
        sentence=sentence,
        quantities=tuple(Quantity(q) for q in quantities),
    )


CASE: dict[str, Any] = {
    "id": "scorer_check",
    "beat": "local",
    "patterns": ["ordinary"],
    "text": "The mayor, Ana Ruiz, said up to 12 parks would close. The union did not respond to a "
    "request for comment. Patients did not respond to treatment.",
    "claims": [
        {"speaker": "Ruiz", "cue": "say", "text": "parks would close", "quantities": ["up to 12"]}
    ],
    "optional_claims": [],
    "pending": [
        {
            "party": "union",
            "status": "pending",
            "requested_by": None,
            "sentence": "The union did not respond to a request for comment.",
        }
    ],
    "optional_pending": [],
    "quiet_sentences": ["Patients did not respond to treatment."],
}


def test_the_scorer_rewards_a_right_analysis() -> None:
    right = Analysis(
        claims=(_claim("Ana Ruiz", "up to 12 parks would close", "The mayor …", ("up to 12",)),),
        pending_responses=(
            PendingResponse(
                "The union",
                None,
                ResponseStatus.PENDING,
                "The union did not respond to a request for comment.",
            ),
        ),
    )
    score = score_blind(lambda _text: right, [CASE])
    assert (score.claims.recall, score.claims.precision, score.speaker.value) == (1.0, 1.0, 1.0)
    assert (score.quantities.value, score.comment_sentences.value) == (1.0, 1.0)


def test_the_scorer_counts_a_wrong_speaker_and_an_invented_comment_request() -> None:
    wrong = Analysis(
        claims=(_claim("The mayor", "up to 12 parks would close", "The mayor …", ("12",)),),
        pending_responses=(
            PendingResponse(
                "The union",
                None,
                ResponseStatus.DECLINED,
                "The union did not respond to a request for comment.",
            ),
            PendingResponse(
                "Patients", None, ResponseStatus.PENDING, "Patients did not respond to treatment."
            ),
        ),
    )
    score = score_blind(lambda _text: wrong, [CASE])
    assert score.content.value == 1.0
    assert score.speaker.value == 0.0
    assert score.claims.recall == 0.0
    assert score.pending.recall == 0.0
    assert score.comment_sentences.value == 0.0
    assert score.by_pattern.attribution["ordinary"] == 1


# ------------------------------------------------------------- the code on the blind set


def test_attribution_is_precise(score: BlindScore, floors: Floors) -> None:
    assert score.claims.precision >= floors.attribution_precision, score.report()


def test_attributed_statements_are_found(score: BlindScore, floors: Floors) -> None:
    assert score.claims.recall >= floors.attribution_recall, score.report()


def test_the_named_speaker_is_right_for_claims_found(score: BlindScore, floors: Floors) -> None:
    assert score.speaker.value >= floors.speaker_right, score.report()


def test_comment_requests_are_not_invented(score: BlindScore, floors: Floors) -> None:
    assert score.pending.precision >= floors.comment_precision, score.report()


def test_comment_requests_are_found(score: BlindScore, floors: Floors) -> None:
    assert score.pending.recall >= floors.comment_recall, score.report()


def test_comment_request_status_and_party_are_right_per_sentence(
    score: BlindScore, floors: Floors
) -> None:
    assert score.comment_sentences.value >= floors.comment_sentences, score.report()


def test_who_asked_for_comment_is_right(score: BlindScore, floors: Floors) -> None:
    assert score.requester.value >= floors.requester, score.report()


def test_quantities_keep_their_qualifiers(score: BlindScore, floors: Floors) -> None:
    assert score.quantities.value >= floors.quantities, score.report()
