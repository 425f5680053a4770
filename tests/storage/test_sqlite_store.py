"""What is particular to the SQLite store: several processes share one database file, a crash
loses no acknowledged write, and a file it cannot use is refused with the path and the fix.

The behaviour every backend shares is in the ``test_*_contract.py`` files, which run on this
backend too."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from bot.models import EventKind, GuildSettings, VoteChoice
from storage import (
    DuplicateCard,
    StoreCorrupt,
    StoreError,
    StoreTooNew,
    open_store,
    store_path_from_url,
)
from storage.sqlite_errors import sqlite_failure
from storage.sqlite_store import SQLiteStore
from tests.storage.records import T0, make_card, make_followup, make_vote
from tests.storage.sqlite_child import choice_of, race_url

REPO = Path(__file__).resolve().parents[2]
CHILD_START_SECONDS = 30
CHILD_RUN_SECONDS = 60


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "claimdeck.db"


async def _open(db: Path, **kwargs: object) -> SQLiteStore:
    async with asyncio.timeout(10):
        return await SQLiteStore.open(db, **kwargs)  # type: ignore[arg-type]


# --- several processes ------------------------------------------------------------------------


async def _start(mode: str, db: Path, *args: object) -> asyncio.subprocess.Process:
    """A child process with the store open, waiting for ``go`` (see tests/storage/sqlite_child)."""
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.storage.sqlite_child",
        mode,
        str(db),
        *map(str, args),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=REPO,
    )
    try:
        line = await asyncio.wait_for(child.stdout.readline(), CHILD_START_SECONDS)
    except BaseException:
        child.kill()
        raise
    assert line == b"ready\n", (line, await child.stderr.read())
    return child


async def _run_together(*children: asyncio.subprocess.Process) -> list[list[str]]:
    """Start every child's work at once; each one's output lines, once all have finished."""
    try:
        for child in children:
            child.stdin.write(b"go\n")
        async with asyncio.timeout(CHILD_RUN_SECONDS):
            results = await asyncio.gather(*(child.communicate() for child in children))
    finally:
        for child in children:
            if child.returncode is None:
                child.kill()
    outputs = []
    for child, (out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err.decode()
        lines = out.decode().splitlines()
        assert lines[-1] == "done"
        outputs.append(lines[:-1])
    return outputs


async def test_two_processes_voting_at_once_end_with_exact_counts(db: Path) -> None:
    store = await _open(db)
    await store.save_card(make_card("v"))
    await store.close()
    # Members 75-149 vote in both processes: their second vote replaces the first.
    first = await _start("vote", db, "v", 0, 150)
    second = await _start("vote", db, "v", 75, 150)
    outputs = await _run_together(first, second)
    assert [len(lines) for lines in outputs] == [150, 150]  # every vote was acknowledged

    store = await _open(db)
    try:
        votes = await store.votes_for_card("v")
        assert sorted(v.member_id for v in votes) == list(range(225))
        assert all(v.choice is choice_of(v.member_id) for v in votes)
        kinds = Counter(e.kind for e in await store.events_for_card("v"))
        assert kinds == {
            EventKind.CARD_CREATED: 1,
            EventKind.VOTE_CAST: 225,
            EventKind.VOTE_CHANGED: 75,
        }
    finally:
        await store.close()


async def test_two_processes_saving_the_same_urls_get_one_card_and_one_duplicate_each(
    db: Path,
) -> None:
    rounds = 30
    store = await _open(db)
    await store.close()
    outputs = await _run_together(
        await _start("race", db, "a", rounds), await _start("race", db, "b", rounds)
    )
    saved: dict[int, str] = {}
    duplicates: dict[int, str] = {}
    for name, lines in zip("ab", outputs, strict=True):
        for line in lines:
            outcome, index, *existing = line.split()
            if outcome == "saved":
                assert int(index) not in saved, f"URL {index} got two cards"
                saved[int(index)] = f"{name}{index}"
            else:
                duplicates[int(index)] = existing[0]
    assert sorted(saved) == sorted(duplicates) == list(range(rounds))
    assert duplicates == saved  # each refusal named the card the other process had saved
    store = await _open(db)
    try:
        for index, card_id in saved.items():
            assert (await store.find_card_by_url(1, race_url(index))).id == card_id
        assert len(await store.recent_cards(1, limit=100)) == rounds
    finally:
        await store.close()


async def test_a_killed_process_loses_no_acknowledged_write(db: Path) -> None:
    store = await _open(db)
    await store.save_card(make_card("k"))
    await store.close()
    child = await _start("vote", db, "k", 0, 100_000)
    acked: list[int] = []
    try:
        child.stdin.write(b"go\n")
        async with asyncio.timeout(CHILD_RUN_SECONDS):
            while len(acked) < 80:
                line = await child.stdout.readline()
                assert line.startswith(b"ack "), (line, await child.stderr.read())
                acked.append(int(line.split()[1]))
    finally:
        child.kill()  # SIGKILL, mid-run: no close, no checkpoint
        await asyncio.wait_for(child.wait(), 10)
    assert _wal(db).exists()  # the store was not closed

    store = await _open(db)
    try:
        members = sorted(v.member_id for v in await store.votes_for_card("k"))
        assert members[: len(acked)] == acked  # every acknowledged vote is there
        assert members == list(range(len(members)))  # and no gap: writes were in order
        events = await store.events_for_card("k")
        assert len(events) == 1 + len(members)  # a vote never without its event, nor the reverse
        await store.cast_vote(make_vote("k", 0, VoteChoice.DUBIOUS))  # and it takes writes
    finally:
        await store.close()


async def test_two_processes_finding_the_same_reminders_due_send_each_once(db: Path) -> None:
    """An overlapping restart, or a process started without a shard beside another: both run
    the reminder clock for the same guild at the same moment. Each reminder goes out once."""
    rows = 40
    store = await _open(db)
    for index in range(rows):
        await store.save_card(make_card(f"c{index}", url=f"https://n.example/{index}"))
        await store.add_followup(make_followup(f"f{index:02}", f"c{index}", due_hours=1))
    await store.close()
    now = (T0 + timedelta(hours=1, minutes=1)).isoformat()  # each just came due: sent alone
    outputs = await _run_together(
        await _start("remind", db, now), await _start("remind", db, now)
    )
    sent = [line.split()[1] for lines in outputs for line in lines]
    assert sorted(sent) == [f"f{index:02}" for index in range(rows)]  # each once, none lost
    store = await _open(db)
    try:
        for index in range(rows):
            row = await store.get_followup(f"f{index:02}")
            assert row.reminders_sent == 1 and row.due_at > T0 + timedelta(hours=24)
            kinds = [e.kind for e in await store.events_for_card(f"c{index}")]
            assert kinds.count(EventKind.FOLLOWUP_REMINDED) == 1
    finally:
        await store.close()


async def test_a_write_by_one_process_is_seen_at_once_by_another(db: Path) -> None:
    """Nothing is cached: two stores on one file (two connections, as two processes would
    have) see each other's writes, and the UNIQUE keys hold between them."""
    one, two = await _open(db), await _open(db)
    try:
        await one.save_card(make_card("seen"))
        assert (await two.find_card_by_url(1, "https://news.example/seen")).id == "seen"
        await two.cast_vote(make_vote("seen", 3, VoteChoice.CREDIBLE))
        await two.close_voting("seen", 9, make_vote("seen", 3, VoteChoice.CREDIBLE).cast_at)
        assert [v.member_id for v in await one.votes_for_card("seen")] == [3]
        with pytest.raises(StoreError, match="closed"):
            await one.cast_vote(make_vote("seen", 4, VoteChoice.CREDIBLE))
        await two.save_settings(GuildSettings(1, quorum=7))
        assert (await one.get_settings(1)).quorum == 7
        async with asyncio.timeout(10):
            results = await asyncio.gather(
                one.save_card(make_card("x1", url="https://n.example/same")),
                two.save_card(make_card("x2", url="https://n.example/same")),
                return_exceptions=True,
            )
        assert sorted(type(r).__name__ for r in results) == ["DuplicateCard", "NoneType"]
    finally:
        await one.close()
        await two.close()


async def test_a_lock_held_past_the_busy_timeout_is_a_clear_error_and_saves_nothing(
    db: Path,
) -> None:
    store = await _open(db, busy_seconds=0.2)
    try:
        await store.save_card(make_card("b"))
        tool = sqlite3.connect(db, isolation_level=None)
        tool.execute("BEGIN IMMEDIATE")  # e.g. an sqlite3 shell left in a transaction
        try:
            with pytest.raises(StoreError, match=f"held the database {db} locked"):
                async with asyncio.timeout(10):
                    await store.cast_vote(make_vote("b", 1, VoteChoice.CREDIBLE))
        finally:
            tool.execute("ROLLBACK")
            tool.close()
        assert await store.votes_for_card("b") == []
        await store.cast_vote(make_vote("b", 1, VoteChoice.CREDIBLE))  # works once released
        assert len(await store.votes_for_card("b")) == 1
    finally:
        await store.close()


async def test_a_read_only_store_reads_live_and_refuses_writes(db: Path) -> None:
    writer = await _open(db)
    reader = await open_store(f"sqlite://{db}", read_only=True)
    try:
        await writer.save_card(make_card("ro"))
        assert (await reader.get_card("ro")).id == "ro"
        with pytest.raises(StoreError, match="opened read-only; nothing was saved"):
            await reader.save_settings(GuildSettings(1))
    finally:
        await reader.close()
        await writer.close()


# --- files it cannot use ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["sqlite://", "sqlite:///", "sqlite:", "sqlite:///var/lib/claimdeck/"]
)
async def test_a_sqlite_url_without_a_file_path_is_refused(url: str) -> None:
    with pytest.raises(StoreError, match="names no database file; use sqlite:///path/to"):
        await open_store(url)


def test_a_sqlite_url_names_the_database_file() -> None:
    assert store_path_from_url("sqlite:///srv/claimdeck/claimdeck.db") == Path(
        "/srv/claimdeck/claimdeck.db"
    )
    assert store_path_from_url("sqlite:data/claimdeck.db") == Path("data/claimdeck.db")


async def test_a_directory_is_refused_as_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=f"{tmp_path} is a directory.*claimdeck.db"):
        await open_store(f"sqlite://{tmp_path}")


def _wal(db: Path) -> Path:
    return db.with_name(f"{db.name}-wal")


def _foreign_files(db: Path) -> list[tuple[Path, str, bytes]]:
    """A text file, and another program's SQLite database: (path, why refused, bytes)."""
    db.write_text("card,url\n1,https://n.example\n")
    other = db.with_name("other.db")
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    conn.close()
    return [
        (db, "it is not an SQLite database", db.read_bytes()),
        (other, "it is another program's", other.read_bytes()),
    ]


async def test_a_file_that_is_not_ours_is_refused_and_left_as_it_was(db: Path) -> None:
    for path, what, before in _foreign_files(db):
        with pytest.raises(StoreError) as refused:
            await _open(path)
        message = str(refused.value)
        assert f"{path} is not a Claimdeck database ({what}" in message
        assert "has not changed it" in message and "CLAIMDECK_STORE" in message
        assert path.read_bytes() == before  # not even switched to WAL mode
        assert not _wal(path).exists()


def _overwrite_pages(db: Path, first: int, count: int, page: int = 4096) -> None:
    data = bytearray(db.read_bytes())
    assert len(data) > (first + count) * page
    data[first * page : (first + count) * page] = b"\xa5" * (count * page)
    db.write_bytes(bytes(data))


async def test_a_damaged_database_stops_the_start_naming_the_file(db: Path) -> None:
    store = await _open(db)
    for index in range(40):
        await store.save_card(make_card(f"d{index}"))
    await store.close()
    _overwrite_pages(db, first=2, count=2)
    with pytest.raises(StoreCorrupt) as refused:
        await _open(db)
    assert str(db) in str(refused.value) and "restore the file from a backup" in str(refused.value)


async def test_a_database_from_a_newer_claimdeck_is_refused(db: Path) -> None:
    await (await _open(db)).close()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreTooNew, match="newer Claimdeck"):
        await _open(db)


def test_sqlite_s_own_read_only_error_gets_the_same_advice(db: Path) -> None:
    sqlite3.connect(db).close()
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as raised:
            conn.execute("CREATE TABLE t (x)")
    finally:
        conn.close()
    error = sqlite_failure(raised.value, db, "save this change", 30)
    assert str(error).startswith(f"Claimdeck may not write its database {db}")


async def test_a_duplicate_is_refused_by_the_database_not_only_by_a_read(db: Path) -> None:
    """The UNIQUE key itself refuses a second card under a URL, whatever Python checked."""
    store = await _open(db)
    try:
        await store.save_card(make_card("u1", url="https://n.example/u"))
        conn = sqlite3.connect(db)
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            conn.execute("INSERT INTO card_urls VALUES (1, 'https://n.example/u', 'u1')")
        conn.close()
        with pytest.raises(DuplicateCard) as refused:
            await store.save_card(make_card("u2", url="https://n.example/u"))
        assert refused.value.existing.id == "u1"
    finally:
        await store.close()
