"""A claim as the rules find it, before ids, quantities and scores (split from
``attribution`` so that the passes after it share the type without the finder)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.lexicon import HEDGES
from bot.pipeline.analysis.speakers import Speaker

# No claim an editor votes on is longer than this; a longer span is a broken quotation or a
# run-on misparse (see refine.clip_long_claims). Every scan for a statement stops here.
MAX_CLAIM_TOKENS = 150


@dataclass(slots=True)
class RawClaim:
    """A claim before ids, quantities and scores are attached."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    cue: str | None
    cue_index: int | None
    speaker: Speaker | None
    target: str | None = None
    reported_by: str | None = None
    hedge: str | None = None
    quote: bool = False
    passive: bool = False
    gaps: frozenset[int] = field(default_factory=frozenset)
    # The speaker comes after the content ("…, the agency said"): every report inside the
    # content is part of what the speaker says.
    fronted: bool = False


def hedge_in(verb: Token | None, start: int, end: int, doc: Doc) -> str | None:
    """The hedge ("reportedly", "allegedly") on the cue or inside the content, kept on the claim
    so that a reader sees how firmly the source vouches for it."""
    candidates = list(verb.children) if verb is not None else []
    candidates += [doc[i] for i in range(start, min(end, start + MAX_CLAIM_TOKENS))]
    for token in candidates:
        if token.lower_ in HEDGES:
            return token.lower_
    return None
