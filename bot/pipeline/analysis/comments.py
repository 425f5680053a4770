"""Comment requests: who was asked for comment and has not answered, or declined.

Only phrasing about a request for comment counts: "voters who did not respond to mailings"
or "she reached out to the senator about the bill" are not comment requests. This module
holds the finder and the refusals ("declined to comment", "had no comment", "as did X");
the phrasings that name a request and who it went to are in ``unanswered``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from bot.models import PendingResponse, ResponseStatus
from bot.pipeline.analysis.asked import asked_before, named_together, nobody_answered
from bot.pipeline.analysis.bare_replies import (
    a_bare_class,
    a_class,
    a_class_by_property,
    a_whole_silence,
    answers_nothing_named,
    answers_others,
    askable,
    has_bare_reply,
    picks_up,
    says_comment,
)
from bot.pipeline.analysis.comment_grammar import (
    DECLINED_COMPLEMENTS,
    mentions_comment,
    nearby,
    negated,
    refuses,
    subject_of,
)
from bot.pipeline.analysis.follow_ups import (
    answered_asking,
    as_did,
    declined_too,
    echoed,
    neither_did,
    with_who_asked,
)
from bot.pipeline.analysis.lexicon import COMMENT_NOUNS, REFUSAL_VERBS, REPLY_VERBS
from bot.pipeline.analysis.no_one import (
    called_there,
    counted_in_place,
    narrated,
    nobody_there,
    nobody_would,
)
from bot.pipeline.analysis.parties import object_parties, subject_parties
from bot.pipeline.analysis.reached import reach
from bot.pipeline.analysis.refusals import (
    IGNORING,
    TALKING,
    TURNING_DOWN,
    UNAVAILABLE_WORDS,
    answers_someone_else,
    bare_refusal,
    chose_not_to,
    negated_here,
    no_comment,
    no_comment_quoted,
    not_in_a_position,
    not_speaking_to_press,
    refusal_in_own_words,
    says_it_did_not,
    turned_down,
    unavailable,
)
from bot.pipeline.analysis.request_nouns import (
    object_is_comment_request,
)
from bot.pipeline.analysis.requesters import requester_of, told, told_someone_else
from bot.pipeline.analysis.silences import (
    ASKING_VERBS,
    AWAITING,
    WORD_NOUNS,
    asker_before,
    awaiting,
    by_press_time,
    contacted_alone,
    immediately,
    in_public,
    left_with,
    neither_of_two,
    no_word_from,
    put_a_question,
    when_asked,
    within_a_set_period,
)
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.unanswered import (
    asked,
    failed_attempt,
    no_word_back,
    not_received,
    party_requests,
    pending,
    unanswered,
)
from bot.pipeline.analysis.withheld import offers_nobody, withholds_details

CONTEXT_SENTENCES = 2  # "no one responded" looks this far back for who was asked
# No article awaits more parties than this; past it a text is a list or a run-on, and each
# party costs a resolution.
MAX_REQUESTS = 60
MAX_REQUESTS_PER_SENTENCE = 12  # "X declined, Y did not respond …" is 2; past 12, a run-on
# Requests the press sends: "referred questions to X", "questions were sent to X".
PRESS_REQUESTS = frozenset("question inquiry enquiry query".split())
# Attempts at contact that failed: "Efforts to reach X were unsuccessful".
ATTEMPT_NOUNS = frozenset("effort efforts attempt attempts".split())
# Ways the request itself is described: "calls to X went unanswered".
UNANSWERED_WORDS = frozenset({"unanswered", "unreturned"})
# What a request does when no one answers it: "went", "rang" or "remained unanswered".
LAPSING = frozenset({"go", "ring", "remain"})
# "had no comment", "made no further comment", "offered no comment".
GIVING_NO_COMMENT = frozenset("have make offer give issue".split())
# "did not grant an interview", "did not make himself available for an interview".
GRANTING = frozenset({"grant", "give", "make"})
# Every verb that can open one of the phrasings below.
CUE_VERBS = (
    REFUSAL_VERBS
    | DECLINED_COMPLEMENTS
    | REPLY_VERBS
    | ASKING_VERBS
    | {"reach", "receive", "hear", "do", "leave", "pick"}
    | LAPSING
    | AWAITING
    | GIVING_NO_COMMENT
)


def find_comment_requests(doc: Doc, registry: SpeakerRegistry) -> list[PendingResponse]:
    found: list[PendingResponse] = []
    seen: dict[tuple[str, int], int] = {}  # party and sentence → index in ``found``
    asking: dict[int, int] = {}  # index in ``found`` of a bare asking → its sentence number
    dropped: set[int] = set()
    context: list[Span] = []
    answered_before = False  # whether the sentence before stated a request
    for number, sent in enumerate(doc.sents):
        if len(found) >= MAX_REQUESTS:
            break  # a text asking more parties than any article does is not an article
        if registry.furniture[sent.start]:
            continue  # a headline or a byline asks no one
        asked_nearby = has_bare_reply(sent) and (
            any(t.lemma_.lower() == "comment" for t in sent)
            or answered_before
            or _asked_nearby(sent, context, doc, registry)
        )
        asked_here: list[PendingResponse] = []
        items = _in_sentence(sent, registry, asked_nearby, asked_here)
        items = with_who_asked(items, doc, [*context, sent], registry)
        if not items and (nobody := nobody_answered(sent)) is not None:
            # "X and Y were contacted on Monday; neither had responded": asked earlier in the
            # same sentence, or in the sentences before
            before = [*context, doc[sent.start : nobody.i]]
            parties, requester = asked_before(doc, before, registry)
            if not parties and neither_of_two(nobody, context):
                parties = named_together(doc, context, registry)
                requester = requester or asker_before(context, registry)
            if not parties and object_is_comment_request(nobody):
                # "None of the five board members responded to emails from the Gazette",
                # with nobody named before: the members, as written
                parties = counted_in_place(nobody, registry)
                requester = requester or requester_of(nearby(nobody), registry)
            text = sent.text.strip()
            items = [PendingResponse(p, requester, ResponseStatus.PENDING, text) for p in parties]
        if not items and (party := neither_did(sent)) is not None:
            # "AHIP did not respond to a request for comment. Neither did HHS."
            status = echoed(found, context[-1] if context else None)
            if status is not None:
                names = object_parties(party, registry)
                items = pending(names, found[-1].requested_by, status, sent.text.strip())
        elif (
            not items
            and (party := declined_too(sent)) is not None
            and echoed(found, context[-1] if context else None) is not None
        ):
            # "The league declined to comment. The players' union also declined."
            names = subject_parties(party, registry)
            items = pending(names, None, ResponseStatus.DECLINED, sent.text.strip())
        for item in items:
            key = (item.party.lower(), sent.start)
            if item.status is ResponseStatus.DECLINED:
                # "The Courier contacted the district for comment. A spokeswoman said the
                # district would not comment": one request, answered
                earlier = answered_asking(found, asking, number, item)
                if earlier is not None:
                    dropped.add(earlier)
                    if item.requested_by is None:
                        item = replace(item, requested_by=found[earlier].requested_by)
            if key not in seen:
                seen[key] = len(found)
                if any(item is a for a in asked_here):
                    asking[len(found)] = number
                found.append(item)
            elif item.status is ResponseStatus.DECLINED:
                # "X was approached and declined to comment": the answer outranks the asking
                asked = found[seen[key]]
                requester = item.requested_by or asked.requested_by
                found[seen[key]] = PendingResponse(
                    item.party, requester, item.status, item.sentence
                )
        # "Acme declined to comment. Its lawyer did not respond.": the next bare silence
        # answers the same round of requests
        answered_before = bool(items)
        context = [*context[-(CONTEXT_SENTENCES - 1) :], sent]
    return [item for i, item in enumerate(found) if i not in dropped]


def _asked_nearby(sent: Span, context: list[Span], doc: Doc, registry: SpeakerRegistry) -> bool:
    """Whether the press asked someone here: questions referred or sent in this sentence, or
    a request in the sentences before."""
    for token in sent:
        if token.lemma_.lower() in PRESS_REQUESTS and token.dep_ in {"dobj", "pobj", "nsubjpass"}:
            return True
    return bool(asked_before(doc, [*context, sent], registry)[0])  # "reached out to X, which …"


def _in_sentence(
    sent: Span,
    registry: SpeakerRegistry,
    asked_nearby: bool = False,
    asking: list[PendingResponse] | None = None,
) -> list[PendingResponse]:
    """The requests one sentence states; ``asking`` receives those that only say someone was
    asked ("Reuters contacted the ministry for comment"), which a later answer supersedes."""
    results: list[PendingResponse] = []
    text = sent.text.strip()
    status_at: dict[int, ResponseStatus] = {}  # verb index → status of the parties it gave
    for token in sent:
        if len(results) >= MAX_REQUESTS_PER_SENTENCE:
            break
        lemma = token.lemma_.lower()
        found = len(results)
        if lemma == "do" and token.i > sent.start:
            results.extend(as_did(token, status_at, text, registry))  # "…, as did X"
            continue
        if lemma == "comment" and token.pos_ == "VERB" and not refuses(token):
            results.extend(not_in_a_position(token, text, registry))
        elif lemma == "comment" and token.pos_ == "NOUN":
            results.extend(no_comment_quoted(token, text, registry))
        if lemma in WORD_NOUNS and len(results) == found:
            results.extend(no_word_from(token, text, registry))  # "no comment from X"
        elif lemma in GIVING_NO_COMMENT and token.pos_ in {"VERB", "AUX"}:
            results.extend(no_comment(token, text, registry))
        if lemma in GRANTING and token.pos_ == "VERB" and len(results) == found:
            results.extend(_no_interview(token, text, registry))
        if len(results) > found:
            status_at[token.i] = results[-1].status
            continue
        if token.pos_ == "NOUN" and lemma in ATTEMPT_NOUNS:
            results.extend(failed_attempt(token, text, registry))
            continue
        if token.lower_ in UNAVAILABLE_WORDS:
            results.extend(unavailable(token, text, registry))
            continue
        if lemma in TALKING and token.pos_ == "VERB":
            results.extend(not_speaking_to_press(token, text, registry))  # "did not speak to …"
            continue
        if token.pos_ == "VERB" and lemma in TURNING_DOWN | IGNORING:
            results.extend(turned_down(token, text, registry))  # "turned down a request for …"
            continue
        if token.pos_ not in {"VERB", "AUX"} or lemma not in CUE_VERBS:
            continue  # checked first: a subtree is costly to list for every verb of a run-on
        if lemma in DECLINED_COMPLEMENTS and refuses(token):
            subject = subject_of(token)
            if negated_here(token) and subject is not None and not told_someone_else(token):
                requester = requester_of(nearby(token), registry) or told(token, registry)
                results += party_requests(
                    subject, requester, ResponseStatus.DECLINED, text, registry
                )
                status_at[token.i] = ResponseStatus.DECLINED
            continue
        if lemma in DECLINED_COMPLEMENTS - REFUSAL_VERBS - REPLY_VERBS:
            subject = refusal_in_own_words(token)
            if subject is not None:
                # "a spokesperson said it did not discuss commercial matters", "could neither
                # confirm nor deny": the answer the press got
                declined = ResponseStatus.DECLINED
                results += party_requests(subject, None, declined, text, registry)
                status_at[token.i] = declined
            continue
        subject = subject_of(token)
        if lemma in REFUSAL_VERBS:
            complement = next((c for c in token.children if c.dep_ == "xcomp"), None)
            declined = (
                complement is not None
                and (
                    complement.lemma_.lower() in DECLINED_COMPLEMENTS
                    or withholds_details(complement)
                    or offers_nobody(complement)
                )
            ) or object_is_comment_request(token)
            # "The Herald asked Ostrow for comment, and he declined", "Asked to comment, she
            # declined": a bare refusal of the request the sentence makes
            declined = declined or (bare_refusal(token) and mentions_comment(token.sent))
            if complement is not None and answers_someone_else(complement):
                declined = False  # "refused to answer the prosecutor's questions"
            if declined and subject is not None:
                requester = requester_of(nearby(token), registry) or told(token, registry)
                results += party_requests(
                    subject, requester, ResponseStatus.DECLINED, text, registry
                )
                status_at[token.i] = ResponseStatus.DECLINED
            continue
        if (lemma in REPLY_VERBS or picks_up(token)) and negated(token):
            if in_public(token) and not object_is_comment_request(token):
                continue  # "has not commented publicly": silence, not an unanswered request
            if within_a_set_period(token):
                continue  # "did not respond to the notice within 14 days": a procedure
            if subject is not None and (a_bare_class(subject) or answers_others(subject)):
                continue  # "Respondents who did not answer the question were excluded"
            if subject is not None and a_class_by_property(subject) and not says_comment(token):
                continue  # "some of those identified did not respond to phone calls"
            if (
                lemma == "comment"
                and subject is not None
                and (
                    nobody_would(token, subject)
                    or says_it_did_not(token, subject)
                    or chose_not_to(token)
                )
            ):
                # "No one at the company would comment", "Halden said it did not comment on
                # client matters": a refusal, not a silence
                results += party_requests(subject, None, ResponseStatus.DECLINED, text, registry)
                status_at[token.i] = ResponseStatus.DECLINED
            elif subject is not None and subject.dep_ == "nsubjpass" and token.dep_ != "conj":
                # "calls … were not returned"; but "X was contacted but did not respond" is X's
                results.extend(unanswered(subject, text, registry))
            elif subject is not None and (place := nobody_there(token, subject)) is not None:
                # "no one answered the phone at the company's headquarters"
                asked_there = object_is_comment_request(token) and narrated(token)
                if asked_there or called_there(token, place):
                    requester = requester_of(nearby(token), registry)
                    names = object_parties(place, registry)
                    results += pending(names, requester, ResponseStatus.PENDING, text)
                    status_at[token.i] = ResponseStatus.PENDING
            elif subject is not None and (
                lemma == "comment"
                or object_is_comment_request(token)
                or (asked_nearby and answers_nothing_named(token) and not a_class(subject))
                or a_whole_silence(token, subject)
                or by_press_time(token)
                or (when_asked(token) and askable(subject))
                or (immediately(token) and answers_nothing_named(token) and askable(subject))
            ):
                requester = requester_of(nearby(token), registry)
                results += party_requests(
                    subject, requester, ResponseStatus.PENDING, text, registry
                )
                status_at[token.i] = ResponseStatus.PENDING
            continue
        if lemma in LAPSING and subject is not None and subject.lemma_.lower() in COMMENT_NOUNS:
            if any(c.lower_ in UNANSWERED_WORDS for c in token.children):
                results.extend(unanswered(subject, text, registry))
            continue
        if lemma == "leave":
            results.extend(left_with(token, text, registry))
            continue
        subtree = nearby(token)
        if lemma == "reach":
            results.extend(reach(token, subtree, text, registry))
            continue
        if lemma == "hear":
            results.extend(no_word_back(token, text, registry))
            continue
        if lemma in ASKING_VERBS and (
            mentions_comment(subtree) or put_a_question(token) or contacted_alone(token)
        ):
            made = asked(token, subtree, text, registry)
            results.extend(made)
            if asking is not None:
                asking.extend(made)
        answer = any(c.dep_ == "dobj" and c.lemma_.lower() in WORD_NOUNS for c in token.children)
        if lemma == "receive" and negated(token) and (answer or mentions_comment(subtree)):
            results.extend(not_received(token, subtree, text, registry))
        if lemma in AWAITING:
            results.extend(awaiting(token, text, registry))  # "is awaiting a response from X"
    return results


def _no_interview(verb: Token, text: str, registry: SpeakerRegistry) -> list[PendingResponse]:
    """ "did not grant an interview", "did not make himself available for an interview": a
    refusal of the press, in the words of what was not given."""
    subject = subject_of(verb)
    if subject is None or not negated(verb):
        return []
    interview = any(
        c.dep_ == "dobj" and c.lemma_.lower() in {"interview", "comment"} for c in verb.children
    )
    if not (interview and verb.lemma_.lower() != "make") and not offers_nobody(verb):
        return []
    requester = requester_of(nearby(verb), registry)
    return party_requests(subject, requester, ResponseStatus.DECLINED, text, registry)
