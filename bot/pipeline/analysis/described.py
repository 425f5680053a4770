"""Speakers described before they are named: "A federal prosecutor told jurors …; Assistant
U.S. Attorney Kim Cho said …" (the same role, the same or next sentence), "A former bookkeeper
testified …. '…,' Marjorie Ellis told jurors" (one person described, then a person named for
the first time a sentence or two later, among the claims or, when the claim finder missed that
speech, among the Doc's speakers: ``cataphora``), and "the spokesperson" after "a spokesperson
for Arcturus" (``recurring``). Runs once over the claims of a Doc; each claim looks at the next
few sentences only, and every claim of one description takes the name it turned out to have.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right

from spacy.tokens import Doc

from bot.pipeline.analysis.cataphora import Introductions
from bot.pipeline.analysis.descriptions import ONE_PERSON_DESCRIPTIONS
from bot.pipeline.analysis.layout import sentence_bounds
from bot.pipeline.analysis.lexicon import (
    BUSINESS_DESCRIPTORS,
    COLLECTIVE_NOUNS,
    DOCUMENT_SOURCES,
    INSTITUTION_DESCRIPTORS,
    NEUTRAL_DESCRIPTORS,
    PERSON_EPITHETS,
)
from bot.pipeline.analysis.names import PERSON_ROLES, PERSONAL_RELATIONS, TITLE_ROLES, same_role
from bot.pipeline.analysis.people import TITLE_WORDS
from bot.pipeline.analysis.raw import RawClaim
from bot.pipeline.analysis.recurring import name_recurring_sources
from bot.pipeline.analysis.speakers import Speaker

# Descriptions of sources the story keeps unnamed: never the person it names next.
UNNAMED_SOURCES = frozenset("person source official insider diplomat".split())
ANONYMITY_WORDS = frozenset("familiar knowledge anonymity condition briefed close".split())
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "ant", "ent")
PERSON_TRADES = ("keeper", "worker", "maker", "agent", "ist", "ian", "man", "woman")
PRONOUN_WORDS = frozenset("he she it they i we you who this that someone somebody".split())


def name_described_speakers(doc: Doc, claims: list[RawClaim]) -> None:
    """ "A federal prosecutor told jurors …; Assistant U.S. Attorney Kim Cho said …": a speaker
    first described by role and named in the same or next sentence, in the same role, is that
    person; "the spokesperson" after "a spokesperson for Arcturus" is that one (``recurring``)."""
    starts = sentence_bounds(doc)[0]

    def sentence(claim: RawClaim) -> int:
        return bisect_right(starts, claim.cue_index if claim.cue_index is not None else claim.start)

    named: dict[int, list[Speaker]] = {}
    introduced: dict[int, list[Speaker]] = {}  # people named for the first time, by sentence
    first_seen = _first_positions(doc)
    for c in claims:
        person = c.speaker is not None and c.speaker.named and c.speaker.kind == "person"
        if person and c.speaker is not None and c.speaker.role:
            named.setdefault(sentence(c), []).append(c.speaker)
        if person and c.speaker is not None and _bare_name(doc, c, c.speaker):
            surname = c.speaker.name.split()[-1].split("-")[-1].lower()  # "Lewis-Evans"
            if first_seen.get(surname, -1) >= starts[sentence(c) - 1]:
                introduced.setdefault(sentence(c), []).append(c.speaker)
    introductions: Introductions | None = None
    resolved: dict[str, Speaker] = {}  # a description, and whom it turned out to name
    taken: dict[str, str] = {}  # a person introduced after, and the description it named
    introduced_as: dict[str, Speaker] = {}  # every description named so, for "the minister"
    for claim in claims:
        speaker = claim.speaker
        if speaker is None or speaker.kind not in {"person", "unknown", "org"}:
            continue
        named_so = speaker.named and not _lower_case_head(speaker.name)
        if (named_so or speaker.kind == "org") and not _owned_relation(speaker):
            continue
        if speaker.name in resolved:  # "A former bookkeeper testified …" quoted again
            claim.speaker = resolved[speaker.name]
            continue
        here = sentence(claim)
        candidates = [*named.get(here, ()), *named.get(here + 1, ())]
        for other in candidates:
            assert other.role is not None
            if same_role(speaker.name, other.role):
                claim.speaker = other
                break
        else:
            later = [
                p
                for n in range(here + 1, here + 1 + CATAPHORA_SENTENCES)
                for p in introduced.get(n, ())
            ]
            if not _one_person_described(speaker.name):
                continue
            # "Baker pulled out, his promoter said. Baker needed stitches, his trainer said.
            # Sean Toal said …": one person introduced is one description's, not two roles'
            free = [p for p in later if taken.get(p.name, speaker.name) == speaker.name]
            if free:
                taken[free[0].name] = speaker.name
                introduced_as[speaker.name] = free[0]
                claim.speaker = free[0]
                continue
            if later:
                continue
            if not _person_noun(speaker.name):
                continue
            if introductions is None:
                introductions = Introductions(doc, starts, first_seen)
            indefinite = speaker.name.split()[0].lower() in {"a", "an"}
            position = claim.cue_index if claim.cue_index is not None else claim.start
            found = introductions.next_named(
                speaker.name, position, CATAPHORA_SENTENCES, indefinite=indefinite
            )
            if found is not None:
                resolved[speaker.name] = found
                introduced_as[speaker.name] = found
                claim.speaker = found
    for claim in claims:  # the lede, when the name came after a quotation of its own
        if claim.speaker is not None and (
            not claim.speaker.named or _lower_case_head(claim.speaker.name)
        ):
            name = claim.speaker.name
            roled = [p for people in named.values() for p in people]
            again = _described_again(name, introduced_as, roled)
            claim.speaker = resolved.get(name) or introduced_as.get(name) or again or claim.speaker
    name_recurring_sources(doc, claims)


def _described_again(
    name: str, resolved: dict[str, Speaker], roled: list[Speaker]
) -> Speaker | None:
    """ "Quebec's finance minister says … . Louis Gagnon told reporters … . The minister said":
    "the" and the head of one description the story has named is that person again; None
    when no such description, or several people, have that head, or another person speaking
    was given it as a title ("Health Minister Ana Ruiz")."""
    words = name.lower().split()
    if len(words) != 2 or words[0] != "the":
        return None
    found = {
        person.name: person
        for description, person in resolved.items()
        if _before_break(description.lower().split())[-1:] == words[-1:]
    }
    if len(found) != 1:
        return None
    person = next(iter(found.values()))
    others = [p for p in roled if p.name != person.name and p.role]
    if any(words[-1] in (p.role or "").lower().split() for p in others):
        return None
    return person


CATAPHORA_SENTENCES = 2


def _lower_case_head(name: str) -> bool:
    """ "Ontario's labour minister": a description however the tagger read its words (a name
    ends in a capitalised word)."""
    words = name.split()
    return len(words) >= 2 and words[-1].isalpha() and words[-1].islower()


def _owned_relation(speaker: Speaker) -> bool:
    """ "Alana Brooks's agent", "Ortiz's lawyer": someone's representative the story names in
    a moment ("agent Kim Sutter said"), read from "her agent" through its owner."""
    words = speaker.name.split()
    return (
        len(words) >= 2
        and words[-2].endswith(("'s", "’s"))
        and words[-1].lower() in PERSONAL_RELATIONS
    )


DESCRIPTION_BREAKS = frozenset("for of at with from in who".split())


def _bare_name(doc: Doc, claim: RawClaim, speaker: Speaker) -> bool:
    """ "Marjorie Ellis told jurors": a name with nothing that introduces a new source, no
    role or title of its own ("Headteacher Amy Ruiz"), no apposition ("Jo Kerr, 34, said",
    "Jo Kerr, a neighbour, said")."""
    words = speaker.name.split()
    if speaker.role or not 2 <= len(words) <= 3:
        return False
    middle = words[1].rstrip(".") if len(words) == 3 else "X"
    if len(middle) != 1 or not middle.isalpha():
        return False  # only a middle initial: "Ray J. Hollis"
    if any(w.lower().rstrip(".") in PERSON_ROLES | TITLE_ROLES for w in words):
        return False
    if claim.cue_index is None:
        return True
    subjects = [c for c in doc[claim.cue_index].children if c.dep_ in {"nsubj", "nsubjpass"}]
    return not any(
        c.dep_ == "appos" or (c.like_num and c.i > s.i) for s in subjects for c in s.children
    )


def _first_positions(doc: Doc) -> dict[str, int]:
    """Where each word first appears (lower case): one pass over the Doc."""
    first: dict[str, int] = {}
    for token in doc:
        first.setdefault(token.lower_, token.i)
    return first


def _before_break(words: list[str]) -> list[str]:
    """The description's own words, up to what starts its complement ("for", "of", "who")."""
    return list(itertools.takewhile(lambda word: word not in DESCRIPTION_BREAKS, words))


def _one_person_described(name: str) -> bool:
    """ "A former bookkeeper for Grace Fellowship Church", "the housing minister", "Haines'
    public defender": one person described, not named, whom the story names in a moment
    ("…. Marjorie Ellis told jurors"). Not a pronoun, not several people ("officials")."""
    words = name.lower().split()
    head_words = _before_break(words)
    if len(head_words) < 2 or head_words[0] in PRONOUN_WORDS:
        return False
    head = head_words[-1]
    if head in UNNAMED_SOURCES or any(w in ANONYMITY_WORDS for w in words):
        return False  # "a person familiar with the talks" is kept unnamed on purpose
    if head.endswith("s") and not head.endswith("ss"):
        return False  # several people
    if head in PERSON_ROLES or head in TITLE_ROLES or head in PERSON_EPITHETS:
        return True
    if head in TITLE_WORDS or head in ONE_PERSON_DESCRIPTIONS:  # "coach", "paramedic"
        return True
    # "bookkeeper", "defender", "operator", "therapist": a person by what they do, not a
    # body, a group or a document ("a group of authors", "the class action")
    bodies = DOCUMENT_SOURCES | COLLECTIVE_NOUNS | BUSINESS_DESCRIPTORS | NEUTRAL_DESCRIPTORS
    if head in bodies | INSTITUTION_DESCRIPTORS:
        return False
    return head.endswith(PERSON_SUFFIXES) or words[0] in {"a", "an"}  # "A former nurse"


def _person_noun(name: str) -> bool:
    """ "A former bookkeeper", "Wales's first minister", "A property agent": the head names
    one person by role or trade; never a document or an act ("the agreement", "the ruling")."""
    words = name.lower().split()
    head_words = _before_break(words)
    head = head_words[-1] if head_words else ""
    if head in PERSON_ROLES | TITLE_ROLES | PERSON_EPITHETS | PERSONAL_RELATIONS:
        return True
    if head in ONE_PERSON_DESCRIPTIONS or head in TITLE_WORDS:
        return True
    if head.endswith(("ment", "ing")):
        return False
    if head.endswith(PERSON_TRADES):
        return True
    # "A bartender testified …", "An assistant said …": one person by the form of the noun
    # (as ``_one_person_described``), after "a"/"an" and never a body or a document
    bodies = DOCUMENT_SOURCES | COLLECTIVE_NOUNS | BUSINESS_DESCRIPTORS | NEUTRAL_DESCRIPTORS
    return (
        words[0] in {"a", "an"}
        and head.endswith(PERSON_SUFFIXES)
        and head not in bodies | INSTITUTION_DESCRIPTORS
    )
