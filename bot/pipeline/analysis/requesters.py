"""Who asked a party for comment, as the request phrase says: "Reuters' request", "a request
from AP", "questions the Tribune submitted", "when reached by NOS".

Never a deadline ("a request for comment by press time") nor whoever acts in the question put
("declined to comment on whether the closure had been reviewed by regulators"): the sender of a
request is a name, an outlet or an official asker written in the request phrase itself.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.asked import is_press
from bot.pipeline.analysis.lexicon import CHANNELS, COMMENT_NOUNS, SPEECH_VERBS
from bot.pipeline.analysis.request_nouns import (
    sender_in_clause,
)
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.withheld import FIRST_PERSON, WH_WORDS

# The press asking, named nowhere: "questions from reporters".
OWN_REPORTERS = frozenset("reporter journalist correspondent".split())
# What an answer to the press is written in: "in an email to the Gazette".
WRITTEN_ANSWERS = frozenset("email e-mail statement letter message interview response".split())
# Whom a refusal may be told to and still answer the press.
PRESS_HEARERS = frozenset("reporter journalist press media outlet newspaper interviewer".split())
# Verbs whose agent asked the party: "contacted by Reuters", "questions sent by the Herald".
ASKING_BY = frozenset(
    "contact reach ask email e-mail call message text phone ring approach query send submit "
    "put pose write question interview request seek leave direct address forward".split()
)
# "by press time", "by the deadline": when an answer was due, never who asked.
DEADLINES = frozenset("time deadline publication press publishing noon midnight".split())


def requester_of(tokens: list[Token], registry: SpeakerRegistry) -> str | None:
    """Who asked: "Reuters' request", "a request from AP", "by The Times"."""
    for token in tokens:
        if token.lemma_.lower() not in COMMENT_NOUNS:
            continue
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ not in {"our", "my", "its", "their"}:
                return registry.resolve(child).name
            if child.dep_ == "compound" and child.ent_type_ == "ORG":
                return registry.resolve(child).name  # "a Reuters request for comment"
            sender = sender_in_clause(child)
            if sender is not None and sender.lower_ not in FIRST_PERSON:
                return registry.resolve(sender).name  # "questions the Tribune submitted"
            if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
                source = next((c for c in child.children if c.dep_ == "pobj"), None)
                if source is not None and _a_sender(source):
                    return registry.resolve(source).name
    for token in tokens:
        if token.dep_ == "agent" and _asks_the_party(token.head):
            source = next((c for c in token.children if c.dep_ == "pobj"), None)
            if source is not None and _a_sender(source):
                return registry.resolve(source).name
    return None


def _a_sender(source: Token) -> bool:
    """Who can send a request: not "we", a channel, a request, nor a time ("a request for
    comment by press time", "by Friday")."""
    if source.lower_ in FIRST_PERSON or source.ent_type_ in {"DATE", "TIME"}:
        return False
    if source.pos_ == "PROPN":
        return True  # "The Washington Post", "The Associated Press": names, not a channel
    if source.lemma_.lower() in OWN_REPORTERS:
        return False  # "questions from reporters": the article's own, named nowhere
    return source.lemma_.lower() not in CHANNELS | COMMENT_NOUNS | DEADLINES


def _asks_the_party(verb: Token) -> bool:
    """Whether a passive's "by X" says who asked: "X was contacted by Reuters", "questions
    sent by the Herald"; not the agent of a question asked ("declined to comment on whether
    the closure had been reviewed by regulators")."""
    if verb.lemma_.lower() not in ASKING_BY:
        return False  # "which is majority-owned by Rivus Capital": an owner, not an asker
    if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in verb.children):
        return False
    if verb.left_edge.lower_ in WH_WORDS - {"when"}:
        return False  # "how it was reviewed by …"; but "when reached by NOS" asked
    return verb.dep_ not in {"pcomp", "ccomp", "csubj"}


def told(refusal: Token, registry: SpeakerRegistry) -> str | None:
    """Who heard a refusal: "Tanaka told the AP she would not comment", "declined to comment
    to Reuters", "said in an email to the Herald that it would not comment"."""
    complements = [c for c in refusal.children if c.dep_ == "xcomp"]
    for child in (c for x in complements for c in x.children):  # "declined to comment to X"
        heard = _hearer(child)
        if heard is not None:
            return registry.resolve(heard).name
    verb = refusal
    for _ in range(3):  # "told the AP [she would not [comment]]"
        heard = _first_hearer(verb)
        if heard is not None:
            return registry.resolve(heard).name
        if verb.dep_ not in {"xcomp", "ccomp", "conj"}:
            break
        verb = verb.head
    return None


_HEARERS_KEY = "claimdeck.hearers"


def _first_hearer(verb: Token) -> Token | None:
    """The first of ``verb``'s children that says who heard it, kept per Doc: every refusal of
    a run-on ("X declined to comment and X declined to comment and …") climbs to the same first
    verb, whose children are all the others."""
    doc = verb.doc
    found: dict[int, int] = doc.user_data.setdefault(_HEARERS_KEY, {})
    if verb.i not in found:
        heard = next((h for c in verb.children if (h := _hearer(c)) is not None), None)
        found[verb.i] = -1 if heard is None else heard.i
    return None if found[verb.i] < 0 else doc[found[verb.i]]


def _hearer(child: Token) -> Token | None:
    """The press a speech or refusal is addressed to: the object of "told", "to X"."""
    head = child.head
    if child.dep_ == "prep" and child.lower_ == "in":
        # "In an email to the Gazette, the district said it would not comment"
        means = next((c for c in child.children if c.dep_ == "pobj"), None)
        if means is None or means.lemma_.lower() not in WRITTEN_ANSWERS:
            return None
        if means.lemma_.lower() == "response":
            # "In response to questions from the BBC, the club said …": who sent them
            asked = [q for p in means.children if p.lower_ == "to" for q in p.children]
            return next((a for q in asked if (a := _sender(q)) is not None), None)
        return next((h for c in means.children if (h := _hearer(c)) is not None), None)
    if child.dep_ in {"dobj", "dative"} and head.lemma_.lower() in {"tell", "inform"}:
        return child if _a_press_name(child) else None
    if child.dep_ in {"prep", "dative"} and child.lower_ == "to":
        spoken = SPEECH_VERBS | WRITTEN_ANSWERS | {"comment", "speak", "talk", "decline"}
        if head.lemma_.lower() not in spoken:
            return None
        heard = next((c for c in child.children if c.dep_ == "pobj"), None)
        return heard if heard is not None and _a_press_name(heard) else None
    return None


def _a_press_name(token: Token) -> bool:
    """ "the AP", "Reuters", "The Herald": a named outlet (never "reporters", named nowhere)."""
    return token.pos_ == "PROPN" and is_press(token)


def told_someone_else(refusal: Token) -> bool:
    """ "Brigg told her sister she would not comment on the will": a refusal told to someone
    other than the press is no answer to a press request ("told reporters", "told the AP",
    "told me" are)."""
    clause = refusal
    for _ in range(3):
        if clause.dep_ != "xcomp":
            break
        clause = clause.head
    tell = clause.head
    if clause.dep_ != "ccomp" or tell.lemma_.lower() not in {"tell", "inform"}:
        return False
    hearer = next((c for c in tell.children if c.dep_ in {"dobj", "dative"}), None)
    if hearer is None or hearer.lower_ in {"me", "us"} or is_press(hearer):
        return False
    return hearer.lemma_.lower() not in PRESS_HEARERS


def _sender(request: Token) -> Token | None:
    """The press that sent ``request``: "questions from the BBC", "the Herald's questions"."""
    if request.lemma_.lower() not in COMMENT_NOUNS:
        return None
    for child in request.children:
        if child.dep_ == "poss" and _a_press_name(child):
            return child
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            source = next((c for c in child.children if c.dep_ == "pobj"), None)
            if source is not None and _a_press_name(source):
                return source
    return None
