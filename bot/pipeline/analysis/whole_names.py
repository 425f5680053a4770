"""A body's name kept whole when the small model tagged only part of it.

"Westmere District Council", "Athletics Kenya", "the England and Wales Cricket Board" and "the
Royal College of GPs" are one name each, but the tagger often gives "District Council",
"Kenya", "Wales Cricket Board" or "Royal College". A reader keeps the whole name: capitalised
words the parser hangs on the name as compounds belong to it, as does a coordinated first part
("England and") after "the", and an "of"/"for" phrase of capitalised words after a body's head
word ("College of GPs"). Each extension looks at a handful of tokens around the entity.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.pipeline.analysis.lexicon import INSTITUTION_NAME_HEADS, ROLE_NOUNS
from bot.pipeline.analysis.names import HONORIFICS, TITLE_ROLES, entity_bounds

# Head words of bodies whose names go on with "of"/"for": "Royal College of Nursing".
BODY_HEADS = INSTITUTION_NAME_HEADS | frozenset(
    "college society academy chamber institution bank league confederation trust foundation "
    "church museum library council union party guild conference tribunal".split()
)
EXTENDED_LABELS = frozenset({"ORG", "GPE"})
# Entity types that are no part of a body's name: "the Board on Tuesday".
FOREIGN_TYPES = frozenset("DATE TIME MONEY PERCENT CARDINAL ORDINAL QUANTITY PERSON".split())
MAX_EXTENSION = 4


def _capitalised_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.is_alpha and token.ent_type_ not in FOREIGN_TYPES


def _name_word(token: Token) -> bool:
    """A capitalised word that can open a name ("Police Scotland" reads "Police" as a noun):
    never a title or a role ("Minister")."""
    lower = token.lower_
    return (
        token.pos_ in {"PROPN", "NOUN"}
        and _capitalised_word(token)
        and lower not in HONORIFICS
        and lower not in TITLE_ROLES
        and lower not in ROLE_NOUNS
    )


def _left(ent: Span, start: int, end: int) -> int:
    """ "Westmere [District Council]", "Athletics [Kenya]": untagged capitalised compounds the
    parser hangs on the name; "the England and [Wales Cricket Board]": a coordinated part."""
    doc = ent.doc
    first = start
    while start - first < MAX_EXTENSION and first > 0:
        token = doc[first - 1]
        if (
            token.dep_ != "compound"
            or token.ent_type_
            or not _name_word(token)
            or not first <= token.head.i < end
        ):
            break
        first -= 1
    if first != start or end - start < 2 or doc[end - 1].lower_ not in BODY_HEADS:
        return first
    # "the Bosnia and Herzegovina Football Federation": one or two capitalised words and "and"
    # between "the" and the rest of the name.
    if start < 3 or doc[start - 1].lower_ not in {"and", "&"} or doc[start].lower_ == "the":
        return start  # "The White House and the State Department" are two names
    for width in (1, 2):
        opening = start - 1 - width
        if opening < 1:
            break
        words = doc[opening : start - 1]
        if not all(_capitalised_word(w) and w.pos_ == "PROPN" for w in words):
            break
        if any(w.ent_type_ == "ORG" for w in words) or ent.root.head in words:
            break  # "the Fed and [Treasury Department]": a body of its own, or a conjunct
        if doc[opening - 1].lower_ == "the":
            return opening
    return start


def _right(ent: Span, start: int, end: int) -> int:
    """ "[Royal College] of GPs", "[Chamber] of Shipping": an "of"/"for" phrase of capitalised
    words after a body's head word."""
    doc = ent.doc
    if end + 1 >= len(doc) or doc[end - 1].lower_ not in BODY_HEADS:
        return end
    if doc[end].lower_ not in {"of", "for"}:
        return end
    i = end + 1
    if doc[i].lower_ == "the":
        i += 1
    last = None
    while i < len(doc) and i - end <= MAX_EXTENSION + 1:
        token = doc[i]
        if _capitalised_word(token) and token.pos_ in {"PROPN", "NOUN"}:
            last = i
        elif token.lower_ not in {"and", "&"} or last is None:
            break
        i += 1
    return end if last is None else last + 1


def whole_name_bounds(ent: Span) -> tuple[int, int]:
    """Token bounds of the whole name an ORG or place entity stands in."""
    start, end = entity_bounds(ent)
    if ent.label_ not in EXTENDED_LABELS:
        return start, end
    return _left(ent, start, end), _right(ent, start, end)


def whole_name(ent: Span) -> str:
    """The text of the whole name (see ``whole_name_bounds``)."""
    start, end = whole_name_bounds(ent)
    if (start, end) == (ent.start, ent.end):
        return ent.text
    return ent.doc[start:end].text  # a slice of the name, never of the whole text
