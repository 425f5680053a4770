"""A new card opens its follow-ups, then is matched against the guild's open ones.

Each PENDING pending response ("Reuters has reached out to China's foreign ministry … but has
yet to receive a comment") opens one follow-up: the party, who asked, the sentence, the claims
it concerns, the first reminder ``first_reminder_hours`` after the card (moved out of quiet
hours), and a first re-check of the article ``recheck_hours`` later. A DECLINED one ("declined
to comment") is shown on the card but opens none: nobody is waiting any more. Opening is
idempotent: a card handed in twice does not open the same follow-up twice.

Which claims a follow-up concerns (``claim_ids``), in the card's order:

1. the claims in the pending sentence itself or in the sentence just before or after it (the
   request for comment sits next to the allegation it is about: "… Ivashchenko claimed. Reuters
   has reached out to China's foreign ministry …");
2. the claims whose text names the party: its country ("accused China of supplying …") or, for
   a party without one, its name; these are the allegations the party is asked to answer;
3. never a claim made by the party itself (that would be its answer, not a question to it).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.following.proposals import ProposalService
from bot.following.rows import Clock, utc_now
from bot.followups import (
    backoff,
    countries_in,
    first_due,
    page_digest,
    party_key,
    same_party,
    word_tokens,
)
from bot.followups.text import fold
from bot.models import (
    ClaimCard,
    FollowUp,
    GuildSettings,
    PendingResponse,
    ResponseStatus,
    StoredCard,
)
from storage import Store, new_followup_id

log = logging.getLogger("claimdeck.following.opening")

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
_PREFIX = 48  # characters of a claim's sentence that find it in the article


def _sentences(text: str) -> list[str]:
    return [fold(s) for s in _SENTENCE_END.split(text) if s and s.strip()]


def _position(sentence: str, sentences: list[str]) -> int | None:
    """Where ``sentence`` stands in the article (a claim's sentence may be shortened "…")."""
    folded = fold(sentence.rstrip("… ").rstrip("."))
    if not folded:
        return None
    start = folded[:_PREFIX]
    for index, candidate in enumerate(sentences):
        if candidate.startswith(start) or (len(start) >= 24 and start in candidate):
            return index
    return None


def _names_party(text: str, pending: PendingResponse) -> bool:
    key = party_key(pending.party)
    tokens = word_tokens(text)
    if key.country is not None:
        countries, _ = countries_in(tokens)
        return key.country in countries
    names = [w for w in key.person or tuple(sorted(key.body)) if len(w) > 2]
    return bool(names) and all(name in tokens for name in names)


def related_claim_ids(card: ClaimCard, pending: PendingResponse) -> tuple[str, ...]:
    """The ids of the claims a pending response concerns (rules in the module docstring)."""
    sentences = _sentences(card.article.text)
    here = _position(pending.sentence, sentences)
    found = []
    for claim in card.claims:
        if claim.speaker and same_party(claim.speaker, pending.party):
            continue
        where = _position(claim.sentence, sentences)
        near = here is not None and where is not None and abs(where - here) <= 1
        if near or _names_party(claim.text, pending):
            found.append(claim.id)
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Opened:
    """What a new card started: the follow-ups it opened and the proposals it made."""

    followups: tuple[FollowUp, ...]
    proposals: tuple[str, ...]  # follow-up ids a proposal was posted for


class FollowUpOpener:
    def __init__(
        self,
        store: Store,
        proposals: ProposalService,
        *,
        clock: Clock = utc_now,
        on_scheduled: Callable[[], None] | None = None,
    ) -> None:
        self.store = store
        self.proposals = proposals
        self.clock = clock
        self.on_scheduled = on_scheduled  # wakes the reminder loop (a sooner row may exist now)

    async def card_created(self, card: StoredCard, actor_id: int | None = None) -> Opened:
        """Everything a new card starts: its own follow-ups, then proposals to the guild's open
        follow-ups it may answer."""
        opened = await self.open_for_card(card, actor_id)
        posted = await self.proposals.propose_for(card)
        return Opened(tuple(opened), tuple(m.followup_id for m in posted))

    async def open_for_card(self, card: StoredCard, actor_id: int | None = None) -> list[FollowUp]:
        """Open a follow-up for each pending response of the card not already followed."""
        existing = await self.store.followups_for_card(card.id)
        settings = await self.store.get_settings(card.guild_id)
        opened = []
        for pending in card.card.pending_responses:
            if pending.status is not ResponseStatus.PENDING or not pending.party.strip():
                continue
            if any(_same_request(f, pending) for f in existing + opened):
                continue
            followup = self.new_followup(card, pending, settings, actor_id)
            await self.store.add_followup(followup, actor_id)
            opened.append(followup)
        if opened and self.on_scheduled is not None:
            self.on_scheduled()
        return opened

    def new_followup(
        self,
        card: StoredCard,
        pending: PendingResponse | None,
        settings: GuildSettings,
        actor_id: int | None,
        *,
        party: str | None = None,
        note: str | None = None,
    ) -> FollowUp:
        """A follow-up row for ``card``: from a pending response, or by hand (``party``)."""
        now = self.clock()
        created = card.created_at if pending is not None else now  # the cadence starts here
        rechecks = card.canonical_url.startswith(("http://", "https://"))
        return FollowUp(
            id=new_followup_id(),
            card_id=card.id,
            guild_id=card.guild_id,
            party=pending.party if pending is not None else (party or ""),
            due_at=first_due(created, settings),
            created_at=created,
            requested_by=pending.requested_by if pending is not None else None,
            claim_ids=related_claim_ids(card.card, pending) if pending is not None else (),
            sentence=pending.sentence if pending is not None else None,
            note=note,
            created_by=actor_id,
            recheck_at=now + backoff(0, settings.recheck_hours) if rechecks else None,
            page_digest=page_digest(card.card.article.text) if rechecks else None,
        )


def _same_request(followup: FollowUp, pending: PendingResponse) -> bool:
    return followup.sentence == pending.sentence and same_party(followup.party, pending.party)
