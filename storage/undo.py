"""Undoing a journal operation applied to memory, so group commit can plan writes in a batch.

Group commit (:mod:`storage.engine`) plans several writes before one fsync. A later write's
plan must see the earlier ones (a second click on the same button changes the vote the first
one cast), yet readers must never see a write before it is durable. So each operation of the
batch is applied with :func:`apply_undoable`, the whole batch is undone (in reverse) in the same
event-loop step, and it is applied again only once its fsync succeeded. Each undo restores
exactly what its operation replaced: the same entry objects and texts, the same sequence
counter. Dirty marks are left alone (an extra rewrite of an unchanged shard is harmless).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from storage.state import MESSAGE_FIELDS, Op, StoreState

Undo = Callable[[], None]
_MISSING: Any = object()


def apply_undoable(state: StoreState, op: Op) -> Undo:
    """Apply ``op`` and return the function that takes it back (call undos newest first)."""
    undo = _undo_of(state, op)
    try:
        state.apply(op)
    except BaseException:
        undo()
        raise
    return undo


def _undo_of(state: StoreState, op: Op) -> Undo:
    kind = op[0]
    if kind == "card":
        return _card(state, str(op[1]["id"]))
    if kind == "cardmeta":
        return _cardmeta(state, str(op[1]))
    if kind == "vote":
        data = op[1]
        return _vote(state, data["card_id"], (data["claim_id"], int(data["member_id"])))
    if kind == "unvote":
        return _vote(state, op[1], (op[2], int(op[3])))
    if kind == "event":
        return _event(state, op[2]["card_id"], int(op[1]))
    if kind == "followup":
        return _followup(state, str(op[1]["id"]))
    if kind == "settings":
        return _settings(state, int(op[1]["guild_id"]))
    raise ValueError(f"unknown journal operation {kind!r}")


def _card(state: StoreState, card_id: str) -> Undo:
    old = state.cards.get(card_id)
    old_pending = state.pending_bodies.get(card_id, _MISSING)

    def undo() -> None:
        new = state.cards.pop(card_id, None)
        state.forget_parsed(card_id)  # a plan may have parsed the new body
        if new is not None:
            for url in new.urls:
                if state.by_url.get((new.guild_id, url)) == card_id:
                    del state.by_url[(new.guild_id, url)]
            timeline = state.guild_timeline.get(new.guild_id, [])
            index = bisect.bisect_left(timeline, (new.created_at, card_id))
            if index < len(timeline) and timeline[index] == (new.created_at, card_id):
                del timeline[index]
            if not timeline:
                state.guild_timeline.pop(new.guild_id, None)
            shard = state.shard_cards.get((new.guild_id, new.bucket), {})
            shard.pop(card_id, None)
            if not shard:
                state.shard_cards.pop((new.guild_id, new.bucket), None)
        if old_pending is _MISSING:
            state.pending_bodies.pop(card_id, None)
        else:
            state.pending_bodies[card_id] = old_pending
        if old is not None:
            state.cards[card_id] = old
            for url in old.urls:
                state.by_url[(old.guild_id, url)] = card_id
            timeline = state.guild_timeline.setdefault(old.guild_id, [])
            bisect.insort(timeline, (old.created_at, card_id))
            state.shard_cards.setdefault((old.guild_id, old.bucket), {})[card_id] = None

    return undo


def _cardmeta(state: StoreState, card_id: str) -> Undo:
    entry = state.cards.get(card_id)
    if entry is None:  # apply refuses it and changes nothing
        return lambda: None
    saved = {name: getattr(entry, name) for name in MESSAGE_FIELDS}

    def undo() -> None:
        for name, value in saved.items():
            setattr(entry, name, value)

    return undo


def _vote(state: StoreState, card_id: str, key: tuple[str, int]) -> Undo:
    had_card = card_id in state.votes
    before = state.votes.get(card_id, {}).get(key)

    def undo() -> None:
        if before is not None:
            state.votes.setdefault(card_id, {})[key] = before
            return
        votes = state.votes.get(card_id)
        if votes is not None:
            votes.pop(key, None)
            if not votes and not had_card:
                del state.votes[card_id]

    return undo


def _event(state: StoreState, card_id: str, seq: int) -> Undo:
    had_card = card_id in state.events
    before = state.events.get(card_id, {}).get(seq, _MISSING)
    last_seq = state.last_seq

    def undo() -> None:
        state.last_seq = last_seq
        if before is not _MISSING:
            state.events.setdefault(card_id, {})[seq] = before
            return
        events = state.events.get(card_id)
        if events is not None:
            events.pop(seq, None)
            if not events and not had_card:
                del state.events[card_id]

    return undo


def _followup(state: StoreState, followup_id: str) -> Undo:
    before = state.followups.rows.get(followup_id)

    def undo() -> None:
        if before is None:
            state.followups.remove(followup_id)
        else:
            state.followups.put(before[0], before[1])

    return undo


def _settings(state: StoreState, guild_id: int) -> Undo:
    before = state.settings.get(guild_id)

    def undo() -> None:
        if before is None:
            state.settings.pop(guild_id, None)
        else:
            state.settings[guild_id] = before

    return undo
