"""The TinyDB-backed :class:`~storage.protocol.Store`: its API, over the parts that do the work.

* :mod:`storage.engine`: the write path (validate, journal + fsync, then apply to memory);
* :mod:`storage.recovery`: opening (migrate, check the directory is whole, load, replay);
* :mod:`storage.compaction`: folding the journal into the shard files in the background;
* :mod:`storage.vote_store`: the vote methods;
* :mod:`storage.followup_store`: the follow-up methods and their due-time index.

Memory holds a compact index of every card (ids, URL, title, times, message ids, claim ids and
where its body is) plus the small records (votes, events, follow-ups, settings). A card's body,
the large ClaimCard JSON, stays on disk in the guild's append-only body file
(:mod:`storage.bodies`) and is read with one ``pread`` when asked for. After opening,
``gc.freeze()`` moves the loaded objects out of the garbage collector's sight, so its full
collections do not walk hundreds of thousands of long-lived index objects (stalls of tens of
ms) while the bot runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import gc
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from bot.models import Event, EventKind, GuildSettings, StoredCard
from storage import history_events
from storage.compaction import compact, compact_in_background, write_snapshot
from storage.engine import Engine, utc
from storage.errors import (
    DuplicateCard,
    StoreCorrupt,
    StoreError,
    UnknownCard,
    os_failure,
)
from storage.followup_store import FollowUpMethods
from storage.journal import segment_paths
from storage.layout import JOURNAL_DIR
from storage.readonly import open_read_only_blocking
from storage.recovery import open_blocking
from storage.state import Op, StoreState
from storage.threads import finish_in_thread
from storage.vote_store import VoteMethods

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_COMPACT_AFTER_BYTES = 4 * 1024 * 1024
# A guild's body file is rewritten (at open) once its dead bytes pass both this and its live bytes.
DEFAULT_BODY_GARBAGE_BYTES = 64 * 1024 * 1024


class TinyDBStore(VoteMethods, FollowUpMethods):
    """Claimdeck's state in a directory of TinyDB files plus a write-ahead journal."""

    def __init__(self, root: Path, *, compact_after_bytes: int, body_garbage_bytes: int) -> None:
        self.root = root
        self._engine = Engine(
            root, compact_after_bytes=compact_after_bytes, body_garbage_bytes=body_garbage_bytes
        )
        self._engine.start_compaction = self._start_compaction
        self._closing: asyncio.Future[None] | None = None
        self._froze_gc = False
        self._reported_damage: set[str] = set()

    @property
    def _state(self) -> StoreState:
        return self._engine.state

    def _mutate(self, plan: Callable[[], tuple[list[Op], T]]) -> Any:
        return self._engine.mutate(plan)

    def _event_op(self, event: Event, offset: int = 0) -> Op:
        return self._engine.event_op(event, offset)

    # --- opening and closing --------------------------------------------------------------

    @classmethod
    async def open(
        cls,
        root: str | Path,
        *,
        compact_after_bytes: int = DEFAULT_COMPACT_AFTER_BYTES,
        body_garbage_bytes: int = DEFAULT_BODY_GARBAGE_BYTES,
        freeze_gc: bool = True,
        read_only: bool = False,
    ) -> TinyDBStore:
        """Open (creating, migrating and recovering as needed) the store in ``root``.

        ``read_only`` opens it for a tool while the bot may run (:mod:`storage.readonly`): no
        lock, nothing written, every write refused; a store needing a migration is refused.

        Every failure is a :class:`StoreError` whose message names the file and the fix (an
        operating-system error too: a read-only or full disk, a ``LOCK`` that is a directory).
        ``freeze_gc`` calls ``gc.freeze()`` once loaded (see the module docstring; it affects
        the whole process, and :meth:`close` calls ``gc.unfreeze()``); objects created later
        are collected as usual.
        """
        store = cls(
            Path(root),
            compact_after_bytes=compact_after_bytes,
            body_garbage_bytes=body_garbage_bytes,
        )
        store._engine.read_only = read_only
        collecting = gc.isenabled()
        gc.disable()  # loading builds ~10 objects a card; collections meanwhile find no garbage
        try:
            opener = open_read_only_blocking if read_only else open_blocking
            await finish_in_thread(opener, store._engine)
        except OSError as exc:
            store._engine.release_dir_lock()
            raise os_failure(exc, store.root, "open its data") from exc
        except BaseException:
            store._engine.release_dir_lock()
            raise
        finally:
            if collecting:
                gc.enable()
        if freeze_gc:
            gc.collect()  # collect the loading garbage first, so it is not frozen with the rest
            gc.freeze()
            store._froze_gc = True
        return store

    async def close(self) -> None:
        """Finish pending writes, fold the journal into the TinyDB files, release the directory.

        A cancelled ``close()`` goes on to the end in the background (calling it again waits
        for that): stopping half-way could release the directory while a thread still writes.
        A disk error here is a :class:`StoreError`; the journal still holds every change.
        """
        self._engine.closed = True
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._close())
        await asyncio.shield(self._closing)

    async def _close(self) -> None:
        engine = self._engine
        if engine.read_only:
            engine.release_dir_lock()  # closes the body files; no lock was taken
            if self._froze_gc:
                gc.unfreeze()
            return
        if engine.inflight:
            await asyncio.gather(*engine.inflight, return_exceptions=True)
        if engine.compaction is not None:
            with contextlib.suppress(Exception):
                await engine.compaction
        async with engine.compacting, engine.lock:
            engine.journal.close()
            segments = segment_paths(self.root / JOURNAL_DIR)
            try:
                # Deletes the segments only once every stale shard is written (dirty keys are
                # restored whenever a compaction fails, so the snapshot is complete).
                await finish_in_thread(write_snapshot, engine, engine.next_lsn - 1, segments)
            except OSError as exc:
                raise os_failure(exc, self.root, "save its data at shutdown") from exc
            finally:
                engine.release_dir_lock()
                if self._froze_gc:  # let the collector reclaim what was frozen at open
                    gc.unfreeze()

    async def compact(self) -> None:
        """Rewrite stale shard files and drop the journal segments they now cover (see
        :mod:`storage.compaction`); also runs by itself as the journal grows."""
        if self._engine.read_only:
            raise StoreError(f"The store in {self.root} was opened read-only; it is not compacted.")
        await compact(self._engine)

    def _start_compaction(self) -> None:
        self._engine.compaction = asyncio.create_task(compact_in_background(self._engine))

    # --- cards -------------------------------------------------------------------------------

    async def save_card(self, card: StoredCard) -> None:
        alternates = dict.fromkeys(u for u in card.alternate_urls if u != card.canonical_url)
        card = dataclasses.replace(
            card,
            created_at=utc(card.created_at, "card creation"),
            alternate_urls=tuple(alternates),
        )

        def plan() -> tuple[list[Op], None]:
            state = self._state
            for url in card.urls:  # every key: one card per article, by any of its addresses
                existing = state.by_url.get((card.guild_id, url))
                if existing is not None and existing != card.id:
                    stored = state.card(existing)
                    assert stored is not None
                    raise DuplicateCard(stored)
            ops: list[Op] = [["card", card.to_dict()]]
            if card.id not in state.cards:
                ops.append(self._event_op(history_events.card_created(card)))
            return ops, None

        await self._mutate(plan)

    async def get_card(self, card_id: str) -> StoredCard | None:
        return self._state.card(card_id)

    async def find_card_by_url(self, guild_id: int, canonical_url: str) -> StoredCard | None:
        """By the card's ``canonical_url`` or any of its ``alternate_urls``."""
        card_id = self._state.by_url.get((guild_id, canonical_url))
        return None if card_id is None else self._state.card(card_id)

    async def recent_cards(
        self, guild_id: int, limit: int = 25, query: str | None = None
    ) -> list[StoredCard]:
        state = self._state
        needle = query.strip().casefold() if query else ""
        found: list[StoredCard] = []
        for _, card_id in reversed(state.guild_timeline.get(guild_id, [])):
            if len(found) >= limit:
                break
            if needle and needle not in state.cards[card_id].title_folded:
                continue
            try:
                card = state.card(card_id)
            except StoreCorrupt as exc:  # only that card is lost from the list
                self._report_damage(card_id, exc)
                continue
            if card is not None:
                found.append(card)
        return found

    def _report_damage(self, card_id: str, exc: StoreCorrupt) -> None:
        if card_id not in self._reported_damage:
            self._reported_damage.add(card_id)
            log.error("card %s is left out of lists: %s", card_id, exc)

    def _require_card(self, card_id: str) -> StoredCard:
        card = self._state.card(card_id)
        if card is None:
            raise UnknownCard(card_id)
        return card

    async def update_card_message(
        self, card_id: str, channel_id: int | None, message_id: int | None, thread_id: int | None
    ) -> StoredCard:
        def plan() -> tuple[list[Op], StoredCard]:
            card = dataclasses.replace(
                self._require_card(card_id),
                channel_id=channel_id,
                message_id=message_id,
                thread_id=thread_id,
            )
            fields = {"channel_id": channel_id, "message_id": message_id, "thread_id": thread_id}
            return [["cardmeta", card_id, fields]], card

        return await self._mutate(plan)

    async def forget_card_message(self, guild_id: int, message_id: int) -> StoredCard | None:
        def plan() -> tuple[list[Op], StoredCard | None]:
            state = self._state
            for _, card_id in state.guild_timeline.get(guild_id, []):
                entry = state.cards.get(card_id)
                if entry is not None and entry.message_id == message_id:
                    card = dataclasses.replace(self._require_card(card_id), message_id=None)
                    return [["cardmeta", card_id, {"message_id": None}]], card
            return [], None

        return await self._mutate(plan)

    async def close_voting(self, card_id: str, actor_id: int | None, at: datetime) -> StoredCard:
        at = utc(at, "voting close")

        def plan() -> tuple[list[Op], StoredCard]:
            card = self._require_card(card_id)
            if card.voting_closed:
                return [], card
            card = dataclasses.replace(card, voting_closed=True)
            event = Event(card_id, EventKind.VOTING_CLOSED, at, actor_id)
            return [["cardmeta", card_id, {"voting_closed": True}], self._event_op(event)], card

        return await self._mutate(plan)

    async def reopen_voting(self, card_id: str, actor_id: int | None, at: datetime) -> StoredCard:
        at = utc(at, "voting reopening")

        def plan() -> tuple[list[Op], StoredCard]:
            card = self._require_card(card_id)
            if not card.voting_closed:
                return [], card
            card = dataclasses.replace(card, voting_closed=False)
            event = Event(card_id, EventKind.VOTING_REOPENED, at, actor_id)
            return [["cardmeta", card_id, {"voting_closed": False}], self._event_op(event)], card

        return await self._mutate(plan)

    # --- settings and history ----------------------------------------------------------------

    async def get_settings(self, guild_id: int) -> GuildSettings:
        entry = self._state.settings.get(guild_id)
        return entry[0] if entry else GuildSettings(guild_id=guild_id)

    async def save_settings(self, settings: GuildSettings) -> None:
        await self._mutate(lambda: ([["settings", settings.to_dict()]], None))

    async def append_event(self, event: Event) -> None:
        event = dataclasses.replace(event, at=utc(event.at, "event"))

        def plan() -> tuple[list[Op], None]:
            self._require_card(event.card_id)
            return [self._event_op(event)], None

        await self._mutate(plan)

    async def events_for_card(self, card_id: str) -> list[Event]:
        return self._state.event_list(card_id)

    # --- for benchmarks and operators -------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Record counts, for the benchmark and for logging at start-up."""
        state = self._state
        return {
            "cards": len(state.cards),
            "votes": sum(len(v) for v in state.votes.values()),
            "events": sum(len(e) for e in state.events.values()),
            "followups": len(state.followups.rows),
            "guilds_with_settings": len(state.settings),
            "bodies_in_memory": len(state.pending_bodies),
        }
