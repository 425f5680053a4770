"""``claimdeck``: run the bot, print claim cards and extracted articles in the terminal, or print
a stored card's verdicts (``export``) and history (``history``) from the data directory.

Every user-facing failure is one line on stderr (``claimdeck: INPUT: what went wrong``) and a
non-zero exit; a batch keeps going past a failed input and reports it at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import zlib
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from bot.config import Settings
from bot.credibility import history
from bot.errors import ClaimdeckError, InvalidInput, TooLarge
from bot.export import article_json, card_json
from bot.models import Article, ClaimCard, StoredCard
from bot.pipeline.fetch import Fetcher, FetchPolicy, decode_body, format_size
from bot.progress import Progress
from bot.terminal import format_card, history_line, printable

if TYPE_CHECKING:  # spaCy loads with the pipeline: only when a command needs it, not for --help
    from bot.pipeline.cards import CardPipeline
    from storage import Store

T = TypeVar("T")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
_MAX_GZIP_MEMBERS = 64


def _is_url(raw: str) -> bool:
    return "://" in raw or raw.lower().startswith(("http:", "https:"))


def _read_file(raw: str) -> tuple[str, bool, str]:
    """Read a local input: (text, is_html, file URI). Refuses what Claimdeck cannot read."""
    path = Path(raw)
    name = path.name.lower()
    if not name.endswith((*HTML_SUFFIXES, ".txt")):
        raise InvalidInput(
            f"Cannot read {raw!r}: give an http(s) URL, an .html/.htm/.html.gz file "
            "or a .txt file of article text."
        )
    limit = FetchPolicy().max_bytes  # the cap on fetched pages, compressed or not
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except FileNotFoundError:
        raise InvalidInput(f"No such file: {raw}") from None
    except IsADirectoryError:
        raise InvalidInput(f"{raw} is a folder; give an article file or URL.") from None
    except OSError as error:
        raise InvalidInput(f"Cannot read {raw}: {error.strerror or error}.") from None
    if len(data) > limit:
        raise TooLarge(f"{raw} is larger than {format_size(limit)}, the most Claimdeck reads.")
    if name.endswith(".gz"):
        data = _gunzip(data, limit, raw)
    is_html = not name.endswith(".txt")
    text = decode_body(data, None, is_html=is_html)
    return text, is_html, path.resolve().as_uri()


def _gunzip(data: bytes, limit: int, raw: str) -> bytes:
    """Inflate a gzip file, stopping as soon as it passes ``limit`` bytes (a 1 MB file can
    inflate to gigabytes, and ``gzip.decompress`` would hold them all in memory)."""
    output = bytearray()
    members = 0
    while data.strip(b"\x00"):  # another member follows; zero padding ends the file
        members += 1
        if members > _MAX_GZIP_MEMBERS:
            raise InvalidInput(f"{raw} is not a gzip file Claimdeck reads (too many parts).")
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            output += inflater.decompress(data, limit + 1 - len(output))
        except zlib.error:
            raise InvalidInput(f"{raw} is not a valid gzip file.") from None
        if len(output) > limit or inflater.unconsumed_tail:
            raise TooLarge(
                f"{raw} is larger than {format_size(limit)} once decompressed, the most "
                "Claimdeck reads."
            )
        if not inflater.eof:
            raise InvalidInput(f"{raw} is not a valid gzip file (it is cut short).")
        data = inflater.unused_data
    if not members:
        raise InvalidInput(f"{raw} is not a valid gzip file.")
    return bytes(output)


async def _for_input(
    raw: str,
    from_url: Callable[[str], Awaitable[T]],
    from_html: Callable[[str, str], Awaitable[T]],
    from_text: Callable[[str, str], Awaitable[T]],
) -> T:
    """Route one INPUT to the pipeline step for its kind: URL, HTML file or text file."""
    if _is_url(raw):
        return await from_url(raw)
    text, is_html, source = _read_file(raw)
    return await (from_html if is_html else from_text)(text, source)


async def card_for_input(pipeline: CardPipeline, raw: str) -> ClaimCard:
    return await _for_input(
        raw, pipeline.card_for_url, pipeline.card_for_html, pipeline.card_for_text
    )


async def article_for_input(pipeline: CardPipeline, raw: str) -> Article:
    return await _for_input(
        raw, pipeline.article_for_url, pipeline.article_for_html, pipeline.article_for_text
    )


async def _run_batch(
    inputs: Sequence[str],
    work: Callable[[CardPipeline, str], Awaitable[T]],
    emit: Callable[[str, T], None],
    err: TextIO,
) -> int:
    """Process inputs in order; report each failure on one line and count them."""
    from bot.pipeline.cards import CardPipeline

    failures = 0
    progress = Progress(len(inputs), err)
    async with Fetcher(Settings.load().fetch_policy) as fetcher:
        pipeline = CardPipeline(fetcher)
        for raw in inputs:
            progress.start(raw)
            try:
                result = await work(pipeline, raw)
            except ClaimdeckError as error:
                failures += 1
                progress.clear()
                print(f"claimdeck: {raw}: {error}", file=err)
            except Exception as error:  # a bug must not end the batch
                failures += 1
                progress.clear()
                print(f"claimdeck: {raw}: unexpected error ({type(error).__name__}: {error}); "
                      "please report it.", file=err)
            else:
                progress.clear()
                emit(raw, result)
            progress.advance()
    progress.finish()
    if failures and len(inputs) > 1:
        print(f"claimdeck: {failures} of {len(inputs)} inputs failed.", file=err)
    return EXIT_FAILED if failures else EXIT_OK


def _command_card(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.json and len(args.inputs) > 1:
        print("claimdeck: --json takes one input; use --jsonl for several.", file=err)
        return EXIT_USAGE

    def emit(_raw: str, card: ClaimCard) -> None:
        if args.json:
            out.write(json.dumps(card_json(card), ensure_ascii=False, indent=2) + "\n")
        elif args.jsonl:
            out.write(json.dumps(card_json(card), ensure_ascii=False) + "\n")
        else:
            out.write(format_card(card) + "\n\n")
        out.flush()

    return asyncio.run(_run_batch(args.inputs, card_for_input, emit, err))


def _command_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    def emit(raw: str, article: Article) -> None:
        record = article_json(raw, article)
        if args.jsonl:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            underline = "=" * min(88, len(article.title))
            out.write(printable(f"{article.title}\n{underline}\n{article.text}") + "\n\n")
        out.flush()

    return asyncio.run(_run_batch(args.inputs, article_for_input, emit, err))


async def _with_card(
    card_id: str, err: TextIO, show: Callable[[Store, StoredCard], Awaitable[None]]
) -> int:
    """Open the data directory, find ``card_id`` and ``show`` it; one line when that fails."""
    from storage import open_store

    settings = Settings.load()
    where = settings.store or settings.data_dir  # a store URL, or TinyDB's data directory
    if not settings.store and not settings.data_dir.is_dir():
        print(f"claimdeck: no data directory at {settings.data_dir} (set CLAIMDECK_DATA_DIR to "
              "the bot's).", file=err)
        return EXIT_FAILED
    try:
        # Read-only: no lock taken, nothing written, so it works while the bot is running.
        store = await open_store(settings.store_url, read_only=True)
    except ClaimdeckError as error:
        print(f"claimdeck: {error}", file=err)
        return EXIT_FAILED
    try:
        stored = await store.get_card(card_id.strip())
        if stored is None:
            print(f"claimdeck: {printable(card_id)}: no such card in {where}.",
                  file=err)
            return EXIT_FAILED
        await show(store, stored)
        return EXIT_OK
    finally:
        await store.close()


def _command_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The card's verdicts as schema.org ClaimReview JSON-LD, as /export attaches them."""
    from bot.voting import export_card

    async def show(store: Store, stored: StoredCard) -> None:
        text, _ = await export_card(store, stored, datetime.now(UTC))
        out.write(text + "\n")

    return asyncio.run(_with_card(args.card_id, err, show))


def _command_history(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The card's event log, oldest first: everything, as the operator may see it."""

    async def show(store: Store, stored: StoredCard) -> None:
        events = await store.events_for_card(stored.id)
        if args.jsonl:
            for event in events:
                out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            return
        for entry in history(events, stored.card):
            out.write(history_line(entry) + "\n")

    return asyncio.run(_with_card(args.card_id, err, show))


def _command_run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from bot.app import run_bot  # imports discord only when the bot is wanted

    return run_bot(err)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimdeck",
        description="Claim cards for news articles: in Discord (run) or in the terminal (card).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    card = commands.add_parser("card", help="print the claim card of articles (URL or file)")
    card.add_argument("inputs", nargs="+", metavar="INPUT",
                      help="http(s) URL, .html/.htm/.html.gz file, or .txt file of article text")
    formats = card.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_true", help="one JSON object (one input)")
    formats.add_argument("--jsonl", action="store_true", help="one JSON line per input")
    card.set_defaults(handler=_command_card)

    extract = commands.add_parser("extract", help="print the main text and metadata of articles")
    extract.add_argument("inputs", nargs="+", metavar="INPUT")
    extract.add_argument("--jsonl", action="store_true", help="one JSON line per input")
    extract.set_defaults(handler=_command_extract)

    export = commands.add_parser(
        "export", help="print a card's verdicts as ClaimReview JSON-LD (from the data directory)"
    )
    export.add_argument("card_id", metavar="CARD_ID", help="the id in the card's footer")
    export.set_defaults(handler=_command_export)

    history_cmd = commands.add_parser(
        "history", help="print a card's history: votes, closing, follow-ups; who and when"
    )
    history_cmd.add_argument("card_id", metavar="CARD_ID", help="the id in the card's footer")
    history_cmd.add_argument("--jsonl", action="store_true", help="one JSON event per line")
    history_cmd.set_defaults(handler=_command_history)

    run = commands.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)")
    run.set_defaults(handler=_command_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args, sys.stdout, sys.stderr)
    except ClaimdeckError as error:  # configuration problems, missing model…
        print(f"claimdeck: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("claimdeck: interrupted.", file=sys.stderr)
        return 130
