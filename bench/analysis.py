"""Speed of claim analysis versus the bare spaCy parse it sits on.

Usage: .venv/bin/python bench/analysis.py [DATA_DIR]

DATA_DIR holds ground-truth.json (``{id: {"articleBody": …}}``, as in
/work/shared/corpus/extraction); English articles are picked by a crude stopword test. Prints ms
per article and words per second for ``nlp()`` alone and for the whole analysis (parse + rules),
and the ratio between them. Each text is parsed once per round; the best of ROUNDS is reported
to damp noise from other processes.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from bot.pipeline.analyze import Analyzer
from bot.pipeline.nlp import load_model

DEFAULT_DIR = Path("/work/shared/corpus/extraction")
ENGLISH_STOPWORDS = frozenset("the and of to in is that for was with on said it".split())
ROUNDS = 3


def english_texts(data_dir: Path) -> list[str]:
    records = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    texts = []
    for record in records.values():
        body = (record.get("articleBody") or "").strip()
        words = body.lower().split()
        if len(words) >= 50 and sum(w in ENGLISH_STOPWORDS for w in words) / len(words) > 0.12:
            texts.append(body)
    return texts


def best_of(rounds: int, run) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    texts = english_texts(data_dir)
    words = sum(len(t.split()) for t in texts)
    nlp = load_model()
    analyzer = Analyzer(nlp)
    for text in texts[:3]:  # warm-up
        analyzer.analyze(text)

    parse_s = best_of(ROUNDS, lambda: [nlp(t) for t in texts])
    full_s = best_of(ROUNDS, lambda: [analyzer.analyze(t) for t in texts])
    docs = [nlp(t) for t in texts]
    rules_s = best_of(ROUNDS, lambda: [analyzer.analyze_doc(d) for d in docs])

    n = len(texts)
    print(f"{n} English articles, {words} words (best of {ROUNDS} rounds)")
    for label, seconds in (("nlp() only", parse_s), ("full analysis", full_s),
                           ("rules on a parsed Doc", rules_s)):  # fmt: skip
        print(f"  {label:22s} {1000 * seconds / n:8.1f} ms/article {words / seconds:10.0f} words/s")
    print(f"  analysis / parse ratio: {full_s / parse_s:.3f}")


if __name__ == "__main__":
    main()
