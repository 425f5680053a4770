"""What "according to X" vouches for when the phrase closes its sentence.

Split from ``attribution``: the parser hangs "according to" on whichever clause is nearest,
but a source named at the end of a sentence supports the whole sentence ("X stole $5,000,
spending it on a boat, according to court records"), or the sentence around it when a joined
clause follows ("Games are shorter, according to league data, and steals have risen").
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.lexicon import FINITE_TAGS

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
