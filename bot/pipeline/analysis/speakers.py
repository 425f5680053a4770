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

from spacy.tokens import Doc, Span, Token

from bot.pipeline.analysis.antecedents import DESCRIPTION_SENTENCES, Antecedents
from bot.pipeline.analysis.appositions import Appositions
from bot.pipeline.analysis.descriptions import (
    described_owner,
    is_capitalised_type,
    is_demonym,
    is_epithet,
    qualified_type,
)
from bot.pipeline.analysis.doc_index import entities
from bot.pipeline.analysis.layout import furniture, sentence_bounds
from bot.pipeline.analysis.lexicon import (
    PERSONAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
)
from bot.pipeline.analysis.mentions import (
    MentionReaders,
    add_untagged_speakers,
    collect_mentions,
)
from bot.pipeline.analysis.names import (
    Speaker,
    apposition_role,
    clean_name,
    describes_person,
    document_name,
    entity_text,
    full_names,
    honorific_forms,
    is_company_name,
    is_document,
    is_nameless,
    noun_kind,
    same_role,
    synonyms,
    title_role,
    without_type_word,
)
from bot.pipeline.analysis.organisations import Organisations
from bot.pipeline.analysis.partitives import PARTITIVE_WORDS, coordinated_names, partitive_group
from bot.pipeline.analysis.people import could_be_a_person, relabelled
from bot.pipeline.analysis.pronoun_owners import abbreviated_role, own_subject, owned_by_pronoun
from bot.pipeline.analysis.relative_nouns import relative_antecedent
from bot.pipeline.analysis.short_forms import short_forms, whole_form
from bot.pipeline.analysis.source_phrases import identifying_phrase
from bot.pipeline.analysis.speaker_heads import (
    NOBODY,
    affiliated_person,
    anonymity_clause,
    apposed_name,
    clause_words,
    named_beside,
    premodified_person,
    stands_for_no_speaker,
    titled_name,
)
from bot.pipeline.analysis.speaking_groups import speaking_group
from bot.pipeline.analysis.statement_subjects import statement_body
from bot.pipeline.analysis.text import noun_phrase_text
from bot.pipeline.analysis.times import time_modifiers
from bot.pipeline.analysis.whole_names import capital_the, numbered_name, whole_name

__all__ = ["Speaker", "SpeakerRegistry", "clean_name", "is_nameless", "same_role"]

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$")


def _runs_into_a_clause(ent: Span) -> bool:
    """ "ministry went unanswered": a lower-case noun the tagger ran on into its verb."""
    text = entity_text(ent)
    return text != ent.text and text.islower()


class SpeakerRegistry:
    """Resolves a subject token to a :class:`Speaker`, using what the document said before."""

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        self._sentence_index = self._index_sentences(doc)
        self._sentence_starts = sentence_bounds(doc)[0]
        self.furniture = furniture(doc)
        # Names in datelines, bylines and headlines name no speaker and no antecedent.
        # Nor does a lower-case run the tagger took for one ("ministry went unanswered").
        self._names = relabelled(
            doc,
            [
                e
                for e in entities(doc)
                if not self.furniture[e.start]
                and not is_capitalised_type(e)
                and not _runs_into_a_clause(e)
            ],
        )
        self._full_names = full_names(self._names)
        add_untagged_speakers(doc, self.furniture, self._full_names)
        # "Rovers said" after "Northgate Rovers": never a person's name (see short_forms)
        forms = short_forms(self._names, whole_name)
        self._short_forms = {
            w: n for w, n in forms.items() if " " not in self._full_names.get(w, "")
        }
        self.roles: dict[str, str] = {}
        self._entity_at: dict[int, Span] = {}
        for ent in self._names:
            if ent.label_ in NAME_LABELS:
                for token in ent:
                    self._entity_at[token.i] = ent
        self._collect_roles(doc)
        self._honorific = honorific_forms(doc, self._names)
        self._appositions = Appositions(self._entity_at, self._entity_speaker, self._person)
        mentions = collect_mentions(
            doc,
            self._names,
            self.furniture,
            self._sentence_index,
            self._full_names,
            MentionReaders(self._entity_speaker, self._surname_speaker, self._appositions.named),
        )
        shaped = frozenset(e.root.i for e in self._names if could_be_a_person(e))
        self._antecedents = Antecedents(
            doc, mentions, self._sentence_index, self._sentence_starts, shaped
        )
        self._organisations: Organisations | None = None
        self._first_names: set[str] | None = None
        # What each token resolved to: the same subject comes back once per verb it governs
        # (a run-on "X, who …, who …" asks for X once per clause).
        self._resolved: dict[int, Speaker] = {}

    # --- building -------------------------------------------------------------------------

    @staticmethod
    def _index_sentences(doc: Doc) -> list[int]:
        index = [0] * len(doc)
        starts, ends = sentence_bounds(doc)
        for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
            index[start:end] = [number] * (end - start)
        return index

    def _collect_roles(self, doc: Doc) -> None:
        for ent in self._names:
            if ent.label_ != "PERSON":
                continue
            name = self.full_name(ent.text)
            role = title_role(ent) or apposition_role(ent, self._is_person_token)
            if role and name not in self.roles:
                self.roles[name] = role

    def _surname_speaker(self, token: Token) -> Speaker | None:
        """The person a lone surname names ("Ortiz said"), if it is a known surname."""
        return self._person(token.text) if self._is_known_surname_token(token) else None

    def _is_surname(self, name: str) -> bool:
        """A one-word name the article gives elsewhere as a person's surname."""
        full = self._full_names.get(name.lower())
        return full is not None and " " in full

    def _is_first_name(self, name: str) -> bool:
        """A one-word name the article gives elsewhere as a person's first name."""
        if self._first_names is None:
            self._first_names = {
                f.split()[0].lower() for f in self._full_names.values() if " " in f
            }
        return name.lower() in self._first_names

    def _is_person_token(self, token: Token) -> bool:
        ent = self._entity_at.get(token.i)
        return ent is not None and ent.label_ == "PERSON" and not is_company_name(ent.text)

    # --- resolving ------------------------------------------------------------------------

    def full_name(self, text: str) -> str:
        name = clean_name(text)
        return self._full_names.get(name.split()[-1].lower(), name) if name else name

    def _is_known_surname(self, ent: Span) -> bool:
        """spaCy sometimes tags a lone surname as ORG ("Fauci said"), or a surname of several
        words ("Ó Rathaille", "van Dijk", "de la Cruz"); the full name knows better."""
        if ent.label_ == "PERSON":
            return False
        name = clean_name(ent.text)
        if " " not in name:
            return name.lower() in self._full_names
        full = self._full_names.get(name.split()[-1].lower(), "")
        return len(full) > len(name) and full.lower().endswith(" " + name.lower())

    def _is_known_surname_token(self, token: Token) -> bool:
        """ "Ortiz said", and "Steel said" with the capitalised surname tagged as a noun."""
        if token.text.lower() not in self._full_names:
            return False
        return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.text[:1].isupper())

    def _person(self, text: str) -> Speaker:
        """The fullest name for a person; a surname the article only ever gives with a title
        keeps it ("Mr. Ortiz", not "Ortiz")."""
        full = self.full_name(text)
        name = full if " " in full else self._honorific.get(full.lower(), full)
        return Speaker(name, "person", self.roles.get(full), named=True)

    def _entity_speaker(self, ent: Span) -> Speaker:
        # never "Neither Halden Bank" nor "Halden Bank and"; "Westmere District Council" whole
        text = whole_name(ent)
        if is_company_name(text):
            return Speaker(without_type_word(clean_name(text)), "org", named=True)
        short = whole_form(clean_name(text), self._short_forms)
        if " " in short and " " not in clean_name(text):
            return Speaker(short, "org", named=True)  # "Kestrel said", tagged as a person
        if ent.label_ == "PERSON" or self._is_known_surname(ent):
            return self._person(text)
        kind = "group" if ent.label_ == "NORP" else "org"
        name = without_type_word(clean_name(text))
        before = self._doc[ent.start - 1] if ent.start > 0 and ent.label_ == "ORG" else None
        if before is not None and ORDINAL.match(before.text):
            name = f"{before.text} {name}"  # "the 9th U.S. Circuit Court of Appeals"
        elif before is not None and capital_the(
            before, ent, self._sentence_starts[self._sentence_index[before.i]]
        ):
            name = f"The {name}"  # "first reported by The Athletic": "The" is in the name
        return Speaker(name, kind, named=True)

    def resolve(self, token: Token, without: Collection[Token] = ()) -> Speaker:
        """The speaker a subject token refers to; unknown pronouns keep their own text.

        ``without`` lists modifiers that belong to the clause, not the name ("regulators [of
        hiding losses]" in a misparsed passive). Resolving reads only the Doc and what the
        registry built from it, so a token's answer is kept.
        """
        if without or token.doc is not self._doc:
            return self._resolve(token, without)
        found = self._resolved.get(token.i)
        if found is None:
            found = self._resolved[token.i] = self._resolve(token, without)
        return found

    def _resolve(self, token: Token, without: Collection[Token]) -> Speaker:
        lower = token.text.lower()
        if token.pos_ == "PRON" and lower in PERSONAL_PRONOUNS and token.tag_ != "PRP$":
            found = self._pronoun(token, PERSONAL_PRONOUNS[lower])
            return found or Speaker(token.text, "unknown")
        if lower in RELATIVE_PRONOUNS and token.tag_ in {"WDT", "WP"} and not token.ent_type_:
            antecedent = relative_antecedent(token, self._sentence_index, self._entity_at)
            if antecedent is None:
                return Speaker(token.text, "unknown")
            return self.resolve(antecedent)  # "the ministry, which declined …"
        if self.furniture[token.i] or stands_for_no_speaker(token):
            # "BERLIN (dpa) - Germany's Greens …", "On Wednesday, Maureen Holt, 58, said"
            beside = apposed_name(token, self._entity_at)
            return self.resolve(beside) if beside is not None else Speaker(NOBODY, "unknown")
        if lower in PARTITIVE_WORDS:
            spoke = speaking_group(token, self._antecedents.window_start(token))
            if spoke is not None:  # "Three diplomats said … . …, said one of them"
                return spoke
            group = partitive_group(token, self._antecedents, self.resolve)
            if group is not None:  # "four former residents, one of whom told the court"
                return Speaker(f"{lower} of {group.name}", group.kind, named=group.named)
        ent = self._entity_at.get(token.i)
        numbered = numbered_name(token)  # never a person: no name runs on into a number
        if numbered is not None:  # "Teamsters Local 882", untagged
            return Speaker(numbered, "org", named=True)
        abbreviated = abbreviated_role(token, self._antecedents.before)
        if abbreviated is not None:
            return abbreviated
        if is_demonym(token):  # "The Swede told reporters": the driver just named
            person = self._antecedents.person(token, self._antecedents.before(token))
            if person is not None:
                return person
        holder = affiliated_person(token, self._entity_at)
        if holder is not None:  # "Marcus Bell of Pinnacle Sports Group" speaks, not the firm
            return self._person(holder.text)
        beside = (
            named_beside(token, self._entity_at)
            or titled_name(token, self._entity_at)
            or premodified_person(token, self._entity_at)  # "Vejlby forward Sam Osei said"
        )
        if beside is not None:  # "FBI Special Agent Douglas Weir", "… EPO, the Unit said"
            return self._entity_speaker(beside)
        if ent is not None and ent.root.i == token.i:
            return self._entity_speaker(ent)
        if self._is_known_surname_token(token):
            return self._person(token.text)
        named_by_apposition = self._appositions.named(token)
        if named_by_apposition is not None:
            return named_by_apposition
        owned = owned_by_pronoun(token, self._pronoun)
        if owned is not None:
            return owned
        own = statement_body(token, self._entity_at, self._entity_speaker, self._full_names)
        if own is not None:
            return own  # "The Foxes will move, the ECHL club announced"
        if token.pos_ in {"NOUN", "PROPN"} or is_epithet(token):
            described = self._resolve_description(token)
            if described is not None:
                return described
        if ent is not None:
            return self._entity_speaker(ent)
        if is_document(token):
            return Speaker(document_name(token), "document")
        kind = "group" if token.tag_ in {"NNS", "NNPS"} else "unknown"
        without = [*clause_words(token, without), *time_modifiers(token)]
        text = noun_phrase_text(token, without)
        known_by = identifying_phrase(token, without)  # "two people briefed on the talks"
        if known_by is not None and text.endswith(token.text):
            text = f"{text} {known_by}"
        return Speaker(text, kind, named=token.pos_ == "PROPN")

    def _pronoun(self, token: Token, kind: str) -> Speaker | None:
        """What a pronoun refers to; "The agency said it had …" is the body "the agency" is."""
        own = (
            own_subject(token, self._entity_at, self._full_names, self.resolve)
            if kind != "person"
            else None
        )
        if own is not None:
            return own
        mention = self._antecedents.pronoun(token, kind)
        if mention is None:
            return None
        antecedent = self._doc[mention.index]
        if antecedent.dep_ in {"compound", "nmod"} and antecedent.head.pos_ == "NOUN":
            return None  # "A Bradford textile mill … its owners": a place modifying a noun
        if not mention.speaker.named and antecedent.pos_ == "NOUN":
            return self._resolve_description(antecedent) or mention.speaker
        if kind == "group":
            found = coordinated_names(antecedent, self._entity_at, self._entity_speaker)
            return found or mention.speaker
        return mention.speaker

    def _resolve_description(self, token: Token) -> Speaker | None:
        """ "the head of the service" → the speaker whose role or name has those words."""
        hidden = anonymity_clause(token)
        if hidden is not None:  # "said the minister, who asked not to be named": no one named
            return Speaker(noun_phrase_text(token, [hidden]), noun_kind(token), named=False)
        determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
        owner = described_owner(token)  # "the club's manager": the role is what counts
        if not determiners & {"the", "this", "that"} and owner is None:
            return None
        words = {
            t.lemma_.lower()
            for t in token.subtree
            if t.pos_ in {"NOUN", "PROPN"}
            and t.dep_ not in {"relcl", "appos"}
            and (owner is None or not owner.left_edge.i <= t.i <= owner.right_edge.i)
        }
        if (
            any(t.pos_ == "PROPN" for t in token.subtree)
            and token.lemma_.lower() not in ROLE_NOUNS
            and not is_epithet(token)  # "the All-Star forward": the player just named
        ):
            # "the Premier League club": a league or market says what kind, not which one
            return self.described_organisation(token) if qualified_type(token) else None
        candidates = self._antecedents.before(token, DESCRIPTION_SENTENCES)
        # "The two companies said": several bodies, never one whose name holds "Group"
        found: Speaker | None = None
        found_in = -1
        for mention in reversed(candidates if token.tag_ not in {"NNS", "NNPS"} else []):
            speaker = mention.speaker
            if not speaker.named:
                continue
            if found is not None and self._sentence_index[mention.index] != found_in:
                return found
            if speaker.kind == "person" and not describes_person(token, speaker):
                continue  # "the league" is no "League secretary Derek Amis"
            described = f"{speaker.role or ''} {speaker.name}".lower()
            if not all(any(alt in described for alt in synonyms(w)) for w in words):
                continue
            if found is None:
                found, found_in = speaker, self._sentence_index[mention.index]
            elif speaker.kind == "person" and found.kind == "person" and speaker != found:
                return None  # "Judge Ana Ruiz and Judge Omar Patel … The judge said": which?
        if found is not None:
            return found
        if is_epithet(token):  # "the billionaire": only the last sentences (see ``person``)
            return self._antecedents.person(token, candidates)
        return self.described_organisation(token)

    def described_organisation(self, token: Token) -> Speaker | None:
        """ "the company" → the organisation just named (see ``organisations``)."""
        if self._organisations is None:
            self._organisations = Organisations(
                self._doc,
                self._entity_at,
                lambda i: self.furniture[i],
                self._antecedents.window_start,
                self._is_surname,
                self._is_first_name,
                lambda t: self._sentence_starts[self._sentence_index[t.i]],
            )
        name = self._organisations.described(token)
        if name is None:
            return None
        return Speaker(whole_form(name, self._short_forms), "org", named=True)
