"""A request asked in one sentence and answered, or left unanswered, in the next.

"The Tribune sent questions to the agency on Monday. The agency has not responded." names who
asked a sentence before the silence; "We asked the ministry for its figures. It did not respond."
has a pronoun for the party just asked; "The Courier contacted the district for comment. A
spokeswoman said the district would not comment." is one request, answered (declined), not a
pending one beside a declined one.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from bot.models import PendingResponse, ResponseStatus
from bot.pipeline.analysis.asked import asked_before
from bot.pipeline.analysis.speakers import SpeakerRegistry

# A party given only as a pronoun, which the parties asked just before may name.
PRONOUNS = frozenset({"it", "they", "he", "she"})
FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "for", "at", "and", "'s", "’s"})
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
    needs = [i for i in items if i.requested_by is None or i.party.lower() in PRONOUNS]
    if not needs or not context:
        return items
    parties, requester = asked_before(doc, context, registry)
    if not parties:
        return items
    filled: list[PendingResponse] = []
    for item in items:
        if item.party.lower() in PRONOUNS and len(parties) == 1:
            # "We asked the ministry for its figures. It did not respond."
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
