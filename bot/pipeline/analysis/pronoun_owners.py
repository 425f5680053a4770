"""Pronouns a body or person uses of itself, read from where they stand.

"The group will keep output down, it said": a body reporting after its own statement speaks of
itself, so "it" is that statement's subject. "His office said": the office belongs to whoever
"his" stands for. "The MP said" after "Sabine Ortiz, the Labour MP for Westbrook": a role
written as an abbreviation is the person just given it. Each reads only the token's children
and a bounded list of earlier mentions; the registry (``speakers``) supplies the resolvers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from spacy.tokens import Span, Token

from bot.pipeline.analysis.antecedents import Mention
from bot.pipeline.analysis.lexicon import POSSESSIVE_PRONOUNS, SPEECH_VERBS
from bot.pipeline.analysis.mentions import is_untagged_organisation
from bot.pipeline.analysis.names import (
    Speaker,
    clean_name,
    describes_person,
    is_document,
    noun_kind,
)
from bot.pipeline.analysis.speaker_heads import holds_office
from bot.pipeline.analysis.text import noun_phrase_text

MAX_ROLE_ABBREVIATION = 4  # "the MP", "the MEP", "the CFO"


def own_subject(
    pronoun: Token,
    entity_at: Mapping[int, Span],
    full_names: Mapping[str, str],
    resolve: Callable[[Token], Speaker],
) -> Speaker | None:
    """ "The group will keep output down, it said": "it"/"they" is the statement's subject
    when that is a named body or a description of one ("the group", "the ministry")."""
    verb = pronoun.head
    if pronoun.dep_ != "nsubj" or verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    statement = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < pronoun.i), None)
    if statement is None:
        return None
    subject = next((c for c in statement.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
        return None
    ent = entity_at.get(subject.i)
    if ent is not None:
        if ent.label_ != "ORG" or ent.root.i != subject.i:
            return None
    elif is_untagged_organisation(subject, full_names):
        return Speaker(clean_name(noun_phrase_text(subject)), "org", named=True)
    elif noun_kind(subject) != "org" or subject.tag_ != "NN":
        return None
    found = resolve(subject)
    return found if found.named and found.kind == "org" else None


def owned_by_pronoun(
    token: Token, pronoun: Callable[[Token, str], Speaker | None]
) -> Speaker | None:
    """ "His office" → "Mike Johnson's office", the owner resolved like a pronoun."""
    if token.pos_ != "NOUN" or any(c.dep_ == "appos" for c in token.children):
        return None  # "His attorney, Daniel Reyes": the name says more
    owner = next(
        (c for c in token.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS),
        None,
    )
    if owner is None:
        return None
    found = pronoun(owner, POSSESSIVE_PRONOUNS[owner.lower_])
    if found is None:
        return None
    rest = noun_phrase_text(token, [owner])
    if noun_kind(token) == "person" or (
        token.tag_ == "NN" and holds_office(token) and not is_document(token)
    ):
        # "its chief executive has said": a role, not a name; the story names its holder in a
        # moment ("Ana Ruiz, who has run the airline since 2016, said"), see ``described``
        return Speaker(f"{found.name}'s {rest}", "person", named=False)
    return Speaker(f"{found.name}'s {rest}", "org", named=found.named)


def abbreviated_role(token: Token, before: Callable[[Token], Sequence[Mention]]) -> Speaker | None:
    """ "The MP said": the latest person named ``before`` whose role's head the abbreviation
    is ("Labour MP for Westbrook"), never a body in it ("EU chief")."""
    text = token.text
    if not (text.isupper() and text.isalpha() and len(text) <= MAX_ROLE_ABBREVIATION):
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    for mention in reversed(before(token)):
        speaker = mention.speaker
        if speaker.kind == "person" and describes_person(token, speaker):
            return speaker
    return None
