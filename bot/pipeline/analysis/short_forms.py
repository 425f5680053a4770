"""A body's short form read as the whole name the article gave it first.

Sports and business copy name a club or a firm in full once ("Eastfield Rovers", "Plover
Airways") and then by one word of it ("Rovers said", "Plover declined to comment"); the card
should show the name a reader knows it by. Like a surname for a person: one word that opens or
ends exactly one longer name of a body in the article stands for that name; a word two names
share ("City" with "Aldwick City" and "Brenton City") stays as written.

A first word is also a place's or a person's name far more often than a last word is
("Washington" of "The Washington Post", "Trump" of "the Trump Organization"), so it stands for
the whole name only when the article shows that name is a firm: a company's type word ("Plover
Airways") or "its" in the clause it is the subject of ("Merrow Sachs raised its forecast"). The
word after "of" ("Bank of England") is a place, never the body.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Span

from bot.pipeline.analysis.names import clean_name, is_company_name

MAX_NAME_WORDS = 4  # "Aldwick City", "Plover Airways Group", never a whole clause
AMBIGUOUS = ""
# A club is often tagged as a place ("Aldwick City"), a firm's short form as a person.
NAMED_BODIES = frozenset({"ORG", "GPE"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _speaks_as_a_body(ent: Span) -> bool:
    """ "Merrow Sachs raised its forecast": the name is the subject of a clause that calls it
    "its" (the verb's objects and their modifiers only: bounded)."""
    root = ent.root
    if root.dep_ not in SUBJECT_DEPS:
        return False
    return any(
        g.lower_ == "its" for c in root.head.children if c.i > root.i for g in (c, *c.children)
    )


def short_forms(ents: Iterable[Span], whole: Callable[[Span], str]) -> dict[str, str]:
    """Last word (lower case) of each body's name of two to four words → that name, and its
    first word too when the article shows the name is a firm's; a word shared by two
    different names maps to ``AMBIGUOUS``."""
    found: list[tuple[str, list[str]]] = []
    firms: set[str] = set()
    for ent in ents:
        if ent.label_ not in NAMED_BODIES:
            continue
        name = clean_name(whole(ent))
        words = name.split()
        if not 2 <= len(words) <= MAX_NAME_WORDS:
            continue
        if not all(w[:1].isupper() for w in (words[0], words[-1])):
            continue
        found.append((name, words))
        if is_company_name(name) or _speaks_as_a_body(ent):
            firms.add(name)
    table: dict[str, str] = {}
    for name, words in found:
        lowered = [w.lower() for w in words]
        ends = {lowered[0]} if "of" in lowered else {lowered[-1]}
        if name in firms:
            ends.add(lowered[0])
        for word in ends:
            if not word.isalpha():
                continue
            known = table.get(word)
            table[word] = name if known in (None, name) else AMBIGUOUS
    return table


def whole_form(name: str, table: dict[str, str]) -> str:
    """The whole name a one-word body's name is the short form of, or the name unchanged."""
    if " " in name or not name:
        return name
    return table.get(name.lower()) or name
