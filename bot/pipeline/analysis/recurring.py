"""A source described again: "people familiar with the matter … said the people", "A
spokesperson for Arcturus said … 'We will appeal,' the spokesperson said".

A definite description that repeats the head noun of a source quoted just before ("the
people", "the spokesperson", "the judge") is that source, as a reader takes it; the card shows
the fuller phrase the story first gave. Claims are visited once in article order with the
latest speaker per head noun remembered, so the pass is linear in the number of claims.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from bot.pipeline.analysis.descriptions import fits, word_type
from bot.pipeline.analysis.layout import sentence_bounds
from bot.pipeline.analysis.names import Speaker, synonyms

if TYPE_CHECKING:
    from bot.pipeline.analysis.raw import RawClaim

# How far back (in sentences) the fuller description may have been given.
RECURRING_SENTENCES = 4
PHRASE_PREPOSITIONS = frozenset({"for", "of", "at", "with", "from", "in", "close", "familiar"})
ARTICLES = frozenset({"a", "an", "the", "one", "two", "three", "several"})
NUMBER_WORDS = frozenset(
    "four five six seven eight nine ten dozens hundreds some many most all both".split()
)


def _head(name: str) -> str | None:
    """ "A spokesperson for Arcturus" → "spokesperson"; "people familiar with …" → "people"."""
    words = name.lower().split()
    for n, word in enumerate(words):
        if word in PHRASE_PREPOSITIONS and n > 0:
            words = words[:n]
            break
    return words[-1] if words else None


def _is_bare_description(speaker: Speaker) -> bool:
    """ "the spokesperson", "the people": a definite article and a noun or two, no name."""
    words = speaker.name.lower().split()
    return not speaker.named and 2 <= len(words) <= 3 and words[0] == "the"


def _partitive(speaker: Speaker) -> tuple[str, Speaker] | None:
    """ "one of the officials" → ("one", the officials): a member of a group described bare."""
    words = speaker.name.split()
    if speaker.named or len(words) < 4 or words[1] != "of" or words[2].lower() != "the":
        return None
    return words[0], Speaker(" ".join(words[2:]), speaker.kind)


def _group_phrase(fuller: str, head: str | None) -> str:
    """How a member's group reads after "one of": "three EU officials", "the witnesses at the
    school" for a group that opened its sentence as "Witnesses at the school" (a bare plural
    takes "the", and only a sentence start capitalised it)."""
    first = fuller.split()[0]
    if first.lower() in ARTICLES | NUMBER_WORDS:
        return fuller[:1].lower() + fuller[1:]
    if first.lower() == head and first[:1].isupper() and first[1:].islower():
        return f"the {fuller[:1].lower()}{fuller[1:]}"
    return fuller


def _says_more(speaker: Speaker) -> bool:
    """A fuller phrase than a bare description: a name, a noun with a phrase after it ("people
    familiar with the talks"), or with words of its own before it ("three EU officials",
    "a senior police officer")."""
    if speaker.named:
        return True
    words = speaker.name.lower().split()
    if len(words) >= 3 and any(w in PHRASE_PREPOSITIONS for w in words[1:]):
        return True
    own = [w for w in words[:-1] if w not in ARTICLES and not w.isdigit()]
    return bool(own) and words[0] != "the"


def name_recurring_sources(doc: Doc, claims: list[RawClaim]) -> None:
    """Give a bare description the fuller speaker it repeats, from a claim a few sentences
    before it."""
    starts = sentence_bounds(doc)[0]

    def position(claim: RawClaim) -> int:
        return claim.cue_index if claim.cue_index is not None else claim.start

    latest: dict[str, tuple[int, Speaker]] = {}
    bodies: list[tuple[int, Speaker]] = []  # "the city council", described, never named
    for claim in sorted(claims, key=position):
        speaker = claim.speaker
        if speaker is None:
            continue
        sentence = bisect_right(starts, position(claim))
        head = _head(speaker.name)
        if head is None:
            continue
        partitive = _partitive(speaker)
        if partitive is not None:
            bare = partitive[1]
            if _says_more(bare):  # "one of the witnesses at the school" names its group
                continue
            fuller = _earlier(latest, _head(bare.name), sentence)
            if fuller is not None and not fuller.named:  # "one of three EU officials"
                group = _group_phrase(fuller.name, _head(bare.name))
                claim.speaker = Speaker(f"{partitive[0]} of {group}", fuller.kind)
            continue
        if _is_bare_description(speaker):
            fuller = _earlier(latest, head, sentence)
            if fuller is None and len(speaker.name.split()) == 2:
                fuller = _body(bodies, head, sentence)  # "the authority": no word says which
            if fuller is not None:
                claim.speaker = fuller
                continue
        if _is_body_description(speaker, head):
            bodies.append((sentence, speaker))
        if _is_bare_description(speaker):
            continue
        if _says_more(speaker) and speaker.kind != "document":
            latest[head] = (sentence, speaker)
        role_head = _head(speaker.role) if speaker.role else None
        if role_head is not None and speaker.named:
            latest[role_head] = (sentence, speaker)  # "Spokeswoman Kim Cho … the spokeswoman"


def _earlier(
    latest: dict[str, tuple[int, Speaker]], head: str | None, sentence: int
) -> Speaker | None:
    """The fuller speaker given a few sentences before under this head noun or a synonym."""
    for alternative in synonyms(head) if head else ():
        earlier = latest.get(alternative)
        if earlier is not None and sentence - earlier[0] <= RECURRING_SENTENCES:
            return earlier[1]
    return None


def _is_body_description(speaker: Speaker, head: str) -> bool:
    """ "the city council", "the county health department": a body described by its type
    with a word saying which, never named, which "the authority" may mean later."""
    words = speaker.name.lower().split()
    # a name is given without its article, so "the …" is a description even when the
    # tagger took a capitalised word in it for a name
    return len(words) >= 3 and words[0] == "the" and word_type(head) is not None


def _body(bodies: list[tuple[int, Speaker]], head: str | None, sentence: int) -> Speaker | None:
    """ "… the city council has said. The authority said …": the latest body described a few
    sentences before whose kind the bare description fits."""
    kind = word_type(head) if head else None
    if kind is None:
        return None
    for said_in, body in reversed(bodies):
        if sentence - said_in > RECURRING_SENTENCES:
            return None
        name = " ".join(body.name.split()[1:])  # without "the": fits reads the name's words
        if fits(kind, name):
            return body
    return None
