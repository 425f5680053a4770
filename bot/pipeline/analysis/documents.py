"""A document referred back to: "The memo says …" after "an internal Treasury memo seen by the
Courier" is that memo.

Wire copy names a leaked or published document once, precisely ("a Home Office memo obtained
by the Courier"), and then goes on with "the document", "the memo", "the report". A speaker
left as that bare phrase names nothing a reader can check; the document of the same noun and
number named last before it is what it stands for ("the letter" is never a report named
since, "the report" never "news reports"). The generic "the document" stands for whichever
document was named, only when one was. One pass over the Doc lists the documents named with a
modifier; each claim then bisects that list.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.lexicon import (
    BUSINESS_DESCRIPTORS,
    COLLECTIVE_NOUNS,
    DOCUMENT_SOURCES,
    INSTITUTION_DESCRIPTORS,
    NEUTRAL_DESCRIPTORS,
    REFERRED_DOCUMENTS,
)
from bot.pipeline.analysis.names import document_name
from bot.pipeline.analysis.raw import RawClaim
from bot.pipeline.analysis.speakers import Speaker

_BARE = re.compile(r"^(?:the|this|that)\s+(\w+)$", re.IGNORECASE)
GENERIC = frozenset({"document", "documents"})
# "news reports", "media reports": coverage of a story, not a document it can be named by
COVERAGE = frozenset({"news", "media", "press"})
# "its annual report", "their letter": the owner is a pronoun, so the name names no one
POSSESSIVE_PRONOUNS = frozenset("its his her their our my your".split())
MAX_DISTANCE = 400  # tokens back: a document named further away is no longer in view
MAX_CANDIDATES = 8  # named documents weighed for one claim, nearest first
MAX_ROOT_CLIMB = 40  # from a sentence's first token to its root: a bounded climb
# A body "it" may stand for as well as a document: "The report angered the city council. It
# said …" leaves "it" open, and a body says things a document does not.
BODY_NOUNS = COLLECTIVE_NOUNS | INSTITUTION_DESCRIPTORS | BUSINESS_DESCRIPTORS | NEUTRAL_DESCRIPTORS
MAX_RIVALS = 12  # the root's objects and prepositions' objects weighed, a bounded look


def _specific(token: Token) -> bool:
    """ "a Treasury analysis", "the council's audit", "a memo obtained by the Courier": named
    with more than a determiner or an adjective ("an angry email" says which document no
    better than "the email"), so the phrase tells which document it is."""
    return any(
        (c.dep_ in {"compound", "poss", "nmod"} and c.i < token.i)
        or (c.dep_ == "acl" and c.tag_ == "VBN")  # "a memo obtained by the Courier"
        or (c.dep_ == "prep" and c.lower_ in {"by", "from"})  # "a report by the auditor"
        for c in token.children
    )


def _a_name(token: Token) -> bool:
    """Named precisely, by someone a reader can tell: not news coverage, not "its report"."""
    if any(c.dep_ == "compound" and c.lower_ in COVERAGE for c in token.children):
        return False
    return not any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in token.children)


def _authored(cue: Token) -> bool:
    """The cue's subject names its author or sender itself ("The report, by the comptroller",
    "the letter from the league")."""
    subjects = [c for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"}]
    # the phrase hangs on the subject, or on the verb between the two (set off by commas)
    hosts = [*subjects, *(c for c in cue.children if subjects and subjects[0].i < c.i < cue.i)]
    return any(
        h.dep_ == "prep" and h.lower_ in {"by", "from"} for h in hosts if h not in subjects
    ) or any(g.dep_ == "prep" and g.lower_ in {"by", "from"} for c in subjects for g in c.children)


def _named_documents(doc: Doc) -> list[tuple[Token, str]]:
    """Each document named precisely, with its name ("The document, dated May" is no name)."""
    found = []
    for token in doc:
        if (
            token.pos_ == "NOUN"
            and token.lemma_.lower() in REFERRED_DOCUMENTS
            and _specific(token)
            and _a_name(token)
        ):
            name = document_name(token)
            if not _BARE.match(name.strip()):
                found.append((token, name))
    return found


def _referred(word: str, nearby: list[tuple[Token, str]]) -> str | None:
    """The name "the <word>" stands for: the nearest of the same noun and number; for "the
    document(s)", the one document of that number named, if only one was."""
    if word in GENERIC:
        plural = word == "documents"
        fits = [n for t, n in nearby if (t.tag_ == "NNS") == plural]
        return fits[0] if len(set(fits)) == 1 else None
    # the same word: the same lemma and the same number ("reports" is not "the report")
    return next((n for t, n in nearby if t.lower_ == word), None)


def name_referred_documents(doc: Doc, claims: list[RawClaim]) -> None:
    """Give each claim whose speaker is a bare "the document" the document named before it."""
    bare = [c for c in claims if c.speaker is not None and _BARE.match(c.speaker.name.strip())]
    if not bare:
        return
    named = _named_documents(doc)
    positions = [t.i for t, _ in named]
    for claim in bare:
        match = _BARE.match(claim.speaker.name.strip()) if claim.speaker is not None else None
        if match is None:
            continue
        word = match.group(1).lower()
        if word not in GENERIC and word not in REFERRED_DOCUMENTS:
            continue
        anchor = claim.cue_index if claim.cue_index is not None else claim.start
        if claim.cue_index is not None and _authored(doc[claim.cue_index]):
            continue  # "The report, by the state comptroller, found …" says whose it is
        end = bisect_left(positions, anchor)
        nearby = [
            (t, name)
            for t, name in reversed(named[max(0, end - MAX_CANDIDATES) : end])
            if anchor - t.i <= MAX_DISTANCE
        ]
        name = _referred(word, nearby)
        if name is not None:
            claim.speaker = Speaker(name, "document")


def document_it(verb: Token, previous_start: int | None) -> Token | None:
    """ "A layoff notice filed Tuesday lists weak demand as the reason. It says …": "it" as the
    subject of a speech verb, right after a sentence whose subject is a document, is that
    document (a thing, which "it" may name); after any other subject it stays unread.
    ``previous_start`` is where the sentence before begins, in the same paragraph."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or subject.lower_ != "it" or previous_start is None:
        return None
    doc = verb.doc
    root = doc[previous_start]
    for _ in range(MAX_ROOT_CLIMB):
        if root.head.i == root.i:
            break
        root = root.head
    owner = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if owner is None and root.pos_ == "NOUN":
        owner = root  # "A notice filed Tuesday lists …" parsed as one noun phrase
    if owner is None or owner.i < previous_start or owner.pos_ != "NOUN":
        return None
    if owner.lemma_.lower() not in DOCUMENT_SOURCES or _a_body_beside(root, owner):
        return None
    return owner


def _a_body_beside(root: Token, owner: Token) -> bool:
    """The sentence's verb has a singular body or organisation as its object, or a
    preposition's object ("angered the city council", "was sent to Acme"), which "it" may
    mean as well as the document."""
    objects = [c for c in root.children if c.dep_ in {"dobj", "dative", "attr", "prep", "agent"}]
    seen = 0
    for obj in objects:
        if seen >= MAX_RIVALS:
            break
        nouns = [obj] if obj.dep_ != "prep" and obj.dep_ != "agent" else []
        nouns += [g for g in obj.children if g.dep_ == "pobj"]
        for noun in nouns:
            seen += 1
            if noun is owner or noun.tag_ in {"NNS", "NNPS"}:
                continue
            if noun.ent_type_ == "ORG" or noun.lemma_.lower() in BODY_NOUNS:
                return True
    return False
