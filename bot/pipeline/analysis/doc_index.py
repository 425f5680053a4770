"""Lookups over one Doc computed once, so rules that run per claim stay linear.

``Doc.ents`` and ``Span.ents`` rebuild the whole entity list on every access: asked once per
claim, that made a long run-on text quadratic (a 10 KB chain of "X said" spent 16 s there).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span

_KEY = "claimdeck.entities"


def entities(doc: Doc) -> tuple[Span, ...]:
    """The Doc's entities in order, built once per Doc."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        spans = tuple(doc.ents)
        cached = (spans, [span.start for span in spans])
        doc.user_data[_KEY] = cached
    return cached[0]


def entities_in(doc: Doc, start: int, end: int) -> list[Span]:
    """Entities lying wholly inside ``doc[start:end]``."""
    spans = entities(doc)
    starts = doc.user_data[_KEY][1]
    found = []
    for span in spans[bisect_left(starts, start) : bisect_left(starts, end)]:
        if span.end <= end:
            found.append(span)
    return found


def entity_at(doc: Doc, i: int) -> Span | None:
    """The entity holding token ``i``, if any."""
    spans = entities(doc)
    starts = doc.user_data[_KEY][1]
    number = bisect_right(starts, i) - 1
    if number >= 0 and spans[number].start <= i < spans[number].end:
        return spans[number]
    return None
