"""A request asked in one sentence and answered, or left unanswered, in the next.

"The Tribune sent questions to the agency on Monday. The agency has not responded." names who
asked a sentence before the silence; "We asked the ministry for its figures. It did not respond."
has a pronoun for the party just asked; "The Courier contacted the district for comment. A
spokeswoman said the district would not comment." is one request, answered (declined), not a
pending one beside a declined one. And the elliptical echo inside one sentence: "X declined to
comment, as did Y" (moved from ``comments``, which had grown past 400 lines).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from bot.models import PendingResponse, ResponseStatus
from bot.pipeline.analysis.asked import asked_before
from bot.pipeline.analysis.lexicon import REFUSAL_VERBS
from bot.pipeline.analysis.parties import parties_in
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.unanswered import can_be_asked, pending

# A party given only as a pronoun, which the parties asked just before may name.
PRONOUNS = frozenset({"it", "they", "he", "she"})
FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "for", "at", "and", "'s", "’s"})
# "Neither did X.", "Nor has X.", "Neither could X.": auxiliaries of an elliptical echo.
ELLIPTIC_VERBS = frozenset("do have be would could will can".split())
ECHO_OPENERS = frozenset({"neither", "nor", "so"})
MAX_ELLIPSIS_TOKENS = 14  # "Neither did the state's Department of Health and Human Services."
# How many sentences back an asking may be answered.
ANSWER_WINDOW = 2


def _words(party: str) -> set[str]:
    folded = party.lower().replace("’", "'").replace("'s", " ")
    return {w for w in folded.split() if w not in FUNCTION_WORDS}


def same_party(one: str, other: str) -> bool:
    """ "The office" and "the mayor's office", "The bank" and "Kestrel Bank": one party written
    twice, one by some of the other's words; "the finance ministry" is not "the health
    ministry"."""
    first, second = _words(one), _words(other)
    return bool(first and second) and (first <= second or second <= first)


def with_who_asked(
    items: list[PendingResponse], doc: Doc, context: list[Span], registry: SpeakerRegistry
) -> list[PendingResponse]:
    """Fills in who asked, and a pronoun party, from the asking written just before."""
    needs = [
        i
        for i in items
        if i.requested_by is None
        or i.party.lower() in PRONOUNS
        or i.party.lower() not in i.sentence.lower()
    ]
    if not needs or not context:
        return items
    parties, requester = asked_before(doc, context, registry)
    if not parties:
        return items
    filled: list[PendingResponse] = []
    for item in items:
        # a pronoun the registry took for the outlet asking ("It" → the Courier): the outlet's
        # name is not in the sentence; "AlphaNet declined" after "AlphaNet approached X" is
        asker = (
            requester is not None
            and same_party(item.party, requester)
            and item.party.lower() not in item.sentence.lower()
        )
        if (item.party.lower() in PRONOUNS or asker) and len(parties) == 1:
            # "We asked the ministry for its figures. It did not respond."; "The Courier sent
            # questions to X. It had not responded": "it" is X, never the Courier asking
            item = replace(item, party=parties[0])
        named = any(same_party(item.party, p) for p in parties)
        if item.requested_by is None and requester is not None and named:
            item = replace(item, requested_by=requester)
        filled.append(item)
    return filled


def answered_asking(
    found: list[PendingResponse], asking: dict[int, int], number: int, item: PendingResponse
) -> int | None:
    """The index of the bare asking, a sentence or two before, that ``item`` answers."""
    if item.status is not ResponseStatus.DECLINED:
        return None
    for index, asked_at in asking.items():
        if 0 < number - asked_at <= ANSWER_WINDOW and same_party(found[index].party, item.party):
            return index
    return None


def neither_did(sent: Span) -> Token | None:
    """X in "Neither did X.", "Nor has X.", "So did X.": a sentence that only says X answered as
    the party just before did (the small parser makes X a subject or an object of the
    auxiliary)."""
    if not 3 <= sent.end - sent.start <= MAX_ELLIPSIS_TOKENS or sent[0].lower_ not in ECHO_OPENERS:
        return None  # checked first: this runs on every sentence
    words = [t for t in sent if not t.is_space]
    if len(words) < 3:
        return None
    first, auxiliary = words[0], words[1]
    if first.lower_ not in ECHO_OPENERS or auxiliary.lemma_.lower() not in ELLIPTIC_VERBS:
        return None
    party = next(
        (
            c
            for c in auxiliary.children
            if c.dep_ in {"nsubj", "dobj", "attr"} and c.i > auxiliary.i and c.pos_ != "PRON"
        ),
        None,
    )
    if party is None or party.pos_ not in {"NOUN", "PROPN"}:
        return None
    if any(t.pos_ == "VERB" and t.i > party.right_edge.i for t in words):
        return None  # "Nor did the council vote on it": a clause of its own
    return party


def declined_too(sent: Span) -> Token | None:
    """X in "X also declined.", "X declined as well.": a refusal with nothing refused, which
    repeats the refusal or the request of the sentence before."""
    if sent.end - sent.start > MAX_ELLIPSIS_TOKENS:
        return None  # checked first: this runs on every sentence
    for verb in sent:
        if verb.lemma_.lower() not in REFUSAL_VERBS or verb.pos_ != "VERB":
            continue
        if any(c.dep_ in {"xcomp", "dobj", "ccomp", "prep", "advcl"} for c in verb.children):
            return None  # "declined to say", "declined the offer", "declined 4% in May"
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ in {"NOUN", "PROPN"} and can_be_asked(subject):
            return subject
        return None
    return None


def echoed(found: list[PendingResponse], previous: Span | None) -> ResponseStatus | None:
    """The status of the last request stated in ``previous`` (the sentence just before), which
    "Neither did X" repeats for X."""
    if previous is None or not found:
        return None
    last = found[-1]
    if " ".join(last.sentence.split()) != " ".join(previous.text.split()):
        return None
    return last.status


def as_did(
    do: Token, status_at: dict[int, ResponseStatus], text: str, registry: SpeakerRegistry
) -> list[PendingResponse]:
    """ "Representatives for the singer declined to comment, as did a spokeswoman for the
    label": the party of an elliptical "as did X" / "and so did X" answered like the one
    before."""
    status = status_at.get(do.head.i)
    subject = next((c for c in do.children if c.dep_ == "nsubj"), None)
    if subject is None and do.dep_ == "conj" and do.i > 0 and do.doc[do.i - 1].lower_ == "nor":
        # "…, nor did the state party": the parser takes the party for an object
        subject = next((c for c in do.children if c.dep_ == "dobj"), None)
    if status is None or subject is None or do.dep_ not in {"advcl", "conj"}:
        return []
    end = do.right_edge.i + 1  # "as did a spokeswoman for the label", however it is hung
    names = parties_in(do.doc, subject.left_edge.i, end, registry, subject)
    return pending(names, None, status, text)
