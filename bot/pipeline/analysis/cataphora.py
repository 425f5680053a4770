"""A speaker described first and named after: the delayed identification of wire copy.

"A former bookkeeper for a Fresno grower testified Monday that … . 'He told me to shred
them,' Marta Ruiz, 52, told jurors", "Scotland's health secretary has said … . Speaking in
Glasgow, Ana Kerr said …": a reader takes the description for the first person the next
sentences name as a speaker, when nothing says that person is someone else. So the person must
be named there for the first time, speak (the subject of a speech verb), and carry no title or
apposition of another role ("Judge Ana Kerr", "Jo Kerr, a neighbour,"); an age alone (", 52,")
is what a court or crime story gives the one it described, so it is read as the same person
only after an indefinite description ("A former bookkeeper"). The people who speak are listed
once per Doc, so each description looks at a few sentences only.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.pipeline.analysis.doc_index import entities
from bot.pipeline.analysis.layout import furniture
from bot.pipeline.analysis.lexicon import SPEECH_VERBS, SUBJECT_DEPS
from bot.pipeline.analysis.names import HONORIFICS, Speaker, clean_name, same_role
from bot.pipeline.analysis.people import MISREAD_LABELS, could_be_a_person, relabelled
from bot.pipeline.analysis.text import noun_phrase_text

MAX_TITLE_WORDS = 6
MAX_NAME_WORDS = 3
# People a story meets at the scene, quoted in numbers and mostly unnamed.
BYSTANDERS = frozenset(
    "witness neighbour neighbor bystander onlooker passerby passer-by resident motorist "
    "passenger customer shopper spokesman spokeswoman spokesperson".split()
)
JUDICIAL_TITLES = frozenset("judge justice magistrate".split())
DESCRIPTION_BREAKS = frozenset("for of at with from in who which that".split())
MAX_CLIMB = 4  # from a day to its clause's verb: "on [Friday]" ← "Giving" ← "said"


@dataclass(frozen=True, slots=True)
class Introduction:
    """A person named as the subject of a speech verb, with what the story set beside it."""

    index: int
    speaker: Speaker
    role: str | None  # a title in front or a role in apposition
    aged: bool  # an age in apposition (", 52,")


class Introductions:
    """The people who speak in a Doc, by position; ``starts`` are its sentence starts and
    ``first`` where each word (lower case) first appears, as the caller already has them."""

    def __init__(self, doc: Doc, starts: list[int], first: dict[str, int]) -> None:
        self._doc = doc
        self._starts = starts
        self._first = first
        marked = furniture(doc)
        people = {
            e.root.i: e
            for e in relabelled(doc, [e for e in entities(doc) if not marked[e.start]])
            if e.label_ == "PERSON"
        }
        found: list[Introduction] = []
        for token in doc:
            introduction = None if marked[token.i] else _introduction(token, people)
            if introduction is not None:
                found.append(introduction)
        self._found = found
        self._positions = [i.index for i in found]

    def sentence(self, i: int) -> int:
        return bisect_right(self._starts, i)

    def next_named(
        self, description: str, position: int, sentences: int, *, indefinite: bool
    ) -> Speaker | None:
        """The first person named as a speaker in the ``sentences`` after ``position``'s,
        named there for the first time, whom nothing marks as someone else; or None."""
        here = self.sentence(position)
        after = self._starts[here] if here < len(self._starts) else len(self._doc)
        for found in self._found[bisect_left(self._positions, position + 1) :]:
            if self.sentence(found.index) - here > sentences:
                return None
            if self.sentence(found.index) == here:
                continue
            surname = self._doc[found.index].lower_  # the name's last word
            if self._first.get(surname, 0) < after:
                return None  # named with or before the description: it would have said so
            if found.role is not None:
                return found.speaker if _fits_role(description, found.role) else None
            if found.aged and (not indefinite or _bystander(description)):
                return None
            return found.speaker
        return None


def _fits_role(description: str, role: str) -> bool:
    """ "a federal prosecutor" … "Assistant U.S. Attorney Kim Cho" (``same_role``); "a judge"
    … "Mr Justice Carrow" or "Magistrate Ana Ruiz": a judge by any judicial title."""
    if same_role(description, role):
        return True
    words = description.lower().split()
    head = next(
        (
            w
            for n, w in enumerate(words)
            if n + 1 == len(words) or words[n + 1] in DESCRIPTION_BREAKS
        ),
        "",
    )
    titles = {w.lower().strip(",.") for w in role.split()}
    return head in JUDICIAL_TITLES and bool(titles & JUDICIAL_TITLES)


def _bystander(description: str) -> bool:
    """ "A witness said …. Jo Kerr, 34, said": a story quotes several witnesses or neighbours,
    most unnamed, so a name with only an age is another one, not the one described."""
    words = description.lower().split()
    for n, word in enumerate(words):
        if word in DESCRIPTION_BREAKS and n > 0:
            words = words[:n]
            break
    return bool(words) and words[-1] in BYSTANDERS


def _introduction(token: Token, people: dict[int, Span]) -> Introduction | None:
    """A person's name as the subject of a speech verb ("Marta Ruiz, 52, told jurors"), or
    set beside a day the parser took for the subject ("On Friday, Marta Ruiz said")."""
    if token.pos_ != "PROPN" or _speech_verb(token) is None:
        return None
    doc = token.doc
    span = people.get(token.i)
    if span is None:  # untagged, or taken for a title: "Teresa Alvarado" WORK_OF_ART
        if token.ent_type_ in MISREAD_LABELS:
            return None  # a body or a place the story never uses as a person's
        start = token.i
        while start > 0 and token.i - start <= MAX_NAME_WORDS and _name_part(doc[start - 1], token):
            start -= 1
        span = Span(doc, start, token.i + 1, label="ORG")
        if not could_be_a_person(span):
            return None  # a body, a team, a place
    name = clean_name(span.text)
    role = _title(span, token) or _apposed_role(token)
    if len(name.split()) < 2 and role is None:
        return None  # a surname alone is no first naming, unless a title goes with it
    aged = any(c.dep_ in {"appos", "npadvmod"} and c.like_num for c in token.children)
    return Introduction(token.i, Speaker(name, "person", role, named=True), role, aged)


def _name_part(word: Token, head: Token) -> bool:
    """A capitalised word of the name hung on its last word ("Teresa [Alvarado]")."""
    if word.text == "-":  # "Prys-Davies"
        return word.head.i == head.i
    return (
        word.dep_ == "compound"
        and word.head.i == head.i
        and word.pos_ == "PROPN"
        and word.is_alpha
        and word.text[:1].isupper()
    )


def _speech_verb(token: Token) -> Token | None:
    """The speech verb a name is the subject of; "Giving evidence on Friday, Marta Ruiz,
    52, said": a name the parser set beside a day is the subject of the verb above it."""
    if token.dep_ in SUBJECT_DEPS:
        verb = token.head
    elif token.dep_ == "appos" and token.head.ent_type_ in {"DATE", "TIME"}:
        verb = token.head
        for _ in range(MAX_CLIMB):
            if verb.head.i == verb.i:
                break
            verb = verb.head
    else:
        return None
    return verb if verb.lemma_.lower() in SPEECH_VERBS else None


def _title(ent: Span, root: Token) -> str | None:
    """ "Defense attorney Ana Ruiz", "Judge Ana Ruiz": the words in front of the name."""
    doc = ent.doc
    start = root.left_edge.i if root.dep_ != "appos" else ent.start
    words = [
        t.text
        for t in doc[max(start, ent.start - MAX_TITLE_WORDS) : ent.start]
        if t.dep_ != "det" and t.lower_ not in HONORIFICS and not t.is_punct
    ]
    return " ".join(words) or None


def _apposed_role(root: Token) -> str | None:
    """ "Jo Kerr, a neighbour,": a noun in apposition says who the person is."""
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ in {"NOUN", "PROPN"} and child.i > root.i:
            return noun_phrase_text(child)
    return None
