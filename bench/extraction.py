"""Article-extraction benchmark: Claimdeck's extract() against trafilatura on real pages.

Usage: python bench/extraction.py DATA_DIR [--limit N]

DATA_DIR holds ``html/<id>.html.gz`` and ``ground-truth.json`` (``{"<id>": {"articleBody": …}}``),
the shape of Scrapinghub's article-extraction-benchmark. The metric is that benchmark's: 4-token
``\\w+`` shingles compared as multisets, precision and recall averaged over pages, F1 the harmonic
mean of mean precision and mean recall. Every page is a real article, so a page Claimdeck rejects
as "not an article" scores as empty text and is counted.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura
import trafilatura.utils

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.errors import NotAnArticle
from bot.pipeline.extract import extract

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")


# --- metric ------------------------------------------------------------------------------------


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles; a text shorter than ``size`` is one shingle."""
    tokens = _TOKEN.findall(text or "")
    count = max(1, len(tokens) - size + 1)
    return Counter(tuple(tokens[i : i + size]) for i in range(count) if tokens[i : i + size])


def match_counts(expected: str, predicted: str) -> tuple[int, int, int]:
    """(shared, extra, missed) shingle counts between the true and the predicted text."""
    truth, pred = shingles(expected), shingles(predicted)
    shared = sum((truth & pred).values())
    extra = sum((pred - truth).values())
    missed = sum((truth - pred).values())
    return shared, extra, missed


def page_precision_recall(expected: str, predicted: str) -> tuple[float, float]:
    """Per-page precision and recall; two empty texts agree perfectly."""
    shared, extra, missed = match_counts(expected, predicted)
    if extra == missed == 0:
        return 1.0, 1.0
    precision = shared / (shared + extra) if shared + extra else 0.0
    recall = shared / (shared + missed) if shared + missed else 0.0
    return precision, recall


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _self_check() -> None:
    """The metric on toy strings, so a broken metric cannot print plausible figures."""
    assert page_precision_recall("", "") == (1.0, 1.0)
    assert page_precision_recall("a b c d e", "a b c d e") == (1.0, 1.0)
    assert page_precision_recall("a b c d e", "") == (0.0, 0.0)
    # truth shingles: abcd, bcde; prediction: abcd, bcde, cdef -> P 2/3, R 1
    assert page_precision_recall("a b c d e", "a b c d e f") == (2 / 3, 1.0)
    assert page_precision_recall("x y", "x y") == (1.0, 1.0)


# --- corpus and runners --------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    id: str
    html: str
    expected: str
    url: str | None


def load_pages(data_dir: Path, limit: int | None = None) -> list[Page]:
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        raw = gzip.decompress((data_dir / "html" / f"{page_id}.html.gz").read_bytes())
        html = raw.decode("utf-8", errors="replace")
        entry = truth[page_id]
        pages.append(Page(page_id, html, entry.get("articleBody") or "", entry.get("url")))
    return pages


class Rejected(Exception):
    """The extractor declined the page (counted, scored as empty text)."""


def claimdeck(page: Page) -> str:
    try:
        return extract(page.html, page.url).text
    except NotAnArticle as error:
        raise Rejected(str(error)) from error


def trafilatura_defaults(page: Page) -> str:
    return trafilatura.extract(page.html) or ""


def trafilatura_precision(page: Page) -> str:
    return trafilatura.extract(page.html, favor_precision=True, include_comments=False) or ""


EXTRACTORS: dict[str, Callable[[Page], str]] = {
    "claimdeck extract()": claimdeck,
    "trafilatura defaults": trafilatura_defaults,
    "trafilatura precision": trafilatura_precision,
}


@dataclass
class Result:
    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)
    millis: list[float] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return statistics.fmean(self.precisions)

    @property
    def recall(self) -> float:
        return statistics.fmean(self.recalls)

    def percentile_ms(self, fraction: float) -> float:
        ordered = sorted(self.millis)
        return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(pages: list[Page], rounds: int = 1) -> dict[str, Result]:
    """Score every extractor on every page, keeping each page's fastest time over ``rounds``.

    Extractors take turns on each page, in a rotating order, so that a burst of load from other
    processes hits them alike. trafilatura's line caches are emptied before every call: otherwise
    whichever extractor came second would find the page's lines already cleaned and cached by the
    first one, and look faster than it is.
    """
    names = list(EXTRACTORS)
    results = {name: Result() for name in names}
    for index, page in enumerate(pages):
        best = dict.fromkeys(names, float("inf"))
        texts = dict.fromkeys(names, "")
        for round_number in range(rounds):
            shift = (index + round_number) % len(names)
            for name in names[shift:] + names[:shift]:
                _clear_text_caches()
                started = time.perf_counter()
                try:
                    texts[name] = EXTRACTORS[name](page)
                except Rejected as error:
                    texts[name] = ""
                    if round_number == 0:
                        results[name].rejected.append((page.id, str(error)))
                best[name] = min(best[name], (time.perf_counter() - started) * 1000)
        for name, result in results.items():
            result.millis.append(best[name])
            precision, recall = page_precision_recall(page.expected, texts[name])
            result.precisions.append(precision)
            result.recalls.append(recall)
    return results


def _clear_text_caches() -> None:
    """Empty trafilatura's per-line LRU caches so no extractor profits from another's work."""
    for function in (trafilatura.utils.line_processing, trafilatura.utils.trim):
        clear = getattr(function, "cache_clear", None)
        if clear:
            clear()


def format_table(results: dict[str, Result]) -> str:
    header = f"{'extractor':<24} {'P':>6} {'R':>6} {'F1':>6} {'med ms':>7} {'p95 ms':>7} {'rej':>4}"
    lines = [header, "-" * len(header)]
    for name, result in results.items():
        lines.append(
            f"{name:<24} {result.precision:6.3f} {result.recall:6.3f} "
            f"{f1(result.precision, result.recall):6.3f} {result.percentile_ms(0.5):7.1f} "
            f"{result.percentile_ms(0.95):7.1f} {len(result.rejected):4d}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="folder with html/ and ground-truth.json")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument(
        "--rounds", type=int, default=3, help="time each page N times, keep the fastest (3)"
    )
    args = parser.parse_args(argv)
    if not (args.data_dir / "ground-truth.json").is_file():
        parser.error(f"{args.data_dir} has no ground-truth.json")
    _self_check()
    pages = load_pages(args.data_dir, args.limit)
    for extractor in EXTRACTORS.values():  # warm caches and lazy imports before timing
        with contextlib.suppress(Rejected):
            extractor(pages[0])
    results = run(pages, rounds=max(1, args.rounds))
    print(f"{len(pages)} pages from {args.data_dir}")
    print(format_table(results))
    for name, result in results.items():
        for page_id, reason in result.rejected:
            print(f"rejected by {name}: {page_id[:12]}… {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
