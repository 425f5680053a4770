"""How names and roles read: cleaning a name, and whether a description fits a role.

Plain functions over strings and single tokens, shared by the speaker registry, the
description resolver and the comment-request rules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.pipeline.analysis.descriptions import word_type
from bot.pipeline.analysis.lexicon import (
    AUTHOR_VERBS,
    BUSINESS_DESCRIPTORS,
    COLLECTIVE_NOUNS,
    COMPANY_NAME_WORDS,
    DOCUMENT_SOURCES,
    INSTITUTION_DESCRIPTORS,
    NEUTRAL_DESCRIPTORS,
    PERSON_EPITHETS,
    ROLE_NOUNS,
)
from bot.pipeline.analysis.text import noun_phrase_text

# Words that stand where a name would, but name no one: "anyone", "others", "who".
NAMELESS = frozenset(
    "anyone anybody everyone everybody someone somebody whoever nobody none one some many "
    "others several few most all both those these who whom which that each either neither "
    "no one".split()
)


# Whom only a person has: "Ilves's lawyers", "Moreau's wife", "the singer's publicist".
PERSONAL_RELATIONS = frozenset(
    "lawyer attorney solicitor barrister agent publicist wife husband mother father son "
    "daughter brother sister partner girlfriend boyfriend widow widower family parent".split()
)
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir dame prof prof.".split())
# Names kept cleaned: an article names a few hundred at most, a long-running bot many more.
NAME_CACHE_SIZE = 4096
PARTY_TAG = re.compile(r"^[A-Z]-[A-Z][A-Za-z.]*$")  # "D-Ore.", "R-Texas"
ROLE_SYNONYMS = (
    frozenset({"head", "chief", "director", "leader", "chairman", "chairwoman", "chair", "boss"}),
    frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    frozenset({"minister", "secretary"}),
    frozenset({"company", "firm", "group"}),
    frozenset({"senator", "sen."}),
    frozenset({"representative", "rep.", "congressman", "congresswoman", "lawmaker"}),
    frozenset({"governor", "gov."}),
    frozenset({"general", "gen."}),
    frozenset({"president", "pres."}),
    frozenset({"superintendent", "supt."}),
    frozenset({"detective", "det."}),
    frozenset({"captain", "capt."}),
    frozenset({"lieutenant", "lt."}),
    frozenset({"sergeant", "sgt."}),
    frozenset({"commander", "cmdr."}),
)
# Role nouns for one person, not a body: "a lawyer for the district, Nina Okafor".
PERSON_ROLES = ROLE_NOUNS - COLLECTIVE_NOUNS - INSTITUTION_DESCRIPTORS - {"source"}
# Roles a title in front of a name gives ("Sen. Ruth Engel") as well as the nouns above.
TITLE_ROLES = frozenset(
    "senator congressman congresswoman representative governor general president "
    "superintendent detective captain lieutenant sergeant commander".split()
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved source: ``kind`` is "person", "org", "group", "document" or "unknown"."""

    name: str
    kind: str
    role: str | None = None
    named: bool = False


def is_nameless(name: str) -> bool:
    """ "anyone", "others", an unresolved "who": a stand-in for a name, not a name; "WHO" in
    capitals is the World Health Organization. An empty name (a day or a dateline read as the
    subject, with no name beside it) names no one."""
    if not name.strip():
        return True
    if name.isupper() and len(name) > 1:
        return False
    return name.lower() in NAMELESS or name.lower() == "no one"


# Legal forms that close a company's name in many countries: "Rheinhalle AG", "Fiora SpA".
LEGAL_FORMS = frozenset(
    "ag gmbh sa s.a. se nv n.v. bv b.v. spa s.p.a. oyj asa kk pte bhd pty srl sarl llp lp "
    "a/s".split()
)


def is_company_name(name: str) -> bool:
    """ "Cascade Aerospace", "Brightwater Resources Inc.": a company by its last word, whatever
    the tagger took it for."""
    words = name.split()  # called for every name: a split, not a full cleaning
    if len(words) < 2:
        return False
    last = without_possessive(words[-1])
    lower = last.lower()
    return last[:1].isupper() and (lower in COMPANY_NAME_WORDS or lower in LEGAL_FORMS)


def is_document(token: Token) -> bool:
    """ "the filing", and "Records show …" where the capital only opens the sentence."""
    if token.lemma_.lower() not in DOCUMENT_SOURCES and token.lower_ not in DOCUMENT_SOURCES:
        return False
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.is_sent_start is True)


# Both asked of the same few names again and again (every mention of every name): kept.
@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def clean_name(text: str) -> str:
    """Drop a possessive, a leading article and honorifics: "the Kremlin's" → "Kremlin"."""
    words = without_possessive(text).split()
    while len(words) > 1 and (words[0].lower() == "the" or words[0].lower() in HONORIFICS):
        words = words[1:]
    return " ".join(words)


# Types that never begin a company's own name ("Group Lotus", "Bank Leumi" do).
TYPE_WORDS = frozenset(
    "retailer insurer lender broadcaster miner developer publisher manufacturer producer "
    "supplier operator startup conglomerate grocer carrier".split()
)


def without_type_word(name: str) -> str:
    """ "Drugmaker Novax" → "Novax": a type written in front of a company's name, which the
    tagger often takes into it, is a description, not part of the name."""
    words = name.split()
    first = words[0].lower() if words else ""
    described = first in TYPE_WORDS or (first.endswith("maker") and len(first) > 5)
    if len(words) > 1 and described and words[0][:1].isupper() and words[1][:1].isupper():
        return " ".join(words[1:])
    return name


NAME_LEADING = frozenset({"neither", "either", "both"})
NAME_TRAILING = frozenset({"and", "or", "nor", "but", ",", ";", ":", "-", "–", "—"})


def entity_bounds(ent: Span) -> tuple[int, int]:
    """Token bounds of a tagged name without what the tagger ran into (see ``entity_text``)."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while end - start > 1 and doc[start].lower_ in NAME_LEADING:
        start += 1
    for i in range(start + 1, end):
        token = doc[i]
        if token.pos_ in {"VERB", "AUX"} and token.is_lower:
            end = i
            break
    while end - start > 1 and doc[end - 1].lower_ in NAME_TRAILING:
        end -= 1
    return start, end


def entity_text(ent: Span) -> str:
    """The words of a tagged name without what the tagger ran into: "Neither Halden Bank",
    "Halden Bank and", "Halden Bank," and "ministry went unanswered" name "Halden Bank" and
    "ministry". A name never opens with "neither"/"either"/"both", never ends with a
    conjunction or a comma, and never holds a lower-case verb after its first word."""
    start, end = entity_bounds(ent)
    if (start, end) == (ent.start, ent.end):
        return ent.text
    return ent.doc[start:end].text  # a slice of the name, never of the whole text


@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def without_possessive(text: str) -> str:
    """ "the Kremlin's" → "the Kremlin"; the rest of the name is kept as written."""
    text = text.strip()
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def strip_article(text: str) -> str:
    for article in ("the ", "a ", "an "):
        if text.lower().startswith(article):
            return text[len(article) :]
    return text


def is_not_a_role(apposition: Token) -> bool:
    """ "Tamika Brooks, 34," and "Sen. Ron Wyden, D-Ore.," carry an age or a party tag, not a
    role."""
    text = apposition.text
    if apposition.like_num or apposition.pos_ == "NUM":
        return True
    # "the Labour MP for Westbrook" is a role though its head word is written in capitals
    phrase = noun_phrase_text(apposition)
    return bool(PARTY_TAG.match(text)) or not any(ch.islower() for ch in phrase)


def same_role(description: str, role: str) -> bool:
    """Whether a description's head noun ("a federal prosecutor") names the role a person was
    introduced with ("Assistant U.S. Attorney"); a capitalised "Attorney" in a title is a
    prosecutor's office, a lower-case one a lawyer's."""
    words = description.lower().split()
    head = words[-1] if words else ""
    person_role = head in PERSON_ROLES or head in TITLE_ROLES or head in PERSONAL_RELATIONS
    # "a magistrate … Magistrate Ruth Kenworthy": the title's own head noun, whatever it is,
    # but never a body ("the service" of "the head of the weather service")
    title = role.lower().split()
    for n, word in enumerate(title):
        if word in {"of", "for", "at", "with", "to", "in"}:
            title = title[:n]
            break
    title_head = title[-1].strip(",.") if title else ""
    person_role = person_role or (
        head == title_head and not head.endswith("s") and word_type(head) is None
    )
    if not person_role or (head.endswith("s") and head[:-1] in ROLE_NOUNS):
        # "officials" are several people, and "the service" is a body: neither is the one
        # person named next, even if that person heads the service.
        return False
    role_words = {w.lower().strip(",") for w in role.split()}
    role_words |= {w.rstrip(".") for w in role_words}
    if any(alt in role_words for alt in synonyms(head)):
        return True
    if head == "prosecutor":
        return "Attorney" in role.split() or "prosecutor" in role_words
    return False


def describes_person(description: Token, speaker: Speaker) -> bool:
    """Whether a description's head can name this person: a person's role or epithet ("the
    secretary", "the coach" of "Head coach Ana Ruiz"), never a body whose name only modifies
    the role ("the league" of "League secretary Derek Amis", "the council" of "Council leader
    Tom Atterby")."""
    head = description.lemma_.lower()
    if head in PERSON_ROLES or head in TITLE_ROLES or head in PERSON_EPITHETS:
        return True
    role = (speaker.role or "").lower().split()
    for n, word in enumerate(role):
        if word in {"of", "for", "at", "with", "to", "in"}:
            role = role[:n]
            break
    alternatives = synonyms(head)
    if len(alternatives) > 1:  # "the airline's boss" of "chief executive Marco Tavares"
        return any(word.strip(",") in alternatives for word in role)
    return bool(role) and role[-1].strip(",") in alternatives


def synonyms(word: str) -> frozenset[str]:
    for group in ROLE_SYNONYMS:
        if word in group:
            return group
    return frozenset({word})


def noun_kind(token: Token) -> str:
    """What a pronoun may take a common-noun subject for: "they" → "the police", "officials";
    "he"/"she" → "the minister"; a singular thing ("the driver", "the plan") → neither."""
    lemma = token.lemma_.lower()
    if (
        lemma in COLLECTIVE_NOUNS
        or lemma in BUSINESS_DESCRIPTORS
        or lemma in INSTITUTION_DESCRIPTORS
        or lemma in NEUTRAL_DESCRIPTORS
    ):
        return "org"
    if token.tag_ in {"NNS", "NNPS"}:
        return "group"
    if lemma in ROLE_NOUNS or lemma in PERSON_EPITHETS or lemma in PERSONAL_RELATIONS:
        return "person"
    return "thing"


def full_names(ents: list[Span]) -> dict[str, str]:
    """Surname (lower case) → the longest PERSON name ending in it."""
    names: dict[str, str] = {}
    for ent in ents:
        if ent.label_ != "PERSON" or is_company_name(ent.text):
            continue
        name = clean_name(ent.text)
        surname = name.split()[-1].lower() if name else ""
        if surname and len(name) > len(names.get(surname, "")):
            names[surname] = name
    return names


def honorific_forms(doc: Doc, ents: list[Span]) -> dict[str, str]:
    """Surname (lower case) → the first "Mr. Ortiz" written for it, for a person the article
    never gives a first name."""
    forms: dict[str, str] = {}
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        words = without_possessive(ent.text).split()
        if len(words) == 1 and ent.start > 0 and doc[ent.start - 1].lower_ in HONORIFICS:
            words = [doc[ent.start - 1].text, *words]
        if len(words) == 2 and words[0].lower() in HONORIFICS:
            forms.setdefault(words[-1].lower(), " ".join(words))
    return forms


def apposition_role(ent: Span, is_person: Callable[[Token], bool]) -> str | None:
    """ "Oleh Ivashchenko, the head of …" → "head of …"; "the head, Oleh …" likewise."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and not is_person(child):
            if is_not_a_role(child):
                continue
            return strip_article(noun_phrase_text(child)) or None
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN":
        return strip_article(noun_phrase_text(head)) or None
    return None


MAX_TITLE_TOKENS = 8  # "Ukraine's former deputy foreign minister": titles are short


def title_role(ent: Span) -> str | None:
    """Words in front of the name that modify it: "Ukrainian President", "Russia's FM"."""
    doc = ent.doc
    members = {t.i for t in ent}
    start = ent.start
    while start > max(0, ent.start - MAX_TITLE_TOKENS):
        token = doc[start - 1]
        if (token.is_punct and token.text not in {"’s", "'s"}) or token.is_space:
            break
        if token.dep_ not in {"compound", "amod", "poss", "case", "nmod", "det"}:
            break
        if token.pos_ not in {"NOUN", "PROPN", "ADJ", "PART", "NUM", "DET", "VERB"}:
            break
        if token.head.i not in members and (token.head.i >= ent.end or token.head.i < start - 1):
            break
        members.add(token.i)
        start -= 1
    while start < ent.start and doc[start].dep_ == "det":
        start += 1
    if start == ent.start:
        return None
    words = [w for w in doc[start : ent.start].text.split() if w.lower() not in HONORIFICS]
    role = " ".join(words)
    return role if any(ch.isalpha() for ch in role) else None


def document_name(token: Token) -> str:
    """A document named as precisely as the text allows: "A report released Tuesday by the
    GAO" → "A report by the GAO"; "records obtained by the Guardian" keep who obtained them;
    "a study published in The Lancet" keeps where it appeared. Dates and relative clauses go."""
    parts = [noun_phrase_text(token)]
    if any(c.dep_ == "prep" and c.lower_ == "by" for c in token.children):
        return parts[0]  # "a report by the state auditor" says it already
    for clause in token.children:
        if clause.dep_ != "acl" or clause.tag_ != "VBN":
            continue
        for child in clause.children:
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
            if target is None:
                continue
            if child.dep_ == "agent":
                verb = "" if clause.lemma_.lower() in AUTHOR_VERBS else f"{clause.text} "
                parts.append(f"{verb}by {noun_phrase_text(target)}")
            elif child.dep_ == "prep" and child.lower_ == "in" and clause.lemma_ == "publish":
                parts.append(f"{clause.text} in {noun_phrase_text(target)}")
    return " ".join(parts)
