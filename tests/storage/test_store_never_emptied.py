"""Issue 8 §3, "No store is ever emptied": data files are never deleted or overwritten on an
inference, a lost file stops the start with a way out, and one damaged card fails alone."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

import storage.migrations
from bot.models import EventKind, VoteChoice
from storage import StoreCorrupt
from storage.errors import StoreIncomplete
from storage.journal import encode_line
from storage.layout import ShardKey, bucket_of
from storage.tinydb_store import TinyDBStore
from tests.storage.old_stores import write_v2_store
from tests.storage.records import make_card, make_followup, make_vote


def _meta(root: Path) -> dict:
    return json.loads((root / "meta.json").read_text())["meta"]["1"]


def _crash(store: TinyDBStore) -> None:
    store._engine.release_dir_lock()


def _advised_content(message: str) -> str:
    """The JSON an error message tells the operator to put in a file."""
    found = re.search(r"containing just (\{.*?\}\}\}|\{.*?\}) ", message + " ")
    assert found, f"no file content advised in: {message}"
    return found.group(1)


async def _open(root: Path) -> TinyDBStore:
    async with asyncio.timeout(10):
        return await TinyDBStore.open(root)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# --- a missing meta.json ------------------------------------------------------------------------


async def test_a_v2_store_without_meta_is_refused_untouched_and_the_advice_recovers_it(
    tmp_path: Path,
) -> None:
    root = tmp_path / "data"
    cards = [make_card(f"old{n}", url=f"https://n.example/{n}") for n in range(5)]
    write_v2_store(root, cards)
    (root / "meta.json").unlink()
    before = _files(root)

    with pytest.raises(StoreIncomplete) as caught:
        await _open(root)
    message = str(caught.value)
    assert str(root / "meta.json") in message and "is missing" in message
    assert "guilds/1/cards-" in message, "the data files found are named"
    assert "\n" not in message
    after = _files(root)
    after.pop("LOCK", None)
    assert after == before, "nothing was written, deleted or overwritten"

    (root / "meta.json").write_text(_advised_content(message))
    store = await _open(root)
    try:
        assert [await store.get_card(c.id) for c in cards] == cards
        assert [v.member_id for v in await store.votes_for_card("old0")] == [1, 2]
    finally:
        await store.close()


async def test_a_current_store_without_meta_recovers_with_its_unfolded_journal(
    tmp_path: Path,
) -> None:
    root = tmp_path / "data"
    store = await _open(root)
    await store.save_card(make_card("kept"))
    await store.compact()  # the journal now starts past record 1
    await store.cast_vote(make_vote("kept", 7, VoteChoice.DUBIOUS))  # only in the journal
    _crash(store)
    (root / "meta.json").unlink()

    with pytest.raises(StoreIncomplete, match=r"meta\.json is missing") as caught:
        await _open(root)
    (root / "meta.json").write_text(_advised_content(str(caught.value)))
    store = await _open(root)
    try:
        assert (await store.get_card("kept")).id == "kept"
        assert [v.member_id for v in await store.votes_for_card("kept")] == [7]
    finally:
        await store.close()


async def test_an_empty_directory_is_a_new_store(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    store = await _open(root)
    await store.close()
    assert _meta(root)["schema_version"] == 4 and _meta(root)["files"] == {}


# --- migrations delete only what they verified --------------------------------------------------


async def test_v2_card_files_are_deleted_only_after_meta_and_verified_fsynced_copies(
    tmp_path: Path, monkeypatch
) -> None:
    root = tmp_path / "data"
    write_v2_store(root, [make_card(f"m{n}", url=f"https://n.example/{n}") for n in range(8)])
    calls: list[str] = []
    real_fsync_dir, real_write_meta = storage.migrations.fsync_dir, storage.migrations.write_meta
    real_unlink = Path.unlink

    def fsync_dir(directory: Path) -> None:
        calls.append(f"fsync {directory.name}")
        real_fsync_dir(directory)

    def write_meta(root_: Path, meta: dict) -> None:
        calls.append(f"meta {meta['schema_version']}")
        real_write_meta(root_, meta)

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self.name.startswith("cards-"):
            calls.append("unlink v2")
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(storage.migrations, "fsync_dir", fsync_dir)
    monkeypatch.setattr(storage.migrations, "write_meta", write_meta)
    monkeypatch.setattr(Path, "unlink", unlink)
    store = await _open(root)
    await store.close()
    first_unlink = calls.index("unlink v2")
    assert calls.index("fsync 1") < calls.index("meta 3") < first_unlink


async def test_a_v2_file_that_does_not_read_back_is_kept_and_the_migration_refused(
    tmp_path: Path, monkeypatch
) -> None:
    root = tmp_path / "data"
    cards = [make_card(f"v{n}", url=f"https://n.example/{n}") for n in range(6)]
    write_v2_store(root, cards)
    real_write_shard = storage.migrations.write_shard

    def drops_a_row(root_: Path, key: ShardKey, rows) -> None:  # a lost write
        real_write_shard(root_, key, list(rows)[1:])

    monkeypatch.setattr(storage.migrations, "write_shard", drops_a_row)
    with pytest.raises(StoreCorrupt, match="did not read back from index-") as caught:
        await _open(root)
    assert "cards-" in str(caught.value) and "so it is kept and version 2" in str(caught.value)
    assert len(list(root.glob("guilds/1/cards-*.json"))) == len({bucket_of(c.id) for c in cards})
    assert _meta(root)["schema_version"] == 2, "version 2 stays in charge"
    monkeypatch.undo()
    store = await _open(root)  # with the disk behaving again the migration completes
    try:
        assert [await store.get_card(c.id) for c in cards] == cards
    finally:
        await store.close()


async def test_a_leftover_v2_file_is_deleted_only_when_it_matches(tmp_path: Path) -> None:
    root = tmp_path / "data"
    card = make_card("left")
    write_v2_store(root, [card])
    v2_file = next(root.glob("guilds/1/cards-*.json"))
    leftover = v2_file.read_bytes()
    await (await _open(root)).close()
    assert not v2_file.exists()

    v2_file.write_bytes(leftover)  # a crash right after meta.json said version 3
    await (await _open(root)).close()
    assert not v2_file.exists(), "an identical leftover is superseded"

    v2_file.write_bytes(leftover.replace(b"Officials say", b"Someone says"))
    with pytest.raises(StoreCorrupt, match="differs from its copy") as caught:
        await _open(root)
    assert str(v2_file) in str(caught.value)
    assert v2_file.exists()


async def test_a_v3_store_migrates_to_v4_and_its_files_become_required(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = await _open(root)
    await store.save_card(make_card("three"))
    await store.cast_vote(make_vote("three", 1, VoteChoice.CREDIBLE))
    await store.add_followup(make_followup("f3", "three"))
    await store.close()
    meta = _meta(root)
    del meta["files"]
    (root / "meta.json").write_text(json.dumps({"meta": {"1": {**meta, "schema_version": 3}}}))

    store = await _open(root)
    try:
        assert len(await store.votes_for_card("three")) == 1
    finally:
        await store.close()
    assert _meta(root)["schema_version"] == 4
    votes = next(root.glob("guilds/1/votes-*.json"))
    assert _meta(root)["files"]["1"]["votes"] == f"{1 << bucket_of('three'):016x}"
    votes.unlink()
    with pytest.raises(StoreIncomplete, match=re.escape(f"{votes} is missing")):
        await _open(root)


# --- missing files and folders ------------------------------------------------------------------


@pytest.mark.parametrize("table", ["votes", "events", "followups", "settings", "index"])
async def test_a_missing_file_is_refused_and_the_advice_recovers_the_rest(
    tmp_path: Path, table: str
) -> None:
    root = tmp_path / "data"
    store = await _open(root)
    await store.save_card(make_card("a1"))
    await store.save_card(make_card("b2", url="https://n.example/b2"))
    await store.cast_vote(make_vote("a1", 1, VoteChoice.CREDIBLE))
    await store.cast_vote(make_vote("b2", 1, VoteChoice.CREDIBLE))
    await store.add_followup(make_followup("f1", "a1"))
    from bot.models import GuildSettings

    await store.save_settings(GuildSettings(1, timezone="Europe/Oslo"))
    await store.close()
    name = f"{table}.json" if table in ("followups", "settings") else f"{table}-"
    name += "" if "." in name else f"{bucket_of('a1'):02x}.json"
    lost = root / "guilds" / "1" / name
    lost.unlink()

    with pytest.raises(StoreIncomplete) as caught:
        await _open(root)
    message = str(caught.value)
    assert f"{lost} is missing" in message and "Nothing has been changed" in message
    assert not lost.exists()
    # The advice: create it (and, for a card index, empty its bucket's votes and history).
    contents = re.findall(r"(\{\"\w+\": \{\}\})", message)
    targets = (
        [lost]
        if table != "index"
        else [
            lost,
            *(lost.with_name(f"{kind}-{bucket_of('a1'):02x}.json") for kind in ("votes", "events")),
        ]
    )
    assert len(contents) == len(targets)
    for target, content in zip(targets, contents, strict=True):
        target.write_text(content)
    store = await _open(root)
    try:
        if bucket_of("a1") != bucket_of("b2"):
            assert len(await store.votes_for_card("b2")) == 1, "other buckets are kept"
        if table == "settings":
            assert (await store.get_settings(1)).timezone == "UTC"
        else:
            assert (await store.get_settings(1)).timezone == "Europe/Oslo"
    finally:
        await store.close()


async def test_a_missing_server_folder_is_refused_and_can_be_let_go(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = await _open(root)
    await store.save_card(make_card("g5", guild_id=5))
    await store.save_card(make_card("g6", guild_id=6))
    await store.close()
    for path in sorted((root / "guilds" / "5").iterdir()):
        path.unlink()
    (root / "guilds" / "5").rmdir()

    with pytest.raises(StoreIncomplete, match="guilds/5 is missing") as caught:
        await _open(root)
    assert '"5" under "files"' in str(caught.value)
    meta = _meta(root)
    del meta["files"]["5"]
    (root / "meta.json").write_text(json.dumps({"meta": {"1": meta}}))
    store = await _open(root)
    try:
        assert await store.get_card("g5") is None and (await store.get_card("g6")).id == "g6"
    finally:
        await store.close()


# --- the journal's sequence ---------------------------------------------------------------------


async def _journal_with_three_records(root: Path) -> Path:
    store = await _open(root)
    await store.save_card(make_card("seq"))
    await store.cast_vote(make_vote("seq", 1, VoteChoice.CREDIBLE))
    await store.cast_vote(make_vote("seq", 1, VoteChoice.DUBIOUS))
    segment = store._engine.journal.path
    _crash(store)
    return segment


async def test_a_repeated_journal_line_is_refused_naming_it(tmp_path: Path) -> None:
    root = tmp_path / "data"
    segment = await _journal_with_three_records(root)
    lines = segment.read_bytes().splitlines(keepends=True)
    segment.write_bytes(b"".join([*lines[:2], lines[1], lines[2]]))
    with pytest.raises(StoreCorrupt, match="journal line 3 repeats record 2") as caught:
        await _open(root)
    assert str(segment) in str(caught.value) and "delete line 3" in str(caught.value)


async def test_reordered_journal_lines_are_refused(tmp_path: Path) -> None:
    """Applied in file order, the older vote would silently win."""
    root = tmp_path / "data"
    segment = await _journal_with_three_records(root)
    lines = segment.read_bytes().splitlines(keepends=True)
    segment.write_bytes(b"".join([lines[0], lines[2], lines[1]]))
    with pytest.raises(StoreCorrupt, match="holds record 3 where record 2 belongs"):
        await _open(root)


async def test_a_lost_journal_segment_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = await _open(root)
    await store.save_card(make_card("gap"))
    first = store._engine.journal.path
    await store._engine.mutate(lambda: ([], None))
    await asyncio.to_thread(store._engine.journal.start_segment, store._engine.next_lsn)
    await store.cast_vote(make_vote("gap", 1, VoteChoice.CREDIBLE))
    _crash(store)
    first.unlink()
    with pytest.raises(StoreIncomplete, match="lacks journal record 1"):
        await _open(root)


async def test_a_journal_record_numbered_past_a_gap_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "data"
    segment = await _journal_with_three_records(root)
    vote = make_vote("seq", 2, VoteChoice.UNCLEAR).to_dict()
    with segment.open("ab") as journal:
        journal.write(encode_line({"lsn": 9, "ops": [["vote", vote]]}))
    with pytest.raises(StoreCorrupt, match="journal line 4 holds record 9 where record 4"):
        await _open(root)


# --- one damaged card body ----------------------------------------------------------------------


async def test_a_damaged_body_leaves_the_list_and_search_working(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = await _open(root)
    for n, title in enumerate(["Bridge reopens", "Bridge costs double", "Storm"]):
        await store.save_card(make_card(f"d{n}", title=title, minutes=n))
    await store.close()
    (body_file,) = (root / "guilds" / "1").glob("bodies-*.dat")
    body_file.write_bytes(body_file.read_bytes().replace(b"Bridge costs", b"Bridge c0sts", 1))

    store = await _open(root)
    try:
        assert [c.id for c in await store.recent_cards(1)] == ["d2", "d0"]
        assert [c.id for c in await store.recent_cards(1, query="bridge")] == ["d0"]
        with pytest.raises(StoreCorrupt, match="d1"):
            await store.get_card("d1")
        await store.cast_vote(make_vote("d1", 1, VoteChoice.DUBIOUS))  # needs no body
        kinds = [e.kind for e in await store.events_for_card("d1")]
        assert kinds == [EventKind.CARD_CREATED, EventKind.VOTE_CAST]
    finally:
        await store.close()
