"""Did a new card bring the answer a follow-up waits for?

A new card is a possible response to an open follow-up when it holds a response (``card.responses``)
or a claim whose speaker is the follow-up's party, on an overlapping subject, and the pair was not
proposed or dismissed before. Matching one card against thousands of follow-ups stays cheap: the
card's speakers are normalised once, each follow-up's party key comes from a cache, a pre-filter
on (country, institution) and names skips most follow-ups without comparing, and subjects are
looked up (cached by content) only for follow-ups whose party may match. The cost grows with the
number of follow-ups waiting for the card's speakers: pass one guild's follow-ups, not all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.followups.parties import party_key, same_keys
from bot.followups.subjects import Subject, overlap_of, subject_of
from bot.models import ClaimCard, FollowUp, FollowUpState

DEFAULT_THRESHOLD = 0.25


@dataclass(frozen=True, slots=True)
class Match:
    """A proposal: ``candidate_card_id`` may answer follow-up ``followup_id``.

    ``party`` is the candidate card's wording of the speaker, ``sentence`` the sentence that holds
    the answer, ``stance`` the response's stance when the analysis found one ("denial", …).
    """

    followup_id: str
    guild_id: int
    original_card_id: str
    candidate_card_id: str
    party: str
    sentence: str
    stance: str | None
    overlap: float


def _excluded(followup: FollowUp, candidate_id: str) -> bool:
    return (
        followup.state != FollowUpState.OPEN
        or candidate_id == followup.card_id
        or candidate_id in followup.dismissed_card_ids
        or candidate_id in followup.proposed_card_ids
    )


def _match(
    followup: FollowUp,
    original: Subject,
    candidate_id: str,
    candidate: Subject,
    threshold: float,
) -> Match | None:
    key = original.key(followup.party)
    speaker = next((s for s in candidate.speakers if same_keys(key, s.key)), None)
    if speaker is None:
        return None
    overlap = overlap_of(original, candidate)
    if overlap < threshold:
        return None
    return Match(
        followup_id=followup.id,
        guild_id=followup.guild_id,
        original_card_id=followup.card_id,
        candidate_card_id=candidate_id,
        party=speaker.party,
        sentence=speaker.sentence,
        stance=speaker.stance,
        overlap=round(overlap, 3),
    )


def is_possible_response(
    followup: FollowUp,
    original_card: ClaimCard,
    candidate_card: ClaimCard,
    threshold: float = DEFAULT_THRESHOLD,
    *,
    candidate_id: str,
) -> Match | None:
    """A :class:`Match` when ``candidate_card`` (stored as ``candidate_id``) holds a response or
    claim by the follow-up's party on a subject overlapping ``original_card`` by at least
    ``threshold``; None otherwise, and always for closed or resolved follow-ups, the original
    card itself, and cards already proposed or dismissed for this follow-up."""
    if _excluded(followup, candidate_id):
        return None
    return _match(
        followup, subject_of(original_card), candidate_id, subject_of(candidate_card), threshold
    )


def match_card(
    card_id: str,
    card: ClaimCard,
    open_followups: Iterable[FollowUp],
    cards_by_id: Mapping[str, ClaimCard],
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Match]:
    """Every open follow-up the new card ``card_id`` may answer, best overlap first.

    ``cards_by_id`` maps a follow-up's ``card_id`` to its original card; a follow-up whose card
    is missing is skipped (there is no subject to compare).
    """
    candidate = subject_of(card)
    if not candidate.speakers:
        return []
    # A pre-filter that same_keys can only pass when it does: same (country, institution), an
    # institution that may still take its article's country, or a shared name word.
    orgs = {(s.key.country, s.key.body) for s in candidate.speakers}
    bodies = {body for _, body in orgs}
    names = frozenset().union(*(s.key.person for s in candidate.speakers))
    passes: dict[str, bool] = {}  # party string -> may match (parties repeat a lot)
    subjects: dict[str, Subject] = {}  # a card with several follow-ups is looked up once
    matches = []
    for followup in open_followups:
        party = followup.party
        hit = passes.get(party)
        if hit is None:
            key = party_key(party)
            hit = passes[party] = (
                (key.country, key.body) in orgs
                or (key.country is None and key.body in bodies)
                or not names.isdisjoint(key.person)
            )
        if not hit or _excluded(followup, card_id):
            continue
        subject = subjects.get(followup.card_id)
        if subject is None:
            original = cards_by_id.get(followup.card_id)
            if original is None:
                continue
            subject = subjects[followup.card_id] = subject_of(original)
        match = _match(followup, subject, card_id, candidate, threshold)
        if match is not None:
            matches.append(match)
    matches.sort(key=lambda m: (-m.overlap, m.followup_id))
    return matches
