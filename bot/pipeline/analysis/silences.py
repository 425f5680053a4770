"""Wire copy's other ways of telling a press request went unanswered, and one that is none.

"Neither has responded" after a sentence in which two people were contacted; "did not
immediately respond"; "had not responded by press time"; "A message seeking comment was left
with X". And "has not commented publicly", a silence towards everyone that no one reports as an
unanswered request.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.models import PendingResponse, ResponseStatus
from bot.pipeline.analysis.agent_nouns import agent_noun
from bot.pipeline.analysis.asked import is_press
from bot.pipeline.analysis.comment_grammar import (
    mentions_comment,
    nearby,
    negated,
)
from bot.pipeline.analysis.lexicon import (
    BUSINESS_DESCRIPTORS,
    INSTITUTION_DESCRIPTORS,
    SPEECH_VERBS,
)
from bot.pipeline.analysis.parties import object_parties
from bot.pipeline.analysis.request_nouns import (
    object_is_comment_request,
    someone_elses,
)
from bot.pipeline.analysis.requesters import requester_of
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.unanswered import (
    asker_name,
    can_be_asked,
    not_received,
    pending,
    the_public,
)

ASKING_VERBS = frozenset("contact ask seek approach email call message query invite".split())
# "A message seeking comment was left with X": a request whose answer the article awaits.
LEFT_REQUESTS = frozenset({"message", "voicemail"})
# "by press time", "before publication": the press's deadline, so a press request.
PRESS_DEADLINES = frozenset({"press", "publication", "publishing", "deadline"})
# The press waiting for an answer: "is awaiting a response", "still waiting for comment".
AWAITING = frozenset({"await", "wait"})
# A procedure's time limit: "within the required period", "within 28 days".
SET_PERIODS = frozenset("period time timeframe deadline limit window".split())
PROCEDURAL_WORDS = frozenset(
    "required statutory allotted prescribed stipulated allowed specified set given".split()
)
LONG_PERIODS = frozenset("day days week weeks month months".split())
# "There was no immediate comment from X", "no response from X by Tuesday": what never came.
WORD_NOUNS = frozenset("comment response reply answer word".split())

# Whom a question puts to the test rather than to account: "the court has been asked whether …".
DECIDING_BODIES = frozenset("court judge tribunal jury panel inquiry arbitrator referee".split())
QUESTION_WORDS = frozenset("how why what whether when where who which if".split())
PERFECT = frozenset({"has", "have", "'s", "'ve"})
# Who is "contacted" about an incident rather than asked for comment.
EMERGENCY_SERVICES = frozenset("police gardaí gardai paramedics ambulance coastguard".split())


def put_a_question(verb: Token) -> bool:
    """ "The ferry operator has been asked how many sailings were cancelled", "The ministry has
    been asked why …": the press has put a question to a party and reports no answer yet (the
    perfect passive, with no one else named as asking). "Patients were asked whether they
    smoked", "The court has been asked whether the law applies" and "has been asked to resign"
    are not."""
    if verb.lemma_.lower() != "ask":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    askable = subject is not None and (can_be_asked(subject) or agent_noun(subject))
    if subject is None or not askable or _not_the_press_asking(verb) or _told_by_another(verb):
        return False
    if subject.lemma_.lower() in DECIDING_BODIES or the_public(subject):
        return False  # the court asked to rule; "Residents have been asked how often …"
    words = {t.lower_ for t in verb.doc[max(0, verb.i - 4) : verb.i]}
    if not words & PERFECT or "been" not in words:
        return False
    return any(c.dep_ == "ccomp" and c.left_edge.lower_ in QUESTION_WORDS for c in verb.children)


def _told_by_another(verb: Token) -> bool:
    """ "X have been asked whether …, the club said": the club or the head teacher did the
    asking it reports, not the press. A speech verb over the clause (or hung on it as a
    parenthetical) whose subject is not the press."""
    speeches = [c for c in verb.children if c.dep_ in {"parataxis", "ccomp"}]
    if verb.dep_ in {"ccomp", "parataxis"}:
        speeches.append(verb.head)
    for speech in speeches:
        if speech.lemma_.lower() not in SPEECH_VERBS:
            continue
        speaker = next((c for c in speech.children if c.dep_ == "nsubj"), None)
        if speaker is None or not is_press(speaker):
            return True
    return False


def contacted_alone(verb: Token) -> bool:
    """ "Bord Tíre Energy has been contacted.", "The ministry has been approached.": British
    and Irish copy's bare note that a body was asked and has not answered (the perfect
    passive, nothing else said). The police or a family "contacted" (by officers, by a
    hospital) is left alone."""
    if verb.lemma_.lower() not in {"contact", "approach"}:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or _not_the_press_asking(verb) or subject.lower_ in EMERGENCY_SERVICES:
        return False
    words = {t.lower_ for t in verb.doc[max(0, verb.i - 4) : verb.i]}
    if not words & PERFECT or "been" not in words:
        return False
    said = [c for c in verb.children if c.dep_ not in {"nsubjpass", "aux", "auxpass", "punct"}]
    if any(c.ent_type_ not in {"DATE", "TIME"} and c.dep_ != "prep" for c in said):
        return False
    if any(not _when(c) for c in said if c.dep_ == "prep"):
        return False
    if subject.pos_ == "PROPN":  # a body or a named person ("Ms Reid has been contacted")
        return subject.ent_type_ not in {"GPE", "LOC", "FAC", "NORP"}
    return subject.lemma_.lower() in BUSINESS_DESCRIPTORS | INSTITUTION_DESCRIPTORS and any(
        c.dep_ in {"det", "poss"} for c in subject.children
    )


def _when(prep: Token) -> bool:
    """ "on Monday", "this week": when a body was contacted, nothing about what for."""
    return any(c.ent_type_ in {"DATE", "TIME"} for c in prep.children)


def _not_the_press_asking(verb: Token) -> bool:
    """ "has been asked by the regulator whether …": someone other than the press asked."""
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        asker = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if asker is not None and not is_press(asker):
            return True
    return False


def neither_of_two(verb: Token, context: list[Span]) -> bool:
    """ "Neither man responded to requests for comment", or "Neither has responded" after a
    sentence in which someone was contacted, emailed or asked: a request was made, of two."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return False
    if subject.lower_ != "neither" and not any(c.lower_ == "neither" for c in subject.children):
        return False
    if object_is_comment_request(verb) or immediately(verb) or mentions_comment(nearby(verb)):
        return True
    # the small parser may leave the asking verb no clause of its own ("The Ledger contacted
    # the chairman and the town manager" read as a noun phrase), so look at the words
    return _asking_word(context) is not None


def _asking_word(context: list[Span]) -> Token | None:
    """The first word of asking ("contacted", "emailed") in the sentence before, however the
    parser read it."""
    return next((t for s in context[-1:] for t in s if t.lemma_.lower() in ASKING_VERBS), None)


def asker_before(context: list[Span], registry: SpeakerRegistry) -> str | None:
    """ "The Ledger contacted …": the outlet written just before the word of asking."""
    word = _asking_word(context)
    if word is None or word.i == 0:
        return None
    before = word.doc[word.i - 1]
    if before.pos_ != "PROPN" or not is_press(before):
        return None
    return asker_name(before, registry)


def immediately(verb: Token) -> bool:
    """ "did not immediately respond": wire copy's word for a reporter's unanswered request
    ("The White House did not immediately respond.")."""
    return any(c.lower_ == "immediately" for c in verb.children)


def when_asked(verb: Token) -> bool:
    """ "did not respond when asked whether …", "did not reply when contacted by the BBC",
    "Asked about the sale, the bank did not respond": the asking is the press's, unless it
    asks the party to do something ("did not respond when asked to stop") or someone else
    asks ("when asked by the judge")."""
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.tag_ != "VBN":
            continue
        if clause.lemma_.lower() not in ASKING_VERBS | {"question", "reach"}:
            continue
        if any(c.dep_ in {"xcomp", "dobj"} for c in clause.children):
            return False  # "when asked to leave", "when asked the way"
        agent = next((c for c in clause.children if c.dep_ == "agent"), None)
        askers = [c for c in agent.children if c.dep_ == "pobj"] if agent is not None else []
        return all(is_press(a) for a in askers)
    return False


def within_a_set_period(verb: Token) -> bool:
    """ "did not respond to the notice within the required seven days", "failed to reply within
    14 days", "within the statutory period": a procedure's time limit (a court's, a regulator's,
    an anti-doping body's), never the hours a reporter waits, so no press request. Looks at
    the verb's phrases, those of what it answers and of what that asks for."""
    hosts = [verb]
    for child in verb.children:
        if child.dep_ == "dobj":
            hosts.append(child)
        if child.dep_ == "prep" and child.lower_ == "to":
            hosts += [c for c in child.children if c.dep_ == "pobj"]
    # "a request for an explanation within …": what the request asks for, where the parser
    # may hang the time limit
    hosts += [o for h in hosts[1:] for p in h.children if p.lower_ == "for" for o in p.children]
    for host in hosts:
        for prep in host.children:
            if prep.dep_ != "prep" or prep.lower_ != "within":
                continue
            for span in prep.children:
                words = {c.lemma_.lower() for c in span.children}
                if span.lemma_.lower() in SET_PERIODS and words & PROCEDURAL_WORDS:
                    return True  # "the required period", "the statutory deadline"
                counted = any(c.dep_ == "nummod" for c in span.children)
                if span.lemma_.lower() in LONG_PERIODS and counted:
                    return True  # "within 14 days", "within the required seven days"
    return False


def awaiting(verb: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "The Tribune is awaiting a response from X", "we are still waiting for comment from
    X", "has put these points to X and is awaiting a response": the press waiting is a
    request unanswered (not "the union is awaiting a response from management")."""
    if verb.lemma_.lower() not in AWAITING or negated(verb):
        return []
    wanted = [c for c in verb.children if c.dep_ == "dobj"]
    wanted += [o for c in verb.children if c.lower_ == "for" for o in c.children]
    if not any(w.lemma_.lower() in WORD_NOUNS | {"comment"} for w in wanted):
        return []
    return not_received(verb, nearby(verb), text, registry)


def in_public(verb: Token) -> bool:
    """ "has not commented publicly", "has not publicly responded", "did not respond in
    public": a silence towards everyone, which no one reports as a request."""
    for child in verb.children:
        if child.lower_ == "publicly":
            return True
        in_the_open = child.dep_ == "prep" and child.lower_ == "in"
        if in_the_open and any(c.lower_ == "public" for c in child.children):
            return True
    return False


def by_press_time(verb: Token) -> bool:
    """ "had not responded by press time", "before publication", "at the time of publication",
    "at the time of going to press": the deadline is the press's, so what went unanswered is a
    press request."""
    for child in verb.children:
        if child.dep_ not in {"prep", "agent"} or child.lower_ not in {"by", "before", "as", "at"}:
            continue
        # "by press time", "before publication", "as of publication": the object and the
        # words hung on it, never a whole subtree (a run-on would make this quadratic)
        for target in child.children:
            words = [target, *target.children]
            # "by the time of publication": the deadline one "of" further
            words += [o for c in target.children if c.lower_ == "of" for o in c.children]
            # "at the time of going to press": the press one "going to" further still
            going = [o for o in words if o.dep_ == "pcomp" and o.lemma_.lower() == "go"]
            words += [x for o in going for p in o.children for x in (p, *p.children)]
            if any(t.lower_ in PRESS_DEADLINES for t in words):
                # "by deadline" is the press's only when nothing else was to be answered:
                # "did not respond to a subpoena by Friday's deadline" is a summons ignored
                return target.lower_ != "deadline" or (
                    _our_deadline(target) and not _answers_something_else(verb)
                )
    return False


def _our_deadline(deadline: Token) -> bool:
    """ "by deadline", "by our deadline": the press's; not "the deadline set by the court"."""
    return all(c.lower_ == "our" for c in deadline.children)


def _answers_something_else(verb: Token) -> bool:
    """ "respond to a subpoena", "answer the letter": an object that is no press request."""
    for child in verb.children:
        targets = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep" and child.lower_ == "to":
            targets = [c for c in child.children if c.dep_ == "pobj"]
        if targets and not object_is_comment_request(verb):
            return True
    return False


def left_with(leave: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "A message seeking comment was left with Orrin Labs", "Messages were left for Kerr
    and his lawyer": the press awaits an answer."""
    message = next((c for c in leave.children if c.dep_ == "nsubjpass"), None)
    if message is None or message.lemma_.lower() not in LEFT_REQUESTS or someone_elses(message):
        return []
    names: list[str] = []
    for prep in leave.children:
        if prep.dep_ == "prep" and prep.lower_ in {"with", "for", "at"}:
            for party in prep.children:
                if party.dep_ == "pobj" and can_be_asked(party):
                    names += object_parties(party, registry)
    return pending(names, None, ResponseStatus.PENDING, text)


def no_word_from(noun: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "There was no immediate comment from the Kremlin", "No comment was immediately available
    from the Pentagon", "There was no response from Delta by Tuesday evening": the party has not
    answered yet. Only a person or a body ("no word from the missing hikers" asks no one)."""
    if noun.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return []
    head = noun.head
    if noun.dep_ not in {"attr", "nsubj"} or head.lemma_.lower() != "be":
        return []
    hosts = [noun, *(c for c in head.children if c.dep_ == "acomp" and c.lower_ == "available")]
    if noun.dep_ == "nsubj" and len(hosts) == 1:
        return []  # "No comment was made": a statement of its own
    for host in hosts:
        for prep in host.children:
            if prep.dep_ != "prep" or prep.lower_ != "from":
                continue
            party = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if party is None or not _answers_for_someone(party):
                continue
            sender = {noun.i, *(t.i for t in prep.subtree)}  # the party is not its asker
            requester = requester_of([t for t in nearby(noun) if t.i not in sender], registry)
            return pending(object_parties(party, registry), requester, ResponseStatus.PENDING, text)
    return []


def _answers_for_someone(party: Token) -> bool:
    """A person or a body, or a building that stands for one ("the Kremlin", "the Pentagon")."""
    if party.pos_ == "PROPN":
        return party.ent_type_ not in {"LOC", "DATE", "TIME", "EVENT"}
    return can_be_asked(party)
