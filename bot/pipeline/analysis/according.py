"""What "according to X" vouches for, and the claim it makes.

Split from ``attribution``, which calls ``according_claim`` for each "according": the parser
hangs "according to" on whichever clause is nearest, but a source named at the end of a
sentence supports the whole sentence ("X stole $5,000, spending it on a boat, according to
court records"), or the sentence around it when a joined clause follows ("Games are shorter,
according to league data, and steals have risen").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from bot.pipeline.analysis.clauses import bounds
from bot.pipeline.analysis.expectations import compared_estimate
from bot.pipeline.analysis.layout import within_paragraph
from bot.pipeline.analysis.lexicon import DOCUMENT_SOURCES, FINITE_TAGS
from bot.pipeline.analysis.raw import RawClaim, hedge_in
from bot.pipeline.analysis.sources import document_author
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.tree import climb_while

SETTING_OFF = frozenset({",", "(", "—", "–"})
# What "per" names when it names a source rather than a rate ("per share", "per year").
SOURCE_NOUNS = DOCUMENT_SOURCES | {"sources", "people", "officials", "police", "prosecutors"}
MAX_TRAILING_TOKENS = 3  # after the source: only the full stop and a closing mark


def closing_source(
    according: Token, own: set[int], s_start: int, s_end: int
) -> tuple[int, int, frozenset[int]] | None:
    """The sentence before ", according to X." when the phrase closes its sentence (bounds
    ``s_start``-``s_end``), or before and after it when a clause joined by "and" or "but"
    follows; the phrase is then a gap. ``own`` holds the phrase's tokens."""
    doc = according.doc
    comma = according.i - 1
    if comma <= s_start or doc[comma].text != ",":
        return None
    after = max(own) + 1
    if (
        after + 2 < s_end
        and doc[after].text == ","
        and doc[after + 1].lower_ in {"and", "but"}
        and any(t.tag_ in FINITE_TAGS for t in doc[after + 2 : s_end])
    ):
        end = s_end
        while end > after + 2 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return s_start, end, frozenset(range(comma, after + 1))
    if s_end - after > MAX_TRAILING_TOKENS or any(
        not (t.is_punct or t.is_space) for t in doc[after:s_end]
    ):
        return None
    return s_start, comma, frozenset()


def _source(cue: Token) -> Token | None:
    """Who vouches: the object of "according to", or of a "per" that sets a source off ("…,
    per county records", "Per the filing, …"); "$10 per share" and "4 per cent" name no one."""
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        return next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    doc = cue.doc
    source = next((c for c in cue.children if c.dep_ == "pobj"), None)
    if (
        source is None
        or cue.dep_ != "prep"
        or not (cue.is_sent_start or (cue.i > 0 and doc[cue.i - 1].text in SETTING_OFF))
    ):
        return None
    named = source.pos_ == "PROPN" or any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in source.children
    )
    return source if named or source.lower_ in SOURCE_NOUNS else None


def according_claim(
    according: Token,
    registry: SpeakerRegistry,
    breaks: list[int],
    sentence_of: Callable[[int], tuple[int, int]],
    sentence_bounds: Callable[[int, int, Token], tuple[int, int]],
) -> RawClaim | None:
    """The claim "according to X" (or "per X") attributes to X: the side of its clause that
    does not hold the phrase, or the whole sentence when the phrase closes it. ``sentence_of`` and
    ``sentence_bounds`` are the finder's (bisected, so linear over a run-on sentence)."""
    source = _source(according)
    if source is None:
        return None
    clause = climb_while(according.head, lambda t: t.pos_ not in {"VERB", "AUX"})
    own = {t.i for t in according.subtree}
    if clause.i in own:
        return None
    start, end = bounds(clause, own)
    # The content is the side of the clause that does not hold "according to X".
    if start < according.i:
        end = min(end, min(own))
    else:
        start = max(start, max(own) + 1)
    closing = closing_source(according, own, *sentence_of(according.i))
    gaps: frozenset[int] = frozenset()
    if closing is not None:
        # "X stole $5,000, spending it on a boat, according to court records.": the
        # records support the whole sentence, whichever clause the parser hung them on.
        start, end, gaps = closing
    estimate = compared_estimate(according)
    if estimate is not None:  # "…, compared with an estimate of $3, according to LSEG"
        (start, end), gaps = estimate, frozenset()
    start, end = within_paragraph(breaks, start, end, according.i)
    if end - start < 3:
        return None
    s_start, s_end = sentence_bounds(start, end, according)
    return RawClaim(
        start=start,
        end=end,
        sentence_start=s_start,
        sentence_end=s_end,
        cue="according to" if according.lower_ == "according" else according.lower_,
        cue_index=according.i,
        speaker=registry.resolve(document_author(source)),
        hedge=hedge_in(None, start, end, according.doc),
        gaps=gaps,
        # a source closing its sentence vouches for all of it, side clauses included
        fronted=closing is not None and estimate is None,
    )
