"""Voting benchmark: a team clicking verdict buttons on cards, through the local fake Discord.

Runs the real ClaimdeckBot (store on a temporary directory, card edits coalesced as in
production) against the fake Discord. Ten cards are posted, then 100 members send 500 clicks on
their verdict buttons at a steady rate: new votes, changes, deliberate double clicks and
withdrawals. Prints click-to-acknowledgement time (from INTERACTION_CREATE leaving the fake to
the private answer reaching it: the bot's side plus the local gateway and HTTP round trip),
the card edits sent (per card, and the most within any refresh interval), whether each card's
final tally is exact (store and last edit against a model of the clicks), and the event loop's
lag (how late a 10 ms timer fires) while the clicks arrive.

    python bench/votes.py [--clicks 500] [--members 100] [--cards 10] [--rate 100] [--seed 7]
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import dataclasses
import itertools
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import ClaimdeckBot  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.credibility import VERDICTS, ClickAction, decide_click, tally, tally_line  # noqa: E402
from bot.models import GuildSettings, StoredCard, Vote, VoteChoice  # noqa: E402
from bot.pipeline.cards import CardPipeline  # noqa: E402
from bot.pipeline.fetch import Fetcher, FetchPolicy  # noqa: E402
from bot.ratelimit import Limit, LinkLimits  # noqa: E402
from bot.ui.publisher import REFRESH_INTERVAL  # noqa: E402
from storage import Store, open_store  # noqa: E402
from tests.factories import make_card, make_claim  # noqa: E402
from tests.fakes.discord_server import FakeDiscord  # noqa: E402
from tests.fakes.harness import running_client, serve_fake_discord  # noqa: E402
from tests.fakes.payloads import World  # noqa: E402

LAG_TICK = 0.010
BUTTON_CLAIMS = ("c1", "c2", "c3")  # the claims with buttons on a six-claim card
DOUBLE_CLICK = 0.02  # seconds between the two clicks of a deliberate double click
START = datetime(2025, 6, 17, 9, 0, tzinfo=UTC)  # the clicks' time on the bot's clock

# The bot's clock during a click reads the time the click was planned for (set when the bot's
# gateway handler receives it, inherited by the tasks that handle it): whether a same-verdict
# click is a double click or a withdrawal then depends on the plan, not on how long the click
# waited in a queue, so the final tally can be checked exactly against a model of the clicks.
PLANNED: contextvars.ContextVar[datetime | None] = contextvars.ContextVar("planned", default=None)
CLICK: contextvars.ContextVar[str | None] = contextvars.ContextVar("click", default=None)


def bench_clock() -> datetime:
    return PLANNED.get() or datetime.now(UTC)


@dataclasses.dataclass
class Click:
    at: float  # seconds after the start
    member: int  # index into the members
    card: int
    claim: str
    verdict: VoteChoice


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def plan_clicks(count: int, members: int, cards: int, rate: float, seed: int) -> list[Click]:
    """``count`` clicks at ``rate`` a second, 5 % of them the second half of a double click."""
    rng = random.Random(seed)
    clicks: list[Click] = []
    at = 0.0
    while len(clicks) < count:
        if clicks and rng.random() < 0.05:  # a deliberate double click
            before = clicks[-1]
            click = dataclasses.replace(before, at=before.at + DOUBLE_CLICK)
        else:
            key = (rng.randrange(members), rng.randrange(cards), rng.choice(BUTTON_CLAIMS))
            click = Click(at, *key, rng.choice(VERDICTS))
            at += 1 / rate
        clicks.append(click)
    return clicks


def expected_votes(clicks: list[Click], start: datetime) -> dict[tuple[int, int, str], Vote]:
    """What the store should hold after the clicks, decided click by click as the bot does."""
    votes: dict[tuple[int, int, str], Vote] = {}
    for click in clicks:
        key = (click.member, click.card, click.claim)
        now = start + timedelta(seconds=click.at)
        current = votes.get(key)
        action = decide_click(current, click.verdict, now)
        if action in (ClickAction.CAST, ClickAction.CHANGE):
            votes[key] = Vote(str(click.card), click.claim, click.member, click.verdict, now)
        elif action is ClickAction.RETRACT:
            del votes[key]
    return votes


def six_claim_card(index: int) -> StoredCard:
    card = make_card(title=f"Story {index}", claims=6)
    claims = tuple(make_claim(i, f"claim {i} of story {index}") for i in range(1, 7))
    return StoredCard(
        id=f"card{index:02d}x",
        guild_id=0,  # set by the caller
        canonical_url=f"https://news.example.com/story/{index}",
        card=dataclasses.replace(card, claims=claims),
        created_at=datetime.now(UTC),
    )


async def post_cards(fake: FakeDiscord, store: Store, count: int) -> list[tuple[StoredCard, dict]]:
    """Store ``count`` cards and have the bot post each (found in the store: no fetching)."""
    world = fake.world
    posted = []
    for index in range(count):
        stored = dataclasses.replace(six_claim_card(index), guild_id=int(world.guild_id))
        await store.save_card(stored)
        await fake.dispatch("MESSAGE_CREATE", world.user_message(stored.canonical_url))
        sent = await fake.wait_for_request(
            "POST", r"/channels/\d+/messages", timeout=30,
            predicate=lambda r: bool(r.json and r.json.get("embeds")),
        )
        posted.append((stored, sent.response))
    async with asyncio.timeout(30):
        for stored, _ in posted:  # the message id is stored just after the thread is made
            card = await store.get_card(stored.id)
            while card is None or card.message_id is None:
                await asyncio.sleep(0.01)
                card = await store.get_card(stored.id)
    return posted


async def sample_lag(stop: asyncio.Event, lags: list[float]) -> None:
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        started = loop.time()
        await asyncio.sleep(LAG_TICK)
        lags.append(loop.time() - started - LAG_TICK)


ACKNOWLEDGED = ("Your vote", "You changed")
DEFERRED = 5


def answer_text(fake: FakeDiscord, interaction: dict) -> str:
    """The private answer's text ("deferred" when the bot deferred it)."""
    answered = fake.callbacks[interaction["id"]].json
    if answered.get("type") == DEFERRED:
        return "deferred"
    return (answered.get("data") or {}).get("content") or ""


def timed_writes(store: Store) -> dict[str, float]:
    """How long each click's vote write took (ms, by interaction id): the store journals and
    fsyncs it before the click is answered, so its tail is part of the answer's."""
    took: dict[str, float] = {}
    for name in ("cast_vote", "retract_vote"):
        write = getattr(store, name)

        async def timed(*args: object, _write=write) -> object:  # type: ignore[no-untyped-def]
            started = time.monotonic()
            try:
                return await _write(*args)
            finally:
                took[CLICK.get() or f"other-{len(took)}"] = (time.monotonic() - started) * 1000

        setattr(store, name, timed)
    return took


def received_at(bot: ClaimdeckBot, planned: dict[str, datetime]) -> dict[str, float]:
    """When the bot's gateway handler got each INTERACTION_CREATE (by interaction id), so the
    bot's own share of a click's time can be told from the fake's and the gateway's; the click
    is handled with its planned time on the bot's clock (see PLANNED)."""
    arrivals: dict[str, float] = {}
    state = bot._connection
    parse = state.parse_interaction_create

    def timed(data: dict) -> None:
        arrivals[data["id"]] = time.monotonic()
        token, click = PLANNED.set(planned.get(data["id"])), CLICK.set(data["id"])
        try:
            parse(data)  # type: ignore[arg-type]
        finally:
            PLANNED.reset(token)
            CLICK.reset(click)

    state.parse_interaction_create = timed  # type: ignore[method-assign]
    state.parsers["INTERACTION_CREATE"] = timed
    return arrivals


def most_in_window(times: list[float], window: float) -> int:
    """The most edits of one card inside any ``window`` seconds (half-open)."""
    most = 0
    for i, start in enumerate(times):
        most = max(most, sum(1 for t in times[i:] if t - start < window * 0.999))
    return most


async def run(args: argparse.Namespace) -> int:
    world = World.default()
    members = [world.new_member(f"voter{i}") for i in range(args.members)]
    with tempfile.TemporaryDirectory(prefix="claimdeck-bench-votes-") as data:
        async with serve_fake_discord(world, heartbeat_interval=0.5) as fake:
            settings = Settings(token=fake.token, data_dir=Path(data),
                                dev_guild=int(world.guild_id))
            store = await open_store(settings.store_url)
            await store.save_settings(GuildSettings(guild_id=int(world.guild_id)))
            try:
                async with Fetcher(FetchPolicy()) as fetcher:
                    bot = ClaimdeckBot(
                        settings=settings, store=store, pipeline=CardPipeline(fetcher),
                        guild_ready_timeout=0.05, refresh_interval=args.interval,
                        clock=bench_clock,
                        limits=LinkLimits(Limit(10_000, 60), Limit(10_000, 60)),
                    )
                    async with running_client(bot, fake, ready_within=30):
                        return await measure(args, fake, store, bot, members)
            finally:
                await store.close()


async def measure(
    args: argparse.Namespace, fake: FakeDiscord, store: Store, bot: ClaimdeckBot,
    members: list[dict],
) -> int:
    world = fake.world
    cards = await post_cards(fake, store, args.cards)
    planned: dict[str, datetime] = {}
    arrivals = received_at(bot, planned)
    writes = timed_writes(store)
    plan = plan_clicks(args.clicks, args.members, args.cards, args.rate, args.seed)
    interactions: list[dict] = []
    stop, lags = asyncio.Event(), []
    sampler = asyncio.create_task(sample_lag(stop, lags))
    started = time.monotonic()
    for click in plan:
        delay = started + click.at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        stored, message = cards[click.card]
        custom_id = f"claimdeck:vote:{stored.id}:{click.claim}:{click.verdict}"
        interaction = world.component(
            custom_id, message_payload=fake.messages[message["id"]], by=members[click.member]
        )
        planned[interaction["id"]] = START + timedelta(seconds=click.at)
        interactions.append(await fake.send_interaction(interaction))
    await fake.wait_for_answers(interactions, timeout=60)
    clicks_done = time.monotonic()
    async with asyncio.timeout(60):
        await bot.publisher.idle()
    settled = time.monotonic()
    stop.set()
    await sampler

    delays = [fake.callback_delay(i) * 1000 for i in interactions]
    bot_side = [(fake.callbacks[i["id"]].at - arrivals[i["id"]]) * 1000 for i in interactions]
    # Clicks that wrote: a double click's second half writes nothing but waits for the first.
    own = [b - writes[i["id"]] for b, i in zip(bot_side, interactions, strict=True)
           if i["id"] in writes]
    write_times = list(writes.values())
    failed = [i for i in interactions if not answer_text(fake, i).startswith(ACKNOWLEDGED)]
    expected = expected_votes(plan, START)
    index_of = {int(m["user"]["id"]): i for i, m in enumerate(members)}
    exact, edits_per_card, most, gaps = 0, [], 0, []
    for index, (stored, message) in enumerate(cards):
        edits = fake.edits_of(message["id"])
        times = [e.at for e in edits]
        edits_per_card.append(len(edits))
        most = max(most, most_in_window(times, args.interval))
        gaps += [b - a for a, b in itertools.pairwise(times)]
        model = [
            dataclasses.replace(v, card_id=stored.id)
            for (_, card, _), v in expected.items() if card == index
        ]
        held = await store.votes_for_card(stored.id)
        same_store = sorted((v.member_id, v.claim_id, v.choice) for v in model) == sorted(
            (index_of[v.member_id], v.claim_id, v.choice) for v in held
        )
        want = tally(stored.card, model, GuildSettings(guild_id=0))
        fields = edits[-1].json["embeds"][0]["fields"] if edits else []
        shown = "\n".join(f["value"] for f in fields)
        same_card = all(tally_line(c) in shown for c in want.claims if c.total)
        exact += same_store and same_card
    duration = clicks_done - started
    print(f"{len(plan)} clicks from {args.members} members on {args.cards} cards in "
          f"{duration:.2f} s ({len(plan) / duration:.0f}/s), seed {args.seed}")
    print(f"click → private answer, through the fake: p50 {percentile(delays, 0.5):.1f} ms, "
          f"p99 {percentile(delays, 0.99):.1f} ms, max {max(delays):.1f} ms")
    print(f"  on the bot's side (event received → answer sent): "
          f"p50 {percentile(bot_side, 0.5):.1f} ms, p99 {percentile(bot_side, 0.99):.1f} ms, "
          f"max {max(bot_side):.1f} ms; answers that were not a vote: {len(failed)}")
    print(f"  of which the store's durable write (journal + fsync): "
          f"p50 {percentile(write_times, 0.5):.1f} ms, p99 {percentile(write_times, 0.99):.1f} ms, "
          f"max {max(write_times):.1f} ms over {len(write_times)} writes")
    print(f"  the bot's side without that write (clicks that wrote): "
          f"p50 {percentile(own, 0.5):.1f} ms, "
          f"p99 {percentile(own, 0.99):.1f} ms, max {max(own):.1f} ms")
    print(f"card edits: {sum(edits_per_card)} in all, per card {min(edits_per_card)}–"
          f"{max(edits_per_card)} (mean {sum(edits_per_card) / len(edits_per_card):.1f}); "
          f"most in any {args.interval:g} s: {most}; shortest gap between two edits of a card "
          f"{min(gaps) if gaps else float('nan'):.2f} s")
    print(f"last edit landed {settled - clicks_done:.2f} s after the last answer")
    print(f"final tallies exact (store and card): {exact}/{len(cards)}")
    print(f"event loop lag: p50 {percentile(lags, 0.5) * 1000:.1f} ms, "
          f"p99 {percentile(lags, 0.99) * 1000:.1f} ms, max {max(lags) * 1000:.1f} ms")
    return 0 if exact == len(cards) and not failed else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clicks", type=int, default=500)
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--cards", type=int, default=10)
    parser.add_argument("--rate", type=float, default=100.0, help="clicks per second")
    parser.add_argument("--interval", type=float, default=REFRESH_INTERVAL,
                        help="least seconds between two edits of one card")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    return asyncio.run(run(args))


if __name__ == "__main__":
    raise SystemExit(main())
