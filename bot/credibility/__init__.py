"""How a team decides on a card's claims, without Discord and without I/O.

The Discord side (cogs/votes.py, bot/ui/) asks this package every question about voting and
shows the answers:

- :mod:`.verdicts`: the three verdicts' labels, emoji and ClaimReview rating;
- :mod:`.numbering`: the number people see for a claim (its place on the card), button claims;
- :mod:`.clicks`: what a click does (cast, change, retract, keep) and the private answer;
- :mod:`.tally`: counts, consensus under quorum and threshold, final verdicts, hidden tallies;
- :mod:`.access`: who may vote and who may close;
- :mod:`.breakdown`: the ballots ``/votes`` may show, with the guild's privacy applied;
- :mod:`.why`: the "Why?" modal's rationale and evidence link checks;
- :mod:`.claimreview`: schema.org ClaimReview JSON-LD export;
- :mod:`.history`: the card's event log as sentences, with the guild's privacy applied.
"""

from bot.credibility.access import (
    CLOSE_REFUSED,
    VOTING_CLOSED,
    is_reviewer,
    may_close,
    may_vote,
    vote_refusal,
)
from bot.credibility.breakdown import Ballot, ClaimBallots, VoteBreakdown, breakdown
from bot.credibility.claimreview import (
    DEFAULT_TEAM,
    claim_reviews,
    closed_at,
    export_json,
    message_link,
    speaker_type,
)
from bot.credibility.clicks import DOUBLE_CLICK_WINDOW, ClickAction, acknowledgement, decide_click
from bot.credibility.errors import BadEvidenceLink, BadRationale, EmptyWhy, WhyRefused
from bot.credibility.history import HistoryEntry, history
from bot.credibility.numbering import claim_at, claim_number, claim_numbers, voting_claims
from bot.credibility.rules import VotingRules, agreement_percent
from bot.credibility.tally import (
    CardTally,
    ClaimTally,
    counts_hidden,
    counts_text,
    effective_votes,
    tally,
    tally_line,
    tally_stored,
    visible_tally,
)
from bot.credibility.verdicts import VERDICTS, Verdict, emoji, label, rating, verdict
from bot.credibility.why import (
    EVIDENCE_URL_LIMIT,
    RATIONALE_LIMIT,
    Why,
    check_evidence_url,
    check_rationale,
    check_why,
)

__all__ = [
    "CLOSE_REFUSED",
    "DEFAULT_TEAM",
    "DOUBLE_CLICK_WINDOW",
    "EVIDENCE_URL_LIMIT",
    "RATIONALE_LIMIT",
    "VERDICTS",
    "VOTING_CLOSED",
    "BadEvidenceLink",
    "BadRationale",
    "Ballot",
    "CardTally",
    "ClaimBallots",
    "ClaimTally",
    "ClickAction",
    "EmptyWhy",
    "HistoryEntry",
    "Verdict",
    "VoteBreakdown",
    "VotingRules",
    "Why",
    "WhyRefused",
    "acknowledgement",
    "agreement_percent",
    "breakdown",
    "check_evidence_url",
    "check_rationale",
    "check_why",
    "claim_at",
    "claim_number",
    "claim_numbers",
    "claim_reviews",
    "closed_at",
    "counts_hidden",
    "counts_text",
    "decide_click",
    "effective_votes",
    "emoji",
    "export_json",
    "history",
    "is_reviewer",
    "label",
    "may_close",
    "may_vote",
    "message_link",
    "rating",
    "speaker_type",
    "tally",
    "tally_line",
    "tally_stored",
    "verdict",
    "visible_tally",
    "vote_refusal",
    "voting_claims",
]
