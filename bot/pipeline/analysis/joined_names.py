"""Whether an "and" (or a comma) is inside one body's name rather than between two parties.

Public bodies are often named with "and" in them: "U.S. Customs and Border Protection", "the
Scotland and Northern Ireland Ferry Authority", "the Department of Housing and Urban
Development", "the Ministry of Housing, Communities and Local Government". The small model tags
some of them whole and cuts others in two, so a party list must not be split there, while "the
mayor and the council", "Halden Bank and Carver Mutual" or "Fairway and Dunmore" stay two
parties. Read from capitalisation alone, in a bounded window around the word:

- "<Head> of X and Y" ("Department of Health and Human Services"): a body's head word before
  "of"/"for", then capitalised words with no article, the last conjunct no name of its own
  (not ending in a body's head word: "the Ministry of Justice and Home Office" is two);
- "X and Y <Head>" ("Immigration and Customs Enforcement", "England and Wales Cricket
  Board"): the capitalised run after "and" ends in a body's head word and the word before
  "and" is none (nor a person: "Mayor Ruiz and Finance Committee members" is two).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.doc_index import entity_at
from bot.pipeline.analysis.lexicon import COMPANY_NAME_WORDS, INSTITUTION_NAME_HEADS
from bot.pipeline.analysis.names import HONORIFICS, PERSON_ROLES, TITLE_ROLES

# Last words of a public body's name besides the head words the lexicon lists.
BODY_NAME_ENDS = INSTITUTION_NAME_HEADS | frozenset(
    "enforcement protection services affairs security commission trust society foundation "
    "partnership alliance league directorate inspectorate tribunal panel corporation "
    "executive secretariat administration authorities".split()
)
# Words that join a body's head word to what it is for: "Department of", "Centers for".
LINKS = frozenset({"of", "for"})
JOINERS = frozenset({"and", "&"})
PERSON_TITLES = frozenset(w.rstrip(".") for w in HONORIFICS | PERSON_ROLES | TITLE_ROLES) | {
    "coach",
    "manager",
    "councilman",
    "councilwoman",
    "councillor",
    "rep",
    "sen",
    "gov",
}
# How far a name is read either side of the word: no body's name is longer.
WINDOW = 10
MAX_SECOND_WORDS = 6  # "Isle of Wight Fire and Rescue Service"
ARTICLES = frozenset("the a an this that these those his her its their our".split())


def _capitalised(token: Token) -> bool:
    """A word of a name: "Wales", "U.S.", "HHS"; not "the" nor a number."""
    text = token.text
    return text[:1].isupper() and any(ch.isalpha() for ch in text) and not token.is_sent_start


def _person(token: Token) -> bool:
    """A word of a person's name as the tagger reads it."""
    ent = entity_at(token.doc, token.i)
    return ent is not None and ent.label_ == "PERSON"


def _titled(token: Token) -> bool:
    """A word of a name given by a title ("Mayor Ruiz", "Dr. Okafor"): a person."""
    doc = token.doc
    j = token.i
    while j > max(0, token.i - 3) and doc[j - 1].text[:1].isupper():
        j -= 1
        if doc[j].lower_.rstrip(".") in PERSON_TITLES:
            return True
    return token.lower_.rstrip(".") in PERSON_TITLES


def _definite(doc: Doc, i: int) -> bool:
    """Whether the capitalised words before ``i`` follow "the": "the Bill and Melinda Gates
    Foundation" is one name, where "Ruiz and Finance Committee members" are two parties."""
    j = i - 1
    while j > max(0, i - WINDOW) and _capitalised(doc[j - 1]):
        j -= 1
    return j > 0 and doc[j - 1].lower_ == "the"


def _run_right(doc: Doc, i: int, limit: int) -> int:
    """End of the run of capitalised words that starts at ``i`` ("Isle of Wight Fire Service":
    an "of" between two of them is part of it)."""
    end = i
    while end < limit:
        linked = doc[end].lower_ in LINKS and end + 1 < limit and _capitalised(doc[end + 1])
        if not (_capitalised(doc[end]) or linked):
            break
        end += 1
    return end


def _head_before(doc: Doc, i: int) -> bool:
    """Whether the capitalised words, commas and joiners before ``i`` go back to "<Head> of"."""
    lowest = max(0, i - WINDOW)
    j = i - 1
    while j > lowest:
        token = doc[j]
        if token.lower_ in LINKS:
            head = doc[j - 1]
            return _capitalised(head) or (head.is_sent_start and head.text[:1].isupper())
        if not (_capitalised(token) or token.text == "," or token.lower_ in JOINERS):
            return False
        j -= 1
    return False


def _head_word_before(doc: Doc, i: int) -> bool:
    lowest = max(0, i - WINDOW)
    j = i - 1
    while j > lowest and doc[j].lower_ not in LINKS:
        j -= 1
    return j > lowest and doc[j - 1].lower_ in INSTITUTION_NAME_HEADS


def inside_a_joined_name(doc: Doc, i: int) -> bool:
    """Whether ``doc[i]`` ("and", "&" or a comma) is inside one body's name."""
    token = doc[i]
    if token.lower_ not in JOINERS and token.text != ",":
        return False
    if i == 0 or i + 1 >= len(doc):
        return False
    before, after = doc[i - 1], doc[i + 1]
    if after.lower_ in ARTICLES or not _capitalised(after) or not _capitalised(before):
        return False
    if _titled(before) or _titled(after):
        return False
    if (_person(before) or _person(after)) and not _definite(doc, i):
        return False
    limit = min(len(doc), i + WINDOW)
    # the rest of the name: capitalised words, with commas and one "and" in an "of" list
    end = i + 1
    while end < limit:
        end = _run_right(doc, end, limit)
        if end + 1 < limit and (doc[end].text == "," or doc[end].lower_ in JOINERS):
            if doc[end + 1].lower_ in ARTICLES or not _capitalised(doc[end + 1]):
                break
            if _titled(doc[end + 1]) or _person(doc[end + 1]):
                return False
            end += 1
            continue
        break
    last = doc[end - 1].lower_
    if _head_before(doc, i) and _head_word_before(doc, i):
        # "Department of Health and Human Services"; not "Ministry of Justice and Home Office"
        return last not in BODY_NAME_ENDS and not doc[end - 1].is_upper
    if token.text == ",":
        return False
    # "Immigration and Customs Enforcement": the words right after "and" close the name
    end = _run_right(doc, i + 1, limit)
    if end - (i + 1) > MAX_SECOND_WORDS:
        return False
    first_end = before.lower_
    return (
        doc[end - 1].lower_ in BODY_NAME_ENDS
        and first_end not in BODY_NAME_ENDS
        and first_end not in COMPANY_NAME_WORDS
        and not before.is_upper
    )
