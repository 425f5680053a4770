"""Refusals to tell the press something, in other words than "declined to comment".

"declined to give a timeline", "refused to disclose how many jobs would go", "declined to
name the buyer": a party withholding what reporters asked for is a declined request. Not
"declined to renew the lease" (no telling), "declined to name a successor" (an appointment)
nor "refused to give details to investigators" (told to someone other than the press).
"""

from __future__ import annotations

from spacy.tokens import Token

FIRST_PERSON = frozenset({"we", "i", "us"})
WH_WORDS = frozenset("whether if how when why what who where which".split())
GIVING_VERBS = frozenset("provide give offer share release disclose reveal put".split())
DETAIL_NOUNS = frozenset(
    """
    detail details information specifics explanation comment comments statement reason reasons
    timeline timetable figure figures number numbers breakdown estimate terms date update
    identity identities name names price cost amount value
    """.split()
)
# "declined to disclose how many …", "refused to specify when": telling what is asked.
TELLING_VERBS = GIVING_VERBS | frozenset(
    "say specify explain detail confirm indicate estimate discuss elaborate comment".split()
)
# "declined to name the buyer", "refused to identify the officers involved".
NAMING_VERBS = frozenset({"name", "identify"})
# Whom a refusal to tell is addressed to when it is not the press: "details to investigators".
PRESS_RECIPIENTS = frozenset("reporters journalists media press reporter journalist".split())


def withholds_details(verb: Token) -> bool:
    """ "declined to provide further details", "refused to give a timeline", "declined to
    disclose how many jobs would go", "declined to name the buyer": a refusal to tell the
    press something. Not "declined to renew the lease" nor "refused to give details to
    investigators" (told to someone else)."""
    lemma = verb.lemma_.lower()
    if lemma == "draw" and any(c.dep_ == "auxpass" for c in verb.children):
        return True  # "refused to be drawn on the matter": British copy's refusal to comment
    if lemma not in TELLING_VERBS | NAMING_VERBS:
        return False
    for child in verb.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ == "to":
            told = next((c for c in child.children if c.dep_ == "pobj"), None)
            if told is not None and told.lower_ not in PRESS_RECIPIENTS | FIRST_PERSON:
                return False
    return any(_withheld(child, lemma) for child in verb.children)


def _withheld(child: Token, lemma: str) -> bool:
    """Whether ``child`` of a telling verb is what the press asked for."""
    if child.dep_ == "dobj" and lemma in GIVING_VERBS | {"confirm"}:
        return child.lemma_.lower() in DETAIL_NOUNS or child.lower_ in DETAIL_NOUNS
    if child.dep_ == "dobj" and lemma in NAMING_VERBS:
        # "the buyer", "its customers", "officers"; "a successor" is appointed, not named
        definite = any(c.dep_ in {"det", "poss"} and c.lower_ != "a" for c in child.children)
        return definite or child.tag_ in {"NNS", "NNPS"} or child.lower_ in {"them", "him", "her"}
    return child.dep_ in {"ccomp", "advcl"} and lemma in TELLING_VERBS and _asks_a_question(child)


def _asks_a_question(clause: Token) -> bool:
    """ "how many workers would lose their jobs", "whether it would appeal", "when"."""
    first = clause.left_edge
    return first.lower_ in WH_WORDS or any(
        c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in clause.children
    )


def offers_nobody(verb: Token) -> bool:
    """ "declined to make anyone available for an interview", "refused to make an executive
    available to comment": no one put forward to answer the press."""
    if verb.lemma_.lower() != "make":
        return False
    available = next((c for c in verb.children if c.lower_ == "available"), None)
    if available is None:
        return False
    return any(t.lemma_.lower() in {"interview", "comment", "question"} for t in available.subtree)
