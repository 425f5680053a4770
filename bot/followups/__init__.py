"""Follow-ups: pending official responses tracked until the answer arrives.

Plain Python, no Discord and no I/O; every function takes the time it needs as an argument.
The cog (``cogs/followups.py``) reads rows from the store, calls these and shows the results.
"""

from bot.followups.display import (
    awaiting_line,
    digest_line,
    resolved_line,
    stance_text,
    status_line,
)
from bot.followups.durations import (
    MAX_DURATION,
    MIN_DURATION,
    InvalidDuration,
    format_duration,
    parse_duration,
)
from bot.followups.matching import (
    DEFAULT_THRESHOLD,
    Match,
    is_possible_response,
    match_card,
)
from bot.followups.parties import (
    PartyKey,
    normalise_party,
    party_key,
    qualify,
    same_keys,
    same_party,
)
from bot.followups.quiet import apply_quiet_hours, is_quiet
from bot.followups.recheck import (
    Recheck,
    RecheckOutcome,
    backoff,
    page_digest,
    recheck,
    recheck_outcome,
)
from bot.followups.schedule import (
    Deferral,
    Digest,
    PlannedReminder,
    ReminderWrite,
    TickPlan,
    first_due,
    next_due,
    owns_guild,
    plan_tick,
)
from bot.followups.subjects import (
    Speaker,
    Subject,
    countries_in,
    subject_of,
    subject_overlap,
    word_tokens,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "MAX_DURATION",
    "MIN_DURATION",
    "Deferral",
    "Digest",
    "InvalidDuration",
    "Match",
    "PartyKey",
    "PlannedReminder",
    "Recheck",
    "RecheckOutcome",
    "ReminderWrite",
    "Speaker",
    "Subject",
    "TickPlan",
    "apply_quiet_hours",
    "awaiting_line",
    "backoff",
    "countries_in",
    "digest_line",
    "first_due",
    "format_duration",
    "is_possible_response",
    "is_quiet",
    "match_card",
    "next_due",
    "normalise_party",
    "owns_guild",
    "page_digest",
    "parse_duration",
    "party_key",
    "plan_tick",
    "qualify",
    "recheck",
    "recheck_outcome",
    "resolved_line",
    "same_keys",
    "same_party",
    "stance_text",
    "status_line",
    "subject_of",
    "subject_overlap",
    "word_tokens",
]
