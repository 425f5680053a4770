"""A body's name kept whole when the small model tagged only part of it.

"Westmere District Council", "Athletics Kenya", "the England and Wales Cricket Board" and "the
Royal College of GPs" are one name each, but the tagger often gives "District Council",
"Kenya", "Wales Cricket Board" or "Royal College". A reader keeps the whole name: capitalised
words the parser hangs on the name as compounds belong to it, as does a coordinated first part
("England and") after "the", and an "of"/"for" phrase of capitalised words after a body's head
word ("College of GPs"). A number right after a body's capitalised head word is its
identifier, never a count ("Local 882", "District Lodge 91", "Fire Station 12"): the name keeps
it, whether or not the tagger found the name at all. Each extension looks at a handful of
tokens around the entity.
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
# People of a body, never part of its name: "Members of the GMB".
PEOPLE_OF = frozenset(
    "members supporters residents officials fans staff workers employees parents critics "
    "leaders representatives lawyers executives shareholders investors customers users "
    "players students teachers nurses doctors volunteers activists delegates owners "
    "managers directors head heads chief chiefs part some many most all none one".split()
)
# Offices named after the title that holds them: "the Sheriff's Office".
OFFICE_HEADS = frozenset({"office", "department", "bureau"})
POSSESSIVE = frozenset({"'s", "’s"})
OFFICE_HOLDERS = frozenset(
    "attorney sheriff governor mayor minister commissioner coroner prosecutor marshal auditor "
    "comptroller controller president chancellor general treasurer clerk assessor premier "
    "secretary examiner ombudsman speaker inspector director".split()
)
# Words a tagged name may wrongly stop on: "Office for the Western District of".
CONNECTORS = frozenset({"of", "for", "the"})
OF = frozenset({"of", "for"})
# Bodies named for what they deliberate on: "Commission on Judicial Performance", "Committee
# on Foreign Affairs", "Council on Foreign Relations".
ON_HEADS = frozenset("commission committee council conference board panel institute".split())
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC", "NORP"})  # "the Commission on Cyprus": a topic
# "the District Council on Main Street": where a body is, not what it is named for
PLACE_WORDS = frozenset("street road avenue lane square hill island drive way boulevard".split())


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


def _office_holder(ent: Span, start: int) -> int:
    """ "the [U.S. Attorney's] Office", "the [Attorney General's] Office", "the [Sheriff's]
    Department": an office named after the title that holds it keeps the title, and the
    capitalised words in front of it, in its name."""
    doc = ent.doc
    if start + 2 < len(doc) and doc[start + 1].lower_ in POSSESSIVE:
        holder = start  # the tagger took "General's Office" but not "Attorney"
    elif start >= 2 and doc[start - 1].lower_ in POSSESSIVE:
        holder = start - 2
    else:
        return start
    if doc[holder + 2].lower_ not in OFFICE_HEADS:
        return start
    if not (doc[holder].text[:1].isupper() and doc[holder].lower_ in OFFICE_HOLDERS):
        return start
    first = holder
    while holder - first < MAX_EXTENSION and first > 0:
        token = doc[first - 1]
        if token.dep_ != "compound" or not token.text[:1].isupper():
            break
        if not first - 1 < token.head.i <= holder:
            break
        first -= 1
    return first


def _of_the(ent: Span, start: int) -> int:
    """ "[Friends of the] Fells", "[Sisters of] Mercy": a capitalised noun and "of (the)" in
    front of a body the tagger found only the end of. Never people of a body ("Members of the
    GMB", "Supporters of City"), a title ("Governor of Texas") or another name."""
    doc = ent.doc
    i = start - 1
    if i >= 1 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "of" or ent.label_ != "ORG":
        return start
    head = doc[i - 1]
    if doc[i].head.i != head.i or head.ent_type_ or not head.is_alpha:
        return start
    lower = head.lower_
    if not head.text[:1].isupper() or lower in PEOPLE_OF or lower in HONORIFICS:
        return start
    if lower in TITLE_ROLES or lower in ROLE_NOUNS or head.lemma_.lower() in ROLE_NOUNS:
        return start
    return head.i


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


MAX_IDENTIFIER_DIGITS = 5  # "Local 1245", never a sum of money


def _identifier(token: Token, head: Token) -> bool:
    """ "Lodge [91]": digits the parser hung on the capitalised word just before them."""
    return (
        token.i == head.i + 1
        and token.text.isdigit()
        and len(token.text) <= MAX_IDENTIFIER_DIGITS
        and token.head.i == head.i
        and token.dep_ in {"nummod", "appos", "npadvmod", "attr", "dobj"}
        and head.text[:1].isupper()
        and head.pos_ in {"PROPN", "NOUN"}
    )


def numbered_end(ent: Span, end: int) -> int:
    """ "[District Lodge] 91": the end of a name with the number that identifies it."""
    doc = ent.doc
    if end < len(doc) and _identifier(doc[end], doc[end - 1]):
        return end + 1
    return end


def _beside(word: Token, token: Token) -> bool:
    """A capitalised word of the name after ``token``: hung inside its phrase, or the verb's
    other subject the parser split the name into."""
    if not (word.is_alpha and word.text[:1].isupper() and word.pos_ in {"PROPN", "NOUN"}):
        return False
    if token.i <= word.head.i <= token.i + MAX_EXTENSION and word.head.pos_ in {"PROPN", "NOUN"}:
        return True  # "UNITE [HERE] Lodge 1024": a compound of the word after it
    return word.dep_ == token.dep_ and word.head.i == token.head.i and word.dep_ == "nsubj"


def numbered_name(token: Token) -> str | None:
    """ "Teamsters Local 882", "The Carpenters' Local 417": a union local, a lodge or a station
    the tagger found no name in, read from the subject word to the number that ends it. None
    when no number follows the subject's capitalised head."""
    doc = token.doc
    if token.text.isdigit() and token.i > 0:
        # "The Teamsters' Local [119] said": the parser made the number the head
        head, number, first = doc[token.i - 1], token, token.i - 1
        if head.dep_ != "compound" or head.head.i != token.i or not head.text[:1].isupper():
            return None
        if head.pos_ not in {"PROPN", "NOUN"} or len(token.text) > MAX_IDENTIFIER_DIGITS:
            return None
    else:
        first = token.i
        # "Teamsters [Local] 882", "UNITE HERE [Local] 11": capitalised words the parser set
        # beside the union's name (an apposition, or a second subject of the same verb)
        i = token.i + 1
        while i < len(doc) and i - token.i <= MAX_EXTENSION and _beside(doc[i], token):
            i += 1
        head = doc[i - 1]
        number = doc[i] if i < len(doc) else None
        if number is None or not _identifier(number, head):
            return None
    start = first
    while start - first < MAX_EXTENSION and first > 0:
        before = doc[first - 1]
        joins = before.lower_ in POSSESSIVE or before.text in {"'", "’"}
        if joins or (before.dep_ in {"compound", "poss"} and _capitalised_word(before)):
            first -= 1
        else:
            break
    return doc[first : number.i + 1].text


def _right(ent: Span, start: int, end: int) -> int:
    """ "[Royal College] of GPs", "[Chamber] of Shipping": an "of"/"for" phrase of capitalised
    words after a body's head word, or an "on" phrase after a deliberating body's ("[Commission]
    on Judicial Performance"); "[Office for the Western District of] Washington": a name
    the tagger cut after "of" goes on to the capitalised words that end it."""
    doc = ent.doc
    if end - start > 1 and doc[end - 1].lower_ in CONNECTORS:
        i = end  # the tagged name stops on "of"/"for"/"the": its words follow
    elif end + 1 < len(doc) and doc[end - 1].lower_ in BODY_HEADS and doc[end].lower_ in OF:
        i = end + 1
    elif end + 1 < len(doc) and doc[end - 1].lower_ in ON_HEADS and doc[end].lower_ == "on":
        after = doc[end + 1 : end + 2 + MAX_EXTENSION]
        if doc[end + 1].ent_type_ in PLACE_TYPES or any(t.lower_ in PLACE_WORDS for t in after):
            return end
        i = end + 1  # "[Commission] on Judicial Performance"; never "on Tuesday" (a date)
    else:
        return end
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    last = None
    while i < len(doc) and i - end <= MAX_EXTENSION + 1:
        token = doc[i]
        if _capitalised_word(token) and token.pos_ in {"PROPN", "NOUN"}:
            last = i
        elif token.lower_ not in {"and", "&"} or last is None:
            break
        i += 1
    if last is not None:
        return last + 1
    while end - start > 1 and doc[end - 1].lower_ in CONNECTORS:
        end -= 1  # nothing follows: never a name ending on "of"
    return end


def _family_possessive(ent: Span, start: int, end: int) -> int:
    """ "[Hartwell's] Bakery", "[Doyle's] Pub": a family name in the possessive that the tagger
    left untagged before a one-word business is part of its name. A tagged owner ("Musk's
    Tesla", "Britain's Labour") is someone or somewhere else."""
    doc = ent.doc
    if end - start != 1 or start < 2 or doc[start - 1].lower_ not in POSSESSIVE:
        return start
    owner = doc[start - 2]
    if owner.ent_type_ or owner.pos_ != "PROPN" or not owner.is_alpha:
        return start
    if owner.dep_ != "poss" or owner.head.i != start or not owner.text[:1].isupper():
        return start
    return owner.i


def whole_name_bounds(ent: Span) -> tuple[int, int]:
    """Token bounds of the whole name an ORG or place entity stands in."""
    start, end = entity_bounds(ent)
    if ent.label_ not in EXTENDED_LABELS:
        return start, end
    left = _left(ent, start, end)
    if left == start:
        left = _office_holder(ent, start)
    if left == start:
        left = _of_the(ent, start)
    if left == start:
        left = _family_possessive(ent, start, end)
    return left, numbered_end(ent, _right(ent, start, end))


def whole_name(ent: Span) -> str:
    """The text of the whole name (see ``whole_name_bounds``)."""
    start, end = whole_name_bounds(ent)
    if (start, end) == (ent.start, ent.end):
        return ent.text
    return ent.doc[start:end].text  # a slice of the name, never of the whole text


def capital_the(before: Token, ent: Span, sentence_start: int) -> bool:
    """A capital "The" in mid-sentence before a body's name belongs to the name ("first
    reported by The Athletic", "The Hill"); at a sentence's or a quotation's start it says
    nothing ("The Treasury said")."""
    i = before.i
    if before.text != "The" or before.head.i != ent.root.i or i in {0, sentence_start}:
        return False
    previous = before.doc[i - 1]
    if "\n" in previous.whitespace_ + previous.text:
        return False
    return not previous.is_punct or previous.text in {",", ";"}
