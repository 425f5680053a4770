"""A body that reports its own news: "The Fort Wayne Foxes will move to Grand Rapids, the ECHL
club announced", "Springfield police arrested a man Saturday, the department said", "A Skyvera
Airlines flight diverted to Bordeaux, the low-cost carrier said".

A description speaking after its own statement ("the club", "the department", "the carrier")
is, as a reader takes it, the body that statement is about when that body is named as the
statement's subject (or owns it: "a Skyvera Airlines flight") and is of the description's
kind: "Apple will pay $5bn, the court said" is never Apple. One look at the verb's children:
constant time per speaker.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from bot.pipeline.analysis.descriptions import GOVERNMENT_NAME_HEADS, fits, lemma_type
from bot.pipeline.analysis.lexicon import SPEECH_VERBS, SUBJECT_DEPS
from bot.pipeline.analysis.mentions import is_untagged_organisation
from bot.pipeline.analysis.names import Speaker, clean_name
from bot.pipeline.analysis.text import noun_phrase_text

SPEECH_OR_NEWS = SPEECH_VERBS | {"announce", "report", "confirm", "disclose"}


def _statement_subject(description: Token) -> Token | None:
    """The subject of the statement a speech verb reports before its own subject."""
    verb = description.head
    if description.dep_ != "nsubj" or verb.lemma_.lower() not in SPEECH_OR_NEWS:
        return None
    statement = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < description.i), None)
    if statement is None:
        return None
    return next((c for c in statement.children if c.dep_ in SUBJECT_DEPS), None)


def statement_body(
    description: Token,
    entity_at: dict[int, Span],
    entity_speaker: Callable[[Span], Speaker],
    full_names: dict[str, str],
) -> Speaker | None:
    """The named body a description speaking after its statement refers to, or None."""
    if description.pos_ != "NOUN" or description.i in entity_at:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in description.children):
        return None
    if any(c.dep_ in {"poss", "prep", "appos"} for c in description.children):
        return None  # "the club's owner", "the head of the agency": someone else
    kind = lemma_type(description)
    subject = _statement_subject(description) if kind is not None else None
    if subject is None or kind is None:
        return None
    speaker = _body(subject, entity_at, entity_speaker, full_names)
    if speaker is None or not fits(kind, speaker.name):
        return None
    return speaker


def _body(
    subject: Token,
    entity_at: dict[int, Span],
    entity_speaker: Callable[[Span], Speaker],
    full_names: dict[str, str],
) -> Speaker | None:
    """The organisation a statement's subject names: "The Fort Wayne Foxes", "Springfield
    police", or the owner in "a Skyvera Airlines flight"."""
    ent = entity_at.get(subject.i)
    if ent is not None:
        if ent.label_ != "ORG" or ent.root.i != subject.i:
            return None
        found = entity_speaker(ent)
        return found if found.kind == "org" else None
    if is_untagged_organisation(subject, full_names):
        return Speaker(clean_name(noun_phrase_text(subject)), "org", named=True)
    if subject.pos_ != "NOUN":
        return None
    compounds = [c for c in subject.children if c.dep_ == "compound" and c.i < subject.i]
    if subject.lemma_.lower() in GOVERNMENT_NAME_HEADS and any(
        c.pos_ == "PROPN" for c in compounds
    ):
        words = [t.text for t in subject.doc[compounds[0].i : subject.i + 1]]
        return Speaker(" ".join(words), "org", named=True)  # "Springfield police"
    owner = next(
        (entity_at[c.i] for c in compounds if c.i in entity_at and entity_at[c.i].label_ == "ORG"),
        None,
    )
    if owner is not None:
        found = entity_speaker(owner)  # "a Skyvera Airlines flight"
        return found if found.kind == "org" else None
    return None
