"""When something was said is never part of who said it.

"Mexico's president on Thursday accused …", "the agency on Monday said", "officials late
Tuesday said": the parser hangs the time on the speaker's noun, and the card would show
"Mexico's president on Thursday". A time phrase is a preposition whose object is a date or a
time word, or a bare time noun ("Tuesday", "yesterday") hung on the noun.
"""

from __future__ import annotations

from spacy.tokens import Token

WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
TIME_WORDS = (
    WEEKDAYS
    | MONTHS
    | frozenset(
        "today yesterday tonight morning afternoon evening night week weekend month year "
        "day hour minute moment".split()
    )
)
TIME_PREPOSITIONS = frozenset("on in at during late early last this".split())
TIME_LABELS = frozenset({"DATE", "TIME"})


def _is_time(token: Token) -> bool:
    return token.ent_type_ in TIME_LABELS or token.lower_ in TIME_WORDS


def time_modifiers(token: Token) -> list[Token]:
    """The children of a speaker's noun that only say when: "on Thursday", "late Tuesday",
    "yesterday". Only those after the noun: "the Monday meeting" keeps its word."""
    found: list[Token] = []
    for child in token.children:
        if child.i < token.i:
            continue
        if child.dep_ == "prep" and child.lower_ in TIME_PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and all(_is_time(o) for o in objects):
                found.append(child)
        elif child.dep_ in {"npadvmod", "nmod", "compound", "appos"} and _is_time(child):
            found.append(child)
    return found
