"""Reaching a party: "could not be reached for comment", "has reached out to X".

The passive ("X could not immediately be reached", wire copy's bare form) and the press's own
reaching out, which is a request when it asks for comment or for what only the party holds
("for a list of the stores"), or when the press has reached out and tells no answer yet ("We've
reached out to X's office and will update this post", "Reuters reached out to X to ask whether
…"). A body reaching out to its customers, or anyone to "the senator about the bill", is no
press request. Split from ``unanswered``.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.models import PendingResponse, ResponseStatus
from bot.pipeline.analysis.agent_nouns import agent_noun, in_peril
from bot.pipeline.analysis.asked import is_press, quoted
from bot.pipeline.analysis.comment_grammar import (
    auxiliaries,
    mentions_comment,
    nearby,
    negated,
    subject_of,
)
from bot.pipeline.analysis.lexicon import CHANNELS
from bot.pipeline.analysis.organisations import is_outlet_name
from bot.pipeline.analysis.parties import object_parties
from bot.pipeline.analysis.requesters import requester_of
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.unanswered import (
    OWN_REPORTERS,
    asker_name,
    can_be_asked,
    party_requests,
    pending,
    the_public,
)
from bot.pipeline.analysis.withheld import FIRST_PERSON

# What the press asks a party for besides comment: "reached out to X for details".
INFORMATION_NOUNS = frozenset(
    "list details detail information clarification confirmation explanation data figures "
    "answers breakdown copy response statement".split()
)

# Where a party is looked for: "reached at his office", "at home", "at the number listed".
CONTACT_PLACES = frozenset("office offices home residence number address headquarters".split())


def reach(
    token: Token, subtree: list[Token], text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "could not be reached for comment" / "has reached out to X for comment"."""
    passive_subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    for_preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"]
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is not None:
        # "could not reach him or a legal representative for comment": hung on the last item
        for_preps += [c for c in obj.subtree if c.dep_ == "prep" and c.lower_ == "for"]
    to = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    party = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if party is not None:
        # "reached out to the governor's office for comment": hung on the party it went to
        for_preps += [c for c in party.children if c.dep_ == "prep" and c.lower_ == "for"]
    for_comment = bool(for_preps) and mentions_comment([t for c in for_preps for t in nearby(c)])
    if passive_subject is not None and negated(token):
        # Wire copy often drops "for comment": "X could not immediately be reached."
        means = [
            c for c in token.children if c.dep_ in {"prep", "agent"} and not _is_when_or_how(c)
        ]
        askable = can_be_asked(passive_subject) or agent_noun(passive_subject)
        bare = not means and askable and not in_peril(passive_subject)
        if for_comment or bare:
            return party_requests(
                passive_subject,
                requester_of(subtree, registry),
                ResponseStatus.PENDING,
                text,
                registry,
            )
        return []
    has_out = any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    if party is None and negated(token):
        # "Reuters could not immediately reach the foreign ministry (for comment)"; but
        # "firefighters could not reach the family" asked nothing
        party = next((c for c in token.children if c.dep_ == "dobj"), None)
        asker = subject_of(token)
        pressing = asker is not None and is_press(asker) and party is not None
        has_out = party is not None and (for_comment or (pressing and can_be_asked(party)))
    if has_out and party is not None and not (for_comment or negated(token)):
        # "Retail Dive has reached out to ValuMart for a list of the stores": the press asking
        # a party for what only it can give, with no answer yet
        asker = subject_of(token)
        askable = can_be_asked(party) or (asker is not None and is_press(asker))
        for_comment = _asked_for_information(token, for_preps) and askable
        # "We've reached out to X's office and will update this post", "Reuters reached out
        # to X to ask whether …": the press contacting a party, with no answer told
        pressing = asker is not None and _the_press_itself(asker)
        awaiting = pressing and not the_public(party) and _awaiting_an_answer(token)
        for_comment = for_comment or awaiting
    if not (has_out and party is not None and (for_comment or negated(token))):
        return []
    subject = subject_of(token)
    requester = asker_name(subject, registry)
    return pending(object_parties(party, registry), requester, ResponseStatus.PENDING, text)


def _asked_for_information(verb: Token, for_preps: list[Token]) -> bool:
    """ "has reached out to X for a list of …", "for details", "for clarification": a request
    the press has made (perfect tense: no answer told) for facts only the party holds; "reached
    out to the senator about the bill" or "reached out to voters" is no such request."""
    if not auxiliaries(verb) & {"has", "have", "'s", "'ve"}:
        return False
    for prep in for_preps:
        wanted = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if wanted is not None and wanted.lemma_.lower() in INFORMATION_NOUNS:
            return True
    return False


def _awaiting_an_answer(reach: Token) -> bool:
    """ "has reached out to X" (no answer told), or "reached out to X to ask whether …"."""
    if auxiliaries(reach) & {"has", "have", "'s", "'ve"}:
        return True
    return any(
        c.dep_ in {"advcl", "xcomp"} and c.lemma_.lower() in {"ask", "seek", "request"}
        for c in reach.children
    )


def _the_press_itself(subject: Token) -> bool:
    """ "we", "I", "a reporter", "Reuters", "The Globe": the press by its words or its name,
    never "the company" (a body reaching out to its customers)."""
    if subject.lower_ in FIRST_PERSON | {"i"}:
        return not quoted(subject)  # '"We've reached out to the family," the chief said'
    if subject.lemma_.lower() in OWN_REPORTERS:
        return True
    if subject.pos_ != "PROPN":
        return False
    name = subject.doc[subject.left_edge.i : subject.i + 1]
    titled = subject.left_edge.lower_ == "the" and is_press(subject)  # "The Globe"
    return titled or is_outlet_name(name.text)


def _is_when_or_how(prep: Token) -> bool:
    """ "on Friday", "by phone": a time or a channel, not a route ("by road", "by rescuers")."""
    target = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if target is None:
        return False
    if prep.lower_ == "at" and _where_one_is_found(target):
        return True  # "could not be reached at his office", "at home", "at the number listed"
    return target.ent_type_ in {"DATE", "TIME"} or target.lemma_.lower() in CHANNELS


def _where_one_is_found(target: Token) -> bool:
    """ "his office", "her home", "the company's headquarters", "the number listed": where
    the press looks for a party, not a place rescuers could not get to ("the mine")."""
    if target.lemma_.lower() in CONTACT_PLACES:
        return True
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in target.children)
