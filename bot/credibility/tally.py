"""Counting a card's votes: per-claim counts, consensus once a quorum agrees, final verdicts.

One vote per member per claim is the store's rule; the tally enforces it again (the latest vote
of a member wins) so a duplicate row can never count twice. Votes for claims that are no longer
on the card are ignored. A consensus needs at least ``quorum`` votes and a single verdict with at
least ``threshold`` of them; a tie for first place is never a consensus. Once voting is closed the
consensus (or its absence) is the final verdict.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from bot.credibility.rules import VotingRules
from bot.credibility.verdicts import VERDICTS, emoji, label
from bot.models import ClaimCard, GuildSettings, StoredCard, Vote, VoteChoice

NO_CONSENSUS = "No consensus"
HIDDEN_SENTENCE = "Votes are hidden until voting closes."


@dataclass(frozen=True, slots=True)
class ClaimTally:
    """The votes on one claim. ``number`` is its position on the card (what people see).

    ``hidden`` tallies carry no counts at all (zeros, no consensus): the guild hides tallies
    until voting closes, and a hidden tally cannot leak them by mistake.
    """

    claim_id: str
    number: int
    counts: tuple[int, ...]  # one per verdict, in VERDICTS order
    quorum: int
    closed: bool = False
    consensus: VoteChoice | None = None
    hidden: bool = False

    def count(self, choice: VoteChoice) -> int:
        return self.counts[VERDICTS.index(VoteChoice(choice))]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def quorum_reached(self) -> bool:
        return self.total >= self.quorum

    @property
    def final(self) -> VoteChoice | None:
        """The final verdict once closed (None: closed without consensus, or still open)."""
        return self.consensus if self.closed else None

    @property
    def verdict_label(self) -> str | None:
        """The verdict as a word: the consensus label, "No consensus" once closed, else None."""
        if self.consensus is not None:
            return label(self.consensus)
        return NO_CONSENSUS if self.closed else None


@dataclass(frozen=True, slots=True)
class CardTally:
    """Every claim's tally, in card order."""

    claims: tuple[ClaimTally, ...]
    closed: bool = False
    hidden: bool = False

    def for_claim(self, claim_id: str) -> ClaimTally | None:
        return next((c for c in self.claims if c.claim_id == claim_id), None)

    @property
    def total(self) -> int:
        return sum(c.total for c in self.claims)


def effective_votes(card: ClaimCard, votes: Iterable[Vote]) -> dict[tuple[str, int], Vote]:
    """Each member's latest vote per claim on the card, keyed by (claim id, member id)."""
    on_card = {claim.id for claim in card.claims}
    latest: dict[tuple[str, int], Vote] = {}
    for vote in votes:
        if vote.claim_id not in on_card:
            continue
        key = (vote.claim_id, vote.member_id)
        kept = latest.get(key)
        if kept is None or vote.cast_at >= kept.cast_at:
            latest[key] = vote
    return latest


def consensus(counts: tuple[int, ...], rules: VotingRules) -> VoteChoice | None:
    """The verdict that a quorum agrees on, or None (too few votes, too split, or a tie)."""
    total = sum(counts)
    if total < rules.quorum or total == 0:
        return None
    top = max(counts)
    if counts.count(top) > 1 or Fraction(top, total) < rules.threshold:
        return None
    return VERDICTS[counts.index(top)]


def tally(
    card: ClaimCard,
    votes: Iterable[Vote],
    settings: GuildSettings,
    *,
    closed: bool = False,
) -> CardTally:
    """Count ``votes`` on ``card`` under the guild's quorum and threshold."""
    rules = VotingRules.of(settings)
    per_claim: dict[str, list[int]] = {claim.id: [0] * len(VERDICTS) for claim in card.claims}
    for (claim_id, _), vote in effective_votes(card, votes).items():
        per_claim[claim_id][VERDICTS.index(vote.choice)] += 1
    claims = []
    for number, claim in enumerate(card.claims, start=1):
        counts = tuple(per_claim[claim.id])
        claims.append(
            ClaimTally(
                claim_id=claim.id,
                number=number,
                counts=counts,
                quorum=rules.quorum,
                closed=closed,
                consensus=consensus(counts, rules),
            )
        )
    return CardTally(claims=tuple(claims), closed=closed)


def tally_stored(stored: StoredCard, votes: Iterable[Vote], settings: GuildSettings) -> CardTally:
    """The tally of a posted card, closed or not as the store says."""
    return tally(stored.card, votes, settings, closed=stored.voting_closed)


def counts_hidden(settings: GuildSettings, closed: bool) -> bool:
    """True when the card must not show counts: the guild hides them until voting closes."""
    return VotingRules.of(settings).hide_tallies and not closed


def visible_tally(
    card_tally: CardTally, settings: GuildSettings, closed: bool | None = None
) -> CardTally:
    """The tally as the channel may see it: unchanged, or stripped of every count and verdict.

    ``closed`` defaults to the tally's own state.
    """
    is_closed = card_tally.closed if closed is None else closed
    if not counts_hidden(settings, is_closed):
        return card_tally
    blank = tuple(
        dataclasses.replace(c, counts=(0,) * len(VERDICTS), consensus=None, hidden=True)
        for c in card_tally.claims
    )
    return dataclasses.replace(card_tally, claims=blank, hidden=True)


def counts_text(claim_tally: ClaimTally) -> str:
    """The counts in verdict order, e.g. "✅ 3 · ❔ 1 · 🚩 0"."""
    return " · ".join(f"{emoji(c)} {claim_tally.count(c)}" for c in VERDICTS)


def tally_line(claim_tally: ClaimTally) -> str:
    """One plain line for a claim's tally on the card (the UI escapes nothing here: no input)."""
    if claim_tally.hidden:
        return HIDDEN_SENTENCE
    counts = counts_text(claim_tally)
    total = claim_tally.total
    votes = f"{total} vote{'s' if total != 1 else ''}"
    if claim_tally.closed:
        if total == 0:
            return "Final: no votes"
        if claim_tally.consensus is None:
            return f"Final: no consensus ({votes}) — {counts}"
        top = claim_tally.count(claim_tally.consensus)
        return f"Final verdict: {label(claim_tally.consensus)} ({top} of {total}) — {counts}"
    if claim_tally.consensus is not None:
        top = claim_tally.count(claim_tally.consensus)
        return f"{counts} — consensus: {label(claim_tally.consensus)} ({top} of {total})"
    if not claim_tally.quorum_reached:
        return f"{counts} — {votes}, {claim_tally.quorum} needed for a verdict"
    return f"{counts} — no consensus yet ({votes})"
