"""A new card that may answer an open follow-up: proposing it, linking it, dismissing it.

``propose_for`` matches a new card against the open follow-ups of its own guild only (a card
never reaches another server's follow-ups) and posts "Possible response from …" for each match
in the original card's thread. The pair is recorded in ``proposed_card_ids`` in the write that
follows the post, under the row's lock, so it is never proposed twice (a crash between the post
and the write could post it once more). "Link as response" resolves the follow-up with the
response card, its stance and its link, which stops reminders; "Not related" puts the card in
``dismissed_card_ids``: the follow-up stays open and that card is never proposed for it again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import replace

from bot.following.errors import AlreadyResolved, InvalidArgument, NoFollowUp, UnknownFollowUp
from bot.following.notifier import DestinationGone, Notifier
from bot.following.rows import Clock, FollowUpRows, utc_now
from bot.followups import Match, match_card, subject_of
from bot.followups.parties import same_keys
from bot.models import ClaimCard, EventKind, FollowUp, FollowUpState, Stance, StoredCard
from storage import Store

log = logging.getLogger("claimdeck.following.proposals")


class _Wanted(Mapping[str, ClaimCard]):
    """A card lookup that answers nothing and remembers what was asked: a first, cheap pass of
    the matcher names the original cards worth reading from the store."""

    def __init__(self) -> None:
        self.asked: set[str] = set()

    def __getitem__(self, key: str) -> ClaimCard:
        self.asked.add(key)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def stance_found(followup: FollowUp, original: ClaimCard, candidate: ClaimCard) -> Stance | None:
    """The stance of the party's response on ``candidate`` ("denial"…), when the analysis
    found one."""
    key = subject_of(original).key(followup.party)
    for speaker in subject_of(candidate).speakers:
        if speaker.stance and same_keys(key, speaker.key):
            try:
                return Stance(speaker.stance)
            except ValueError:
                return None
    return None


class ProposalService:
    def __init__(
        self,
        store: Store,
        notifier: Notifier,
        *,
        clock: Clock = utc_now,
        rows: FollowUpRows | None = None,
    ) -> None:
        self.store = store
        self.notifier = notifier
        self.clock = clock
        self.rows = rows or FollowUpRows(store)

    async def matches_for(self, candidate: StoredCard) -> list[Match]:
        """The guild's open follow-ups ``candidate`` may answer, best first (nothing posted)."""
        followups = [
            f for f in await self.store.open_followups(candidate.guild_id)
            if f.card_id != candidate.id
        ]
        if not followups:
            return []
        wanted = _Wanted()
        match_card(candidate.id, candidate.card, followups, wanted)  # which originals to read
        originals: dict[str, ClaimCard] = {}
        for card_id in sorted(wanted.asked):
            stored = await self.store.get_card(card_id)
            if stored is not None and stored.guild_id == candidate.guild_id:
                originals[card_id] = stored.card
        if not originals:
            return []
        return match_card(candidate.id, candidate.card, followups, originals)

    async def propose_for(self, candidate: StoredCard) -> list[Match]:
        """Post a proposal for every open follow-up ``candidate`` may answer; the matches that
        were posted and recorded."""
        posted = []
        for match in await self.matches_for(candidate):
            try:
                if await self._propose(match, candidate):
                    posted.append(match)
            except Exception:  # one failed proposal must not stop the others
                log.exception("proposing card %s for follow-up %s failed",
                              candidate.id, match.followup_id)
        return posted

    async def _propose(self, match: Match, candidate: StoredCard) -> bool:
        async with self.rows.locked(match.followup_id):
            row = await self.store.get_followup(match.followup_id)
            if (
                row is None
                or row.state is not FollowUpState.OPEN
                or candidate.id in row.proposed_card_ids
                or candidate.id in row.dismissed_card_ids
            ):
                return False
            original = await self.store.get_card(row.card_id)
            if original is None:
                return False
            try:
                sent = await self.notifier.send_proposal(original, row, candidate, match)
            except DestinationGone as gone:  # the original card's channel was deleted
                log.info("follow-up %s: no proposal, %s", row.id, gone)
                sent = False
            except Exception:
                log.exception("posting the proposal for follow-up %s failed", row.id)
                sent = False
            if not sent:
                return False

            def proposed(current: FollowUp) -> FollowUp | None:
                if candidate.id in current.proposed_card_ids:
                    return None  # recorded by another process meanwhile
                ids = (*current.proposed_card_ids, candidate.id)
                return replace(current, proposed_card_ids=ids)

            await self.rows.edit_locked(
                row.id, proposed, at=self.clock(), kind=EventKind.FOLLOWUP_PROPOSED,
                data={"candidate_card_id": candidate.id, "party": match.party,
                      "stance": match.stance, "overlap": match.overlap},
            )
            return True

    async def link(
        self,
        guild_id: int,
        followup_id: str,
        candidate_card_id: str,
        *,
        stance: Stance | None = None,
        actor_id: int | None = None,
    ) -> FollowUp:
        """Resolve the follow-up with the candidate card ("Link as response"): its stance as the
        analysis found it unless ``stance`` is given, else "other"; both cards are refreshed.
        Clicking again on the same card changes nothing."""
        now = self.clock()
        candidate = await self.store.get_card(candidate_card_id)
        if candidate is None or candidate.guild_id != guild_id:
            raise InvalidArgument("That response card no longer exists in this server.")
        async with self.rows.locked(followup_id):
            row = await self._row(guild_id, followup_id)
            if row.state is FollowUpState.RESOLVED:
                if row.resolution_card_id == candidate.id:
                    return row
                raise AlreadyResolved(resolved_sentence(row))
            if row.state is not FollowUpState.OPEN:
                raise NoFollowUp("That follow-up was closed; reopen it first.")
            original = await self.store.get_card(row.card_id)
            if stance is None and original is not None:
                stance = stance_found(row, original.card, candidate.card)
            resolved = replace(
                row,
                state=FollowUpState.RESOLVED,
                stance=stance or Stance.OTHER,
                resolved_at=now,
                resolution_card_id=candidate.id,
                resolution_url=candidate.canonical_url,
                resolution_text=None,
            )
            await self.store.update_followup(
                resolved, actor_id, now, EventKind.FOLLOWUP_RESOLVED,
                {"resolution_card_id": candidate.id, "resolution_url": candidate.canonical_url,
                 "stance": str(resolved.stance), "via": "proposal"},
                expected=row,
            )
        await self.refresh_cards(original, candidate)
        return resolved

    async def dismiss(
        self, guild_id: int, followup_id: str, candidate_card_id: str, *,
        actor_id: int | None = None,
    ) -> FollowUp:
        """Mark the candidate card "Not related": the follow-up stays as it is and never gets
        this card proposed again (clicking twice records it once)."""
        now = self.clock()
        async with self.rows.locked(followup_id):
            row = await self._row(guild_id, followup_id)
            if candidate_card_id in row.dismissed_card_ids:
                return row
            dismissed = replace(
                row, dismissed_card_ids=(*row.dismissed_card_ids, candidate_card_id)
            )
            await self.store.update_followup(
                dismissed, actor_id, now, EventKind.FOLLOWUP_DISMISSED,
                {"candidate_card_id": candidate_card_id}, expected=row,
            )
            return dismissed

    async def _row(self, guild_id: int, followup_id: str) -> FollowUp:
        row = await self.store.get_followup(followup_id)
        if row is None or row.guild_id != guild_id:
            raise UnknownFollowUp()
        return row

    async def refresh_cards(self, *cards: StoredCard | None) -> None:
        """Ask the Discord side to show the cards again (their follow-up lines changed)."""
        for card in cards:
            if card is None:
                continue
            try:
                await self.notifier.refresh_card(card)
            except Exception:  # the store is right; the message catches up on the next refresh
                log.exception("refreshing card %s failed", card.id)


def resolved_sentence(row: FollowUp) -> str:
    when = f" on {row.resolved_at.date().isoformat()}" if row.resolved_at else ""
    stance = f" ({str(row.stance).replace('_', ' ')})" if row.stance else ""
    return f"That follow-up was already resolved{when}{stance}."
