"""Refusals and absences in other words than "declined to comment".

"was not in a position to comment", "said it was unable to comment", "'No comment,' Vargas
said", "The ministry had no comment", "X was not available for comment", "Kwan's office said he
was unavailable". Not "was not authorized to comment publicly" (why a source is anonymous), "has
made no public comment" (a silence towards everyone) nor "unavailable because of injury".
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.models import PendingResponse, ResponseStatus
from bot.pipeline.analysis.comment_grammar import (
    mentions_comment,
    nearby,
    negated,
    subject_of,
)
from bot.pipeline.analysis.lexicon import COMMENT_NOUNS, SPEECH_VERBS
from bot.pipeline.analysis.request_nouns import (
    is_request,
    someone_elses,
)
from bot.pipeline.analysis.requesters import requester_of, told
from bot.pipeline.analysis.silences import in_public
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.spoken_for import REPRESENTATIVES, reporting_speaker, spoken_for
from bot.pipeline.analysis.tree import ancestors
from bot.pipeline.analysis.unanswered import can_be_asked, party_requests

UNAVAILABLE_WORDS = frozenset({"available", "reachable", "unavailable", "unreachable"})
# Who answers the press for a party: "Kwan's office said he was unavailable".
SPOKESPEOPLE = frozenset("spokesman spokeswoman spokesperson spokespeople aide aides".split())
# "unable to comment", "would be inappropriate (premature) to comment": a refusal in one word.
UNFIT_WORDS = frozenset({"unable", "inappropriate", "premature", "improper"})
# Verbs that turn a request down ("rejected a request for an interview", "turned down
# requests for comment") or leave it unanswered ("ignored repeated requests for comment").
TURNING_DOWN = frozenset({"reject", "rebuff", "turn"})
IGNORING = frozenset({"ignore"})
# "not authorized to comment", "not permitted to speak": why a source is unnamed.
PERMISSION_WORDS = frozenset("authorize authorise permit allow empower entitle free".split())


def not_in_a_position(
    comment: Token, text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "was not in a position to comment", "said it was unable to comment": a refusal whose
    negation sits above the verb. "was not available to comment" awaits an answer; "was not
    authorized to comment publicly" is why a source is anonymous, not a refusal."""
    if in_public(comment):
        return []
    status = ResponseStatus.DECLINED
    for host in ancestors(comment, 4):
        if host.lemma_.lower() in PERMISSION_WORDS:
            return []  # "spoke on condition of anonymity because he was not authorized to"
        if host.lower_ in UNAVAILABLE_WORDS:
            status = ResponseStatus.PENDING  # "was not available to comment"
        if host.lemma_.lower() in UNFIT_WORDS or any(c.dep_ == "neg" for c in host.children):
            if host.pos_ == "ADJ":
                host = host.head
            subject = subject_of(host)
            if subject is None:
                return []
            return party_requests(subject, told(host, registry), status, text, registry)
        own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in host.children)
        if host.pos_ in {"VERB", "AUX"} and (host.dep_ in {"ROOT", "ccomp"} or own_subject):
            break  # the clause that holds "comment" is not negated ("…, and X declined to")
    return []


def no_comment_quoted(
    comment: Token, text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "'No comment,' Vargas said": the words quoted are a refusal by the speaker."""
    speech = comment.head
    if [t.lower_ for t in comment.subtree if not t.is_punct] != ["no", "comment"]:
        return []
    if comment.dep_ not in {"ccomp", "dobj"}:
        # '"No comment," said Ruiz': the small parser may hang the quotation on its marks;
        # the sentence's speech verb still says who said it, when the two words are all quoted
        speech = comment.sent.root
        if not _quoted_alone(comment):
            return []
    if speech.lemma_.lower() not in SPEECH_VERBS:
        return []
    speaker = next((c for c in speech.children if c.dep_ == "nsubj"), None)
    if speaker is None:
        return []
    return party_requests(speaker, None, ResponseStatus.DECLINED, text, registry)


def _quoted_alone(comment: Token) -> bool:
    """Whether "No comment" is a whole quotation: a quotation mark just before "No" and just
    after "comment" (a comma may come first)."""
    doc = comment.doc
    before = comment.i - 2
    after = [doc[i] for i in range(comment.i + 1, min(len(doc), comment.i + 3))]
    opened = before >= 0 and doc[before].is_quote
    closed = any(t.is_quote for t in after) and all(t.is_punct for t in after[:1])
    return opened and closed


def no_comment(have: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "The ministry had no comment", "said it had no immediate comment", "would make no
    further comment", "offered no comment"; "said it had nothing further to add"."""
    if have.lemma_.lower() == "have" and _nothing_to_add(have):
        subject = subject_of(have)
        if subject is None or in_court(have):
            return []  # "before sentencing, Harris said he had nothing more to say": in court
        if _a_client(subject, reporting_speaker(have)):
            return []  # "his lawyer said he had nothing further to add": the client, not asked
        return party_requests(subject, None, ResponseStatus.DECLINED, text, registry)
    comment = next(
        (c for c in have.children if c.dep_ == "dobj" and c.lemma_.lower() == "comment"), None
    )
    if comment is None or not any(c.lower_ == "no" for c in comment.children):
        return []
    if any(c.lower_ == "public" for c in comment.children):
        return []  # "has made no public comment": silence, not a refusal to the press
    subject = subject_of(have)
    if subject is None:
        return []
    return party_requests(subject, None, ResponseStatus.DECLINED, text, registry)


def _a_client(subject: Token, speaker: Token | None) -> bool:
    """Whether "he" or "she" in a lawyer's or an agent's words is whom they act for, who was
    not asked by the press ("his lawyer said he had nothing further to add"); a body's
    spokesperson's "he" is the body's, which spoken_for finds."""
    if speaker is None or subject.lower_ not in {"he", "she"}:
        return False
    return speaker.lemma_.lower() in REPRESENTATIVES and spoken_for(subject) is None


# "had nothing to add", "had nothing more to say": all a party will tell the press.
ADDING_VERBS = frozenset({"add", "say"})


def _nothing_to_add(have: Token) -> bool:
    """ "said it had nothing further to add", "had nothing more to say": a refusal in the
    words of one who has answered; not "had nothing to say to the referee" (someone else)."""
    nothing = next((c for c in have.children if c.dep_ == "dobj" and c.lower_ == "nothing"), None)
    if nothing is None:
        return False
    for clause in nothing.children:
        adding = clause.lemma_.lower() in ADDING_VERBS
        if clause.dep_ not in {"acl", "relcl", "xcomp"} or not adding:
            continue
        told = [
            c
            for p in clause.children
            if p.dep_ in {"prep", "dative"} and p.lower_ == "to"
            for c in p.children
            if c.dep_ == "pobj"
        ]
        return all(t.lower_ in PRESS_AUDIENCES for t in told)
    return False


# A choice not to comment: "chose not to comment", "opted not to", "decided not to".
CHOOSING = frozenset("choose opt elect prefer decide".split())


def chose_not_to(comment: Token) -> bool:
    """ "The club chose not to comment", "opted not to comment further": a refusal, where a
    bare "did not comment" is a silence."""
    return (
        comment.dep_ == "xcomp"
        and comment.head.lemma_.lower() in CHOOSING
        and any(c.dep_ == "neg" for c in comment.children)
    )


def _said_for(word: Token) -> bool:
    """ "Kwan's office said he was unavailable": whoever answers for a party says, with nothing
    more, that the party cannot answer the press ("her agent said she was unavailable because
    of injury" is about a match)."""
    verb = word.head
    if any(c.dep_ in {"prep", "advcl", "conj"} for h in (word, verb) for c in h.children):
        return False
    speaker = reporting_speaker(verb)
    return speaker is not None and speaker.lemma_.lower() in SPOKESPEOPLE | {"office"}


def unavailable(word: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "X was not available for comment", "X could not be reachable for comment", "said he
    was traveling and unavailable for comment"."""
    verb = word.head
    if word.lower_ in UNAVAILABLE_WORDS - {"available", "reachable"}:
        if word.dep_ not in {"acomp", "conj"}:
            return []
    elif word.dep_ != "acomp" or not (negated(verb) or negated(word)):
        return []
    for_preps = [c for c in word.children if c.dep_ == "prep" and c.lower_ == "for"]
    if not mentions_comment([t for c in for_preps for t in nearby(c)]) and not _said_for(word):
        return []
    subject = subject_of(verb)
    if subject is None:
        return []
    return party_requests(subject, None, ResponseStatus.PENDING, text, registry)


# What one side answers another with, never the press: "declined to respond to the offer".
PROPOSALS = frozenset("offer proposal bid ultimatum invitation summons subpoena demand".split())
# "Asked to comment, she declined", "Reached for comment, he declined".
# "did not speak to reporters", "has not talked to the media".
TALKING = frozenset({"speak", "talk"})
PRESS_AUDIENCES = frozenset("reporter reporters journalist journalists media press outlet".split())
REFUSED_DEPS = frozenset({"xcomp", "dobj", "ccomp", "prep", "advcl", "attr", "npadvmod"})
ASKED_FIRST = frozenset("ask reach contact approach question call email".split())


def bare_refusal(refusal: Token) -> bool:
    """ "declined." with nothing declined: no object, complement or clause of its own."""
    for child in refusal.children:
        # "Asked to comment, she declined": the asking, not what was refused
        asked = child.dep_ == "advcl" and child.lemma_.lower() in ASKED_FIRST
        if child.dep_ in REFUSED_DEPS and not asked:
            return False
    subject = next((c for c in refusal.children if c.dep_ == "nsubj"), None)
    return subject is None or subject.pos_ == "PRON" or can_be_asked(subject)


def answers_someone_else(complement: Token) -> bool:
    """ "refused to answer the prosecutor's questions", "declined to respond to the union's
    letter": what was refused is a request someone other than the press made."""
    for child in complement.children:
        targets = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep" and child.lower_ == "to":
            targets = [c for c in child.children if c.dep_ == "pobj"]
        if any(t.lemma_.lower() in COMMENT_NOUNS and someone_elses(t) for t in targets):
            return True
        if any(t.lemma_.lower() in PROPOSALS for t in targets):
            return True  # "declined to respond to the company's offer": a negotiation
    return False


def not_speaking_to_press(
    verb: Token, text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "Lund did not speak to reporters after the match", "has not talked to the media": a
    refusal of the press, which asked. Only to the press ("did not speak to the board" is
    none), and never "was not authorized to speak to the media", an anonymous source's reason."""
    if verb.lemma_.lower() not in TALKING or not negated(verb):
        return []
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PERMISSION_WORDS:
        return []  # "not authorized to speak to reporters": why a source is unnamed
    heard = [
        c
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ in {"to", "with"}
        for c in p.children
        if c.dep_ == "pobj"
    ]
    if not any(h.lemma_.lower() in PRESS_AUDIENCES or h.lower_ in PRESS_AUDIENCES for h in heard):
        return []
    subject = subject_of(verb)
    if subject is None:
        return []
    return party_requests(subject, None, ResponseStatus.DECLINED, text, registry)


def turned_down(verb: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "X turned down a request for an interview", "rejected requests for comment" (declined);
    "ignored repeated requests for comment" (unanswered). Only a request the press makes: "the
    judge rejected the prosecution's request" or "a request for documents" is none."""
    lemma = verb.lemma_.lower()
    if lemma == "turn" and not any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        return []
    if negated(verb) or not any(c.dep_ == "dobj" and is_request(c) for c in verb.children):
        return []
    subject = subject_of(verb)
    if subject is None:
        return []
    status = ResponseStatus.PENDING if lemma in IGNORING else ResponseStatus.DECLINED
    return party_requests(subject, requester_of(nearby(verb), registry), status, text, registry)


# A person's own "did not discuss" is what happened; a body's is its policy.
PERSONS = frozenset({"he", "she", "i"})


def negated_here(verb: Token) -> bool:
    """ "would not confirm", "would neither confirm nor deny"."""
    return any(
        c.dep_ == "neg" or (c.dep_ == "preconj" and c.lower_ == "neither") for c in verb.children
    )


def refusal_in_own_words(verb: Token) -> Token | None:
    """Who declined in "could neither confirm nor deny whether …" (any auxiliary: the set
    phrase withholds an answer) or "a spokesperson said it did not discuss commercial matters"
    (a body's own policy, told in the past tense of the report). Not "did not discuss the
    merger with the regulator", an event, nor "could not confirm how many died". The cheap
    tests first: every "say" of a run-on comes here."""
    lemma = verb.lemma_.lower()
    if lemma == "confirm" and _neither_confirm_nor_deny(verb):
        return _answering_the_press(verb)
    if lemma != "discuss" or not negated(verb):
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            return None  # "said it did not discuss prices with rivals": what happened
        if child.dep_ == "dobj" and not _a_kind_of_matter(child):
            return None  # "did not discuss the merger": an event
        if _an_occasion(child) or (child.dep_ == "dobj" and any(map(_an_occasion, child.children))):
            return None  # "did not discuss job cuts at Monday's meeting": what happened there
    subject = subject_of(verb)
    if subject is None or subject.lower_ in PERSONS or spoken_for(subject) is None:
        return None  # "she said she did not discuss contracts": what a person did, or not
    return subject


# Where words are testimony, not an answer to the press: "In court, the witness said she could
# neither confirm nor deny", "before sentencing, he said he had nothing more to say".
COURT_WORDS = frozenset(
    "court courtroom trial testify testimony jury juror sentencing inquest hearing "
    "cross-examination witness defendant".split()
)
# Events a body's "did not discuss" may be about: "at Monday's meeting", "during the session".
OCCASIONS = frozenset(
    "meeting session hearing talks summit conference call interview debate briefing vote".split()
)
MAX_COURT_TOKENS = 80


def in_court(word: Token) -> bool:
    """Whether the sentence of ``word`` tells of a court or a hearing (the first words only:
    a run-on's far end says nothing of this clause)."""
    sent = word.sent
    end = min(sent.end, sent.start + MAX_COURT_TOKENS)
    return any(t.lemma_.lower() in COURT_WORDS for t in sent.doc[sent.start : end])


def _an_occasion(child: Token) -> bool:
    """ "at Monday's meeting", "during Tuesday's session", "when it set the budget", "on
    Friday": a time or an event, so "did not discuss" tells what happened, not a policy."""
    if child.dep_ == "advcl" or (child.dep_ == "npadvmod" and child.ent_type_ in {"DATE", "TIME"}):
        return True
    if child.dep_ != "prep" or child.lower_ not in {"at", "during", "in", "on", "before", "after"}:
        return False
    place = next((c for c in child.children if c.dep_ == "pobj"), None)
    if place is None:
        return False
    if child.lower_ in {"during", "before", "after"}:
        return True  # "after the final whistle": a time, whatever the word for it
    dated = any(c.ent_type_ in {"DATE", "TIME"} for c in (place, *place.children))
    return dated or place.lemma_.lower() in OCCASIONS


def _answering_the_press(verb: Token) -> Token | None:
    """Who withholds an answer by "could neither confirm nor deny": the speaker, or the body
    a spokesperson speaks for; not a party the speaker only mentions ("a spokesperson for Acme
    said the regulator could neither …"), nor a witness in court."""
    subject = subject_of(verb)
    if subject is None or in_court(verb):
        return None
    if reporting_speaker(verb) is None:
        return subject  # "The ministry could neither confirm nor deny the report"
    if subject.lower_ in {"it", "they", "we", "i"}:
        return subject  # "Regulators said they could neither confirm nor deny": themselves
    return subject if spoken_for(subject) is not None else None


def _neither_confirm_nor_deny(confirm: Token) -> bool:
    """ "neither confirm nor deny", "not confirm or deny": the pair withholds an answer."""
    if not negated(confirm) and not negated_here(confirm):
        return False
    return any(c.dep_ == "conj" and c.lemma_.lower() == "deny" for c in confirm.children)


def _a_kind_of_matter(obj: Token) -> bool:
    """ "commercial matters", "individual cases", "personnel issues", "ongoing litigation": a
    kind of thing a body never discusses, with no determiner that points at one."""
    if any(c.dep_ in {"det", "poss", "nummod"} for c in obj.children):
        return False
    described = any(c.dep_ == "amod" for c in obj.children)
    return obj.pos_ == "NOUN" and (obj.tag_ == "NNS" or described)


def says_it_did_not(verb: Token, subject: Token) -> bool:
    """ "Halden Bank said it did not comment on client matters": a body saying it does not
    comment has answered, and declined."""
    speech = verb.head
    if verb.dep_ != "ccomp" or speech.lemma_.lower() not in SPEECH_VERBS:
        return False
    # "a Tesco spokesperson said the retailer did not comment on suppliers": the body spoken for
    return subject.lower_ in {"it", "they", "he", "she", "we"} or spoken_for(subject) is not None
