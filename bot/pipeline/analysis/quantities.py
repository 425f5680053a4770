"""Numbers as the article states them, with their qualifiers ("at least 20", "$1.5 billion")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from bot.models import Quantity
from bot.pipeline.analysis.doc_index import entities_in
from bot.pipeline.analysis.lexicon import QUANTITY_QUALIFIERS

QUANTITY_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
WORD_NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
WORD_NUMBERS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "dozen": 12,
        "dozens": 24,
        "hundred": 100,
        "hundreds": 200,
    }
)
SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "bn": 1e9,
    "tn": 1e12,
}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def parse_value(text: str) -> float | None:
    """Best-effort numeric value: "at least 20" → 20, "$1.5 billion" → 1.5e9, "six" → 6."""
    lowered = text.lower()
    value: float | None = None
    match = _NUMBER.search(lowered)
    if match:
        raw = match.group()
        raw = raw.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", raw) else raw
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            value = None
    words = re.findall(r"[a-z]+", lowered)
    if value is None:
        for word in words:
            if word in WORD_NUMBERS:
                value = float(WORD_NUMBERS[word]) + (value or 0.0)
    if value is None:
        return None
    for word in words:
        if word in SCALES and word != "hundred":
            value *= SCALES[word]
    return value


def quantities_in(doc: Doc, start: int, end: int) -> tuple[Quantity, ...]:
    """Quantities whose numbers lie in ``doc[start:end]``; dates and ordinals are skipped."""
    found: list[Quantity] = []
    covered: set[int] = set()
    for ent in entities_in(doc, start, end):
        if ent.label_ not in QUANTITY_LABELS:
            continue
        covered.update(range(ent.start, ent.end))
        found.append(_qualified(doc, ent.start, ent.end))
    for token in doc[start:end]:
        if (
            token.i in covered
            or not token.like_num
            or token.ent_type_ in {"DATE", "TIME", "ORDINAL"}
        ):
            continue
        if token.dep_ == "nummod" or token.pos_ == "NUM":
            covered.add(token.i)
            found.append(_qualified(doc, token.i, token.i + 1))
    return tuple(found)


def _qualified(doc: Doc, start: int, end: int) -> Quantity:
    text = doc[start:end].text
    before = doc[max(0, start - 3) : start].text.lower()
    if not any(text.lower().startswith(q) for q in QUANTITY_QUALIFIERS):
        for qualifier in QUANTITY_QUALIFIERS:
            if f" {before}".endswith(f" {qualifier}"):
                text = f"{doc[start - len(qualifier.split()) : start].text} {text}"
                break
    return Quantity(text=text, value=parse_value(text))
