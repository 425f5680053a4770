"""A bare "did not respond": whether it answered anything named, and who it can be.

"The ministry, which did not respond", "did not respond by Wednesday evening", "did not
immediately respond" name no request; whether one was made is read around them (see
``comments``). Here: the cheap test that a sentence holds such a verb, whether the verb answers
something named, and whether its subject is someone the press asks ("Voss", "the White House")
rather than a class of people ("households that did not respond") or a thing ("the engine").
Split from ``comments``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.pipeline.analysis.comment_grammar import negated
from bot.pipeline.analysis.lexicon import REPLY_VERBS
from bot.pipeline.analysis.unanswered import can_be_asked

# When, not what was answered: "by Wednesday evening", "as of Friday", "by the deadline".
WHEN_PREPOSITIONS = frozenset({"by", "as", "on", "before", "until", "since"})
TIME_WORDS = frozenset("now then deadline publication time".split())


def has_bare_reply(sent: Span) -> bool:
    """A negated reply verb with no object ("did not respond."): worth looking for a request
    around it. Checked first because it is cheap."""
    return any(
        t.lemma_.lower() in REPLY_VERBS and t.pos_ in {"VERB", "AUX"} and negated(t) for t in sent
    )


def answers_nothing_named(verb: Token) -> bool:
    """ "…, which did not respond": no object, so what went unanswered is the request the
    sentence (or the one before) describes."""
    return not any(
        c.dep_ in {"dobj", "prep", "dative", "ccomp", "xcomp"} and not _when(c)
        for c in verb.children
    )


def _when(prep: Token) -> bool:
    """ "by Wednesday evening", "as of Friday", "on Monday", "by the time of publication":
    when, not what was answered."""
    if prep.dep_ != "prep" or prep.lower_ not in WHEN_PREPOSITIONS:
        return False
    return any(
        t.ent_type_ in {"DATE", "TIME"} or t.lower_ in TIME_WORDS
        for c in prep.children
        for t in (c, *c.children)
    )


def a_class(subject: Token) -> bool:
    """ "households that did not respond", "tenants who did not reply": a restrictive relative
    clause (no comma before it) picks out a class of people, never the party the press asked
    ("the ministry, which did not respond")."""
    if subject.tag_ not in {"WDT", "WP"} or subject.head.dep_ != "relcl":
        return False
    start = subject.head.left_edge.i
    return start > 0 and subject.doc[start - 1].text != ","


def a_bare_class(subject: Token) -> bool:
    """ "Respondents who did not answer the question", "voters who did not respond": a bare
    plural picked out by a restrictive clause is a class of people counted, whatever it did not
    answer; "the two firms that did not respond" (named before) is left to the other rules."""
    if not a_class(subject):
        return False
    antecedent = subject.head.head
    bare = not any(c.dep_ in {"det", "poss", "nummod"} for c in antecedent.children)
    return antecedent.pos_ == "NOUN" and antecedent.tag_ == "NNS" and bare


def askable(subject: Token) -> bool:
    """A person or body as subject: "Voss", "The White House"; not "the engine", "Germany"."""
    if subject.tag_ in {"WDT", "WP"} and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "…, which did not immediately respond"
    if subject.pos_ == "PROPN" and subject.ent_type_ not in {"GPE", "LOC", "FAC", "NORP"}:
        return True
    return can_be_asked(subject)
