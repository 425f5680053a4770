"""Speakers the parse put somewhere other than the speech verb's subject.

Split from ``sources``: a name read as the object of a misread verb ("Costa Verde defender
Samuel Okoye, who was targeted, said …"), a subject set off before a phrase the parser made the
main verb ("Keane, ranked 87th in the world, said …"), and the sender of a statement that
speaks ("His office sent a statement saying …"). Each looks at a verb's head and its children.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.lexicon import SPEECH_VERBS

# What someone sends that says something: "issued a statement saying …".
STATEMENT_NOUNS = frozenset("statement message email e-mail post tweet video note".split())
# Only a verb that sends a statement makes its subject the statement's author; whoever sees,
# receives, gets or reads it ("The BBC has seen an email saying …") is not who wrote it.
SENDING_VERBS = frozenset("send issue release post publish put tweet circulate share".split())
MAX_WHOSE_TOKENS = 10  # ", whose chief executive, Dr Ana María Ruiz, said"


def statement_sender(verb: Token) -> Token | None:
    """ "His office sent a statement saying …", "posted a video saying …": who sends the
    statement says what it says. Returns the sending verb, whose subject speaks."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or noun.lemma_.lower() not in STATEMENT_NOUNS:
        return None
    if noun.dep_ != "dobj" or noun.head.pos_ != "VERB":
        return None
    if noun.head.lemma_.lower() not in SENDING_VERBS:
        return None  # "Staff received an email saying …": the reader is no speaker
    return noun.head


def name_read_as_object(verb: Token) -> Token | None:
    """ "Costa Verde defender Samuel Okoye, who was targeted, said …" with "defender" read as
    a verb and the name as its object: a subjectless speech verb hung on such a "verb" speaks
    for the person named before it."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i > verb.i or head.lemma_.lower() in SPEECH_VERBS:
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    return next(
        (c for c in head.children if c.dep_ == "dobj" and c.ent_type_ == "PERSON" and c.i < verb.i),
        None,
    )


def subject_set_off(verb: Token) -> Token | None:
    """ "Keane, ranked 87th in the world, said …" read with "ranked" as the main verb and
    "said" left hanging on it: a subjectless speech verb after the comma that closes a phrase
    set off after a subject speaks for that subject."""
    head = verb.head
    if verb.dep_ != "dep" or head.i > verb.i or verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj" and c.i < head.i), None)
    if subject is None or head.pos_ not in {"VERB", "AUX"}:
        return None
    edge = subject.right_edge.i  # the comma may hang on the subject or follow it
    closed = verb.doc[edge].text == "," or (edge + 1 < head.i and verb.doc[edge + 1].text == ",")
    return subject if closed and edge < head.i else None


def whose_subject(verb: Token) -> Token | None:
    """ "…, brought by a residents' group, whose chairwoman, Ann Roe, said …" read with "said"
    joined to the sentence's verb: a subjectless speech verb right after a relative phrase
    opened by "whose" speaks for that phrase's noun, or the name set beside it."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    low = max(0, verb.i - MAX_WHOSE_TOKENS)
    whose = next((i for i in range(verb.i - 2, low - 1, -1) if doc[i].lower_ == "whose"), None)
    if whose is None or doc[whose + 1].pos_ not in {"NOUN", "PROPN"}:
        return None
    noun = doc[whose].head if doc[whose].head.i > whose else doc[whose + 1]
    if any(t.pos_ in {"VERB", "AUX"} for t in doc[whose + 1 : verb.i]):
        return None  # "whose members voted against it, said": a clause of its own
    name = next(
        (c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i < verb.i),
        None,
    )
    return name or noun
