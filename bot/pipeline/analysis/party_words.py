"""Whether a party keeps the words written or takes the name they stand for.

A pronoun or a bare description ("he", "the bank", "a company spokesperson") is the name a
reader takes it for, when that name is written in the article. A description that says which
body it is ("the interior ministry", "the state health department") stays as written unless the
name bears its words out, and a shop's possessive name ("Kroll's") is never cut to its owner.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.doc_index import doc_text, entities
from bot.pipeline.analysis.lexicon import (
    BUSINESS_DESCRIPTORS,
    COMMENT_NOUNS,
    INSTITUTION_DESCRIPTORS,
)
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.spoken_for import BODY_DESCRIPTIONS as BODIES
from bot.pipeline.analysis.spoken_for import GENERIC_BODIES, REPRESENTATIVES

# How far from a party a request's sender is looked for.
ASKER_WINDOW = 40
# Who speaks for a body and nothing else: "a spokesman refused to say".
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
# Descriptions of a public body, whose modifiers say which body it is.
PUBLIC_BODIES = INSTITUTION_DESCRIPTORS - BUSINESS_DESCRIPTORS


def owner_cut_off(doc: Doc, end: int) -> bool:
    """ "Okafor's" cut from "Okafor's agent" is Okafor; but "Kroll's" or "Sainsbury's" in
    "Kroll's and ValuMart did not respond" is a shop's whole name, owning nothing after it."""
    if doc[end - 1].tag_ != "POS" or end < 2:
        return False
    owner = doc[end - 2]
    return owner.dep_ == "poss" and owner.head.i >= end


def _described_body(head: Token, start: int, end: int) -> Token | None:
    """ "company" in "a company spokesperson" or "a spokeswoman for the club": a spokesperson
    for a body given only by its type, which a reader takes for the body named before."""
    if head.lemma_.lower() not in REPRESENTATIVES:
        return None
    for child in head.children:
        body = child
        if child.dep_ == "prep" and child.lower_ in {"for", "of", "at"}:
            body = next((c for c in child.children if c.dep_ == "pobj"), child)
        elif child.dep_ != "compound":
            continue
        inside = start <= body.i < end and body.pos_ == "NOUN" and body.is_lower
        modifiers = [c.lower_ for c in body.children if c.i < body.i]
        if inside and body.lemma_.lower() in BODIES and modifiers in ([], ["the"]):
            return body
    return None


def _body_asked_about(doc: Doc, head: Token, start: int, end: int) -> Token | None:
    """ "Asked whether the company had set money aside, a spokesman refused to say": a
    spokesperson for no body named speaks for the one the same sentence describes, when it
    describes exactly one."""
    if head.lemma_.lower() not in SPOKESPEOPLE or end - start > 2:
        return None
    if any(c.dep_ not in {"det", "punct"} for c in head.children):
        return None
    sent = head.sent
    found: Token | None = None
    for token in doc[max(sent.start, head.i - ASKER_WINDOW) : min(sent.end, head.i + ASKER_WINDOW)]:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in BODIES or not token.is_lower:
            continue
        if [c.lower_ for c in token.children if c.i < token.i] != ["the"]:
            continue
        if found is not None and found.lemma_.lower() != token.lemma_.lower():
            return None  # "the company … the regulator": which one is not said
        found = found or token
    return found


def qualifier_unmatched(doc: Doc, start: int, head: Token, name: str) -> bool:
    """Whether a public body's description says which one ("the interior ministry", "the state
    health department") in words the name it resolved to lacks: a ministry's portfolio is no
    epithet, and "the federal agency" is the Federal Aviation Administration only because the
    name says "Federal"."""
    if head.pos_ != "NOUN":
        return False
    folded = name.lower()
    if head.lemma_.lower() in BUSINESS_DESCRIPTORS - PUBLIC_BODIES:
        # "the ferry operator", "the parts maker": the trade a compound names is the name's,
        # or the article's words for it ("car parts maker Kestner AG")
        for i in range(start, head.i):
            word = doc[i]
            trade = word.dep_ == "compound" and word.pos_ == "NOUN" and word.is_lower
            if trade and word.lower_ not in folded and not _described_with(doc, folded, word):
                return True
        return False
    if head.lemma_.lower() not in PUBLIC_BODIES:
        return False
    for i in range(start, head.i):
        word = doc[i]
        qualifier = word.dep_ in {"amod", "compound", "nmod"} and word.is_alpha
        if qualifier and word.ent_type_ not in {"NORP", "GPE"} and word.lower_ not in folded:
            return True
    return False


# How far before a name the article's description of it is read ("car parts maker Kestner").
DESCRIBED_CHARS = 40
MAX_MENTIONS = 20  # a name's mentions read for it; past this the first ones have decided


def _described_with(doc: Doc, name: str, word: Token) -> bool:
    """Whether the article writes ``word`` just before ``name`` somewhere: the description it
    introduced the name with ("the ferry operator, Isle Lines", "parts maker Kestner AG")."""
    text = folded_text(doc)
    at = -1
    for _ in range(MAX_MENTIONS):
        at = text.find(" ".join(name.split()), at + 1)
        if at < 0:
            return False
        before = text[max(0, at - DESCRIBED_CHARS) : at].rpartition(". ")[2]
        if word.lower_ in before.replace(",", " ").split():
            return True
    return False


def spokesperson_body(
    doc: Doc, head: Token, start: int, end: int, registry: SpeakerRegistry
) -> str | None:
    """ "a company spokesperson", "a spokeswoman for the club": the body named before, when the
    name fits the description ("a hospital spokesperson" is no police spokeswoman named before)
    and is written in the article; the follow-up goes to the body, not to an unnamed voice."""
    body = _described_body(head, start, end)
    if body is None:
        body = _body_asked_about(doc, head, start, end)
    if body is None:
        return None
    named = registry.described_organisation(body)
    if named is None or not written(doc, named.name):
        return None
    kind = body.lemma_.lower()
    return named.name if kind in GENERIC_BODIES or kind in named.name.lower() else None


def runs_past(doc: Doc, start: int, end: int, text: str, name: str) -> bool:
    """Whether ``name`` is the item's own words run on into the sentence ("ministry went
    unanswered" for "the ministry")."""
    folded = " ".join(name.split()).lower()
    if len(folded) <= len(text):
        return False
    first = doc[start].idx
    tail = doc_text(doc)[first : first + len(text) + len(folded)].lower()  # once per Doc
    return any(tail.startswith(folded, doc[i].idx - doc[start].idx) for i in range(start, end))


def folded_text(doc: Doc) -> str:
    """The article's text in lower case with its runs of whitespace folded, kept on the doc."""
    cached = doc.user_data.get("claimdeck.folded_text")
    if cached is None:
        cached = " ".join(doc.text.split()).lower()
        doc.user_data["claimdeck.folded_text"] = cached
    return cached


def written(doc: Doc, name: str) -> bool:
    """Whether ``name`` appears as such in the article."""
    return " ".join(name.split()).lower() in folded_text(doc)


def own_verbs_subject(head: Token, name: str, registry: SpeakerRegistry) -> bool:
    """Whether a description in a verb's object resolved to the verb's own subject."""
    if head.dep_ not in {"dobj", "pobj", "dative"}:
        return False
    verb = head.head
    if head.dep_ == "pobj":
        verb = verb.head  # "reached out to the company"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and registry.resolve(subject).name.lower() == name.lower()


def the_asker(head: Token, name: str, registry: SpeakerRegistry) -> bool:
    """Whether ``name`` (what a description resolved to) sent a request in the same sentence:
    "In response to questions from the BBC, the club said it would not comment" is the club's
    refusal, never the BBC's."""
    sent = head.sent
    start = max(sent.start, head.i - ASKER_WINDOW)
    end = min(sent.end, head.i + ASKER_WINDOW)
    for token in head.doc[start:end]:
        if token.lemma_.lower() not in COMMENT_NOUNS:
            continue
        senders = [c for c in token.children if c.dep_ == "poss"]
        senders += [
            s
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in {"from", "by"}
            for s in p.children
            if s.dep_ == "pobj"
        ]
        if any(registry.resolve(s).name.lower() == name.lower() for s in senders):
            return True
    return False


def first_reporter(doc: Doc, name: str) -> bool:
    """Whether ``name`` broke the story ("NFL Network first reported that …", "was first
    reported by the Ledger"): an outlet, which "the team" or "the company" never refers to."""
    cached = doc.user_data.get("claimdeck.first_reporters")
    if cached is None:
        cached = set()
        for token in doc:
            if token.lower_ != "first" or token.head.lemma_.lower() != "report":
                continue
            verb = token.head
            for child in verb.children:
                if child.dep_ == "nsubj":
                    cached.add(_name_words(child))
                elif child.dep_ == "agent":
                    cached.update(_name_words(c) for c in child.children if c.dep_ == "pobj")
        doc.user_data["claimdeck.first_reporters"] = cached
    return " ".join(name.split()).lower() in cached


def _name_words(token: Token) -> str:
    """ "NFL Network" for the head "Network": the compounds and the head, lower-cased."""
    words = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
    first = words[0].i if words else token.i
    return " ".join(t.lower_ for t in token.doc[first : token.i + 1])


def part_of_a_person(doc: Doc, name: str) -> bool:
    """Whether ``name`` is one word of a person's name in the article ("Alana" of "Alana
    Brooks", tagged a body in a quotation): "the team" never refers to it."""
    cached = doc.user_data.get("claimdeck.person_words")
    if cached is None:
        cached = {
            word.lower()
            for ent in entities(doc)
            if ent.label_ == "PERSON" and len(ent) > 1
            for word in ent.text.split()
        }
        doc.user_data["claimdeck.person_words"] = cached
    return " " not in name.strip() and name.strip().lower() in cached
