"""Requests that went unanswered: who the press asked and has not heard from.

The phrasings that name a request and its addressee ("could not be reached for comment",
"Reuters contacted the ministry", "calls to X went unanswered", "efforts to reach X failed",
"has not heard back from X"), beside ``comments`` (the finder and the refusals). A request
needs an addressee who can be asked: a person or a body, never a place ("villages could not be
reached by road").
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.models import PendingResponse, ResponseStatus
from bot.pipeline.analysis.agent_nouns import agent_noun, named_in
from bot.pipeline.analysis.asked import asked_before, is_press
from bot.pipeline.analysis.comment_grammar import (
    DECLINING_NOUNS,
    auxiliaries,
    nearby,
    negated,
    subject_of,
)
from bot.pipeline.analysis.descriptions import lemma_type
from bot.pipeline.analysis.layout import sentence_of
from bot.pipeline.analysis.lexicon import (
    BUSINESS_DESCRIPTORS,
    COLLECTIVE_NOUNS,
    COMMENT_NOUNS,
    INSTITUTION_DESCRIPTORS,
    NEUTRAL_DESCRIPTORS,
    ROLE_NOUNS,
)
from bot.pipeline.analysis.parties import object_parties, subject_parties
from bot.pipeline.analysis.party_words import part_of_a_person
from bot.pipeline.analysis.people import TITLE_WORDS
from bot.pipeline.analysis.request_nouns import (
    from_object,
    someone_elses,
)
from bot.pipeline.analysis.requesters import requester_of
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.withheld import FIRST_PERSON

# The article's own reporter asks, named nowhere: "A reporter called the office".
OWN_REPORTERS = frozenset({"reporter", "journalist", "correspondent"})
# Attempts at contact that failed: "Efforts to reach X were unsuccessful".
CONTACT_VERBS = frozenset("reach contact".split())
# "Efforts to get comment from X", "attempts to obtain a response from X".
GETTING_VERBS = frozenset("get obtain seek secure elicit".split())
FAILURE_WORDS = frozenset("unsuccessful unanswered fruitless futile abortive unfruitful".split())
# Where a message is left for someone: "on Brandt's voicemail", "to his cellphone", "at
# Garza's home".
LINES = frozenset(
    "voicemail phone cellphone telephone mobile line inbox home house residence".split()
)
# Shares of a counted group: "a third", "half", "40 percent", "the majority".
SHARES = frozenset(
    "third thirds quarter quarters half fifth fifths tenth percent percentage % majority "
    "minority share proportion fraction".split()
)
# A request that is only planned ("residents will be asked to comment") has not been made.
UNREALISED_AUXILIARIES = frozenset("will wo shall may might should".split())
# Parties besides people and bodies: "attempts to reach the driver's family".
ASKABLE_NOUNS = (
    COLLECTIVE_NOUNS
    | BUSINESS_DESCRIPTORS
    | INSTITUTION_DESCRIPTORS
    | NEUTRAL_DESCRIPTORS
    | frozenset(
        "family families relative relatives parent parents owner owners landlord manager "
        "management".split()
    )
)


def party_requests(
    subject: Token,
    requester: str | None,
    status: ResponseStatus,
    text: str,
    registry: SpeakerRegistry,
) -> list[PendingResponse]:
    """One entry per party named in the subject, each resolved like a speaker."""
    if _a_share(subject):
        return []  # "nearly a third declined to say how they would vote": poll respondents
    return [
        PendingResponse(name, requester, status, text)
        for name in subject_parties(subject, registry)
    ]


def _a_share(subject: Token) -> bool:
    """ "a third", "half of those surveyed", "40 percent of respondents", "the majority": a
    share of people counted, who answered a survey, never a party the press asked."""
    return subject.lemma_.lower() in SHARES


def no_word_back(hear: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "reached out to X but did not hear back", "has not heard back from X", and the press's
    "has yet to hear from X"."""
    back = next((c for c in hear.children if c.lower_ == "back"), None)
    if not negated(hear):
        return []
    party: Token | None = None
    source = next(
        (
            c
            for h in (hear, back)
            if h is not None
            for c in h.children
            if c.dep_ == "prep" and c.lower_ == "from"
        ),
        None,
    )  # "heard back from X", or "from X" hung on "back"
    subject = subject_of(hear)
    if back is None and (source is None or subject is None or not is_press(subject)):
        return []  # "The Gazette has yet to hear from X"; not "residents have not heard from X"
    if source is not None and subject is not None and not is_press(subject):
        return []  # "the union has not heard back from management": no press request
    if source is not None:
        party = next((c for c in source.children if c.dep_ == "pobj"), None)
    asking = hear.head if hear.dep_ == "conj" else None
    if party is None and asking is not None and asking.lemma_.lower() in {"reach", "contact"}:
        to = next((c for c in asking.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        party = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if party is None:
            party = next((c for c in asking.children if c.dep_ == "dobj"), None)
    requester = asker_name(subject, registry)
    pressing = subject is not None and is_press(subject)
    if source is None and subject is not None and not pressing:
        return []  # "Residents reached out to the council but have not heard back": not the press
    if party is not None and (can_be_asked(party) or pressing):
        # "CBC has reached out to Atlantic Groundworks and has not heard back": whom the press
        # reached is a party, whatever the tagger made of its name
        return pending(object_parties(party, registry), requester, ResponseStatus.PENDING, text)
    if party is not None or source is not None or not pressing:
        return []
    # "We've reached out to X's office to ask whether … and haven't heard back": the parser hangs
    # "heard back" elsewhere; who was asked earlier in the sentence
    doc = hear.doc
    sentence = doc[slice(*sentence_of(doc, hear.i))]
    names, asker = asked_before(doc, [doc[sentence.start : hear.i]], registry)
    return pending(names, requester or asker, ResponseStatus.PENDING, text)


def asker_name(subject: Token | None, registry: SpeakerRegistry) -> str | None:
    """Who asked: "Reuters", "The Herald", "the newspaper"; never "we" nor "a reporter", the
    article's own and named nowhere."""
    if subject is None or subject.lower_ in FIRST_PERSON:
        return None
    if subject.lemma_.lower() in OWN_REPORTERS:
        return None
    return registry.resolve(subject).name


def pending(
    names: list[str], requester: str | None, status: ResponseStatus, text: str
) -> list[PendingResponse]:
    return [PendingResponse(name, requester, status, text) for name in names]


def _addressees(request: Token) -> list[Token]:
    """Everyone a request went to: "requests to X and to Y" (each phrase may list several)."""
    first = _addressee(request)
    if first is None:
        return []
    found = [first]
    prep = first.head
    for other in prep.conjuncts:
        if other.dep_ == "conj" and other.lower_ == prep.lower_:
            found += [c for c in other.children if c.dep_ == "pobj"]
    return found


def _addressee(request: Token) -> Token | None:
    """Who a request went to: "messages left with X", "calls to X", "emails for X"."""
    for token in nearby(request):
        if token.dep_ in {"prep", "dative"} and token.lower_ in {"to", "with", "for", "at", "on"}:
            party = next((c for c in token.children if c.dep_ == "pobj"), None)
            owner = _line_owner(party) if party is not None else None
            if owner is not None:
                return owner  # "messages left on Brandt's voicemail", "calls to her cellphone"
            if token.lower_ == "on":
                continue  # "calls on Monday"
            if party is not None and party.lemma_.lower() not in COMMENT_NOUNS:
                return party
    return None


def _line_owner(line: Token) -> Token | None:
    """Brandt in "Brandt's voicemail", "his cellphone": whose line a message was left on."""
    if line.lemma_.lower() not in LINES:
        return None
    return next((c for c in line.children if c.dep_ == "poss"), None)


def _named_apposition(token: Token) -> Token | None:
    """ "the centre's operator, GEO Group": the name beside a description."""
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child
    return None


def unanswered(request: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "Messages left with X were not returned", "Calls to X went unanswered"."""
    if request.lemma_.lower() not in COMMENT_NOUNS or someone_elses(request):
        return []  # "her calls to the police went unanswered": no press request
    parties = _addressees(request)
    named = _named_apposition(request)
    if len(parties) == 1 and named is not None:
        parties = [named]  # "Messages to the operator, GEO Group, …" hung on the messages
    names = [name for party in parties for name in object_parties(party, registry)]
    requester = requester_of([request], registry)  # "The Herald's requests … went unanswered"
    return pending(names, requester, ResponseStatus.PENDING, text)


def failed_attempt(attempt: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "Efforts to reach X were unsuccessful", "Attempts to contact X failed", "Efforts to
    get comment from X were unsuccessful"."""
    contact = next(
        (
            c
            for c in attempt.children
            if c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in CONTACT_VERBS | GETTING_VERBS
        ),
        None,
    )
    if contact is None or attempt.dep_ not in {"nsubj", "nsubjpass"}:
        return []
    predicate = attempt.head
    failed = predicate.lemma_.lower() == "fail" or any(
        c.lower_ in FAILURE_WORDS for c in predicate.children
    )
    party = next((c for c in contact.children if c.dep_ == "dobj"), None)
    if contact.lemma_.lower() in GETTING_VERBS:
        # "Efforts to get comment from the ministry": who the comment was to come from
        wanted = party is not None and party.lemma_.lower() in COMMENT_NOUNS
        source = from_object(party) if wanted and party is not None else None
        party = source if source is not None else (from_object(contact) if wanted else None)
    if not failed or party is None or not can_be_asked(party):
        return []  # "efforts to reach a ceasefire failed" asked no one
    return pending(object_parties(party, registry), None, ResponseStatus.PENDING, text)


def can_be_asked(party: Token) -> bool:
    """A person or organisation, not a place: "villages could not be reached by road"."""
    if party.pos_ == "PRON":
        return party.lower_ in {"he", "she", "they", "him", "her", "them"}
    if party.ent_type_ in {"PERSON", "ORG"}:
        return True
    if party.pos_ == "PROPN" and not party.ent_type_ and part_of_a_person(party.doc, party.text):
        return True  # "Marsh could not be reached": a surname the tagger left untagged
    if party.pos_ == "PROPN" and party.ent_type_ == "NORP" and party.tag_ == "NNP":
        return True  # "Kovacs", a surname the tagger took for a nationality
    if party.pos_ == "PROPN" and party.ent_type_ in {"PRODUCT", "WORK_OF_ART"}:
        return True  # "Morrow", a surname the tagger took for a product
    if any(c.dep_ == "appos" and c.ent_type_ in {"PERSON", "ORG"} for c in party.children):
        return True  # "the landlord, Peter Osei"
    if party.lemma_.lower() in ROLE_NOUNS | ASKABLE_NOUNS | DECLINING_NOUNS | TITLE_WORDS:
        return True  # "the pilot", "the landlord", "the athlete": a person by what they do
    if party.pos_ == "NOUN" and _said_to_be_someone(party):
        return True  # "the motorist, whose name was not released"
    if named_in(party) and _a_party_by_its_word(party):
        return True  # "the contractors named by the senator", "the firms named in the suit"
    # "Neither the player nor his agent could be reached": any of the coordinated parties
    return any(
        c.dep_ == "conj" and c.lemma_.lower() in ROLE_NOUNS | ASKABLE_NOUNS | DECLINING_NOUNS
        for c in party.children
    )


def _a_party_by_its_word(noun: Token) -> bool:
    """ "contractors", "firms", "the agency": a noun for someone or some body, so naming it in
    a report makes it a party; "the villages listed in the report" or "the wells identified in
    the survey" are places."""
    lemma = noun.lemma_.lower()
    bodies = BUSINESS_DESCRIPTORS | INSTITUTION_DESCRIPTORS
    return agent_noun(noun) or lemma in bodies or lemma_type(noun) is not None


def _said_to_be_someone(noun: Token) -> bool:
    """A noun a relative clause with "who" or "whose name" describes: a person, whatever the
    noun ("the boat, whose engine failed" is no one)."""
    for clause in noun.children:
        if clause.dep_ == "relcl" and any(
            t.lower_ in {"who", "whose", "whom"} for t in (clause, *clause.children)
        ):
            return True
        if clause.dep_ == "relcl":  # "whose name was not released" (a boat has no name withheld)
            for child in clause.children:
                if child.lemma_.lower() == "name" and any(
                    c.lower_ == "whose" for c in child.children
                ):
                    return True
    return False


def asked(
    token: Token, subtree: list[Token], text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "Reuters contacted the ministry for comment", "AP sought comment from the firm",
    "The association has been contacted for comment"."""
    if auxiliaries(token) & UNREALISED_AUXILIARIES:
        return []  # "residents will be asked to comment on the plan": not asked yet
    passive_subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if passive_subject is not None and the_public(passive_subject) and _consulted(token):
        return []  # "Residents have been invited to comment on the proposals": a consultation
    if passive_subject is not None and passive_subject.lemma_.lower() not in COMMENT_NOUNS:
        requester = requester_of(subtree, registry)
        return party_requests(passive_subject, requester, ResponseStatus.PENDING, text, registry)
    party = next((c for c in token.children if c.dep_ == "dobj"), None)
    if party is not None and party.lemma_.lower() in COMMENT_NOUNS:
        # "comment from X", or the parser's "sought comment [from X]" on the verb
        source = from_object(party)
        party = source if source is not None else from_object(token)
    if party is None or party.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return []
    subject = subject_of(token)
    if subject is not None and not is_press(subject) and the_public(party):
        return []  # "The council asked residents to comment on the plans": a consultation
    requester = asker_name(subject, registry)
    names = object_parties(party, registry)
    for other in token.children:  # "emailed the office, the attorney and …" split in two
        if other.dep_ == "dobj" and other.i > party.i and other.pos_ in {"PROPN", "NOUN"}:
            names += [n for n in object_parties(other, registry) if n not in names]
    return pending(names, requester, ResponseStatus.PENDING, text)


def the_public(party: Token) -> bool:
    """ "residents", "airlines", "the public", "members of the public": a class a body consults,
    never one party a reporter waits on."""
    if party.lemma_.lower() in {"public", "member"}:
        return True
    bare = not any(c.dep_ in {"det", "poss", "nummod"} for c in party.children)
    return party.pos_ == "NOUN" and party.tag_ == "NNS" and bare


def _consulted(verb: Token) -> bool:
    """ "asked (invited) to comment on the plans": a public consultation's wording, where the
    press's is "contacted (asked) for comment"."""
    if verb.lemma_.lower() not in {"ask", "invite"}:
        return False
    return any(
        c.dep_ == "xcomp"
        and c.lemma_.lower() == "comment"
        and any(p.dep_ == "prep" and p.lower_ == "on" for p in c.children)
        for c in verb.children
    )


def not_received(
    token: Token, subtree: list[Token], text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "has yet to receive a comment from the ministry", when the press is waiting (not "the
    union had not received a response from management")."""
    subject = subject_of(token)
    if subject is None or not is_press(subject):
        return []
    requester = asker_name(subject, registry)
    for child in subtree:
        if child.dep_ == "prep" and child.lower_ == "from":
            source = next((c for c in child.children if c.dep_ == "pobj"), None)
            if source is not None:
                names = object_parties(source, registry)
                return pending(names, requester, ResponseStatus.PENDING, text)
    # "has reached out to the ministry but has yet to receive a comment": who was asked
    doc = token.doc
    names, asker = asked_before(doc, [doc[slice(*sentence_of(doc, token.i))]], registry)
    return pending(names, requester or asker, ResponseStatus.PENDING, text)
