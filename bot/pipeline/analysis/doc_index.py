"""Lookups over one Doc computed once, so rules that run per claim stay linear.

``Doc.ents`` and ``Span.ents`` rebuild the whole entity list on every access: asked once per
claim, that made a long run-on text quadratic (a 10 KB chain of "X said" spent 16 s there).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from spacy.attrs import IS_SPACE, SPACY
from spacy.tokens import Doc, Span, Token

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


_SENTENCES_KEY = "claimdeck.sentence_starts"
_FLAGS_KEY = "claimdeck.sentence_flags"


def sentence_starts(doc: Doc) -> list[int]:
    """Where each sentence starts, built once per Doc (``Token.sent`` walks the sentence on
    every access)."""
    cached = doc.user_data.get(_SENTENCES_KEY)
    if cached is None:
        cached = [sent.start for sent in doc.sents]
        doc.user_data[_SENTENCES_KEY] = cached
    return cached


def sentence_has(token: Token, name: str, test: Callable[[Token], bool]) -> bool:
    """Whether the sentence holding ``token`` has a word passing ``test`` ("a quote mark",
    "the word comment"). One pass over the Doc per ``name``, so a rule asking it for every
    verb of a run-on sentence stays linear."""
    doc = token.doc
    flags: dict[str, set[int]] = doc.user_data.setdefault(_FLAGS_KEY, {})
    starts = sentence_starts(doc)
    found = flags.get(name)
    if found is None:
        found = set()
        for t in doc:
            if test(t):
                found.add(bisect_right(starts, t.i) - 1)
        flags[name] = found
    return bisect_right(starts, token.i) - 1 in found


_TEXTS_KEY = "claimdeck.token_texts"
_TEXT_KEY = "claimdeck.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text on each access, so a rule
    reading it once per party or paragraph made a long run-on text quadratic."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.text
        doc.user_data[_TEXT_KEY] = cached
    return cached


def token_texts(doc: Doc) -> tuple[list[str], list[str], list[bool]]:
    """Each token's text, trailing whitespace and ``is_space``, built once per Doc: rendering a
    claim reads them for every token of its window, and ``doc[i]`` builds a Token each time."""
    cached = doc.user_data.get(_TEXTS_KEY)
    if cached is None:
        # the flags straight from the token array: one pass of Token objects, not three
        spaces = doc.to_array([SPACY, IS_SPACE]).tolist() if len(doc) else []
        cached = (
            [t.text for t in doc],
            [" " if space else "" for space, _ in spaces],
            [bool(blank) for _, blank in spaces],
        )
        doc.user_data[_TEXTS_KEY] = cached
    return cached
