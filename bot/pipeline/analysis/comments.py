"""Comment requests: who was asked for comment and has not answered, or declined.

Only phrasing about a request for comment counts: "voters who did not respond to mailings"
or "she reached out to the senator about the bill" are not comment requests.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.models import PendingResponse, ResponseStatus
from bot.pipeline.analysis.lexicon import COMMENT_NOUNS, REFUSAL_VERBS, REPLY_VERBS
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.text import noun_phrase_text

ASKING_VERBS = frozenset("contact ask seek approach email call message query".split())
DECLINED_COMPLEMENTS = frozenset(
    "comment respond reply answer discuss elaborate say speak confirm address".split()
)
FIRST_PERSON = frozenset({"we", "i", "us"})


def _negated(token: Token) -> bool:
    """ "did not respond", "has yet to respond", "failed to respond", "no one responded"."""
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if any(c.lower_ in {"never", "yet"} for c in token.children):
        return True
    head = token.head
    if (
        token.dep_ == "xcomp"
        and head is not token
        and (
            head.lemma_.lower() in {"fail", "neglect"}
            or any(c.lower_ == "yet" or c.dep_ == "neg" for c in head.children)
        )
    ):
        return True
    subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and subject.lower_ in {"no", "nobody", "none", "one"}:
        return any(t.lower_ in {"no", "nobody", "none"} for t in subject.subtree)
    return False


def _subject(token: Token) -> Token | None:
    current = token
    for _ in range(3):
        subject = next((c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            return subject
        if current.dep_ not in {"xcomp", "conj", "advcl"}:
            return None
        current = current.head
    return None


def _mentions_comment(tokens: Span | list[Token]) -> bool:
    words = [t.lower_ for t in tokens]
    return any(w in {"comment", "comments"} for w in words) or any(
        w in {"response", "responses", "reaction", "statement"} for w in words
    )


def _object_is_comment_request(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in COMMENT_NOUNS:
            return True
        if child.dep_ == "prep" and child.lower_ in {"to", "for"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in COMMENT_NOUNS:
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
            if source is not None and source.lower_ not in FIRST_PERSON:
                return registry.resolve(source).name
    return None


def _party(subject: Token, registry: SpeakerRegistry) -> str:
    """ "No one at the ministry" → "the ministry"; pronouns resolve to earlier mentions."""
    if subject.lower_ in {"one", "no", "nobody", "none"}:
        for token in subject.subtree:
            if token.dep_ == "prep" and token.lower_ in {"at", "from", "in"}:
                place = next((c for c in token.children if c.dep_ == "pobj"), None)
                if place is not None:
                    return registry.resolve(place).name
        return noun_phrase_text(subject)
    return registry.resolve(subject).name


def find_comment_requests(doc: Doc, registry: SpeakerRegistry) -> list[PendingResponse]:
    found: list[PendingResponse] = []
    seen: set[tuple[str, int]] = set()
    for sent in doc.sents:
        for item in _in_sentence(sent, registry):
            key = (item.party.lower(), sent.start)
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found


def _in_sentence(sent: Span, registry: SpeakerRegistry) -> list[PendingResponse]:
    results: list[PendingResponse] = []
    text = sent.text.strip()
    tokens = list(sent)
    for token in tokens:
        lemma = token.lemma_.lower()
        if token.pos_ not in {"VERB", "AUX"}:
            continue
        subtree = list(token.subtree)
        if lemma in REFUSAL_VERBS:
            complement = next((c for c in token.children if c.dep_ == "xcomp"), None)
            declined = (
                complement is not None and complement.lemma_.lower() in DECLINED_COMPLEMENTS
            ) or _object_is_comment_request(token)
            subject = _subject(token)
            if declined and subject is not None:
                results.append(
                    PendingResponse(
                        _party(subject, registry),
                        _requester(subtree, registry),
                        ResponseStatus.DECLINED,
                        text,
                    )
                )
            continue
        if lemma in DECLINED_COMPLEMENTS and any(c.lower_ == "would" for c in token.children):
            subject = _subject(token)
            if any(c.dep_ == "neg" for c in token.children) and subject is not None:
                results.append(
                    PendingResponse(
                        _party(subject, registry),
                        _requester(subtree, registry),
                        ResponseStatus.DECLINED,
                        text,
                    )
                )
            continue
        if lemma in REPLY_VERBS and _negated(token):
            if lemma == "comment" or _object_is_comment_request(token):
                subject = _subject(token)
                if subject is not None:
                    results.append(
                        PendingResponse(
                            _party(subject, registry),
                            _requester(subtree, registry),
                            ResponseStatus.PENDING,
                            text,
                        )
                    )
            continue
        if lemma == "reach":
            results.extend(_reach(token, subtree, text, registry))
            continue
        if lemma in ASKING_VERBS and _mentions_comment(subtree):
            results.extend(_asked(token, subtree, text, registry))
        if lemma == "receive" and _negated(token) and _mentions_comment(subtree):
            results.extend(_not_received(token, subtree, text, registry))
    return results


def _reach(
    token: Token, subtree: list[Token], text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "could not be reached for comment" / "has reached out to X for comment"."""
    passive_subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    for_comment = [
        c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"
    ] and _mentions_comment(
        [t for c in token.children if c.dep_ == "prep" and c.lower_ == "for" for t in c.subtree]
    )
    if passive_subject is not None and for_comment and _negated(token):
        return [
            PendingResponse(
                _party(passive_subject, registry),
                _requester(subtree, registry),
                ResponseStatus.PENDING,
                text,
            )
        ]
    has_out = any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    to = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    party = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if not (has_out and party is not None and for_comment):
        return []
    subject = _subject(token)
    requester = None
    if subject is not None and subject.lower_ not in FIRST_PERSON:
        requester = registry.resolve(subject).name
    return [PendingResponse(registry.resolve(party).name, requester, ResponseStatus.PENDING, text)]


def _asked(
    token: Token, subtree: list[Token], text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "Reuters contacted the ministry for comment", "AP sought comment from the firm"."""
    party = next((c for c in token.children if c.dep_ == "dobj"), None)
    if party is not None and party.lemma_.lower() in COMMENT_NOUNS:
        source = next(
            (
                c
                for p in party.children
                if p.dep_ == "prep" and p.lower_ == "from"
                for c in p.children
                if c.dep_ == "pobj"
            ),
            None,
        )
        if source is None:
            source = next(
                (
                    c
                    for p in token.children
                    if p.dep_ == "prep" and p.lower_ == "from"
                    for c in p.children
                    if c.dep_ == "pobj"
                ),
                None,
            )
        party = source
    if party is None or party.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return []
    subject = _subject(token)
    requester = None
    if subject is not None and subject.lower_ not in FIRST_PERSON:
        requester = registry.resolve(subject).name
    return [PendingResponse(_party(party, registry), requester, ResponseStatus.PENDING, text)]


def _not_received(
    token: Token, subtree: list[Token], text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "has yet to receive a comment from the ministry"."""
    for child in token.subtree:
        if child.dep_ == "prep" and child.lower_ == "from":
            source = next((c for c in child.children if c.dep_ == "pobj"), None)
            if source is not None:
                subject = _subject(token)
                requester = registry.resolve(subject).name if subject is not None else None
                return [
                    PendingResponse(
                        registry.resolve(source).name, requester, ResponseStatus.PENDING, text
                    )
                ]
    return []
