"""Which group "one of them said" takes a member of: the several sources that spoke just before.

"Three EU diplomats said France and Italy had pushed for the delay. 'It's a gift,' said one of
them": a member who speaks belongs to a group of sources (a plural noun that said something,
or that something was according to), never to the places or bodies named inside what that
group said, nor to a singular noun ("Each school would …, one of them said"). A group given
again by its bare noun ("The people said …") is the group first introduced with that noun
("two people briefed on the talks"), which is how the card names the member. One bounded
look back over the sentences before: constant per speaker.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.lexicon import SPEECH_VERBS, SUBJECT_DEPS
from bot.pipeline.analysis.names import Speaker
from bot.pipeline.analysis.source_phrases import identifying_phrase
from bot.pipeline.analysis.text import noun_phrase_text

MEMBER_WORDS = frozenset("one two three four five some several many most each".split())
# Plural nouns for a force or an institution, no group one member of is taken from: "Two men
# were arrested, police said. One of them said …" is one of the men, never "one of police".
NO_MEMBER_GROUPS = frozenset({"police", "authorities", "media"})
# Words in front of a plural that already say which members: "three diplomats", "the people".
COUNTING_DEPS = frozenset({"det", "nummod", "poss", "predet", "quantmod"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
MAX_LOOK_BACK = 160  # tokens: the sentence and the few before it
REMENTION_DETERMINERS = frozenset({"the", "these", "those"})


def speaking_group(token: Token, window_start: int) -> Speaker | None:
    """ "one of them" (or "two of us") speaking: one of the plural sources that spoke after
    ``window_start`` (the latest), named as first introduced; None when no group spoke."""
    if token.lower_ not in MEMBER_WORDS or token.dep_ not in SUBJECT_DEPS:
        return None
    if token.head.lemma_.lower() not in SPEECH_VERBS:
        return None
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    member = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    if member is None or member.lower_ not in {"them", "us"}:
        return None
    start = max(window_start, token.i - MAX_LOOK_BACK, 0)
    group = _latest_source(token, start, token.i)
    if group is None:
        return None
    first = _introduction(group, start)
    text = group_text(first)
    if text is None:
        return None
    known_by = identifying_phrase(first)
    if known_by is not None and text.endswith(first.text):
        text = f"{text} {known_by}"
    return Speaker(f"{token.lower_} of {text}", "group")


def group_text(noun: Token) -> str | None:
    """How the card names a plural group a member is taken from: "three EU diplomats", "the
    witnesses" (a bare plural takes "the"), "the nurses at St Mary's" (never the words of a
    clause the parser hung inside the phrase: "… St Mary's [said wards]"). None for a force
    ("police") or a coordination ("nurses and doctors": never the first noun alone)."""
    if noun.lemma_.lower() in NO_MEMBER_GROUPS or noun.lower_ in NO_MEMBER_GROUPS:
        return None
    if any(c.dep_ == "conj" for c in noun.children):
        return None
    text = noun_phrase_text(noun)
    doc = noun.doc
    end = min(noun.right_edge.i + 1, noun.i + MAX_LOOK_BACK)
    verb = next((doc[i] for i in range(noun.i + 1, end) if doc[i].tag_ in FINITE_TAGS), None)
    if verb is not None:  # "nurses at St Mary's said wards": the phrase ends before a verb
        words = text.split(" ")
        cut = next((n for n, w in enumerate(words) if n and w == verb.text), len(words))
        text = " ".join(words[:cut])
    first = doc[noun.left_edge.i]
    if first.pos_ != "PROPN" and not first.text.isupper():
        text = text[:1].lower() + text[1:]  # "one of three EU diplomats"
    counted = any(
        (c.dep_ in COUNTING_DEPS and c.i < noun.i) or (c.dep_ == "prep" and c.lower_ == "of")
        for c in noun.children
    )  # "dozens of parents" counts its members already
    if not counted:
        text = f"the {text}"  # "Witnesses said …. One of them" is one of the witnesses
    return text


def _spoke(noun: Token) -> bool:
    """A plural noun that said something ("Three diplomats said") or that a statement is
    according to ("according to two people briefed on …")."""
    head = noun.head
    if noun.dep_ in SUBJECT_DEPS:
        return head.lemma_.lower() in SPEECH_VERBS
    if noun.dep_ == "pobj" and head.lower_ == "to":
        return head.head.lower_ == "according"
    return False


def _latest_source(token: Token, start: int, end: int) -> Token | None:
    doc = token.doc
    for i in range(end - 1, start - 1, -1):
        noun = doc[i]
        if noun.tag_ == "NNS" and noun.pos_ == "NOUN" and _spoke(noun):
            return noun
    return None


def _introduction(noun: Token, start: int) -> Token:
    """ "The people" → "two people briefed on the discussions" written before it: a bare
    re-mention with "the" is the group first given with that noun."""
    modifiers = [c for c in noun.children if c.i < noun.i]
    bare = len(modifiers) == 1 and modifiers[0].lower_ in REMENTION_DETERMINERS
    if not bare:
        return noun
    doc = noun.doc
    for i in range(noun.i - 1, start - 1, -1):
        earlier = doc[i]
        if earlier.lemma_ == noun.lemma_ and earlier.tag_ == "NNS" and _spoke(earlier):
            return earlier
    return noun
