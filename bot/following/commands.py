"""What ``/followup add|list|assign|snooze|resolve|reopen|remind`` do, without Discord.

Each operation is a plain coroutine that takes ids and the member's raw input, and either
returns the row as written or raises a :class:`~bot.following.errors.FollowUpError` whose message
is one line for the member (shown privately). Permissions are the cog's job; visibility is
passed in as ``can_see`` (a card the member cannot see is answered exactly like one that does
not exist). A card waiting for several parties needs ``party`` to say which.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime

from bot.following.errors import (
    AlreadyResolved,
    AmbiguousFollowUp,
    InvalidArgument,
    NoFollowUp,
    UnknownCard,
)
from bot.following.opening import FollowUpOpener
from bot.following.proposals import ProposalService, resolved_sentence
from bot.following.reminders import ReminderService
from bot.following.rows import Clock, FollowUpRows, utc_now
from bot.following.status import ListedFollowUp, next_reminder
from bot.followups import first_due, parse_duration, same_party
from bot.followups.display import stance_text
from bot.followups.quiet import apply_quiet_hours, as_utc
from bot.followups.recheck import backoff
from bot.followups.schedule import every_delay
from bot.models import EventKind, FollowUp, FollowUpState, GuildSettings, Stance, StoredCard
from bot.safe_text import strip_hidden
from storage import Store

CanSee = Callable[[StoredCard], bool]
CardForUrl = Callable[[str], Awaitable[StoredCard]]  # fetch, card and post a response link

MAX_PARTY = 200
MAX_NOTE = 500
MAX_STATEMENT = 1500
STANCES = {
    "denial": Stance.DENIAL,
    "confirmation": Stance.CONFIRMATION,
    "no comment": Stance.NO_COMMENT,
    "other": Stance.OTHER,
}
_STANCE_CHOICES = "denial, confirmation, no comment or other"


def parse_stance(value: str | Stance) -> Stance:
    """"no comment", "No_Comment", Stance.DENIAL… -> Stance; anything else is refused."""
    if isinstance(value, Stance) and value in STANCES.values():
        return value
    text = " ".join(str(value).replace("_", " ").replace("-", " ").casefold().split())
    stance = STANCES.get(text)
    if stance is None:
        raise InvalidArgument(f"Choose a stance: {_STANCE_CHOICES}.")
    return stance


def _text(value: str | None, limit: int, what: str, *, required: bool = False) -> str | None:
    cleaned = " ".join(strip_hidden(value or "").split())
    if not cleaned:
        if required:
            raise InvalidArgument(f"Give the {what}.")
        return None
    if len(cleaned) > limit:
        raise InvalidArgument(f"The {what} can be at most {limit} characters.")
    return cleaned


def _member_id(value: int | str) -> int:
    try:
        member = int(str(value).strip().removeprefix("<@").removeprefix("!").removesuffix(">"))
    except ValueError:
        member = 0
    if not 0 < member < 2**64:
        raise InvalidArgument("That is not a member of this server.")
    return member


def _cadence_due(followup: FollowUp, settings: GuildSettings) -> datetime:
    """When the next reminder falls by the cadence alone, whatever a snooze did to ``due_at``:
    the first after the card, or one interval after the last reminder sent."""
    if followup.reminders_sent == 0 or followup.last_reminded_at is None:
        return first_due(followup.created_at, settings)
    return apply_quiet_hours(as_utc(followup.last_reminded_at) + every_delay(settings), settings)


class FollowUpCommands:
    def __init__(
        self,
        store: Store,
        opener: FollowUpOpener,
        reminders: ReminderService,
        proposals: ProposalService,
        *,
        clock: Clock = utc_now,
        rows: FollowUpRows | None = None,
    ) -> None:
        self.store = store
        self.opener = opener
        self.reminders = reminders
        self.proposals = proposals
        self.clock = clock
        self.rows = rows or reminders.rows

    # --- finding the card and its follow-up ----------------------------------------------

    async def _card(self, guild_id: int, card_id: str, can_see: CanSee | None) -> StoredCard:
        card = await self.store.get_card(card_id) if card_id else None
        if card is None or card.guild_id != guild_id or (can_see and not can_see(card)):
            raise UnknownCard()
        return card

    async def _followup(
        self,
        guild_id: int,
        card_id: str,
        party: str | None,
        can_see: CanSee | None,
        states: tuple[FollowUpState, ...] = (FollowUpState.OPEN,),
    ) -> FollowUp:
        card = await self._card(guild_id, card_id, can_see)
        rows = [f for f in await self.store.followups_for_card(card.id) if f.state in states]
        if party:
            rows = [f for f in rows if same_party(f.party, party) or f.party == party]
        if not rows:
            wanted = "open " if states == (FollowUpState.OPEN,) else ""
            who = " for that party" if party else ""
            raise NoFollowUp(f"That card has no {wanted}follow-up{who}.")
        if len(rows) > 1:
            names = "; ".join(dict.fromkeys(f.party for f in rows))
            raise AmbiguousFollowUp(
                f"That card awaits {len(rows)} responses ({names}): say which with party."
            )
        return rows[0]

    # --- the operations ------------------------------------------------------------------

    async def add(
        self, guild_id: int, card_id: str, party: str, *, note: str | None = None,
        actor_id: int | None = None, can_see: CanSee | None = None,
    ) -> FollowUp:
        """Open a follow-up by hand; the first reminder comes after the guild's delay."""
        card = await self._card(guild_id, card_id, can_see)
        name = _text(party, MAX_PARTY, "party you are waiting for", required=True)
        assert name is not None
        for row in await self.store.followups_for_card(card.id):
            if row.state is FollowUpState.OPEN and same_party(row.party, name):
                raise InvalidArgument(f"This card already awaits {row.party}.")
        settings = await self.store.get_settings(guild_id)
        followup = self.opener.new_followup(
            card, None, settings, actor_id, party=name, note=_text(note, MAX_NOTE, "note")
        )
        await self.store.add_followup(followup, actor_id)
        if self.opener.on_scheduled is not None:
            self.opener.on_scheduled()
        return followup

    async def list_open(
        self, guild_id: int, *, can_see: CanSee | None = None, limit: int = 25
    ) -> list[ListedFollowUp]:
        """The guild's open follow-ups the member can see, oldest first."""
        now = self.clock()
        rows = sorted(await self.store.open_followups(guild_id),
                      key=lambda f: (as_utc(f.created_at), f.id))
        listed: list[ListedFollowUp] = []
        cards: dict[str, StoredCard | None] = {}
        for row in rows:
            if row.card_id not in cards:
                cards[row.card_id] = await self.store.get_card(row.card_id)
            card = cards[row.card_id]
            if card is None or card.guild_id != guild_id or (can_see and not can_see(card)):
                continue
            age = now - as_utc(row.created_at)
            listed.append(ListedFollowUp(row, card, age, row.assignee_id, next_reminder(row)))
            if len(listed) >= limit:
                break
        return listed

    async def assign(
        self, guild_id: int, card_id: str, member_id: int | str | None, *,
        party: str | None = None, actor_id: int | None = None, can_see: CanSee | None = None,
    ) -> FollowUp:
        """Give the follow-up to a member (their reminders ping them); None unassigns."""
        row = await self._followup(guild_id, card_id, party, can_see)
        member = None if member_id is None else _member_id(member_id)
        return await self._edit(
            row, lambda r: replace(r, assignee_id=member), actor_id,
            EventKind.FOLLOWUP_ASSIGNED, {"assignee_id": member},
        )

    async def snooze(
        self, guild_id: int, card_id: str, duration: str, *, party: str | None = None,
        actor_id: int | None = None, can_see: CanSee | None = None,
    ) -> FollowUp:
        """No reminder until ``duration`` ("3d", "12h") from now; then the cadence resumes. A
        new snooze replaces the one running, so a shorter one brings the reminder forward."""
        delta = parse_duration(duration)  # raises InvalidDuration, one line
        row = await self._followup(guild_id, card_id, party, can_see)
        now = self.clock()
        until = now + delta
        settings = await self.store.get_settings(guild_id)
        resume = apply_quiet_hours(until, settings)

        def change(current: FollowUp) -> FollowUp:
            if current.due_at is None:  # the last reminder went: nothing to hold back
                return replace(current, snoozed_until=until)
            due = as_utc(current.due_at)
            if current.snoozed_until is not None and as_utc(current.snoozed_until) > now:
                due = _cadence_due(current, settings)  # the snooze it replaces set due_at
            # the reminder moves to the snooze's end, so waking is not mistaken for downtime
            return replace(current, snoozed_until=until, due_at=max(due, resume))

        return await self._edit(row, change, actor_id, EventKind.FOLLOWUP_SNOOZED,
                                {"until": until.isoformat()})

    async def resolve(
        self, guild_id: int, card_id: str, stance: str | Stance, *, url: str | None = None,
        text: str | None = None, card_for_url: CardForUrl | None = None,
        party: str | None = None, actor_id: int | None = None, can_see: CanSee | None = None,
    ) -> FollowUp:
        """Record the response: a link (fetched, carded and linked through ``card_for_url``)
        or a statement pasted by hand, with its stance. Reminders stop."""
        chosen = parse_stance(stance)
        statement = _text(text, MAX_STATEMENT, "statement")
        link = (url or "").strip() or None
        if (link is None) == (statement is None):
            raise InvalidArgument("Give the response's link or its text (one of them).")
        row = await self._followup(guild_id, card_id, party, can_see)
        response: StoredCard | None = None
        if link is not None:
            if card_for_url is None:
                raise InvalidArgument("Resolving with a link is not available here.")
            response = await card_for_url(link)  # its errors are one-line FetchErrors
            if response.guild_id != guild_id:
                raise UnknownCard()
        now = self.clock()

        def change(current: FollowUp) -> FollowUp:
            if current.state is FollowUpState.RESOLVED:
                raise AlreadyResolved(resolved_sentence(current))
            return replace(
                current, state=FollowUpState.RESOLVED, stance=chosen, resolved_at=now,
                resolution_text=statement,
                resolution_url=response.canonical_url if response else None,
                resolution_card_id=response.id if response else None,
            )

        resolved = await self._edit(row, change, actor_id, EventKind.FOLLOWUP_RESOLVED, {
            "stance": stance_text(chosen),
            "resolution_url": response.canonical_url if response else None,
            "resolution_card_id": response.id if response else None,
            "via": "link" if response else "statement",
        })
        card = await self.store.get_card(row.card_id)
        await self.proposals.refresh_cards(card, response)
        return resolved

    async def reopen(
        self, guild_id: int, card_id: str, *, party: str | None = None,
        actor_id: int | None = None, can_see: CanSee | None = None,
    ) -> FollowUp:
        """Wait again for a resolved or closed follow-up: the answer is cleared and the
        reminders start over from now."""
        states = (FollowUpState.RESOLVED, FollowUpState.CLOSED)
        row = await self._followup(guild_id, card_id, party, can_see, states)
        now = self.clock()
        settings = await self.store.get_settings(guild_id)

        def change(current: FollowUp) -> FollowUp | None:
            if current.state is FollowUpState.OPEN:
                return None
            rechecks = current.recheck_at is not None or current.page_digest is not None
            return replace(
                current, state=FollowUpState.OPEN, reminders_sent=0,
                due_at=first_due(now, settings), snoozed_until=None, stance=None,
                resolved_at=None, resolution_url=None, resolution_text=None,
                resolution_card_id=None, recheck_failures=0,
                recheck_at=now + backoff(0, settings.recheck_hours) if rechecks else None,
            )

        reopened = await self.rows.edit(row.id, change, actor_id=actor_id, at=now)
        if reopened is None:
            raise NoFollowUp("That follow-up is open already.")
        await self.proposals.refresh_cards(await self.store.get_card(row.card_id))
        if self.opener.on_scheduled is not None:
            self.opener.on_scheduled()
        return reopened

    async def remind(
        self, guild_id: int, card_id: str, *, party: str | None = None,
        actor_id: int | None = None, can_see: CanSee | None = None,
    ) -> FollowUp:
        """Send the reminder now, in the card's thread, pinging the assignee or reviewers."""
        row = await self._followup(guild_id, card_id, party, can_see)
        return await self.reminders.remind_now(row.id, actor_id)

    async def _edit(
        self, row: FollowUp, change: Callable[[FollowUp], FollowUp], actor_id: int | None,
        kind: EventKind, data: dict[str, object],
    ) -> FollowUp:
        now: datetime = self.clock()
        written = await self.rows.edit(row.id, change, actor_id=actor_id, at=now, kind=kind,
                                       data=data)
        if written is None:
            raise NoFollowUp("That follow-up no longer exists.")
        if kind is not EventKind.FOLLOWUP_RESOLVED:  # resolve refreshes both of its cards
            await self.proposals.refresh_cards(await self.store.get_card(row.card_id))
        return written
