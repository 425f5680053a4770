"""Extractive summary: the lead sentence plus the most central others.

News is written as an inverted pyramid, so the first real sentence is almost always the best
single-sentence summary. The remaining picks are the sentences whose words best represent the
whole article (cosine similarity to the article's term-frequency centroid), skipping near
duplicates of what is already chosen. Output keeps article order so the summary reads naturally.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)

# Function words carry no topic; a short list is enough because centrality is relative.
STOPWORDS = frozenset(
    """the and for that with this from have has had was were are been being its his her their
    they them she him who whom which what when where while would could should will shall may
    might must not but than then also into onto over under about after before between during
    said says say told more most such some any all each other only very just one two three
    there here these those our your you yes because however although though since until""".split()
)

MIN_WORDS = 8
MAX_SUMMARY_CHARS = 700
REDUNDANCY = 0.6


def _terms(sentence: str) -> Counter[str]:
    return Counter(w for w in (m.lower() for m in WORD.findall(sentence)) if w not in STOPWORDS)


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[term] for term, count in a.items() if term in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _is_candidate(sentence: str) -> bool:
    """Whole, declarative sentences only: no fragments, questions or captions."""
    words = sentence.split()
    return len(words) >= MIN_WORDS and not sentence.rstrip().endswith("?")


def summarize(sentences: Sequence[str], max_sentences: int = 3) -> tuple[str, ...]:
    """Pick up to ``max_sentences`` sentences (in article order) that summarise the text.

    Short inputs are returned as they are: a one-paragraph text is its own summary.
    """
    cleaned = [" ".join(s.split()) for s in sentences if s.strip()]
    candidates = [i for i, s in enumerate(cleaned) if _is_candidate(s)]
    if not candidates:
        return tuple(cleaned[:max_sentences])

    vectors = {i: _terms(cleaned[i]) for i in candidates}
    centroid: Counter[str] = Counter()
    for vector in vectors.values():
        centroid.update(vector)

    lead = candidates[0]
    chosen = [lead]
    total = len(cleaned[lead])
    ranked = sorted(candidates[1:], key=lambda i: _cosine(vectors[i], centroid), reverse=True)
    for index in ranked:
        if len(chosen) >= max_sentences:
            break
        if total + len(cleaned[index]) > MAX_SUMMARY_CHARS and len(chosen) >= 2:
            continue
        if any(_cosine(vectors[index], vectors[j]) > REDUNDANCY for j in chosen):
            continue
        chosen.append(index)
        total += len(cleaned[index])
    return tuple(cleaned[i] for i in sorted(chosen))
