"""Comment requests: who was asked for comment and has not answered, or declined.

Only phrasing about a request for comment counts: "voters who did not respond to mailings"
or "she reached out to the senator about the bill" are not comment requests.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.models import PendingResponse, ResponseStatus
from bot.pipeline.analysis.asked import asked_before, is_press, nobody_answered
from bot.pipeline.analysis.layout import sentence_of
from bot.pipeline.analysis.lexicon import (
    CHANNELS,
    COMMENT_NOUNS,
    REFUSAL_VERBS,
    REPLY_VERBS,
    ROLE_NOUNS,
)
from bot.pipeline.analysis.parties import object_parties, subject_parties
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.tree import is_root

CONTEXT_SENTENCES = 2
# No article awaits more parties than this; past it a text is a list or a run-on, and each
# party costs a resolution.
MAX_REQUESTS = 60
# What a comment request asks for: "a request for comment", but not "for documents".
STATEMENT_NOUNS = frozenset(
    "comment comments response responses statement reaction interview interviews information "
    "clarification explanation details detail reply confirmation update answer answers".split()
)
# Requests the press sends: "referred questions to X", "questions were sent to X".
PRESS_REQUESTS = frozenset("question inquiry enquiry query".split())
# "a list of questions": the request is the thing listed.
LIST_NOUNS = frozenset(
    "list series set number barrage".split()
)  # "no one responded" looks this far back for who was asked
ASKING_VERBS = frozenset("contact ask seek approach email call message query".split())
DECLINED_COMPLEMENTS = frozenset(
    "comment respond reply answer discuss elaborate say speak confirm address interview".split()
)
FIRST_PERSON = frozenset({"we", "i", "us"})
GIVING_VERBS = frozenset("provide give offer share release disclose reveal".split())
DETAIL_NOUNS = frozenset(
    "detail details information specifics explanation comment comments statement reason".split()
)
WH_WORDS = frozenset("whether if how when why what who where which".split())
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
# "X does not comment on …" / "will not comment": a standing refusal, not an unanswered request.
REFUSING_AUXILIARIES = frozenset({"would", "will", "wo", "does", "do"})
# A request that is only planned ("residents will be asked to comment") has not been made.
UNREALISED_AUXILIARIES = frozenset("will wo shall may might should".split())
UNAVAILABLE_WORDS = frozenset({"available", "reachable"})
# Every verb that can open one of the phrasings below.
CUE_VERBS = (
    REFUSAL_VERBS
    | DECLINED_COMPLEMENTS
    | REPLY_VERBS
    | ASKING_VERBS
    | {"go", "reach", "receive", "hear"}
)


def _negated(token: Token) -> bool:
    """ "did not respond", "has yet to respond", "failed to respond", "no one responded"."""
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if any(c.lower_ in {"never", "yet"} for c in token.children):
        return True
    head = token.head
    if (
        token.dep_ == "xcomp"
        and not is_root(token)
        and (
            head.lemma_.lower() in {"fail", "neglect"}
            or any(c.lower_ == "yet" or c.dep_ == "neg" for c in head.children)
        )
    ):
        return True
    subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and any(
        c.dep_ == "preconj" and c.lower_ == "neither" for c in subject.children
    ):
        return True  # "Neither X nor Y responded"
    if subject is not None and subject.lower_ in {"no", "nobody", "none", "one"}:
        return any(t.lower_ in {"no", "nobody", "none"} for t in _nearby(subject))
    return False


NEARBY_TOKENS = 40  # what a request phrase says lies within this many tokens of its verb


def _nearby(token: Token) -> list[Token]:
    """The part of ``token``'s subtree within ``NEARBY_TOKENS`` of it. A subtree is one run of
    tokens (the parse is projective), so this is a slice; listing a whole subtree for every
    verb of a run-on sentence made this pass quadratic."""
    doc = token.doc
    start = max(token.left_edge.i, token.i - NEARBY_TOKENS)
    end = min(token.right_edge.i + 1, token.i + NEARBY_TOKENS + 1)
    return list(doc[start:end])


def _auxiliaries(verb: Token) -> set[str]:
    """Auxiliaries and negation just before a verb ("would not", "could not immediately").

    Read from the few tokens in front rather than ``verb.children``, which scans the verb's
    whole subtree: on a run-on sentence that made this pass quadratic.
    """
    words: set[str] = set()
    doc = verb.doc
    for i in range(verb.i - 1, max(-1, verb.i - 6), -1):
        if doc[i].head.i == verb.i:
            words.add(doc[i].lower_)
    return words


def _subject(token: Token) -> Token | None:
    current = token
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            return subject
        if current.dep_ not in {"xcomp", "conj", "advcl"}:
            return None
        head = current.head
        if current.dep_ == "conj" and _is_embedded_question(head):
            # "She did not say how the tax would be collected and refused to …": the parser
            # hung "refused" on the question; its subject is the speaker's, not "the tax".
            head = head.head
        current = head
    return None


def _is_embedded_question(verb: Token) -> bool:
    if verb.dep_ != "ccomp":
        return False
    first = verb.left_edge
    return first.lower_ in WH_WORDS or any(
        c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in verb.children
    )


def _withholds_details(verb: Token) -> bool:
    """ "declined to provide further details", "refused to give any information"."""
    if verb.lemma_.lower() not in GIVING_VERBS:
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in DETAIL_NOUNS for c in verb.children)


def _mentions_comment(tokens: Span | list[Token]) -> bool:
    words = [t.lower_ for t in tokens]
    return any(w in {"comment", "comments"} for w in words) or any(
        w in {"response", "responses", "reaction", "statement"} for w in words
    )


def _is_request(noun: Token) -> bool:
    """A request noun that is a request to the party, not "the first call" to an emergency
    service or "calls for 40 minutes"."""
    if noun.lemma_.lower() in LIST_NOUNS:  # "a list of questions from The Washington Post"
        inner = _from_object(noun, "of")
        return inner is not None and _is_request(inner)
    if noun.lemma_.lower() not in COMMENT_NOUNS:
        return False
    for child in noun.children:
        if child.ent_type_ == "ORDINAL" or child.dep_ == "nummod":
            return False
        for_a_while = child.dep_ == "prep" and child.lower_ == "for"
        if for_a_while and any(c.ent_type_ in {"TIME", "DATE"} for c in child.children):
            return False
    return not _asks_for_something_else(noun)


def _asks_for_something_else(noun: Token) -> bool:
    """ "the commission's request for documents", "a request from lawmakers to release the
    records": a request for something other than a statement is no comment request."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            wanted = next((c for c in child.children if c.dep_ == "pobj"), None)
            statement = wanted is not None and (
                wanted.lemma_.lower() in STATEMENT_NOUNS or wanted.lower_ in STATEMENT_NOUNS
            )
            if wanted is not None and not statement:
                return True
        to_do = child.dep_ in {"acl", "relcl", "xcomp"} and child.tag_ == "VB"
        if to_do and child.lemma_.lower() not in DECLINED_COMPLEMENTS:
            return True  # "a request to release the records"
    return False


def _object_is_comment_request(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "dobj" and _is_request(child):
            return True
        if child.dep_ == "prep" and child.lower_ in {"to", "for"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and _is_request(obj):
                    return True
        # "did not respond to emailed questions" misparsed as "to emailed [questions]"
        misparsed = child.dep_ in {"advcl", "xcomp"} and child.tag_ == "VBN"
        if misparsed and any(c.dep_ == "dobj" and _is_request(c) for c in child.children):
            return True
    return False


def _requester(tokens: list[Token], registry: SpeakerRegistry) -> str | None:
    """Who asked: "Reuters' request", "a request from AP", "by The Times"."""
    for token in tokens:
        if token.lemma_.lower() not in COMMENT_NOUNS:
            continue
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ not in {"our", "my", "its", "their"}:
                return registry.resolve(child).name
            if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
                source = next((c for c in child.children if c.dep_ == "pobj"), None)
                if source is not None and source.lower_ not in FIRST_PERSON:
                    return registry.resolve(source).name
    for token in tokens:
        if token.dep_ == "agent":
            source = next((c for c in token.children if c.dep_ == "pobj"), None)
            if (
                source is not None
                and source.lower_ not in FIRST_PERSON
                and source.lemma_.lower() not in CHANNELS | COMMENT_NOUNS
            ):
                return registry.resolve(source).name
    return None


def find_comment_requests(doc: Doc, registry: SpeakerRegistry) -> list[PendingResponse]:
    found: list[PendingResponse] = []
    seen: set[tuple[str, int]] = set()
    context: list[Span] = []
    for sent in doc.sents:
        if len(found) >= MAX_REQUESTS:
            break  # a text asking more parties than any article does is not an article
        if registry.furniture[sent.start]:
            continue  # a headline or a byline asks no one
        asked_nearby = _has_bare_reply(sent) and _asked_nearby(sent, context, doc, registry)
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
        t.lemma_.lower() in REPLY_VERBS and t.pos_ in {"VERB", "AUX"} and _negated(t) for t in sent
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
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in ATTEMPT_NOUNS:
            results.extend(_failed_attempt(token, text, registry))
            continue
        if token.lower_ in UNAVAILABLE_WORDS:
            results.extend(_unavailable(token, text, registry))
            continue
        if token.pos_ not in {"VERB", "AUX"} or lemma not in CUE_VERBS:
            continue  # checked first: a subtree is costly to list for every verb of a run-on
        if lemma in DECLINED_COMPLEMENTS and _refuses(token):
            subject = _subject(token)
            if any(c.dep_ == "neg" for c in token.children) and subject is not None:
                requester = _requester(_nearby(token), registry)
                results += _requests(subject, requester, ResponseStatus.DECLINED, text, registry)
            continue
        if lemma in DECLINED_COMPLEMENTS - REFUSAL_VERBS - REPLY_VERBS:
            continue
        subject = _subject(token)
        if lemma in REFUSAL_VERBS:
            complement = next((c for c in token.children if c.dep_ == "xcomp"), None)
            declined = (
                complement is not None
                and (
                    complement.lemma_.lower() in DECLINED_COMPLEMENTS
                    or _withholds_details(complement)
                )
            ) or _object_is_comment_request(token)
            if declined and subject is not None:
                requester = _requester(_nearby(token), registry)
                results += _requests(subject, requester, ResponseStatus.DECLINED, text, registry)
            continue
        if lemma in REPLY_VERBS and _negated(token):
            if subject is not None and subject.dep_ == "nsubjpass":
                results.extend(_unanswered(subject, text, registry))
            elif subject is not None and (
                lemma == "comment"
                or _object_is_comment_request(token)
                or (asked_nearby and _answers_nothing_named(token))
            ):
                requester = _requester(_nearby(token), registry)
                results += _requests(subject, requester, ResponseStatus.PENDING, text, registry)
            continue
        if lemma == "go" and subject is not None and subject.lemma_.lower() in COMMENT_NOUNS:
            if any(c.lower_ in UNANSWERED_WORDS for c in token.children):
                results.extend(_unanswered(subject, text, registry))
            continue
        subtree = _nearby(token)
        if lemma == "reach":
            results.extend(_reach(token, subtree, text, registry))
            continue
        if lemma == "hear":
            results.extend(_no_word_back(token, text, registry))
            continue
        if lemma in ASKING_VERBS and _mentions_comment(subtree):
            results.extend(_asked(token, subtree, text, registry))
        if lemma == "receive" and _negated(token) and _mentions_comment(subtree):
            results.extend(_not_received(token, subtree, text, registry))
    return results


def refuses_comment(verb: Token) -> bool:
    """ "would not comment", "does not comment on …", "declined to comment": the clause is a
    refusal to comment, which is a declined request rather than a claim."""
    lemma = verb.lemma_.lower()
    if lemma in REFUSAL_VERBS:
        complement = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        return complement is not None and complement.lemma_.lower() in {"comment", "discuss"}
    return lemma in {"comment", "discuss"} and _refuses(verb)


def _refuses(verb: Token) -> bool:
    """ "would not say", "will not comment", "does not comment" (a standing policy)."""
    words = _auxiliaries(verb)
    if not words & {"not", "n't", "never"}:
        return False
    if words & {"would", "will", "wo"}:
        return True
    return verb.lemma_.lower() == "comment" and bool(words & REFUSING_AUXILIARIES)


def _unavailable(word: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "X was not available for comment", "X could not be reachable for comment"."""
    verb = word.head
    if word.dep_ != "acomp" or not (_negated(verb) or _negated(word)):
        return []
    for_preps = [c for c in word.children if c.dep_ == "prep" and c.lower_ == "for"]
    if not _mentions_comment([t for c in for_preps for t in _nearby(c)]):
        return []
    subject = _subject(verb)
    if subject is None:
        return []
    return _requests(subject, None, ResponseStatus.PENDING, text, registry)


def _from_object(token: Token, preposition: str = "from") -> Token | None:
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


def _no_word_back(hear: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "reached out to X but did not hear back", "has not heard back from X"."""
    if not _negated(hear) or not any(c.lower_ == "back" for c in hear.children):
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
    subject = _subject(hear)
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
    for token in _nearby(request):
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
    return party.lemma_.lower() in ROLE_NOUNS


def _reach(
    token: Token, subtree: list[Token], text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "could not be reached for comment" / "has reached out to X for comment"."""
    passive_subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    for_preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"]
    for_comment = bool(for_preps) and _mentions_comment([t for c in for_preps for t in _nearby(c)])
    if passive_subject is not None and _negated(token):
        # Wire copy often drops "for comment": "X could not immediately be reached."
        means = [
            c for c in token.children if c.dep_ in {"prep", "agent"} and not _is_when_or_how(c)
        ]
        bare = not means and _can_be_asked(passive_subject)
        if for_comment or bare:
            return _requests(
                passive_subject,
                _requester(subtree, registry),
                ResponseStatus.PENDING,
                text,
                registry,
            )
        return []
    has_out = any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    to = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    party = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if not (has_out and party is not None and for_comment):
        return []
    subject = _subject(token)
    requester = None
    if subject is not None and subject.lower_ not in FIRST_PERSON:
        requester = registry.resolve(subject).name
    return _pending(object_parties(party, registry), requester, ResponseStatus.PENDING, text)


def _asked(
    token: Token, subtree: list[Token], text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "Reuters contacted the ministry for comment", "AP sought comment from the firm",
    "The association has been contacted for comment"."""
    if _auxiliaries(token) & UNREALISED_AUXILIARIES:
        return []  # "residents will be asked to comment on the plan": not asked yet
    passive_subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if passive_subject is not None and passive_subject.lemma_.lower() not in COMMENT_NOUNS:
        requester = _requester(subtree, registry)
        return _requests(passive_subject, requester, ResponseStatus.PENDING, text, registry)
    party = next((c for c in token.children if c.dep_ == "dobj"), None)
    if party is not None and party.lemma_.lower() in COMMENT_NOUNS:
        # "comment from X", or the parser's "sought comment [from X]" on the verb
        source = _from_object(party)
        party = source if source is not None else _from_object(token)
    if party is None or party.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return []
    subject = _subject(token)
    requester = None
    if subject is not None and subject.lower_ not in FIRST_PERSON:
        requester = registry.resolve(subject).name
    return _pending(object_parties(party, registry), requester, ResponseStatus.PENDING, text)


def _not_received(
    token: Token, subtree: list[Token], text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "has yet to receive a comment from the ministry", when the press is waiting (not "the
    union had not received a response from management")."""
    subject = _subject(token)
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
