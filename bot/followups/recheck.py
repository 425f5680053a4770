"""Re-checking the original article while a follow-up is open.

The page is fetched again every few hours. :func:`page_digest` lets an unchanged page (same text
after normalisation) skip the analysis entirely; :func:`recheck` compares the new page with the
"has yet to receive a comment" sentence the follow-up was opened on; :func:`backoff` spaces out
retries after failures so a dead page is not hammered and the thread is not spammed.
"""

from __future__ import annotations

import enum
import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from bot.followups.parties import same_keys
from bot.followups.subjects import subject_of
from bot.followups.text import fold, words
from bot.models import ClaimCard, FollowUp

MAX_BACKOFF = timedelta(days=7)
# A sentence sharing this much of its words with the old one is the old one reworded.
_CHANGED_SIMILARITY = 0.5
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")


class RecheckOutcome(enum.StrEnum):
    UNCHANGED = "unchanged"
    SENTENCE_GONE = "sentence_gone"
    SENTENCE_CHANGED = "sentence_changed"
    RESPONSE_FOUND = "response_found"


@dataclass(frozen=True, slots=True)
class Recheck:
    """What a re-check found: the outcome, the sentence that now stands where the old one was
    (SENTENCE_CHANGED) or the sentence holding the party's answer (RESPONSE_FOUND), and that
    answer's stance when the analysis found one."""

    outcome: RecheckOutcome
    sentence: str | None = None
    stance: str | None = None


def page_digest(text: str) -> str:
    """A stable hash of the page's text: whitespace, Unicode forms and line endings do not
    change it, so the same text fetched twice costs no analysis."""
    normal = " ".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def backoff(failures: int, base_hours: float) -> timedelta:
    """The wait before the next re-check: ``base_hours`` with no failure, doubling with each
    consecutive failure, never more than a week."""
    try:
        hours = float(base_hours)
    except (TypeError, ValueError):
        hours = 1.0
    hours = min(max(hours, 1.0), MAX_BACKOFF / timedelta(hours=1)) if math.isfinite(hours) else 1.0
    failures = max(0, min(int(failures), 16))  # 2**16 × base is far past the cap already
    return min(timedelta(hours=hours) * (2**failures), MAX_BACKOFF)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def _similarity(a: str, b: str) -> float:
    wa, wb = set(words(fold(a))), set(words(fold(b)))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def _answer(followup: FollowUp, card: ClaimCard, old_card: ClaimCard | None) -> Recheck | None:
    """The party's response or statement on the new card that the old card did not have."""
    seen = set()
    if old_card is not None:
        seen = {r.sentence for r in old_card.responses} | {c.sentence for c in old_card.claims}
    subject = subject_of(card)
    key = subject.key(followup.party)
    for speaker in subject.speakers:
        if speaker.sentence not in seen and same_keys(key, speaker.key):
            return Recheck(RecheckOutcome.RESPONSE_FOUND, speaker.sentence, speaker.stance)
    return None


def recheck(
    followup: FollowUp,
    old_sentence: str,
    new_card_or_text: ClaimCard | str,
    old_card: ClaimCard | None = None,
) -> Recheck:
    """Compare the re-fetched page (its card, or just its text) with the pending sentence.

    A response by the party wins; then the old sentence still on the page is UNCHANGED, a
    reworded one (half its words or more kept, or a new pending sentence for the same party) is
    SENTENCE_CHANGED, and otherwise it is SENTENCE_GONE. ``old_card`` lets responses that were
    already on the page when the follow-up opened not count as new.
    """
    if isinstance(new_card_or_text, ClaimCard):
        found = _answer(followup, new_card_or_text, old_card)
        if found is not None:
            return found
        text = new_card_or_text.article.text
        pending = [p.sentence for p in new_card_or_text.pending_responses]
    else:
        text, pending = new_card_or_text, []
    old = fold(old_sentence)
    if not old or old in fold(text):  # a follow-up added by hand has no sentence to lose
        return Recheck(RecheckOutcome.UNCHANGED)
    if isinstance(new_card_or_text, ClaimCard):
        subject = subject_of(new_card_or_text)
        key = subject.key(followup.party)
        for p in new_card_or_text.pending_responses:
            if same_keys(key, subject.key(p.party)) and fold(p.sentence) != old:
                return Recheck(RecheckOutcome.SENTENCE_CHANGED, p.sentence)
    best, best_score = None, 0.0
    for sentence in [*pending, *_sentences(text)]:
        score = _similarity(old_sentence, sentence)
        if score > best_score:
            best, best_score = sentence, score
    if best is not None and best_score >= _CHANGED_SIMILARITY:
        return Recheck(RecheckOutcome.SENTENCE_CHANGED, best)
    return Recheck(RecheckOutcome.SENTENCE_GONE)


def recheck_outcome(
    followup: FollowUp,
    old_sentence: str,
    new_card_or_text: ClaimCard | str,
    old_card: ClaimCard | None = None,
) -> RecheckOutcome:
    """Just the outcome of :func:`recheck`."""
    return recheck(followup, old_sentence, new_card_or_text, old_card).outcome
