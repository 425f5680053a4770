"""Who "no one" stands for when a sentence says nobody answered.

"No one at the company would comment" is the company's refusal; "no one answered the phone at
the company's offices" leaves the company's answer pending; "None of the five board members
responded" awaits the members as written. Split from ``comments``.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.comment_grammar import auxiliaries
from bot.pipeline.analysis.parties import object_parties
from bot.pipeline.analysis.speakers import SpeakerRegistry


def nobody_there(verb: Token, subject: Token) -> Token | None:
    """X in "no one answered the phone at X", "nobody picked up at X": the subject says no one,
    and the place on the verb says who was called."""
    nobody = subject.lower_ in {"nobody", "noone"} or (
        subject.lower_ == "one" and any(c.lower_ == "no" for c in subject.children)
    )
    if not nobody or any(c.dep_ == "prep" for c in subject.children):
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in {"at", "from"}:
            place = next((c for c in prep.children if c.dep_ == "pobj"), None)
            when = place is not None and place.ent_type_ in {"DATE", "TIME"}
            if place is not None and place.pos_ in {"NOUN", "PROPN"} and not when:
                return place
    for obj in verb.children:  # "answered the phone at X": the place may hang on the phone
        if obj.dep_ == "dobj":
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ == "at":
                    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if place is not None and place.pos_ in {"NOUN", "PROPN"}:
                        return place
    return None


def nobody_would(verb: Token, subject: Token) -> bool:
    """ "No one at the firm would comment", "Nobody would comment" (no "not": the subject
    carries the negation, "would" the refusal)."""
    if not auxiliaries(verb) & {"would", "will", "wo"}:
        return False
    return subject.lower_ in {"nobody", "none", "neither"} or (
        subject.lower_ == "one" and any(c.lower_ == "no" for c in subject.children)
    )


def counted_in_place(verb: Token, registry: SpeakerRegistry) -> list[str]:
    """ "the five board members" in "None of the five board members responded"."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return []
    for prep in subject.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "from", "at"}:
            place = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if place is not None and place.pos_ in {"NOUN", "PROPN"}:
                return object_parties(place, registry)
    return []
