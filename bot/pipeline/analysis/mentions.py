"""The mentions a pronoun or a description may refer back to, listed once per Doc.

Every name the tagger found, every known surname, every untagged proper-noun speaker or
organisation, and every noun subject ("the agency", "Haines' public defender, Gary Whitlock")
becomes a :class:`Mention` in one pass over the Doc; ``antecedents`` then looks back over them
by bisecting. Also here: full names the tagger missed ("said Ana Ruiz"), so a later "Ruiz"
is known as a surname.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.pipeline.analysis.antecedents import Mention
from bot.pipeline.analysis.descriptions import ONE_PERSON_DESCRIPTIONS
from bot.pipeline.analysis.lexicon import SPEECH_VERBS, SUBJECT_DEPS
from bot.pipeline.analysis.names import (
    PERSONAL_RELATIONS,
    Speaker,
    clean_name,
    document_name,
    is_document,
    noun_kind,
)
from bot.pipeline.analysis.people import TITLE_WORDS
from bot.pipeline.analysis.text import noun_phrase_text

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
REPRESENTATIVES = frozenset(
    "spokesman spokeswoman spokesperson spokespeople representative lawyer attorney".split()
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})
MAX_TITLED_WORDS = 8  # "U.S. District Judge Ana Ruiz"

# Endings of nouns for one person by trade: "bookkeeper", "steelworker", "pharmacist".
PERSON_TRADES = ("keeper", "worker", "ist", "ician")
LOCATIVE_PREPOSITIONS = frozenset(
    "in at near from to across outside inside throughout around into within".split()
)
# Prepositions whose object is where or when something is or happens, never a person: "the
# inquest in Exeter", "until March" (whatever the tagger took the name for). "At" too, for a
# name not tagged as a person's ("worked at Palm Terrace"); "shouted at Ana Ruiz" is someone.
WHERE_PREPOSITIONS = frozenset(
    "in inside outside near across throughout within into until since during".split()
)


@dataclass(frozen=True, slots=True)
class MentionReaders:
    """How the registry reads a name, a lone surname and a described noun's own name."""

    entity: Callable[[Span], Speaker]
    surname: Callable[[Token], Speaker | None]
    named: Callable[[Token], Speaker | None]


def _represented(token: Token) -> bool:
    """ "a spokesman for [the ministry]": the body a representative speaks for, which "it"
    in what the representative says refers to ("… said it would not comment")."""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ in {"for", "of", "at"}
        and prep.head.lemma_.lower() in REPRESENTATIVES
    )


def _is_place(ent: Span) -> bool:
    """ "in Kansas City", "across Ohio": a place named as where something is, which "it" never
    refers to while an organisation is named; "Ohio said it would appeal" is no such place."""
    root = ent.root
    return (
        ent.label_ in PLACE_LABELS
        and root.dep_ == "pobj"
        and root.head.lower_ in LOCATIVE_PREPOSITIONS
    )


def _is_where(ent: Span) -> bool:
    """ "the inquest in Exeter", "a nurse at Palm Terrace": a name standing where something
    happens, which "he" or "she" never means (see ``WHERE_PREPOSITIONS``)."""
    root = ent.root
    if root.dep_ != "pobj":
        return False
    preposition = root.head.lower_
    return (
        preposition in WHERE_PREPOSITIONS
        or (preposition == "at" and ent.label_ != "PERSON")
        or _is_place(ent)
    )


def add_untagged_speakers(doc: Doc, furniture: list[bool], full_names: dict[str, str]) -> None:
    """ "said Ana Ruiz" with no entity from the tagger: a two- or three-word proper name
    speaking, or one after a person's title, is a person's full name, so "Ruiz said" later
    is the same person."""
    for token in doc:
        titled = _titled_person(token) if not furniture[token.i] else None
        if titled is not None:  # "U.S. District Judge Ana Ruiz blocked …. Ruiz wrote"
            surname = titled.name.split()[-1].lower()
            if len(titled.name) > len(full_names.get(surname, "")):
                full_names[surname] = titled.name
            continue
        if (
            token.pos_ != "PROPN"
            or token.dep_ != "nsubj"
            or token.ent_type_
            or furniture[token.i]
            or token.head.lemma_.lower() not in SPEECH_VERBS
        ):
            continue
        words = [t for t in doc[token.left_edge.i : token.i + 1] if t.pos_ == "PROPN"]
        if not 2 <= len(words) <= 3 or words[-1].i != token.i:
            continue
        if not all(w.text[:1].isupper() and w.is_alpha for w in words):
            continue
        name = " ".join(w.text for w in words)
        if len(name) > len(full_names.get(token.lower_, "")):
            full_names[token.lower_] = name


def is_untagged_organisation(token: Token, full_names: dict[str, str]) -> bool:
    """ "Prairie Mutual expanded …" with no entity from the tagger: a proper-noun subject
    of two to four capitalised words, none a person's known name, is what "it" may be."""
    if token.pos_ != "PROPN" or token.dep_ not in SUBJECT_DEPS or token.ent_type_:
        return False
    words = [t for t in token.doc[token.left_edge.i : token.i + 1] if t.dep_ != "det"]
    return (
        2 <= len(words) <= 4
        and all(w.pos_ == "PROPN" and w.text[:1].isupper() and w.is_alpha for w in words)
        and not any(w.lower_ in full_names for w in words)
    )


def collect_mentions(
    doc: Doc,
    names: list[Span],
    furniture: list[bool],
    sentence_index: list[int],
    full_names: dict[str, str],
    read: MentionReaders,
) -> list[Mention]:
    """Every name and noun subject outside the page furniture, in one pass."""
    mentions: list[Mention] = []
    seen: set[int] = set()
    for ent in names:
        if ent.label_ not in NAME_LABELS:
            continue
        root = ent.root
        seen.update(t.i for t in ent)
        mentions.append(
            Mention(
                root.i,
                sentence_index[root.i],
                read.entity(ent),
                root.dep_ in SUBJECT_DEPS,
                place=_is_place(ent),
                inanimate=_is_where(ent),
            )
        )
    for token in doc:
        if token.i in seen or furniture[token.i] or _section_label(token):
            continue
        speaker = _token_speaker(token, full_names, read)
        if speaker is not None:
            mentions.append(
                Mention(token.i, sentence_index[token.i], speaker, token.dep_ in SUBJECT_DEPS)
            )
    return mentions


def _section_label(token: Token) -> bool:
    """ "Details: The round values …": a word opening its line before a colon labels a section
    of the page, which no pronoun refers to ("What they're saying: …")."""
    if token.whitespace_:  # cheap first: a label's colon follows it directly
        return False
    doc = token.doc
    return (
        token.i + 1 < len(doc)
        and doc[token.i + 1].text == ":"
        and (token.i == 0 or "\n" in doc[token.i - 1].text_with_ws)
    )


def _token_speaker(
    token: Token, full_names: dict[str, str], read: MentionReaders
) -> Speaker | None:
    """Who a token outside the tagged names stands for, if a pronoun may refer to it."""
    titled = _titled_person(token)  # first: its title is a role "the judge" may match
    if titled is not None:
        return titled
    speaker = read.surname(token)
    if speaker is not None:
        return speaker
    if (
        token.pos_ == "PROPN"
        and token.dep_ == "nsubj"
        and token.head.lemma_.lower() in SPEECH_VERBS
        and token.ent_type_ not in TIME_LABELS  # "until March said": a month says nothing
    ):
        return Speaker(noun_phrase_text(token), "person", named=True)
    owner = _person_by_relation(token)
    if owner is not None:
        return owner
    if is_untagged_organisation(token, full_names):
        return Speaker(clean_name(noun_phrase_text(token)), "org", named=True)
    if token.dep_ == "nsubj" and is_document(token) and token.head.lemma_.lower() in SPEECH_VERBS:
        # "The cable says …. It adds that …": a document that speaks, which "it" goes on with
        return Speaker(document_name(token), "document")
    if token.pos_ == "NOUN" and (token.dep_ in SUBJECT_DEPS or _represented(token)):
        # "Haines' public defender, Gary Whitlock, countered …. 'No,' he said": the name the
        # description is given is what "he" refers to
        return read.named(token) or Speaker(noun_phrase_text(token), _subject_kind(token))
    return None


def _subject_kind(token: Token) -> str:
    """ "A neighbour, who asked not to be named, said …. '…,' she said": a noun for one
    person by where they live or what they do ("neighbour", "witness", "nurse") is what "she"
    may refer to, as much as "the minister" is."""
    kind = noun_kind(token)
    if kind != "thing" or token.tag_ != "NN":
        return kind
    lemma = token.lemma_.lower()
    if lemma in TITLE_WORDS or lemma in ONE_PERSON_DESCRIPTIONS or lemma.endswith(PERSON_TRADES):
        return "person"
    return "person" if _said_to_be_someone(token) else kind


def _said_to_be_someone(token: Token) -> bool:
    """ "A certified nursing assistant who worked there", "a 29-year-old cashier": a noun the
    story gives a "who" clause or an age is someone, whatever the noun ("whose" a body may
    take too: "a firm whose shares fell")."""
    for child in token.children:
        if child.dep_ == "relcl" and any(
            g.lower_ in {"who", "whom"} and g.i < child.i for g in child.children
        ):
            return True
        if child.dep_ == "amod" and child.lower_ == "old" and child.i >= 2:
            doc = token.doc
            if doc[child.i - 1].text == "-" and doc[child.i - 2].lower_ in {"year", "years"}:
                return True
    return False


def _titled_person(token: Token) -> Speaker | None:
    """ "Neighbor Deb Hartley isn't convinced", "U.S. District Judge Ana Ruiz blocked the
    rule": an untagged proper-noun subject whose title ends with a person's title word is the
    person named after it, whom a later "she" or "the judge" means."""
    if token.pos_ != "PROPN" or token.dep_ not in SUBJECT_DEPS or token.ent_type_:
        return None
    words = [t for t in token.doc[token.left_edge.i : token.i + 1] if t.dep_ != "det"]
    if len(words) > MAX_TITLED_WORDS:
        return None
    last_title = max((n for n, w in enumerate(words) if w.lower_ in TITLE_WORDS), default=-1)
    name = words[last_title + 1 :]
    if last_title < 0 or not 2 <= len(name) <= 3:
        return None
    if not all(w.pos_ == "PROPN" and w.is_alpha and w.text[:1].isupper() for w in name):
        return None
    role = " ".join(w.text for w in words[: last_title + 1])
    return Speaker(" ".join(w.text for w in name), "person", role, named=True)


def _person_by_relation(token: Token) -> Speaker | None:
    """ "Ilves's lawyers filed the appeal. Reuters could not reach him": a capitalised name
    owning a lawyer, a spouse or an agent is a person's, which a later "him" may mean, however
    the tagger read it."""
    doc = token.doc
    if token.dep_ != "poss" or token.ent_type_ or not token.is_alpha:
        return None
    if token.pos_ not in {"PROPN", "NOUN"} or not token.text[:1].isupper() or token.is_upper:
        return None
    if token.i + 1 >= len(doc) or doc[token.i + 1].tag_ != "POS":
        return None
    if token.head.lemma_.lower() not in PERSONAL_RELATIONS:
        return None
    return Speaker(token.text, "person", named=True)
