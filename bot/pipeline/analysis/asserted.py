"""Whether a speech verb reports speech that happened, and who heard it.

"State law requires officials to report …", "failed to report", "tests could show …", "voters
must confirm …": speech that is required, intended or only possible reports nothing. "The
tribunal was told that …": what a hearing is told, it heard, so the hearing is the source.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.lexicon import PROCEEDINGS

# Verbs whose "to" infinitive still happened: "went on to say", "appeared to confirm".
ASSERTING_HEADS = frozenset("go continue appear seem proceed begin start hasten rush".split())
TENTATIVE_MODALS = frozenset({"could", "might", "may"})
# An obligation says what someone has to say, not what anyone said.
OBLIGING_MODALS = frozenset({"must", "should", "shall", "ought"})
FINDING_VERBS = frozenset("show find prove reveal".split())
ALTERNATIVES = frozenset({"or", "nor"})


def negated_alternative(verb: Token) -> bool:
    """ "could neither confirm nor deny that …", "did not confirm or deny": the second verb
    shares the first one's negation, so nothing was denied (or confirmed)."""
    if verb.dep_ != "conj":
        return False
    head = verb.head
    negated = any(
        c.dep_ == "neg" or (c.dep_ == "preconj" and c.lower_ == "neither") for c in head.children
    )
    joined = any(c.dep_ == "cc" and c.lower_ in ALTERNATIVES for c in head.children) or any(
        c.dep_ == "cc" and c.lower_ in ALTERNATIVES for c in verb.children
    )
    return negated and joined


def unasserted(verb: Token) -> bool:
    """ "State law requires officials to report …", "failed to report", "has until March to
    show …", "tests could show …": speech that is required, intended or possible has not
    happened, so it reports nothing. "went on to say that …" has. "could neither confirm nor
    deny that …" denies nothing."""
    if negated_alternative(verb):
        return True
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
    if infinitive and verb.dep_ != "ROOT":
        return verb.head.lemma_.lower() not in ASSERTING_HEADS
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if modals & OBLIGING_MODALS:
        return True  # "voters must confirm their address", "firms should disclose fees"
    return bool(modals & TENTATIVE_MODALS) and verb.lemma_.lower() in FINDING_VERBS


def told_a_hearing(verb: Token, subject: Token) -> bool:
    return verb.lemma_.lower() in {"tell", "inform"} and subject.lemma_.lower() in PROCEEDINGS
