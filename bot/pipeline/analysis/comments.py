"""Comment requests: who was asked for comment and has not answered, or declined.

Only phrasing about a request for comment counts: "voters who did not respond to mailings"
or "she reached out to the senator about the bill" are not comment requests.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.models import PendingResponse, ResponseStatus
from bot.pipeline.analysis.asked import asked_before, is_press, nobody_answered
from bot.pipeline.analysis.comment_grammar import (
    DECLINED_COMPLEMENTS,
    FIRST_PERSON,
    auxiliaries,
    from_object,
    mentions_comment,
    nearby,
    negated,
    object_is_comment_request,
    refuses,
    requester_of,
    subject_of,
    withholds_details,
)
from bot.pipeline.analysis.layout import sentence_of
from bot.pipeline.analysis.lexicon import (
    BUSINESS_DESCRIPTORS,
    CHANNELS,
    COLLECTIVE_NOUNS,
    COMMENT_NOUNS,
    INSTITUTION_DESCRIPTORS,
    NEUTRAL_DESCRIPTORS,
    REFUSAL_VERBS,
    REPLY_VERBS,
    ROLE_NOUNS,
)
from bot.pipeline.analysis.parties import object_parties, parties_in, subject_parties
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.tree import ancestors

CONTEXT_SENTENCES = 2  # "no one responded" looks this far back for who was asked
# No article awaits more parties than this; past it a text is a list or a run-on, and each
# party costs a resolution.
MAX_REQUESTS = 60
# Requests the press sends: "referred questions to X", "questions were sent to X".
PRESS_REQUESTS = frozenset("question inquiry enquiry query".split())
ASKING_VERBS = frozenset("contact ask seek approach email call message query".split())
# Attempts at contact that failed: "Efforts to reach X were unsuccessful".
ATTEMPT_NOUNS = frozenset("effort efforts attempt attempts".split())
CONTACT_VERBS = frozenset("reach contact".split())
FAILURE_WORDS = frozenset("unsuccessful unanswered fruitless futile".split())
# Ways the request itself is described: "calls to X went unanswered".
UNANSWERED_WORDS = frozenset({"unanswered", "unreturned"})
# Who speaks for a party: "Representatives for A and B declined" is one refusal per party.
REPRESENTATIVE_NOUNS = frozenset(
    "representative spokesperson spokesman spokeswoman spokespeople lawyer attorney aide "
    "agent publicist".split()
)
# A request that is only planned ("residents will be asked to comment") has not been made.
UNREALISED_AUXILIARIES = frozenset("will wo shall may might should".split())
UNAVAILABLE_WORDS = frozenset({"available", "reachable"})
# Parties besides people and bodies: "attempts to reach the driver's family".
ASKABLE_NOUNS = (
    COLLECTIVE_NOUNS
    | BUSINESS_DESCRIPTORS
    | INSTITUTION_DESCRIPTORS
    | NEUTRAL_DESCRIPTORS
    | frozenset("family relatives parents owner owners landlord manager management".split())
)
# Every verb that can open one of the phrasings below.
CUE_VERBS = (
    REFUSAL_VERBS
    | DECLINED_COMPLEMENTS
    | REPLY_VERBS
    | ASKING_VERBS
    | {"go", "reach", "receive", "hear", "have", "do"}
)


def find_comment_requests(doc: Doc, registry: SpeakerRegistry) -> list[PendingResponse]:
    found: list[PendingResponse] = []
    seen: set[tuple[str, int]] = set()
    context: list[Span] = []
    for sent in doc.sents:
        if len(found) >= MAX_REQUESTS:
            break  # a text asking more parties than any article does is not an article
        if registry.furniture[sent.start]:
            continue  # a headline or a byline asks no one
        asked_nearby = _has_bare_reply(sent) and (
            any(t.lemma_.lower() == "comment" for t in sent)
            or _asked_nearby(sent, context, doc, registry)
        )
        items = _in_sentence(sent, registry, asked_nearby)
        if not items and nobody_answered(sent) is not None:
            parties, requester = asked_before(doc, context, registry)
            text = sent.text.strip()
            items = [PendingResponse(p, requester, ResponseStatus.PENDING, text) for p in parties]
        for item in items:
            key = (item.party.lower(), sent.start)
            if key not in seen:
                seen.add(key)
                found.append(item)
        context = [*context[-(CONTEXT_SENTENCES - 1) :], sent]
    return found


def _requests(
    subject: Token,
    requester: str | None,
    status: ResponseStatus,
    text: str,
    registry: SpeakerRegistry,
) -> list[PendingResponse]:
    """One entry per party named in the subject, each resolved like a speaker."""
    return [
        PendingResponse(name, requester, status, text)
        for name in subject_parties(subject, registry)
    ]


def _has_bare_reply(sent: Span) -> bool:
    """A negated reply verb with no object ("did not respond."): worth looking for a request
    around it. Checked first because it is cheap."""
    return any(
        t.lemma_.lower() in REPLY_VERBS and t.pos_ in {"VERB", "AUX"} and negated(t) for t in sent
    )


def _answers_nothing_named(verb: Token) -> bool:
    """ "…, which did not respond": no object, so what went unanswered is the request the
    sentence (or the one before) describes."""
    return not any(c.dep_ in {"dobj", "prep", "dative", "ccomp", "xcomp"} for c in verb.children)


def _asked_nearby(sent: Span, context: list[Span], doc: Doc, registry: SpeakerRegistry) -> bool:
    """Whether the press asked someone here: questions referred or sent in this sentence, or
    a request in the sentences before."""
    for token in sent:
        if token.lemma_.lower() in PRESS_REQUESTS and token.dep_ in {"dobj", "pobj", "nsubjpass"}:
            return True
    return bool(asked_before(doc, context, registry)[0])


def _in_sentence(
    sent: Span, registry: SpeakerRegistry, asked_nearby: bool = False
) -> list[PendingResponse]:
    results: list[PendingResponse] = []
    text = sent.text.strip()
    status_at: dict[int, ResponseStatus] = {}  # verb index → status of the parties it gave
    for token in sent:
        lemma = token.lemma_.lower()
        found = len(results)
        if lemma == "do" and token.i > sent.start:
            results.extend(_as_did(token, status_at, text, registry))  # "…, as did X"
            continue
        if lemma == "comment" and token.pos_ == "VERB" and not refuses(token):
            results.extend(_not_in_a_position(token, text, registry))
        elif lemma == "have" and token.pos_ in {"VERB", "AUX"}:
            results.extend(_no_comment(token, text, registry))
        if len(results) > found:
            status_at[token.i] = results[-1].status
            continue
        if token.pos_ == "NOUN" and lemma in ATTEMPT_NOUNS:
            results.extend(_failed_attempt(token, text, registry))
            continue
        if token.lower_ in UNAVAILABLE_WORDS:
            results.extend(_unavailable(token, text, registry))
            continue
        if token.pos_ not in {"VERB", "AUX"} or lemma not in CUE_VERBS:
            continue  # checked first: a subtree is costly to list for every verb of a run-on
        if lemma in DECLINED_COMPLEMENTS and refuses(token):
            subject = subject_of(token)
            if any(c.dep_ == "neg" for c in token.children) and subject is not None:
                requester = requester_of(nearby(token), registry)
                results += _requests(subject, requester, ResponseStatus.DECLINED, text, registry)
                status_at[token.i] = ResponseStatus.DECLINED
            continue
        if lemma in DECLINED_COMPLEMENTS - REFUSAL_VERBS - REPLY_VERBS:
            continue
        subject = subject_of(token)
        if lemma in REFUSAL_VERBS:
            complement = next((c for c in token.children if c.dep_ == "xcomp"), None)
            declined = (
                complement is not None
                and (
                    complement.lemma_.lower() in DECLINED_COMPLEMENTS
                    or withholds_details(complement)
                )
            ) or object_is_comment_request(token)
            if declined and subject is not None:
                requester = requester_of(nearby(token), registry)
                results += _requests(subject, requester, ResponseStatus.DECLINED, text, registry)
                status_at[token.i] = ResponseStatus.DECLINED
            continue
        if lemma in REPLY_VERBS and negated(token):
            if subject is not None and subject.dep_ == "nsubjpass":
                results.extend(_unanswered(subject, text, registry))
            elif subject is not None and (
                lemma == "comment"
                or object_is_comment_request(token)
                or (asked_nearby and _answers_nothing_named(token))
            ):
                requester = requester_of(nearby(token), registry)
                results += _requests(subject, requester, ResponseStatus.PENDING, text, registry)
                status_at[token.i] = ResponseStatus.PENDING
            continue
        if lemma == "go" and subject is not None and subject.lemma_.lower() in COMMENT_NOUNS:
            if any(c.lower_ in UNANSWERED_WORDS for c in token.children):
                results.extend(_unanswered(subject, text, registry))
            continue
        subtree = nearby(token)
        if lemma == "reach":
            results.extend(_reach(token, subtree, text, registry))
            continue
        if lemma == "hear":
            results.extend(_no_word_back(token, text, registry))
            continue
        if lemma in ASKING_VERBS and mentions_comment(subtree):
            results.extend(_asked(token, subtree, text, registry))
        if lemma == "receive" and negated(token) and mentions_comment(subtree):
            results.extend(_not_received(token, subtree, text, registry))
    return results


def _as_did(
    do: Token, status_at: dict[int, ResponseStatus], text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "Representatives for the singer declined to comment, as did a spokeswoman for the
    label": the party of an elliptical "as did X" / "and so did X" answered like the one
    before."""
    status = status_at.get(do.head.i)
    subject = next((c for c in do.children if c.dep_ == "nsubj"), None)
    if status is None or subject is None or do.dep_ not in {"advcl", "conj"}:
        return []
    end = do.right_edge.i + 1  # "as did a spokeswoman for the label", however it is hung
    names = parties_in(do.doc, subject.left_edge.i, end, registry, subject)
    return _pending(names, None, status, text)


def _not_in_a_position(
    comment: Token, text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "was not in a position to comment", "said it was unable to comment": a refusal whose
    negation sits above the verb."""
    for host in ancestors(comment, 4):
        if host.lemma_.lower() == "unable" or any(c.dep_ == "neg" for c in host.children):
            if host.pos_ == "ADJ":
                host = host.head
            subject = subject_of(host)
            if subject is None:
                return []
            return _requests(subject, None, ResponseStatus.DECLINED, text, registry)
        if host.pos_ in {"VERB", "AUX"} and host.dep_ in {"ROOT", "ccomp"}:
            break  # the clause that holds "comment" is not negated
    return []


def _no_comment(have: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "The ministry had no comment", "said it had no immediate comment"."""
    comment = next(
        (c for c in have.children if c.dep_ == "dobj" and c.lemma_.lower() == "comment"), None
    )
    if comment is None or not any(c.lower_ == "no" for c in comment.children):
        return []
    subject = subject_of(have)
    if subject is None:
        return []
    return _requests(subject, None, ResponseStatus.DECLINED, text, registry)


def _unavailable(word: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "X was not available for comment", "X could not be reachable for comment"."""
    verb = word.head
    if word.dep_ != "acomp" or not (negated(verb) or negated(word)):
        return []
    for_preps = [c for c in word.children if c.dep_ == "prep" and c.lower_ == "for"]
    if not mentions_comment([t for c in for_preps for t in nearby(c)]):
        return []
    subject = subject_of(verb)
    if subject is None:
        return []
    return _requests(subject, None, ResponseStatus.PENDING, text, registry)


def _no_word_back(hear: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "reached out to X but did not hear back", "has not heard back from X"."""
    if not negated(hear) or not any(c.lower_ == "back" for c in hear.children):
        return []
    party: Token | None = None
    source = next((c for c in hear.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    if source is not None:
        party = next((c for c in source.children if c.dep_ == "pobj"), None)
    asking = hear.head if hear.dep_ == "conj" else None
    if party is None and asking is not None and asking.lemma_.lower() in {"reach", "contact"}:
        to = next((c for c in asking.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        party = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if party is None:
            party = next((c for c in asking.children if c.dep_ == "dobj"), None)
    if party is None or not _can_be_asked(party):
        return []
    subject = subject_of(hear)
    requester = None
    if subject is not None and subject.lower_ not in FIRST_PERSON:
        requester = registry.resolve(subject).name
    return _pending(object_parties(party, registry), requester, ResponseStatus.PENDING, text)


def _pending(
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
        if token.dep_ in {"prep", "dative"} and token.lower_ in {"to", "with", "for", "at"}:
            party = next((c for c in token.children if c.dep_ == "pobj"), None)
            if party is not None and party.lemma_.lower() not in COMMENT_NOUNS:
                return party
    return None


def _named_apposition(token: Token) -> Token | None:
    """ "the centre's operator, GEO Group": the name beside a description."""
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child
    return None


def _unanswered(request: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "Messages left with X were not returned", "Calls to X went unanswered"."""
    if request.lemma_.lower() not in COMMENT_NOUNS:
        return []
    parties = _addressees(request)
    named = _named_apposition(request)
    if len(parties) == 1 and named is not None:
        parties = [named]  # "Messages to the operator, GEO Group, …" hung on the messages
    names = [name for party in parties for name in object_parties(party, registry)]
    return _pending(names, None, ResponseStatus.PENDING, text)


def _failed_attempt(attempt: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "Efforts to reach X were unsuccessful", "Attempts to contact X failed"."""
    contact = next(
        (
            c
            for c in attempt.children
            if c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in CONTACT_VERBS
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
    if not failed or party is None or not _can_be_asked(party):
        return []  # "efforts to reach a ceasefire failed" asked no one
    return _pending(object_parties(party, registry), None, ResponseStatus.PENDING, text)


def _is_when_or_how(prep: Token) -> bool:
    """ "on Friday", "by phone": a time or a channel, not a route ("by road", "by rescuers")."""
    target = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if target is None:
        return False
    return target.ent_type_ in {"DATE", "TIME"} or target.lemma_.lower() in CHANNELS


def _can_be_asked(party: Token) -> bool:
    """A person or organisation, not a place: "villages could not be reached by road"."""
    if party.pos_ == "PRON":
        return party.lower_ in {"he", "she", "they"}
    if party.ent_type_ in {"PERSON", "ORG"}:
        return True
    if any(c.dep_ == "appos" and c.ent_type_ in {"PERSON", "ORG"} for c in party.children):
        return True  # "the landlord, Peter Osei"
    return party.lemma_.lower() in ROLE_NOUNS | ASKABLE_NOUNS


def _reach(
    token: Token, subtree: list[Token], text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "could not be reached for comment" / "has reached out to X for comment"."""
    passive_subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    for_preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"]
    for_comment = bool(for_preps) and mentions_comment([t for c in for_preps for t in nearby(c)])
    if passive_subject is not None and negated(token):
        # Wire copy often drops "for comment": "X could not immediately be reached."
        means = [
            c for c in token.children if c.dep_ in {"prep", "agent"} and not _is_when_or_how(c)
        ]
        bare = not means and _can_be_asked(passive_subject)
        if for_comment or bare:
            return _requests(
                passive_subject,
                requester_of(subtree, registry),
                ResponseStatus.PENDING,
                text,
                registry,
            )
        return []
    has_out = any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    to = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    party = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if party is None and negated(token):
        # "Reuters could not immediately reach the foreign ministry (for comment)"; but
        # "firefighters could not reach the family" asked nothing
        party = next((c for c in token.children if c.dep_ == "dobj"), None)
        asker = subject_of(token)
        pressing = asker is not None and is_press(asker) and party is not None
        has_out = party is not None and (for_comment or (pressing and _can_be_asked(party)))
    if not (has_out and party is not None and (for_comment or negated(token))):
        return []
    subject = subject_of(token)
    requester = None
    if subject is not None and subject.lower_ not in FIRST_PERSON:
        requester = registry.resolve(subject).name
    return _pending(object_parties(party, registry), requester, ResponseStatus.PENDING, text)


def _asked(
    token: Token, subtree: list[Token], text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "Reuters contacted the ministry for comment", "AP sought comment from the firm",
    "The association has been contacted for comment"."""
    if auxiliaries(token) & UNREALISED_AUXILIARIES:
        return []  # "residents will be asked to comment on the plan": not asked yet
    passive_subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if passive_subject is not None and passive_subject.lemma_.lower() not in COMMENT_NOUNS:
        requester = requester_of(subtree, registry)
        return _requests(passive_subject, requester, ResponseStatus.PENDING, text, registry)
    party = next((c for c in token.children if c.dep_ == "dobj"), None)
    if party is not None and party.lemma_.lower() in COMMENT_NOUNS:
        # "comment from X", or the parser's "sought comment [from X]" on the verb
        source = from_object(party)
        party = source if source is not None else from_object(token)
    if party is None or party.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return []
    subject = subject_of(token)
    requester = None
    if subject is not None and subject.lower_ not in FIRST_PERSON:
        requester = registry.resolve(subject).name
    return _pending(object_parties(party, registry), requester, ResponseStatus.PENDING, text)


def _not_received(
    token: Token, subtree: list[Token], text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "has yet to receive a comment from the ministry", when the press is waiting (not "the
    union had not received a response from management")."""
    subject = subject_of(token)
    if subject is None or not is_press(subject):
        return []
    requester = None
    if subject.lower_ not in FIRST_PERSON:
        requester = registry.resolve(subject).name
    for child in subtree:
        if child.dep_ == "prep" and child.lower_ == "from":
            source = next((c for c in child.children if c.dep_ == "pobj"), None)
            if source is not None:
                names = object_parties(source, registry)
                return _pending(names, requester, ResponseStatus.PENDING, text)
    # "has reached out to the ministry but has yet to receive a comment": who was asked
    doc = token.doc
    names, asker = asked_before(doc, [doc[slice(*sentence_of(doc, token.i))]], registry)
    return _pending(names, requester or asker, ResponseStatus.PENDING, text)
