"""A body's short form read as the whole name the article gave it first.

Sports and business copy name a club or a firm in full once ("Northgate Rovers", "Kestrel
Airways") and then by one word of it ("Rovers said", "Kestrel declined to comment"); the card
should show the name a reader knows it by. Like a surname for a person: one word that opens or
ends exactly one longer name of a body in the article stands for that name; a word two names
share ("City" with "Harbury City" and "Lanford City") stays as written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Span

from bot.pipeline.analysis.names import clean_name

MAX_NAME_WORDS = 4  # "Harbury City", "Kestrel Airways Group", never a whole clause
AMBIGUOUS = ""
# A club is often tagged as a place ("Harbury City"), a firm's short form as a person.
NAMED_BODIES = frozenset({"ORG", "GPE"})


def short_forms(ents: Iterable[Span], whole: Callable[[Span], str]) -> dict[str, str]:
    """First and last word (lower case) of each body's name of two to four words → that name;
    a word shared by two different names maps to ``AMBIGUOUS``."""
    table: dict[str, str] = {}
    for ent in ents:
        if ent.label_ not in NAMED_BODIES:
            continue
        name = clean_name(whole(ent))
        words = name.split()
        if not 2 <= len(words) <= MAX_NAME_WORDS:
            continue
        if not all(w[:1].isupper() for w in (words[0], words[-1])):
            continue
        for word in {words[0].lower(), words[-1].lower()}:
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
