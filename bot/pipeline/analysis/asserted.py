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


def unasserted(verb: Token) -> bool:
    """ "State law requires officials to report …", "failed to report", "has until March to
    show …", "tests could show …": speech that is required, intended or possible has not
    happened, so it reports nothing. "went on to say that …" has."""
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
    if infinitive and verb.dep_ != "ROOT":
        return verb.head.lemma_.lower() not in ASSERTING_HEADS
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if modals & OBLIGING_MODALS:
        return True  # "voters must confirm their address", "firms should disclose fees"
    return bool(modals & TENTATIVE_MODALS) and verb.lemma_.lower() in FINDING_VERBS


def told_a_hearing(verb: Token, subject: Token) -> bool:
    return verb.lemma_.lower() in {"tell", "inform"} and subject.lemma_.lower() in PROCEEDINGS
