"""The misses report names what went wrong, and never opens a set that is still blind."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.models import Analysis, Claim, PendingResponse, ResponseStatus
from tests.pipeline.analysis.misses import STUDIED, StillBlind, misses, studied_set

ANALYSIS_FIXTURES = Path(__file__).parents[2] / "fixtures" / "analysis"
TEXT = (
    "The mayor, Dana Ruiz, said the bridge would reopen in May. "
    "The contractor did not respond to a request for comment."
)
CASE = {
    "id": "bridge",
    "beat": "local",
    "patterns": ["pending"],
    "text": TEXT,
    "claims": [{"speaker": "Ruiz", "cue": "say", "text": "bridge would reopen"}],
    "optional_claims": [],
    "pending": [
        {
            "party": "contractor",
            "status": "pending",
            "requested_by": None,
            "sentence": "The contractor did not respond to a request for comment.",
        }
    ],
    "optional_pending": [],
    "quiet_sentences": [],
}


def _claim(speaker: str) -> Claim:
    return Claim(
        id="c1", speaker=speaker, cue="say", text="the bridge would reopen in May", sentence=""
    )


def test_a_wrong_speaker_is_a_missed_claim_and_a_spurious_one() -> None:
    analysis = Analysis(claims=(_claim("The mayor"),))
    lines = list(misses(lambda _: analysis, [CASE], "claims"))
    assert lines[0] == "== bridge (local; pending)"
    assert lines[1].startswith("  MISSED claim speaker='Ruiz'") and "'The mayor'" in lines[1]
    assert lines[2].startswith("  SPURIOUS claim ['The mayor'")


def test_a_wrong_party_shows_what_was_wanted_and_what_was_found() -> None:
    sentence = CASE["pending"][0]["sentence"]
    found = PendingResponse("The mayor", None, ResponseStatus.PENDING, sentence)
    analysis = Analysis(claims=(_claim("Dana Ruiz"),), pending_responses=(found,))
    lines = list(misses(lambda _: analysis, [CASE]))
    assert lines[1].startswith("  COMMENT WRONG in 'the contractor did not respond")
    assert lines[2] == "     want=[('contractor', 'pending')] optional=[]"
    assert lines[3] == "     got=[('The mayor', 'pending', None)]"


def test_a_right_analysis_reports_nothing() -> None:
    sentence = CASE["pending"][0]["sentence"]
    found = PendingResponse("The contractor", None, ResponseStatus.PENDING, sentence)
    analysis = Analysis(claims=(_claim("Dana Ruiz"),), pending_responses=(found,))
    assert list(misses(lambda _: analysis, [CASE])) == []


def test_a_set_still_blind_is_refused_and_studied_sets_exist() -> None:
    unstudied = sorted(
        p for p in ANALYSIS_FIXTURES.glob("blind*.jsonl") if p.name not in STUDIED
    ) or [ANALYSIS_FIXTURES / "blind99.jsonl"]
    with pytest.raises(StillBlind, match="is still blind"):
        studied_set(unstudied[0])
    assert all((ANALYSIS_FIXTURES / name).exists() for name in STUDIED)
    assert studied_set(ANALYSIS_FIXTURES / "blind4.jsonl")
