"""What counts as a comment request: the request noun and who sent it.

Split from ``comment_grammar`` (which keeps negation, auxiliaries and subjects) because the
request noun is its own question with its own vocabulary: "a request for comment" or "a
request for a list of stores" the press sent, "our calls", "Reuters' request", "questions from
lawmakers"; not "a records request", "her calls to the police", "the family's emails" or "the
first call" to an emergency line.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.comment_grammar import DECLINED_COMPLEMENTS, mentions_comment, nearby
from bot.pipeline.analysis.lexicon import (
    CHANNELS,
    COMMENT_NOUNS,
    INSTITUTION_DESCRIPTORS,
    SPEECH_VERBS,
)
from bot.pipeline.analysis.tree import ancestors
from bot.pipeline.analysis.withheld import FIRST_PERSON

# What a comment request asks for: "a request for comment", but not "for documents".
STATEMENT_NOUNS = frozenset(
    "comment comments response responses statement reaction interview interviews information "
    "clarification explanation details detail reply confirmation update answer answers".split()
)
# Facts the press asks a party for besides a statement: "a request for a list of the stores",
# "for a breakdown of the costs", "for figures"; what only the party holds, not "documents" or
# "records" a court or a committee demands.
FACT_NOUNS = frozenset(
    "list breakdown figure figures data number numbers tally count estimate timeline".split()
)
# Letters pass between any two parties; one is a comment request only when the press sent it.
CORRESPONDENCE = frozenset({"letter"})
# The piece being read: "calls for this story", "questions for this article".
STORY_NOUNS = frozenset("story article piece report column feature segment broadcast".split())
PRESS_SENDERS = frozenset(
    "reporter reporters journalist journalists newspaper paper newsroom editor editors".split()
)
SENDING_VERBS = frozenset("send submit email put pose leave file ask write".split())
OFFICIAL_ASKERS = INSTITUTION_DESCRIPTORS | frozenset(
    "lawmaker legislator senator congressman congresswoman mp regulator investigator inspector "
    "auditor prosecutor ombudsman committee panel inquiry".split()
)
# Words before "request" that keep it the press's: "a media request", "an email request".
PRESS_MODIFIERS = frozenset("media press news interview comment".split())
PHONES = frozenset("phone telephone cellphone cell mobile".split())
# "a list of questions": the request is the thing listed.
LIST_NOUNS = frozenset("list series set number barrage".split())


def is_request(noun: Token) -> bool:
    """A request noun that is a request to the party, not "the first call" to an emergency
    service or "calls for 40 minutes"."""
    if noun.lemma_.lower() in LIST_NOUNS:  # "a list of questions from The Washington Post"
        if any(c.ent_type_ == "ORDINAL" or c.dep_ == "nummod" for c in noun.children):
            return False  # "the first set of cognitive questions": a test given in turns
        inner = from_object(noun, "of")
        return inner is not None and is_request(inner)
    if noun.lemma_.lower() not in COMMENT_NOUNS:
        return False
    for child in noun.children:
        if child.ent_type_ == "ORDINAL" or child.dep_ == "nummod":
            return False
        for_a_while = child.dep_ == "prep" and child.lower_ == "for"
        if for_a_while and any(c.ent_type_ in {"TIME", "DATE"} for c in child.children):
            return False
    if noun.lemma_.lower() in CORRESPONDENCE and not _from_the_press(noun):
        return False  # "a letter from the federation asking to restore the sport"
    if someone_elses(noun):
        return False
    return not _asks_for_something_else(noun)


def someone_elses(request: Token) -> bool:
    """ "her calls to the police", "their questions", "the family's emails", "a records
    request": a request someone other than the press made, or one for something other than a
    statement. "Our calls", "Reuters' request" and "the committee's request for comment" (an
    inquiry asking for a statement) stay requests."""
    if _asks_for_a_statement(request):
        return False
    sender = from_object(request)
    if sender is not None and not (_press_like(sender) or _official(sender)):
        return True  # "messages from supporters' groups"; not "questions from lawmakers"
    for child in request.children:
        writer = sender_in_clause(child)
        if writer is not None and not (_press_like(writer) or _official(writer)):
            return True  # "questions the family sent"; not "questions the Tribune submitted"
    for child in request.children:
        if child.dep_ == "poss" and not _press_like(child):
            return True
        kept = STATEMENT_NOUNS | CHANNELS | PRESS_MODIFIERS
        if child.dep_ == "compound" and child.pos_ == "NOUN" and child.lemma_.lower() not in kept:
            return True  # "a records request", "an extradition request"
    return False


def _asks_for_a_statement(request: Token) -> bool:
    wanted = from_object(request, "for")
    return wanted is not None and (
        wanted.lemma_.lower() in STATEMENT_NOUNS or wanted.lower_ in STATEMENT_NOUNS
    )


def sender_in_clause(child: Token) -> Token | None:
    """X in "questions X submitted", "the emails X sent": who wrote the request."""
    if child.dep_ != "relcl" or child.lemma_.lower() not in SENDING_VERBS:
        return None
    return next((c for c in child.children if c.dep_ == "nsubj"), None)


def _official(sender: Token) -> bool:
    """An official inquiry asks for statements too: "questions from lawmakers", "a request
    from the committee"."""
    return sender.lemma_.lower() in OFFICIAL_ASKERS or sender.ent_type_ == "ORG"


def _press_like(owner: Token) -> bool:
    """Whose request: "our", a named outlet, "the newspaper's"; not "her", "their", "the
    family's" nor a person's name."""
    if owner.lower_ in FIRST_PERSON | {"our", "my"} or owner.lemma_.lower() in PRESS_SENDERS:
        return True
    if owner.pos_ == "PRON":
        # "Reporters said the ministry never answered their questions": whose "their" is
        # the subject of the speech verb above
        for host in ancestors(owner, 6):
            if host.lemma_.lower() in SPEECH_VERBS:
                speaker = next((c for c in host.children if c.dep_ == "nsubj"), None)
                return speaker is not None and speaker.lemma_.lower() in PRESS_SENDERS
        return False
    return owner.pos_ == "PROPN" and (owner.ent_type_ != "PERSON" or titled(owner))


def titled(name: Token) -> bool:
    """ "the Chronicle", "the Weekly", "the Ledger": a capitalised name under "the" is a title
    (a newspaper's, a body's), whatever the small tagger says; a person's name takes none."""
    return name.tag_ == "NNP" and any(c.dep_ == "det" and c.lower_ == "the" for c in name.children)


def _from_the_press(letter: Token) -> bool:
    """A letter is a comment request only when it asks for comment ("a letter seeking
    comment") or the press sent it ("our letter", "a letter from a reporter")."""
    if mentions_comment(nearby(letter)):
        return True
    senders = [c for c in letter.children if c.dep_ == "poss"]
    source = from_object(letter)
    senders += [source] if source is not None else []
    return any(
        s.lower_ in FIRST_PERSON | {"our", "my"} or s.lower_ in PRESS_SENDERS for s in senders
    )


def _asks_for_something_else(noun: Token) -> bool:
    """ "the commission's request for documents", "a request from lawmakers to release the
    records": a request for something other than a statement or the facts only the party
    holds ("a request for a breakdown of the costs") is no comment request."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            wanted = next((c for c in child.children if c.dep_ == "pobj"), None)
            statement = wanted is not None and (
                wanted.lemma_.lower() in STATEMENT_NOUNS | FACT_NOUNS
                or wanted.lower_ in STATEMENT_NOUNS | FACT_NOUNS  # "data", lemma "datum"
            )
            if wanted is not None and not statement and not _for_this_story(wanted):
                return True
        to_do = child.dep_ in {"acl", "relcl", "xcomp"} and child.tag_ == "VB"
        if to_do and child.lemma_.lower() not in DECLINED_COMPLEMENTS:
            return True  # "a request to release the records"
    return False


def _for_this_story(wanted: Token) -> bool:
    """ "calls for this story", "emails for this article": asked for the piece being read,
    which is asking for comment (not "a request for the report", a document)."""
    return wanted.lemma_.lower() in STORY_NOUNS and any(
        c.dep_ in {"det", "poss"} and c.lower_ in {"this", "our"} for c in wanted.children
    )


def object_is_comment_request(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "dobj" and is_request(child):
            return True
        if child.dep_ == "dobj" and child.lemma_.lower() in PHONES:
            return True  # "did not answer his phone"
        if child.dep_ == "prep" and child.lower_ in {"to", "for"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and is_request(obj):
                    return True
        # "did not respond to emailed questions" misparsed as "to emailed [questions]"
        misparsed = child.dep_ in {"advcl", "xcomp"} and child.tag_ == "VBN"
        if misparsed and any(c.dep_ == "dobj" and is_request(c) for c in child.children):
            return True
    return False


def from_object(token: Token, preposition: str = "from") -> Token | None:
    """X in "<token> from X": the object of any "from" phrase hanging on ``token``."""
    return next(
        (
            c
            for p in token.children
            if p.dep_ == "prep" and p.lower_ == preposition
            for c in p.children
            if c.dep_ == "pobj"
        ),
        None,
    )
