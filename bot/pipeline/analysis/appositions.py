"""A description followed by the name it describes: the name is the speaker.

"the central bank's chief economist, Maria Lopez," is Maria Lopez, "a spokeswoman for the
mayor, Jenna Ortiz," is Jenna Ortiz, and "a hacking group calling itself Nightfall" is
Nightfall: a reader takes the name, not the description in front of it. Each rule looks at the
children of one token (and of its "for/of/at" object), so it costs a few tokens per subject.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from bot.pipeline.analysis.descriptions import word_type
from bot.pipeline.analysis.names import PERSON_ROLES, PERSONAL_RELATIONS, Speaker, strip_article
from bot.pipeline.analysis.text import noun_phrase_text, tokens_text

# "a group calling itself X", "a charity called X", "a militia known as X", "a firm named X".
NAMING_VERBS = frozenset({"call", "name", "know", "dub", "style"})
MAX_NAME_WORDS = 6
MAX_SUBJECT_TOKENS = 30  # how far a subject's closing name may sit from its head noun
# Roles in sport written in front of a name: "Harbourside striker Tomi Adeyemi".
SPORT_ROLES = frozenset(
    "striker defender midfielder winger forward guard goalkeeper keeper captain coach manager "
    "seamer bowler batsman batter opener spinner pitcher catcher quarterback receiver "
    "linebacker driver rider runner sprinter swimmer golfer player boxer fighter jockey "
    "cyclist skier gymnast skipper wicketkeeper fullback centre-back".split()
)


class Appositions:
    """Names given right after a description, read with the registry's entities."""

    def __init__(
        self,
        entity_at: dict[int, Span],
        entity_speaker: Callable[[Span], Speaker],
        person: Callable[[str], Speaker],
    ) -> None:
        self._entity_at = entity_at
        self._entity_speaker = entity_speaker
        self._person = person

    def named(self, token: Token) -> Speaker | None:
        """The name a noun is given by an apposition, a naming participle or, after a role
        noun, by the name the parser hung on the role's object."""
        if token.pos_ not in {"NOUN", "ADJ"}:  # "Its director-general, Dr. Amina Keita,"
            return None
        for child in token.children:
            ent = self._entity_at.get(child.i)
            if child.dep_ == "appos" and ent is not None and ent.label_ in {"PERSON", "ORG"}:
                return self._entity_speaker(ent)
        if token.pos_ != "NOUN":
            return None
        return (
            self._name_next(token)
            or self._called(token)
            or self._name_after_role(token)
            or self._name_closing_subject(token)
        )

    def _name_closing_subject(self, token: Token) -> Speaker | None:
        """ "The flying school that owns the aircraft, Skyward Aviation, said", "Her
        publicist, Jade Okafor, said": a name set off by commas that closes the subject right
        before its verb is what the subject is called, wherever the parser hung it."""
        verb = token.head
        if token.dep_ != "nsubj" or verb.i <= token.i or verb.i - token.i > MAX_SUBJECT_TOKENS:
            return None
        doc = token.doc
        if doc[verb.i - 1].text != ",":
            return None
        name = doc[verb.i - 2]
        if name.dep_ != "appos" or name.pos_ != "PROPN" or not token.i < name.i:
            return None
        if not token.left_edge.i <= name.head.i <= token.right_edge.i:
            return None  # hung on a noun of the subject's own phrase
        if _through_a_conjunct(name, token):
            return None  # "The company and its negotiator, Lisa Ng, declined": hers
        start = name.left_edge.i
        if start < 1 or doc[start - 1].text != ",":
            return None
        words = [t for t in doc[start : name.i + 1]]
        if not 1 <= len(words) <= MAX_NAME_WORDS or not all(
            w.pos_ == "PROPN" and w.text[:1].isupper() for w in words
        ):
            return None
        ent = self._entity_at.get(name.i)
        if ent is not None and ent.root.i == name.i and ent.label_ in {"PERSON", "ORG"}:
            return self._entity_speaker(ent)
        text = " ".join(w.text for w in words)
        lemma = token.lemma_.lower()
        if lemma in PERSON_ROLES | PERSONAL_RELATIONS | SPORT_ROLES:
            return Speaker(text, "person", named=True) if len(words) >= 2 else None
        return Speaker(text, "org", named=True) if word_type(lemma) is not None else None

    def _name_next(self, token: Token) -> Speaker | None:
        """ "French coach Didier Deschamps said", parsed as two subjects: a role noun right
        before a person's name is that person."""
        if token.lemma_.lower() not in PERSON_ROLES | SPORT_ROLES or token.i + 1 >= len(token.doc):
            return None
        ent = self._entity_at.get(token.i + 1)
        if ent is None or ent.start != token.i + 1 or ent.label_ != "PERSON":
            return None
        return self._entity_speaker(ent)

    def _called(self, token: Token) -> Speaker | None:
        """ "A hacking group calling itself Nightfall", "a charity called Open Doors", "a
        militia known as the Red Hand": the name the description goes by."""
        kind = "person" if token.lemma_.lower() in PERSON_ROLES else "org"
        for clause in token.children:
            if clause.dep_ != "acl" or clause.lemma_.lower() not in NAMING_VERBS:
                continue
            for child in clause.children:
                name = child
                if child.dep_ == "prep" and child.lower_ == "as":
                    name = next((c for c in child.children if c.dep_ == "pobj"), child)
                elif child.dep_ not in {"oprd", "xcomp", "dobj", "attr"}:
                    continue
                if name.pos_ != "PROPN" or name.lower_ in {"itself", "himself", "herself"}:
                    continue
                ent = self._entity_at.get(name.i)
                if ent is not None and ent.root.i == name.i and ent.label_ == "PERSON":
                    return self._entity_speaker(ent)
                words = strip_article(noun_phrase_text(name))
                if 1 <= len(words.split()) <= MAX_NAME_WORDS and words[:1].isupper():
                    return Speaker(words, kind, named=True)
        return None

    def _name_after_role(self, token: Token) -> Speaker | None:
        """ "A spokeswoman for the mayor, Jenna Ortiz, said": the parser hangs the name on the
        nearest noun ("the mayor"), but after a role noun and its "for/of/at" phrase the name
        is the role holder's."""
        lemma = token.lemma_.lower()
        if lemma not in PERSON_ROLES or token.tag_ != "NN":
            return None
        owners = [
            owner
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ in {"for", "of", "at", "to"}
            for owner in prep.children
            if owner.dep_ == "pobj"
        ]
        doc = token.doc
        for host in (token, *owners):
            for name in host.children:
                if name.dep_ != "appos" or name.pos_ != "PROPN" or name.i < token.i:
                    continue
                words = noun_phrase_text(name).split()
                ent = self._entity_at.get(name.i)
                person = ent is not None and ent.label_ == "PERSON"
                if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
                    continue
                if not person and ent is not None and ent.label_ in {"NORP", "FAC"}:
                    continue
                role = strip_article(tokens_text(doc, token.left_edge.i, name.left_edge.i))
                if person:
                    return Speaker(self._person(ent.text).name, "person", role, named=True)
                return Speaker(" ".join(words), "person", role, named=True)
        return None


def _through_a_conjunct(name: Token, subject: Token) -> bool:
    """Whether the name hangs on another conjunct of the subject ("The company and its
    negotiator, Lisa Ng,"), found by a bounded climb from the name to the subject."""
    token = name.head
    for _ in range(MAX_SUBJECT_TOKENS):
        if token.i == subject.i:
            return False
        if token.dep_ == "conj":
            return True
        token = token.head
    return True
