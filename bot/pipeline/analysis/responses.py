"""Replies to claims: denials, confirmations and rebuttals, linked to the claim they answer.

"China dismissed the accusation as groundless" is a denial by China; it answers the nearest
earlier claim that names China (as its target or in its text) and was made by someone else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from bot.models import Claim, Response, Stance
from bot.pipeline.analysis.layout import sentence_of
from bot.pipeline.analysis.lexicon import (
    ACCUSATION_NOUNS,
    CONFIRMATION_VERBS,
    DENIAL_VERBS,
    DISMISSIVE_WORDS,
    REBUTTAL_VERBS,
)
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.text import tokens_text

STANCE_VERBS = (
    DENIAL_VERBS
    | CONFIRMATION_VERBS
    | REBUTTAL_VERBS
    | {
        "call",
        "label",
        "describe",
        "brand",
        "say",
    }
)


def _stance(verb: Token) -> Stance | None:
    lemma = verb.lemma_.lower()
    if lemma not in STANCE_VERBS:
        return None  # checked first: listing a verb's children walks its subtree
    children = list(verb.children)  # once: every "said" of a long text comes here
    objects = [c for c in children if c.dep_ in {"dobj", "nsubjpass"}]
    answers_accusation = any(o.lemma_.lower() in ACCUSATION_NOUNS for o in objects)
    has_clause = any(c.dep_ == "ccomp" for c in children)
    if any(c.dep_ == "neg" for c in children):
        return None
    if lemma in DENIAL_VERBS and (answers_accusation or has_clause or objects):
        return Stance.DENIAL
    if lemma in CONFIRMATION_VERBS and (answers_accusation or has_clause):
        return Stance.CONFIRMATION
    if lemma in REBUTTAL_VERBS and (answers_accusation or has_clause):
        return Stance.REBUTTAL
    if (
        lemma in {"call", "label", "describe", "brand"}
        and answers_accusation
        and any(t.lower_ in DISMISSIVE_WORDS for t in verb.subtree)
    ):
        return Stance.DENIAL
    if lemma == "say" and has_clause:
        clause = next(c for c in children if c.dep_ == "ccomp")
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if (
            subject is not None
            and subject.lemma_.lower() in ACCUSATION_NOUNS
            and any(t.lower_ in DISMISSIVE_WORDS for t in clause.subtree)
        ):
            return Stance.DENIAL
    return None


def _subject(verb: Token) -> Token | None:
    current = verb
    for _ in range(3):
        subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if current.dep_ not in {"conj", "advcl", "xcomp"}:
            return None
        current = current.head
    return None


def _clause_text(verb: Token) -> str:
    """The verb's clause without coordinated clauses ("…, but Ukraine responded …")."""
    excluded = {
        t.i
        for c in verb.children
        if (c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}) or c.dep_ == "cc"
        for t in c.subtree
    }
    indices = [t.i for t in verb.subtree if t.i not in excluded]
    return tokens_text(verb.doc, min(indices), max(indices) + 1)


def _names(text: str, party: str) -> bool:
    return re.search(rf"\b{re.escape(party.lower())}\b", text.lower()) is not None


def _answered_claim(
    party: str, position: int, claims: Sequence[Claim], claim_positions: dict[str, int]
) -> str | None:
    earlier = [c for c in claims if claim_positions.get(c.id, 1 << 30) < position]
    earlier.sort(key=lambda c: claim_positions[c.id], reverse=True)
    for claim in earlier:
        if claim.speaker and _names(claim.speaker, party):
            continue
        if (claim.target and _names(claim.target, party)) or _names(claim.text, party):
            return claim.id
    return None


def find_responses(
    doc: Doc,
    registry: SpeakerRegistry,
    claims: Sequence[Claim],
    claim_positions: dict[str, int],
) -> list[Response]:
    """Responses in article order; ``claim_positions`` maps claim id → its first token index."""
    responses: list[Response] = []
    for token in doc:
        if token.pos_ not in {"VERB", "AUX"}:
            continue
        stance = _stance(token)
        if stance is None:
            continue
        subject = _subject(token)
        if subject is None:
            continue
        party = registry.resolve(subject).name
        answered = _answered_claim(party, token.i, claims, claim_positions)
        objects = [c for c in token.children if c.dep_ == "dobj"]
        explicit = any(o.lemma_.lower() in ACCUSATION_NOUNS for o in objects)
        if answered is None and not explicit:
            continue
        responses.append(
            Response(
                party=party,
                stance=stance,
                text=_clause_text(token),
                sentence=doc[slice(*sentence_of(doc, token.i))].text.strip(),
                answers_claim=answered,
            )
        )
    return responses
