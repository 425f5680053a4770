"""What "who" or "which" stands for: the noun its clause hangs on, read as a reader does.

"said Marisa Chen, an analyst at Greenfield Research, who told Bloomberg …": the parser hangs
the clause on the nearest noun, the firm, but "who" means a person: the analyst, and the analyst
is Marisa Chen. "It was Mr. Alvarez who said …": the parser hung the clause elsewhere, and the
noun just before "who" is what it means. Each climb is bounded by a few steps.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

MAX_CLIMB = 4  # "an analyst at [the research arm of] Greenfield Research"
PERSONAL_RELATIVES = frozenset({"who", "whom", "whose"})


def _person_above(noun: Token, entity_at: dict[int, Span]) -> Token | None:
    """The person a body in a person's description belongs to: "Chen, an analyst at [X]":
    from the body up through "at"/"of"/"for" and the role noun to the name it describes."""
    token = noun
    for _ in range(MAX_CLIMB):
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            token = token.head.head
        elif token.dep_ == "appos" and token.head.pos_ in {"PROPN", "NOUN"}:
            token = token.head
        else:
            return None
        ent = entity_at.get(token.i)
        if ent is not None and ent.label_ == "PERSON":
            return token
    return None


def who_stands_for(pronoun: Token, head: Token, entity_at: dict[int, Span]) -> Token:
    """The noun a relative pronoun means, given the noun its clause hangs on: for "who", a
    person's name above a body the clause was hung on, else that noun."""
    if pronoun.lower_ not in PERSONAL_RELATIVES:
        return head
    ent = entity_at.get(head.i)
    if ent is None or ent.label_ == "PERSON":
        return head
    return _person_above(head, entity_at) or head


def relative_antecedent(
    pronoun: Token, sentence_index: Sequence[int], entity_at: dict[int, Span]
) -> Token | None:
    """What "who"/"which" stands for: the noun its clause hangs on, or, when the parser hung the
    clause elsewhere ("It was Mr. Alvarez who said …"), the noun just before."""
    clause = pronoun.head
    if clause.dep_ == "relcl" and clause.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return who_stands_for(pronoun, clause.head, entity_at)
    doc = pronoun.doc
    i = pronoun.i - 1
    while i >= 0 and doc[i].text == "," and sentence_index[i] == sentence_index[pronoun.i]:
        i -= 1
    if i < 0 or sentence_index[i] != sentence_index[pronoun.i]:
        return None
    return doc[i] if doc[i].pos_ in {"NOUN", "PROPN"} else None
