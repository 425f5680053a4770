"""A speaker's relative clause misread as part of the sentence around it.

"Residents of Elm Street, some of whom have signed a petition, said …" and "A neighbor who
asked not to be named because she feared reprisals said …" are long subjects: the small
parser often ends the relative clause too late, takes its last noun ("petition", "reprisals")
for the speaker, or reads the clause as something the speaker said. Both readings are mended
from the parse's shape alone; each check climbs a bounded number of heads.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.layout import sentence_of

RELATIVE_WORDS = frozenset({"who", "whom", "which", "whose"})
MAX_CLIMB = 4
MAX_NAME_TOKENS = 8  # the comma that sets off the relative clause follows the name closely
# How a speech verb may hang below the relative clause it was swallowed by.
SWALLOWED_DEPS = frozenset({"ccomp", "advcl", "xcomp", "conj"})


def _opens_with_relative(clause: Token) -> bool:
    """ "some of whom have signed …", "many of which …": a quantified relative opening."""
    return any(
        c.dep_ == "nsubj" and any(t.lower_ in RELATIVE_WORDS for t in c.subtree)
        for c in clause.children
    )


def _set_off_relative(opener: Token) -> bool:
    """ "Lindqvist, who had qualified sixth, told …": the noun phrase is followed by a comma and
    a relative word, however the parser hung the relative word inside the clause."""
    doc = opener.doc
    last = min(opener.right_edge.i + 1, opener.i + MAX_NAME_TOKENS, len(doc) - 2)
    return any(
        doc[i].text == "," and doc[i + 1].lower_ in RELATIVE_WORDS
        for i in range(opener.i + 1, last + 1)
    )


def relative_before(verb: Token) -> tuple[Token, int] | None:
    """ "Residents of Elm Street, some of whom have signed a petition, said they …" read with
    the relative clause as a clause the subjectless verb reports: the noun phrase that opens
    the sentence speaks, and what it said starts after the relative clause. Returns the
    speaker's token and where the content may start."""
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    first = sentence_of(verb.doc, verb.i)[0]
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i > verb.i:
            continue
        opener = next(
            (c for c in clause.children if c.dep_ == "nsubj" and c.left_edge.i == first), None
        )
        if opener is None or not (_opens_with_relative(clause) or _set_off_relative(opener)):
            continue
        said = [c.left_edge.i for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
        if opener is not None and opener.pos_ in {"NOUN", "PROPN"} and said:
            return opener, min(said)
    return None


def swallowed_by_relative(verb: Token, subject: Token) -> Token | None:
    """ "A neighbor who asked not to be named because she feared reprisals said she heard …"
    read with "reprisals said" as a clause inside the relative one: when the sentence has no
    verb of its own (its root is the noun the relative clause describes), that noun speaks."""
    if subject.pos_ not in {"NOUN", "PROPN"} or subject.i != verb.i - 1:
        return None
    token = verb
    for _ in range(MAX_CLIMB):
        if token.dep_ not in SWALLOWED_DEPS:
            break
        token = token.head
        if token.dep_ == "relcl":
            owner = token.head
            root = owner.dep_ == "ROOT" and owner.pos_ in {"NOUN", "PROPN"}
            return owner if root and owner.i < subject.i else None
    return None
