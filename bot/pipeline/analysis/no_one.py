"""Who "no one" stands for when a sentence says nobody answered.

"No one at the company would comment" is the company's refusal; "no one answered the phone at
the company's offices" leaves the company's answer pending; "None of the five board members
responded" awaits the members as written. Split from ``comments``.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.asked import quoted
from bot.pipeline.analysis.comment_grammar import auxiliaries
from bot.pipeline.analysis.lexicon import SPEECH_VERBS
from bot.pipeline.analysis.parties import object_parties
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.spoken_for import BODY_DESCRIPTIONS, MORE_BODIES

# What the press rings or writes to: "no one answered calls", "nobody picked up the phone".
CALLS = frozenset("call calls phone phones telephone emails messages texts".split())
# What the press did before no one answered: "no one answered when the Herald called".
CALLING = frozenset("call ring phone email text contact reach visit".split())
# Words that tell the press asked: "Nobody at the ministry answered reporters' calls".
PRESS_WORDS = CALLS | frozenset(
    "reporter reporters journalist journalists comment request requests questions".split()
)
MAX_PRESS_TOKENS = 80
# Verbs that answer a request, never a door or an alarm, with no object: "nobody responded".
REPLYING = frozenset("respond reply comment".split())
# Where a body answers its calls: "the company's headquarters", "the front desk".
PREMISES = frozenset("headquarters office offices desk reception switchboard line".split())


def nobody_there(verb: Token, subject: Token) -> Token | None:
    """X in "no one answered the phone at X", "nobody picked up at X": the subject says no one,
    and the place on the verb says who was called."""
    nobody = subject.lower_ in {"nobody", "noone"} or (
        subject.lower_ == "one" and any(c.lower_ == "no" for c in subject.children)
    )
    if not nobody:
        return None
    if any(c.dep_ == "prep" for c in subject.children):
        # "Nobody at the health ministry answered calls": the place is the subject's
        return _place(subject)
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


def _place(word: Token) -> Token | None:
    for prep in word.children:
        if prep.dep_ == "prep" and prep.lower_ in {"at", "from"}:
            place = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if place is not None and place.pos_ in {"NOUN", "PROPN"}:
                return place
    return None


def called_there(verb: Token, place: Token) -> bool:
    """ "No one answered at the mill's front office", "Nobody at the ministry answered calls on
    Tuesday", "nobody picked up the phone": the press calling a body, told by the narrator.
    Not a call someone else made ("the distress call", "the 911 call"), not what a witness
    says ("residents said no one answered at the clinic"), nor a house with no one home."""
    if not narrated(verb) or not _a_body_there(place):
        return False
    called = False
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            return False  # "responded to the fire alarm": what was answered is said
        if child.dep_ == "advcl" and child.lemma_.lower() not in CALLING:
            return False  # "nobody answered when the fire alarm sounded": not the press
        if child.dep_ not in {"dobj", "ccomp", "xcomp"}:
            continue
        qualified = any(c.dep_ in {"compound", "nummod"} for c in child.children)
        if child.lower_ not in CALLS or qualified:
            return False  # "answered the question", "answered the door", "the distress call"
        called = True
    # "No one answered at the mill's front office": a reply, a body's premises, or the press
    # named in the sentence; not "officers knocked, but no one answered at the flat"
    if called or verb.lemma_.lower() in REPLYING or place.lemma_.lower() in PREMISES:
        return True  # "no one from the city responded": a reply is to a request
    return _press_words(verb)


def _press_words(verb: Token) -> bool:
    """Whether the sentence says the press called ("reporters", "calls", "comment")."""
    sent = verb.sent
    end = min(sent.end, sent.start + MAX_PRESS_TOKENS)
    return any(t.lower_ in PRESS_WORDS for t in sent.doc[sent.start : end])


def narrated(verb: Token) -> bool:
    """Whether the story itself tells that no one answered: not inside a quotation, nor in
    what a witness says ("Residents said nobody at the clinic answered the phone")."""
    return not quoted(verb) and not (
        verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS
    )


def _a_body_there(place: Token) -> bool:
    """ "the health ministry", "Harlan Mills", "the mill's front office": somewhere a body
    answers; not "the house" nor "the scene"."""
    if place.pos_ == "PROPN":
        return place.ent_type_ not in {"GPE", "LOC", "FAC", "DATE", "TIME", "PERSON"}
    if place.lemma_.lower() in BODY_DESCRIPTIONS | MORE_BODIES | PREMISES:
        return True
    return any(c.dep_ == "poss" and _a_body_there(c) for c in place.children)


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
