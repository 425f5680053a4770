"""The vote half of the TinyDB store's API (a mixin of :class:`TinyDBStore`).

Each change is one journal record holding the vote row and its event (VOTE_CAST, VOTE_CHANGED,
VOTE_RETRACTED, VOTE_EXPLAINED), so a vote and its history cannot be separated by a crash.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.models import Vote
from storage import history_events
from storage.engine import utc
from storage.errors import NoVote, UnknownCard, UnknownClaim, VotingClosed
from storage.state import Op, StoreState


class VoteMethods:
    """Vote reads and writes; the store supplies ``_state``, ``_mutate`` and ``_event_op``."""

    _state: StoreState
    _mutate: Callable[..., Any]
    _event_op: Callable[..., Op]

    def _check_votable(self, card_id: str, claim_id: str) -> None:
        entry = self._state.cards.get(card_id)
        if entry is None:
            raise UnknownCard(card_id)
        if entry.voting_closed:
            raise VotingClosed(card_id)
        if claim_id not in entry.claim_ids:
            raise UnknownClaim(card_id, claim_id)

    async def cast_vote(self, vote: Vote) -> Vote | None:
        vote = dataclasses.replace(vote, cast_at=utc(vote.cast_at, "vote"))

        def plan() -> tuple[list[Op], Vote | None]:
            self._check_votable(vote.card_id, vote.claim_id)
            previous_entry = self._state.votes.get(vote.card_id, {}).get(
                (vote.claim_id, vote.member_id)
            )
            previous = previous_entry[0] if previous_entry else None
            event = history_events.vote_cast(vote, previous)
            return [["vote", vote.to_dict()], self._event_op(event)], previous

        return await self._mutate(plan)

    async def retract_vote(self, card_id: str, claim_id: str, member_id: int, at: datetime) -> bool:
        at = utc(at, "vote retraction")

        def plan() -> tuple[list[Op], bool]:
            self._check_votable(card_id, claim_id)
            previous = self._state.votes.get(card_id, {}).get((claim_id, member_id))
            if previous is None:
                return [], False
            event = history_events.vote_retracted(previous[0], at)
            return [["unvote", card_id, claim_id, member_id], self._event_op(event)], True

        return await self._mutate(plan)

    async def explain_vote(
        self,
        card_id: str,
        claim_id: str,
        member_id: int,
        rationale: str | None,
        evidence_url: str | None,
        at: datetime,
    ) -> Vote:
        at = utc(at, "vote explanation")

        def plan() -> tuple[list[Op], Vote]:
            self._check_votable(card_id, claim_id)
            current = self._state.votes.get(card_id, {}).get((claim_id, member_id))
            if current is None:
                raise NoVote(card_id, claim_id, member_id)
            vote = dataclasses.replace(current[0], rationale=rationale, evidence_url=evidence_url)
            event = history_events.vote_explained(vote, at)
            return [["vote", vote.to_dict()], self._event_op(event)], vote

        return await self._mutate(plan)

    async def votes_for_card(self, card_id: str) -> list[Vote]:
        votes = [vote for vote, _ in self._state.votes.get(card_id, {}).values()]
        return sorted(votes, key=lambda v: (v.cast_at, v.claim_id, v.member_id))
