"""How a claim's cue verb reads on a card: "accuse" (the lemma the analysis keeps) → "accused".

The analysis stores lemmas so scripts see a small, stable vocabulary; people read news in the
past tense.
"""

from __future__ import annotations

IRREGULAR_PAST = {
    "say": "said", "tell": "told", "write": "wrote", "find": "found", "hold": "held",
    "give": "gave", "speak": "spoke", "make": "made", "think": "thought", "warn": "warned",
    "admit": "admitted", "testify": "testified", "deny": "denied", "reply": "replied",
    "show": "showed", "put": "put", "read": "read", "forecast": "forecast", "tweet": "tweeted",
    "signal": "signalled", "rebut": "rebutted",
}  # fmt: skip


def past_tense(cue: str | None) -> str | None:
    """The cue as a reader expects it; multi-word cues ("according to") pass unchanged."""
    if not cue or " " in cue or not cue.isalpha():
        return cue
    if cue in IRREGULAR_PAST:
        return IRREGULAR_PAST[cue]
    if cue.endswith("e"):
        return cue + "d"
    if cue.endswith("y") and cue[-2:-1] not in "aeiou":
        return cue[:-1] + "ied"
    return cue + "ed"
