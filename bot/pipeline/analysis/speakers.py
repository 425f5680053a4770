"""Who is speaking: full names, roles, and later mentions resolved to the same speaker.

A small registry built once per document. Full names come from PERSON entities (the longest
name sharing a surname wins), roles from appositions ("Oleh Ivashchenko, the head of …") and
titles in front of a name ("Ukrainian President Volodymyr Zelenskyy"). Surnames, pronouns and
definite descriptions ("the head of the service") resolve to the most recent compatible
mention, preferring sentence subjects as people reading news do.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.pipeline.analysis.doc_index import entities
from bot.pipeline.analysis.layout import furniture
from bot.pipeline.analysis.lexicon import (
    BUSINESS_DESCRIPTORS,
    COLLECTIVE_NOUNS,
    INSTITUTION_DESCRIPTORS,
    INSTITUTION_NAME_HEADS,
    PERSONAL_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    REFUSAL_VERBS,
    REPLY_VERBS,
    ROLE_NOUNS,
    SPEECH_VERBS,
)
from bot.pipeline.analysis.text import noun_phrase_text, tokens_text

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir dame prof prof.".split())
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Verbs whose subject is a source or a party asked for comment.
SOURCE_VERBS = SPEECH_VERBS | REPLY_VERBS | REFUSAL_VERBS | {"reach", "decline"}
LOOKBACK_SENTENCES = 4
LOOKBACK_TOKENS = 400
PARTY_TAG = re.compile(r"^[A-Z]-[A-Z][A-Za-z.]*$")  # "D-Ore.", "R-Texas"
ROLE_SYNONYMS = (
    frozenset({"head", "chief", "director", "leader", "chairman", "chairwoman", "chair"}),
    frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    frozenset({"minister", "secretary"}),
    frozenset({"company", "firm", "group"}),
)


# Role nouns for one person, not a body: "a lawyer for the district, Nina Okafor".
PERSON_ROLES = ROLE_NOUNS - COLLECTIVE_NOUNS - INSTITUTION_DESCRIPTORS - {"source"}


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved source: ``kind`` is "person", "org", "group" or "unknown"."""

    name: str
    kind: str
    role: str | None = None
    named: bool = False


@dataclass(frozen=True, slots=True)
class _Mention:
    index: int
    sentence: int
    speaker: Speaker
    is_subject: bool


def clean_name(text: str) -> str:
    """Drop a possessive, a leading article and honorifics: "the Kremlin's" → "Kremlin"."""
    text = text.strip()
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    words = text.split()
    while len(words) > 1 and (words[0].lower() == "the" or words[0].lower() in HONORIFICS):
        words = words[1:]
    return " ".join(words)


def _strip_article(text: str) -> str:
    for article in ("the ", "a ", "an "):
        if text.lower().startswith(article):
            return text[len(article) :]
    return text


def _is_not_a_role(apposition: Token) -> bool:
    """ "Tamika Brooks, 34," and "Sen. Ron Wyden, D-Ore.," carry an age or a party tag, not a
    role."""
    text = apposition.text
    if apposition.like_num or apposition.pos_ == "NUM":
        return True
    return bool(PARTY_TAG.match(text)) or not any(ch.islower() for ch in text)


def same_role(description: str, role: str) -> bool:
    """Whether a description's head noun ("a federal prosecutor") names the role a person was
    introduced with ("Assistant U.S. Attorney"); a capitalised "Attorney" in a title is a
    prosecutor's office, a lower-case one a lawyer's."""
    words = description.lower().split()
    head = words[-1] if words else ""
    if head not in PERSON_ROLES or (head.endswith("s") and head[:-1] in ROLE_NOUNS):
        # "officials" are several people, and "the service" is a body: neither is the one
        # person named next, even if that person heads the service.
        return False
    role_words = {w.lower().strip(",.") for w in role.split()}
    if any(alt in role_words for alt in _synonyms(head)):
        return True
    if head == "prosecutor":
        return "Attorney" in role.split() or "prosecutor" in role_words
    return False


def _synonyms(word: str) -> frozenset[str]:
    for group in ROLE_SYNONYMS:
        if word in group:
            return group
    return frozenset({word})


def _noun_kind(token: Token) -> str:
    """What a pronoun may take a common-noun subject for: "they" → "the police", "officials";
    "he"/"she" → "the minister"; a singular thing ("the driver", "the plan") → neither."""
    lemma = token.lemma_.lower()
    if (
        lemma in COLLECTIVE_NOUNS
        or lemma in BUSINESS_DESCRIPTORS
        or lemma in INSTITUTION_DESCRIPTORS
    ):
        return "org"
    if token.tag_ in {"NNS", "NNPS"}:
        return "group"
    if lemma in ROLE_NOUNS:
        return "person"
    return "thing"


class SpeakerRegistry:
    """Resolves a subject token to a :class:`Speaker`, using what the document said before."""

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        self._sentence_index = self._index_sentences(doc)
        self._sentence_starts = [sent.start for sent in doc.sents]
        self.furniture = furniture(doc)
        # Names in datelines, bylines and headlines name no speaker and no antecedent.
        self._names = [e for e in entities(doc) if not self.furniture[e.start]]
        self._full_names = self._collect_full_names(self._names)
        self.roles: dict[str, str] = {}
        self._entity_at: dict[int, Span] = {}
        for ent in self._names:
            if ent.label_ in NAME_LABELS:
                for token in ent:
                    self._entity_at[token.i] = ent
        self._collect_roles(doc)
        self._mentions = self._collect_mentions(doc)
        self._reported = self._reported_tokens(doc)

    # --- building -------------------------------------------------------------------------

    @staticmethod
    def _index_sentences(doc: Doc) -> list[int]:
        index = [0] * len(doc)
        for number, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                index[i] = number
        return index

    @staticmethod
    def _collect_full_names(ents: list[Span]) -> dict[str, str]:
        """Surname (lower case) → the longest PERSON name ending in it."""
        names: dict[str, str] = {}
        for ent in ents:
            if ent.label_ != "PERSON":
                continue
            name = clean_name(ent.text)
            surname = name.split()[-1].lower()
            if len(name) > len(names.get(surname, "")):
                names[surname] = name
        return names

    def _collect_roles(self, doc: Doc) -> None:
        for ent in self._names:
            if ent.label_ != "PERSON":
                continue
            name = self.full_name(ent.text)
            role = self._title_role(ent) or self._apposition_role(ent)
            if role and name not in self.roles:
                self.roles[name] = role

    def _apposition_role(self, ent: Span) -> str | None:
        root = ent.root
        for child in root.children:
            if child.dep_ == "appos" and child.i not in self._entity_at_person(child):
                if _is_not_a_role(child):
                    continue
                return _strip_article(noun_phrase_text(child)) or None
        head = root.head
        if root.dep_ == "appos" and head.pos_ == "NOUN":
            return _strip_article(noun_phrase_text(head)) or None
        return None

    def _entity_at_person(self, token: Token) -> set[int]:
        ent = self._entity_at.get(token.i)
        return {token.i} if ent is not None and ent.label_ == "PERSON" else set()

    @staticmethod
    def _title_role(ent: Span) -> str | None:
        """Words in front of the name that modify it: "Ukrainian President", "Russia's FM"."""
        doc = ent.doc
        members = {t.i for t in ent}
        start = ent.start
        while start > 0:
            token = doc[start - 1]
            if (token.is_punct and token.text not in {"’s", "'s"}) or token.is_space:
                break
            if token.dep_ not in {"compound", "amod", "poss", "case", "nmod", "det"}:
                break
            if token.pos_ not in {"NOUN", "PROPN", "ADJ", "PART", "NUM", "DET", "VERB"}:
                break
            if token.head.i not in members and (
                token.head.i >= ent.end or token.head.i < start - 1
            ):
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

    def _collect_mentions(self, doc: Doc) -> list[_Mention]:
        mentions: list[_Mention] = []
        seen: set[int] = set()
        for ent in self._names:
            if ent.label_ not in NAME_LABELS:
                continue
            speaker = self._entity_speaker(ent)
            root = ent.root
            seen.update(t.i for t in ent)
            mentions.append(
                _Mention(root.i, self._sentence_index[root.i], speaker, root.dep_ in SUBJECT_DEPS)
            )
        for token in doc:
            if token.i in seen or self.furniture[token.i]:
                continue
            if token.pos_ == "PROPN" and token.text.lower() in self._full_names:
                speaker = self._person(token.text)
            elif (
                token.pos_ == "PROPN"
                and token.dep_ == "nsubj"
                and (token.head.lemma_.lower() in SPEECH_VERBS)
            ):
                speaker = Speaker(noun_phrase_text(token), "person", named=True)
            elif token.dep_ in SUBJECT_DEPS and token.pos_ == "NOUN":
                speaker = Speaker(noun_phrase_text(token), _noun_kind(token))
            else:
                continue
            mentions.append(
                _Mention(
                    token.i, self._sentence_index[token.i], speaker, token.dep_ in SUBJECT_DEPS
                )
            )
        mentions.sort(key=lambda m: m.index)
        return mentions

    @staticmethod
    def _reported_tokens(doc: Doc) -> list[bool]:
        """Whether each token lies in what a speech verb reports ("X said [the talks stalled]").

        A pronoun that speaks next ("…, they said") refers to a source, not to a noun inside
        someone's statement. Marked with a difference array: linear however deep the parse.
        """
        delta = [0] * (len(doc) + 1)
        for token in doc:
            if token.dep_ == "ccomp" and token.head.lemma_.lower() in SPEECH_VERBS:
                delta[token.left_edge.i] += 1
                delta[token.right_edge.i + 1] -= 1
        marked: list[bool] = []
        depth = 0
        for i in range(len(doc)):
            depth += delta[i]
            marked.append(depth > 0)
        return marked

    # --- resolving ------------------------------------------------------------------------

    def full_name(self, text: str) -> str:
        name = clean_name(text)
        return self._full_names.get(name.split()[-1].lower(), name) if name else name

    def _is_known_surname(self, ent: Span) -> bool:
        """spaCy sometimes tags a lone surname as ORG ("Fauci said"); the full name knows better."""
        name = clean_name(ent.text)
        return ent.label_ == "ORG" and " " not in name and name.lower() in self._full_names

    def _person(self, text: str) -> Speaker:
        name = self.full_name(text)
        return Speaker(name, "person", self.roles.get(name), named=True)

    def _entity_speaker(self, ent: Span) -> Speaker:
        if ent.label_ == "PERSON" or self._is_known_surname(ent):
            return self._person(ent.text)
        kind = "group" if ent.label_ == "NORP" else "org"
        return Speaker(clean_name(ent.text), kind, named=True)

    def resolve(self, token: Token, without: Collection[Token] = ()) -> Speaker:
        """The speaker a subject token refers to; unknown pronouns keep their own text.

        ``without`` lists modifiers that belong to the clause, not the name ("regulators [of
        hiding losses]" in a misparsed passive).
        """
        lower = token.text.lower()
        if token.pos_ == "PRON" and lower in PERSONAL_PRONOUNS and token.tag_ != "PRP$":
            found = self._resolve_pronoun(token, PERSONAL_PRONOUNS[lower])
            return found or Speaker(token.text, "unknown")
        if token.tag_ in {"WDT", "WP"} and token.head.dep_ == "relcl":
            return self.resolve(token.head.head)  # "the ministry, which declined …"
        ent = self._entity_at.get(token.i)
        if ent is not None and ent.root.i == token.i:
            return self._entity_speaker(ent)
        if token.pos_ == "PROPN" and token.text.lower() in self._full_names:
            return self._person(token.text)
        named_by_apposition = self._apposed_person(token)
        if named_by_apposition is not None:
            return named_by_apposition
        owned = self._owned_by_pronoun(token)
        if owned is not None:
            return owned
        if token.pos_ in {"NOUN", "PROPN"}:
            described = self._resolve_description(token)
            if described is not None:
                return described
        kind = "group" if token.tag_ in {"NNS", "NNPS"} else "unknown"
        if ent is not None:
            return self._entity_speaker(ent)
        return Speaker(noun_phrase_text(token, without), kind, named=token.pos_ == "PROPN")

    def _owned_by_pronoun(self, token: Token) -> Speaker | None:
        """ "His office" → "Mike Johnson's office", the owner resolved like a pronoun."""
        if token.pos_ != "NOUN" or any(c.dep_ == "appos" for c in token.children):
            return None  # "His attorney, Daniel Reyes": the name says more
        owner = next(
            (c for c in token.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS),
            None,
        )
        if owner is None:
            return None
        found = self._resolve_pronoun(owner, POSSESSIVE_PRONOUNS[owner.lower_])
        if found is None:
            return None
        rest = noun_phrase_text(token, [owner])
        return Speaker(f"{found.name}'s {rest}", "org", named=found.named)

    def _apposed_person(self, token: Token) -> Speaker | None:
        """ "the central bank's chief economist, Maria Lopez," → Maria Lopez; "the trade
        publication Pollstar" → Pollstar: a description followed by its name is the name."""
        if token.pos_ != "NOUN":
            return None
        for child in token.children:
            ent = self._entity_at.get(child.i)
            if child.dep_ == "appos" and ent is not None and ent.label_ in {"PERSON", "ORG"}:
                return self._entity_speaker(ent)
        return self._name_after_role(token)

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
                role = _strip_article(tokens_text(self._doc, token.left_edge.i, name.left_edge.i))
                if person:
                    return Speaker(self._person(ent.text).name, "person", role, named=True)
                return Speaker(" ".join(words), "person", role, named=True)
        return None

    def _candidates_before(self, token: Token) -> list[_Mention]:
        sentence = self._sentence_index[token.i]
        return [
            m
            for m in self._mentions
            if m.index < token.i and sentence - m.sentence <= LOOKBACK_SENTENCES
        ]

    def _resolve_pronoun(self, token: Token, kind: str) -> Speaker | None:
        if kind == "person":
            wanted = {"person"}
        elif kind == "group":
            wanted = {"group", "org"}
        else:
            wanted = {"org"}
        candidates = [m for m in self._candidates_before(token) if m.speaker.kind in wanted]
        verb = token.head
        if token.dep_ in SUBJECT_DEPS and verb.lemma_.lower() in SOURCE_VERBS:
            # "…, they said": a source, not a noun inside a statement.
            candidates = [
                m
                for m in candidates
                if not self._reported[m.index]
                and not verb.left_edge.i <= m.index <= verb.right_edge.i
            ]
        if not candidates:
            return None
        latest_sentence = candidates[-1].sentence
        in_sentence = [m for m in candidates if m.sentence == latest_sentence]
        subjects = [m for m in in_sentence if m.is_subject]
        return (subjects or in_sentence)[-1].speaker

    def _resolve_description(self, token: Token) -> Speaker | None:
        """ "the head of the service" → the speaker whose role or name has those words."""
        determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
        if not determiners & {"the", "this", "that"}:
            return None
        words = {
            t.lemma_.lower()
            for t in token.subtree
            if t.pos_ in {"NOUN", "PROPN"} and t.dep_ not in {"relcl", "appos"}
        }
        if any(t.pos_ == "PROPN" for t in token.subtree) and token.lemma_.lower() not in ROLE_NOUNS:
            return None
        for mention in reversed(self._candidates_before(token)):
            speaker = mention.speaker
            if not speaker.named:
                continue
            described = f"{speaker.role or ''} {speaker.name}".lower()
            if all(any(alt in described for alt in _synonyms(w)) for w in words):
                return speaker
        return self._described_organisation(token)

    def _described_organisation(self, token: Token) -> Speaker | None:
        """ "the company" → the organisation named just before, as a reader would take it.

        Only a description of an organisation's type qualifies, and the antecedent must fit the
        type: "the company" skips "the Traffic Safety Administration", "the agency" needs a
        public body. Sentence subjects win over other mentions, as with pronouns.
        """
        lemma = token.lemma_.lower()
        business = lemma in BUSINESS_DESCRIPTORS or lemma.endswith("maker")
        if not business and lemma not in INSTITUTION_DESCRIPTORS:
            return None
        if any(c.dep_ in {"poss", "prep", "compound"} for c in token.children):
            return None  # "the company's board", "the ministry of health": not a bare description
        sentence = self._sentence_index[token.i]
        fitting: list[tuple[bool, int, str]] = []
        for candidate in self._organisation_mentions(token):
            if sentence - self._sentence_index[candidate.i] > LOOKBACK_SENTENCES:
                continue
            name = self.organisation_name(candidate)
            public = name.split()[-1].lower() in INSTITUTION_NAME_HEADS or name.isupper()
            if public != business:
                fitting.append((candidate.dep_ in SUBJECT_DEPS, candidate.i, name))
        if not fitting:
            return None
        _, _, name = max(fitting)
        return Speaker(name, "org", named=True)

    def _organisation_mentions(self, before: Token) -> list[Token]:
        """Heads of organisation names before ``before``: ORG entities, and proper-noun
        subjects the small model leaves untagged ("Tesla recalled …")."""
        heads: list[Token] = []
        sentence = self._sentence_index[before.i]
        first = self._sentence_starts[max(0, sentence - LOOKBACK_SENTENCES)]
        first = max(first, before.i - LOOKBACK_TOKENS)  # a run-on "sentence" has no bound
        for token in self._doc[first : before.i]:
            if self.furniture[token.i]:
                continue
            ent = self._entity_at.get(token.i)
            if ent is not None:
                if ent.label_ == "ORG" and ent.root.i == token.i:
                    heads.append(token)
            elif token.pos_ == "PROPN" and token.dep_ in SUBJECT_DEPS | {"poss"}:
                heads.append(token)
        return heads

    def organisation_name(self, head: Token) -> str:
        ent = self._entity_at.get(head.i)
        if ent is not None:
            return clean_name(ent.text)
        return clean_name(noun_phrase_text(head))
