"""The ``claimdeck`` command as a user runs it: output shapes, errors, exit codes."""

from __future__ import annotations

import asyncio
import gzip
import io
import json
import random
import subprocess
import sys
import tracemalloc
import zlib
from pathlib import Path

import pytest

from bot import cli
from bot.errors import TooLarge
from bot.progress import Progress
from tests.fakes.article_server import ArticleServer

CARD_KEYS = {
    "url", "title", "site", "author", "published", "language", "summary", "text", "entities",
    "claims", "pending_responses", "responses",
}  # fmt: skip
CLAIM_KEYS = {"id", "speaker", "speaker_role", "cue", "text", "quote", "quantities", "sentence"}
EXTRACT_KEYS = {"input", "title", "author", "published", "site", "language", "text"}


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = Path(__file__).parent / "fixtures" / "seed" / "article.html"
    target = tmp_path_factory.mktemp("inputs") / "seed.html"
    target.write_bytes(source.read_bytes())
    return target


@pytest.fixture
def one_paragraph(tmp_path: Path) -> Path:
    path = tmp_path / "note.txt"
    path.write_text(
        "The mayor said on Tuesday that at least 40 homes were damaged by the storm, "
        "and officials did not immediately respond to a request for comment.",
        encoding="utf-8",
    )
    return path


def test_card_prints_a_readable_card_of_the_seed_article(seed_file, capsys, nlp):
    code, out, err = run_cli(["card", str(seed_file)], capsys)
    assert code == 0, err
    assert out.startswith("Ukraine Alleges China Is Supplying Russia’s Military Industry")
    assert "2025-06-16" in out
    assert "Claims (" in out and "Ivashchenko" in out
    assert "Awaiting response" in out and "Reuters" in out
    assert err == ""


def test_card_json_has_exactly_the_documented_schema(seed_file, capsys, nlp):
    code, out, _ = run_cli(["card", str(seed_file), "--json"], capsys)
    assert code == 0
    card = json.loads(out)
    assert set(card) == CARD_KEYS
    assert card["published"] == "2025-06-16"
    assert card["language"] == "en"
    assert 2 <= len(card["summary"]) <= 3
    assert card["claims"] and all(set(c) == CLAIM_KEYS for c in card["claims"])
    assert all(isinstance(q, str) for c in card["claims"] for q in c["quantities"])
    assert all(set(e) == {"text", "label"} for e in card["entities"])
    assert all(
        set(p) == {"party", "requested_by", "status", "sentence"}
        for p in card["pending_responses"]
    )
    assert all(
        set(r) == {"party", "stance", "text", "answers_claim", "sentence"}
        for r in card["responses"]
    )


def test_jsonl_gives_one_line_per_input_including_plain_text(seed_file, one_paragraph, capsys):
    code, out, _ = run_cli(["card", str(seed_file), str(one_paragraph), "--jsonl"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    note = json.loads(lines[1])
    assert set(note) == CARD_KEYS
    assert "40 homes" in note["text"]
    assert note["claims"], "one paragraph with 'the mayor said' is a valid input with a claim"


def test_gzipped_html_is_read(seed_file, tmp_path, capsys):
    packed = tmp_path / "seed.html.gz"
    packed.write_bytes(gzip.compress(seed_file.read_bytes()))
    code, out, _ = run_cli(["extract", str(packed), "--jsonl"], capsys)
    assert code == 0
    record = json.loads(out)
    assert set(record) == EXTRACT_KEYS
    assert record["input"] == str(packed)
    assert "We have confirmed evidence involving 20 Russian factories" in record["text"]


def test_a_batch_goes_on_past_a_bad_input_and_exits_non_zero(seed_file, tmp_path, capsys):
    missing = tmp_path / "missing.html"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    code, out, err = run_cli(
        ["extract", str(missing), str(pdf), str(seed_file), "--jsonl"], capsys
    )
    assert code == 1
    assert len(out.splitlines()) == 1  # the good input still came out
    lines = err.splitlines()
    assert lines[0] == f"claimdeck: {missing}: No such file: {missing}"
    assert lines[1].startswith(f"claimdeck: {pdf}: Cannot read") and ".txt" in lines[1]
    assert lines[2] == "claimdeck: 2 of 3 inputs failed."


def test_json_with_several_inputs_is_a_usage_error(seed_file, capsys):
    code, out, err = run_cli(["card", str(seed_file), str(seed_file), "--json"], capsys)
    assert code == 2 and out == ""
    assert "--jsonl" in err


def test_not_an_article_is_one_clear_line(tmp_path, capsys):
    page = tmp_path / "home.html"
    page.write_text("<html><head><title>Home</title></head><body><a href=/a>A</a></body></html>")
    code, out, err = run_cli(["card", str(page)], capsys)
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and "article" in err


async def test_loopback_url_is_refused_unless_the_operator_allows_it(
    seed_file, capsys, monkeypatch, nlp
):
    async with ArticleServer() as server:
        server.add_file("/seed", seed_file)
        monkeypatch.delenv("CLAIMDECK_FETCH_ALLOW", raising=False)
        async with asyncio.timeout(30):
            code = await asyncio.to_thread(cli.main, ["card", server.url("/seed")])
        refused = capsys.readouterr()
        assert code == 1 and refused.out == ""
        assert "private network" in refused.err or "loopback" in refused.err
        assert "CLAIMDECK_FETCH_ALLOW" in refused.err
        assert server.hits("/seed") == 0

        monkeypatch.setenv("CLAIMDECK_FETCH_ALLOW", "127.0.0.1")
        async with asyncio.timeout(30):
            code = await asyncio.to_thread(cli.main, ["card", server.url("/seed"), "--json"])
        allowed = capsys.readouterr()
        assert code == 0, allowed.err
        assert json.loads(allowed.out)["title"].startswith("Ukraine Alleges China")


def test_progress_bar_only_on_a_terminal_and_only_for_batches():
    shown = io.StringIO()
    progress = Progress(3, shown, force=True)
    for name in ("a", "b", "c"):
        progress.start(name)
        progress.clear()
        progress.advance()
    progress.finish()
    assert "[" in shown.getvalue() and "3/3 done" in shown.getvalue()

    piped = io.StringIO()
    quiet = Progress(3, piped)  # StringIO is not a terminal
    quiet.start("a")
    quiet.finish()
    assert piped.getvalue() == ""


def test_python_dash_m_bot_is_the_same_command():
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert "card" in result.stdout and "extract" in result.stdout and "run" in result.stdout


def test_terminal_output_cannot_carry_escape_sequences(tmp_path, capsys):
    page = tmp_path / "evil.txt"
    page.write_text(
        "Mayor \x1b]0;PWNED\x07says \x1b[2Jbudget is \x9b31mfine\n\n"
        "The mayor said on Tuesday that the city budget is balanced for the first time.",
        encoding="utf-8",
    )
    code, out, _ = run_cli(["card", str(page)], capsys)
    assert code == 0
    assert not any(ch in out for ch in "\x1b\x07\x9b")


def test_json_output_carries_no_hidden_characters_from_a_page():
    from bot.export import article_json, card_json
    from tests.factories import make_card, make_claim

    hidden = "\u202e\u200b\u2066\ufeff\U000e0041"
    card = make_card(title=f"Storm{hidden} closes road", author="דנה לוי", site=f"News{hidden}")
    card = card.__class__(
        article=card.article,
        summary=(f"A{hidden} summary.",),
        claims=(make_claim(1, text=f"the road{hidden} is shut", speaker="Ja\u200bne"),),
        pending_responses=card.pending_responses,
        responses=card.responses,
    )
    for record in (card_json(card), article_json("note.txt", card.article)):
        dumped = json.dumps(record, ensure_ascii=False)
        assert not any(char in hidden for char in dumped)
    record = card_json(card)
    assert record["title"] == "Storm closes road" and record["author"] == "דנה לוי"
    assert record["claims"][0]["speaker"] == "Jane"


# --- local files: the same limits as fetched pages, and only text that is language ------------


def test_a_gzip_bomb_stops_at_the_5_mb_cap_without_inflating_it(tmp_path, capsys):
    # The finding: a 1 MB .html.gz inflated to 2.2 GB in memory. This 64 KB one inflates to
    # 64 MB, then ends with a second part that would inflate to as much again.
    bomb = tmp_path / "bomb.html.gz"
    block = b"<p>" + b"a" * (1024 * 1024 - 3)
    packer = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    member = b"".join(packer.compress(block) for _ in range(64)) + packer.flush()
    bomb.write_bytes(member * 2)
    assert bomb.stat().st_size < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge):
            cli._read_file(str(bomb))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024  # the 5 MB cap and the file, not 64 MB
    code, out, err = run_cli(["extract", str(bomb)], capsys)
    assert code == 1 and out == ""
    assert err == (
        f"claimdeck: {bomb}: {bomb} is larger than 5 MB once decompressed, "
        "the most Claimdeck reads.\n"
    )


def test_a_file_over_5_mb_is_refused_unread(tmp_path, capsys):
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"a" * (5 * 1024 * 1024))
    code, _, err = run_cli(["extract", str(big)], capsys)
    assert code == 1
    assert err == f"claimdeck: {big}: {big} is larger than 5 MB, the most Claimdeck reads.\n"


def test_gzip_files_in_several_parts_are_read_and_cut_ones_refused(seed_file, tmp_path, capsys):
    html = seed_file.read_bytes()
    parts = tmp_path / "parts.html.gz"
    parts.write_bytes(gzip.compress(html[:5000]) + gzip.compress(html[5000:]) + b"\0" * 8)
    code, out, _ = run_cli(["extract", str(parts), "--jsonl"], capsys)
    assert code == 0
    assert "20 Russian factories" in json.loads(out)["text"]
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(gzip.compress(html)[:-200])
    code, _, err = run_cli(["extract", str(cut)], capsys)
    assert code == 1 and "not a valid gzip file (it is cut short)" in err
    junk = tmp_path / "junk.html.gz"
    junk.write_bytes(b"this is not gzip at all")
    code, _, err = run_cli(["extract", str(junk)], capsys)
    assert code == 1 and err.endswith("is not a valid gzip file.\n")


def test_random_bytes_in_a_txt_file_are_refused_with_exit_1(tmp_path, capsys):
    noise = tmp_path / "noise.txt"
    noise.write_bytes(random.Random(1).randbytes(4000))
    code, out, err = run_cli(["card", str(noise)], capsys)
    assert code == 1 and out == ""
    assert "does not read as writing in any language" in err


def test_a_latin_1_text_file_keeps_its_pound_signs(tmp_path, capsys):
    # The finding: "£20,000" in a Latin-1 file came out as "Ż20,000" (a Baltic code page).
    note = tmp_path / "latin1.txt"
    note.write_bytes(
        "Council approves budget\nThe council said on Monday it would spend £20,000 on the café "
        "and the pâtisserie, officials said.".encode("latin-1")
    )
    code, out, _ = run_cli(["extract", str(note), "--jsonl"], capsys)
    assert code == 0
    assert "£20,000 on the café and the pâtisserie" in json.loads(out)["text"]


def test_a_russian_text_file_in_windows_1251_is_still_named_as_russian(tmp_path, capsys):
    note = tmp_path / "ru.txt"
    text = "Министерство заявило, что завод поставлял детали для военной промышленности. "
    note.write_bytes((text * 4).encode("cp1251"))
    code, _, err = run_cli(["card", str(note)], capsys)
    assert code == 1
    assert "appears to be in Russian" in err


# --- export and history: a stored card read from the data directory ------------------------


async def _voted_card(data_dir: Path, url: str | None = None) -> str:
    """A store with one closed card: three members rated claim 2 Dubious, one explained why."""
    from datetime import UTC, datetime, timedelta

    from bot.models import GuildSettings, StoredCard, Vote, VoteChoice
    from storage import open_store
    from tests.factories import make_card

    t0 = datetime(2025, 6, 17, 9, 0, tzinfo=UTC)
    store = await open_store(url or f"tinydb://{data_dir}")
    try:
        await store.save_settings(GuildSettings(guild_id=1, team_name="Example Desk"))
        await store.save_card(StoredCard("k7", 1, "https://news.example.com/story",
                                         make_card(), t0, created_by=5, channel_id=2,
                                         message_id=3))
        for member in (5, 6, 7):
            await store.cast_vote(Vote("k7", "c2", member, VoteChoice.DUBIOUS,
                                       t0 + timedelta(minutes=member)))
        await store.explain_vote("k7", "c2", 6, "figure\x1b[2J from 2019", None,
                                 t0 + timedelta(minutes=8))
        await store.close_voting("k7", 5, t0 + timedelta(hours=1))
    finally:
        await store.close()
    return "k7"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    directory = tmp_path / "data"
    monkeypatch.setenv("CLAIMDECK_DATA_DIR", str(directory))
    asyncio.run(_voted_card(directory))
    return directory


def test_export_prints_the_cards_claimreview_json_ld(data_dir, capsys):
    code, out, err = run_cli(["export", "k7"], capsys)
    assert code == 0, err
    [review] = json.loads(out)
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "Dubious"
    assert review["author"]["name"] == "Example Desk"
    assert review["datePublished"] == "2025-06-17T10:00:00+00:00"  # when voting closed
    assert review["url"] == "https://discord.com/channels/1/2/3"


def test_history_prints_who_did_what_and_when(data_dir, capsys):
    code, out, err = run_cli(["history", "k7"], capsys)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "2025-06-17 09:00:00 UTC  member 5  made the card"
    assert lines[1] == "2025-06-17 09:05:00 UTC  member 5  voted Dubious on claim 2"
    assert lines[4] == ("2025-06-17 09:08:00 UTC  member 6  explained their Dubious vote on "
                        "claim 2 “figure [2J from 2019”")  # the escape sequence made harmless
    assert lines[-1] == "2025-06-17 10:00:00 UTC  member 5  closed voting"
    code, out, _ = run_cli(["history", "k7", "--jsonl"], capsys)
    assert [json.loads(line)["kind"] for line in out.splitlines()][-1] == "voting_closed"


def test_an_unknown_card_or_data_directory_is_one_line(data_dir, capsys, monkeypatch):
    code, out, err = run_cli(["export", "nosuchcard"], capsys)
    assert (code, out) == (1, "")
    assert err == f"claimdeck: nosuchcard: no such card in {data_dir}.\n"
    monkeypatch.setenv("CLAIMDECK_DATA_DIR", str(data_dir.parent / "elsewhere"))
    code, _, err = run_cli(["history", "k7"], capsys)
    assert code == 1 and err.startswith("claimdeck: no data directory at ")
    assert not (data_dir.parent / "elsewhere").exists()  # a read never makes a store


def test_history_reads_a_shared_sqlite_store_named_by_claimdeck_store(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    url = f"sqlite://{tmp_path / 'claimdeck.db'}"
    asyncio.run(_voted_card(tmp_path, url))
    monkeypatch.setenv("CLAIMDECK_STORE", url)
    monkeypatch.setenv("CLAIMDECK_DATA_DIR", str(tmp_path / "no-such-dir"))
    code, out, err = run_cli(["history", "k7"], capsys)
    assert code == 0, err
    assert out.splitlines()[-1].endswith("closed voting")
    code, out, err = run_cli(["export", "nosuchcard"], capsys)
    assert (code, out, err) == (1, "", f"claimdeck: nosuchcard: no such card in {url}.\n")


def test_history_and_export_work_while_the_bot_holds_the_data_directory(data_dir, capsys):
    import threading

    from storage import open_store

    opened, release = threading.Event(), threading.Event()

    def bot_holds_the_store() -> None:
        async def hold() -> None:
            store = await open_store(f"tinydb://{data_dir}")
            opened.set()
            await asyncio.to_thread(release.wait, 30)
            await store.close()

        asyncio.run(hold())

    bot = threading.Thread(target=bot_holds_the_store)
    bot.start()
    try:
        assert opened.wait(30)
        code, out, err = run_cli(["history", "k7"], capsys)
        assert code == 0, err
        assert out.splitlines()[-1].endswith("closed voting")
        code, out, err = run_cli(["export", "k7"], capsys)
        assert code == 0 and json.loads(out)[0]["@type"] == "ClaimReview", err
    finally:
        release.set()
        bot.join(30)
