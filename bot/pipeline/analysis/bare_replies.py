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

from bot.pipeline.analysis.asked import is_press, quoted
from bot.pipeline.analysis.comment_grammar import negated
from bot.pipeline.analysis.doc_index import sentence_has
from bot.pipeline.analysis.lexicon import (
    BUSINESS_DESCRIPTORS,
    INSTITUTION_DESCRIPTORS,
    REPLY_VERBS,
)
from bot.pipeline.analysis.request_nouns import SENDING_VERBS
from bot.pipeline.analysis.unanswered import can_be_asked

# When, not what was answered: "by Wednesday evening", "as of Friday", "by the deadline".
WHEN_PREPOSITIONS = frozenset({"by", "as", "on", "before", "until", "since"})
TIME_WORDS = frozenset("now then deadline publication time".split())
QUOTE_MARKS = frozenset({'"', "“", "”"})
# A sentence that says nothing but a party's silence is short: "The Treasury did not respond."
MAX_SILENCE_TOKENS = 16
# People named by an exchange with someone other than the press: a 911 caller answers the
# dispatcher, a patient the doctor, a customer the shop, a voter the pollster.
OTHERS_ANSWERERS = frozenset(
    "caller patient customer voter respondent pupil applicant claimant juror subscriber "
    "participant".split()
)

# What a party is sent, asked or told to do by someone else: "sent a distress call to the
# coast guard", "ordered X to repair", "summoned X to a hearing". Its bare silence after that
# answers the order or the call, not the press.
ADDRESSING_WORDS = SENDING_VERBS | frozenset(
    "contact call order summon notify instruct direct urge warn alert radio signal page "
    "subpoena invite request demand appeal petition".split()
)
# How far up from the party's word the verb of addressing is looked for ("to" → "call" → "sent").
ADDRESS_CLIMB = 3


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


# What the press asks a party for: "requests for comment", "a statement", "a response".
COMMENT_WORDS = frozenset("comment comments response responses reaction statement".split())
# Words for a share of a group: "some of those identified", "many of the residents".
SHARES = frozenset("some many most several few half all none others one".split())
# Words that pick people out by what they did or what befell them: "those identified",
# "anyone who was exposed", "people who attended".
PEOPLE_BY_PROPERTY = frozenset("those anyone anybody everyone everybody people".split())


def a_class_by_property(subject: Token) -> bool:
    """ "some of those identified", "people who attended the match", "anyone exposed": people
    picked out by what they did or what befell them (contact tracing, a recall, a survey),
    whom a health service or a shop calls, not the press; a party the press asks has a name
    or a role. "None of those contacted responded to requests for comment" says comment."""
    word = subject
    if word.lower_ in SHARES:
        group = next(
            (c for p in word.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children),
            None,
        )
        if group is None or group.dep_ != "pobj":
            return False
        if group.lower_ == "those":
            return True  # "some of those identified", "half of those"
        word = group
    if word.lower_ not in PEOPLE_BY_PROPERTY:
        return False
    return word.lower_ == "those" or any(c.dep_ in {"acl", "relcl", "amod"} for c in word.children)


def says_comment(token: Token) -> bool:
    """Whether the sentence of ``token`` names the comment sought ("comment", "response",
    "statement"): one look-up per sentence, kept on the Doc."""
    return sentence_has(token, "comment sought", _comment_sought)


def _comment_sought(token: Token) -> bool:
    return token.lower_ in COMMENT_WORDS


def askable(subject: Token) -> bool:
    """A person or body as subject: "Voss", "The White House"; not "the engine", "Germany"."""
    if subject.tag_ in {"WDT", "WP"} and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "…, which did not immediately respond"
    if subject.pos_ == "PROPN" and subject.ent_type_ not in {"GPE", "LOC", "FAC", "NORP"}:
        return True
    return can_be_asked(subject)


def answers_others(subject: Token) -> bool:
    """ "the caller did not respond to questions, the department said", "the patient did not
    respond": someone a story names by an exchange with a dispatcher, a doctor or a shop, whose
    silence is no press request unless the sentence says comment was sought."""
    if subject.tag_ in {"WDT", "WP"} and subject.head.dep_ == "relcl":
        subject = subject.head.head
    if subject.pos_ != "NOUN" or subject.lemma_.lower() not in OTHERS_ANSWERERS:
        return False
    return not sentence_has(subject, "comment", _comment_word)


def a_whole_silence(verb: Token, subject: Token) -> bool:
    """ "The Department for Work and Pensions did not respond.", "Harlow Foods did not
    immediately reply on Friday.": a sentence that says only that a named body did not answer,
    after reporting, is wire copy's note of an unanswered press request. A person ("Lena
    Ortiz did not respond" may follow a dose of a drug), a pronoun, a role or a thing is left
    to the context."""
    sent = verb.sent
    if verb.dep_ != "ROOT" or len(sent) > MAX_SILENCE_TOKENS or subject.dep_ != "nsubj":
        return False
    if sent.start == 0 or not answers_nothing_named(verb):
        return False  # alone, with no reporting before it, it answers nothing known
    if any(t.dep_ in {"ccomp", "agent", "acl", "relcl"} for t in sent):
        return False  # "did not respond by the deadline set by the court"
    if subject.left_edge.i != sent.start or answers_others(subject):
        return False
    if addressed_before(subject, sent):
        return False  # "The city ordered X to …. X did not respond.": the order went unanswered
    if subject.pos_ == "PROPN":
        # a body: a person's bare silence may be a patient's or a suspect's, read in context
        return subject.ent_type_ not in {"PERSON", "GPE", "LOC", "FAC", "NORP", "DATE", "TIME"}
    lemma = subject.lemma_.lower()
    owned = any(c.dep_ in {"det", "poss"} for c in subject.children)
    return owned and lemma in BUSINESS_DESCRIPTORS | INSTITUTION_DESCRIPTORS


def addressed_before(subject: Token, sent: Span) -> bool:
    """ "The crew sent a distress call to the coast guard. The Coast Guard did not respond.":
    the sentence before names someone other than the press calling, ordering or summoning the
    same party, so its silence answers that. One sentence back, a bounded climb per word."""
    if sent.start == 0:
        return False
    before = subject.doc[sent.start - 1].sent
    word = subject.lower_
    for token in before:
        if token.lower_ != word or token.dep_ not in {"dobj", "dative", "pobj"}:
            continue
        host = token.head
        for _ in range(ADDRESS_CLIMB):
            if host.lemma_.lower() in ADDRESSING_WORDS and host.pos_ in {"VERB", "NOUN"}:
                caller = _subject_of(host)
                return caller is None or not is_press(caller)
            if host.head.i == host.i:
                break
            host = host.head
    return False


def _subject_of(word: Token) -> Token | None:
    """Who did the addressing: the verb's subject, or the subject of the verb a noun hangs on
    ("sent a distress call")."""
    for _ in range(ADDRESS_CLIMB):
        subject = next((c for c in word.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None or word.head.i == word.i:
            return subject
        word = word.head
    return None


def picks_up(verb: Token) -> bool:
    """ "did not pick up calls", "did not pick up his phone": answering a call, in the words of
    Nigerian, Kenyan and South African copy; what was not picked up decides whether the press
    called."""
    if verb.lemma_.lower() != "pick" or quoted(verb):
        return False  # '"Nobody from the league has even picked up the phone," he said'
    if sentence_has(verb, "quote mark", _quote_mark):
        return False  # the close of a quotation opened a sentence or more before
    return any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)


def _comment_word(token: Token) -> bool:
    return token.lemma_.lower() == "comment"


def _quote_mark(token: Token) -> bool:
    return token.text in QUOTE_MARKS
