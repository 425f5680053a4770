"""Follow-up services: the machinery behind reminders, proposals, re-checks and /followup.

Plain Python over the ``Store`` and a :class:`Notifier` (the Discord side), testable without
Discord; the pure rules they apply live in :mod:`bot.followups`. Build them once per process
with :func:`build_services` and hand them to the cog:

- :class:`ReminderService` sends due reminders (digests after downtime) for this process's shards;
- :class:`FollowUpOpener` opens a new card's follow-ups and proposes it to open ones;
- :class:`ProposalService` links ("Link as response") or dismisses ("Not related") proposals;
- :class:`RecheckService` re-reads the original articles, conditionally and politely;
- :class:`FollowUpCommands` is what each ``/followup`` subcommand does;
- :class:`FollowUpLoops` runs the two clocks (start in ``cog_load``, stop in ``cog_unload``);
- :mod:`bot.following.messages` words the messages, :mod:`bot.following.status` the card lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.following.commands import FollowUpCommands, parse_stance
from bot.following.errors import (
    AlreadyResolved,
    AmbiguousFollowUp,
    FollowUpError,
    InvalidArgument,
    InvalidDuration,
    NoFollowUp,
    NotDelivered,
    UnknownCard,
    UnknownFollowUp,
)
from bot.following.limiter import SiteLimiter
from bot.following.loop import FollowUpLoops, ServiceLoop
from bot.following.messages import (
    DigestLayout,
    card_link,
    digest_layout,
    digest_mentions,
    digest_text,
    proposal_text,
    recheck_text,
    reminder_text,
)
from bot.following.notifier import (
    DestinationGone,
    DigestItem,
    Mention,
    Notifier,
    RecheckKind,
    RecheckNotice,
)
from bot.following.opening import FollowUpOpener, Opened, related_claim_ids
from bot.following.proposals import ProposalService
from bot.following.rechecks import (
    CardPipelineRecheck,
    ConditionalFetcher,
    RecheckPipeline,
    RecheckReport,
    RecheckService,
)
from bot.following.reminders import ReminderService, TickReport
from bot.following.rows import Clock, FollowUpRows, utc_now
from bot.following.status import CardLine, ListedFollowUp, card_lines, next_reminder
from storage import Store


@dataclass(frozen=True)
class FollowUpServices:
    """Every follow-up service of one process, sharing one clock and one set of row locks."""

    reminders: ReminderService
    proposals: ProposalService
    opener: FollowUpOpener
    commands: FollowUpCommands
    rechecks: RecheckService | None
    loops: FollowUpLoops


def build_services(
    store: Store,
    notifier: Notifier,
    *,
    fetcher: ConditionalFetcher | None = None,
    pipeline: RecheckPipeline | None = None,
    clock: Clock = utc_now,
    shard_id: int = 0,
    shard_count: int = 1,
    max_sleep: timedelta = timedelta(minutes=1),
) -> FollowUpServices:
    """Wire the services; re-checks run only when a fetcher and a pipeline are given."""
    rows = FollowUpRows(store)
    reminders = ReminderService(
        store, notifier, clock=clock, rows=rows, shard_id=shard_id, shard_count=shard_count
    )
    proposals = ProposalService(store, notifier, clock=clock, rows=rows)
    loops = [ServiceLoop("reminders", reminders, clock=clock, max_sleep=max_sleep)]
    rechecks = None
    if fetcher is not None and pipeline is not None:
        rechecks = RecheckService(
            store, notifier, fetcher, pipeline, clock=clock, rows=rows,
            shard_id=shard_id, shard_count=shard_count,
        )
        loops.append(ServiceLoop("rechecks", rechecks, clock=clock, max_sleep=max_sleep))
    running = FollowUpLoops(*loops)
    opener = FollowUpOpener(store, proposals, clock=clock, on_scheduled=running.poke)
    commands = FollowUpCommands(store, opener, reminders, proposals, clock=clock, rows=rows)
    return FollowUpServices(reminders, proposals, opener, commands, rechecks, running)


__all__ = [
    "AlreadyResolved",
    "AmbiguousFollowUp",
    "CardLine",
    "CardPipelineRecheck",
    "Clock",
    "ConditionalFetcher",
    "DestinationGone",
    "DigestItem",
    "DigestLayout",
    "FollowUpCommands",
    "FollowUpError",
    "FollowUpLoops",
    "FollowUpOpener",
    "FollowUpRows",
    "FollowUpServices",
    "InvalidArgument",
    "InvalidDuration",
    "ListedFollowUp",
    "Mention",
    "NoFollowUp",
    "NotDelivered",
    "Notifier",
    "Opened",
    "ProposalService",
    "RecheckKind",
    "RecheckNotice",
    "RecheckPipeline",
    "RecheckReport",
    "RecheckService",
    "ReminderService",
    "ServiceLoop",
    "SiteLimiter",
    "TickReport",
    "UnknownCard",
    "UnknownFollowUp",
    "build_services",
    "card_lines",
    "card_link",
    "digest_layout",
    "digest_mentions",
    "digest_text",
    "next_reminder",
    "parse_stance",
    "proposal_text",
    "recheck_text",
    "related_claim_ids",
    "reminder_text",
    "utc_now",
]
