"""Numbers as the article states them, with their qualifiers ("at least 20", "$1.5 billion").

Besides the tagger's numbers, a reader counts fractions ("a third of", "two-thirds", "half"),
rough amounts ("dozens of", "tens of thousands of"), ratios ("one in five") and durations
("up to four weeks", "more than 12 hours"), each with the words that qualify it ("close to",
"well over", "just under").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from bot.models import Quantity
from bot.pipeline.analysis.doc_index import entities_in
from bot.pipeline.analysis.lexicon import QUANTITY_QUALIFIERS

QUANTITY_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
CURRENCY_SYMBOLS = frozenset("$ € £ ¥ ₹ ₩".split())
CURRENCY_WORDS = frozenset(
    "dollars euros pounds yen yuan rupees francs kronor krona kroner rubles roubles pesos "
    "reais rand won lira shekels crowns kronor".split()
)
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
FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "eighth": 8,
    "eighths": 8,
    "tenth": 10,
    "tenths": 10,
}
# Rough amounts a reader counts when a noun follows: "dozens of", "scores of", "thousands of".
ROUGH_AMOUNTS = frozenset(
    "dozens scores hundreds thousands millions billions tens handful dozen".split()
)
DURATION_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries".split()
)
# "4% a year", "$15 per hour", "$2 a share": what an amount is counted per.
OPEN_BOUNDS = frozenset("more fewer less so longer higher lower".split())
RATE_WORDS = frozenset({"a", "an", "per", "each"})
RATE_UNITS = frozenset("head person capita share barrel tonne ton unit gallon litre liter".split())
# Words that make a date expression a point in time, not a length: "two years ago".
TIME_POINTS = frozenset("ago last next past previous this since until recent earlier later".split())
# Words in front of a qualifier that sharpen it: "well over", "just under", "far more than".
INTENSIFIERS = frozenset("well just far slightly much".split())
_QUALIFIERS = sorted((q.split() for q in QUANTITY_QUALIFIERS), key=len, reverse=True)
_LONGEST_QUALIFIER = len(_QUALIFIERS[0])
# Words that join two numbers into one ratio or range ("one in five", "eight or nine").
RANGE_WORDS = frozenset({"in", "out", "or", "to", "-", "–"})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def parse_value(text: str) -> float | None:
    """Best-effort numeric value: "at least 20" → 20, "$1.5 billion" → 1.5e9, "six" → 6,
    "two-thirds" → 0.67, "one in five" → 0.2."""
    lowered = text.lower()
    ranged = re.match(r"(.+?) (?:or|to) (\w+)$", lowered)
    if ranged and _number(ranged.group(2)) is not None:
        lowered = ranged.group(1)  # "eight or nine", "10 to 15": the lower bound
    words = re.findall(r"[a-z]+", lowered)
    ratio = re.search(r"(\w+) (?:in|out of) (\w+)$", lowered)
    if ratio:
        top, bottom = _number(ratio.group(1)), _number(ratio.group(2))
        if top is not None and bottom:
            return top / bottom
    fraction = next((FRACTIONS[w] for w in words if w in FRACTIONS), None)
    if fraction is not None and not _NUMBER.search(lowered):
        numerator = next((WORD_NUMBERS[w] for w in words if w in WORD_NUMBERS), 1)
        return numerator / fraction
    value: float | None = None
    match = _NUMBER.search(lowered)
    if match:
        raw = match.group()
        raw = raw.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", raw) else raw
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            value = None
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


def _number(word: str) -> float | None:
    if word.isdigit():
        return float(word)
    return float(WORD_NUMBERS[word]) if word in WORD_NUMBERS else None


def quantities_in(doc: Doc, start: int, end: int) -> tuple[Quantity, ...]:
    """Quantities in ``doc[start:end]``; dates, ordinals and points in time are skipped."""
    spans: list[tuple[int, int]] = []
    covered: set[int] = set()
    for ent in entities_in(doc, start, end):
        if ent.start in covered or _is_age(doc, ent.start):
            continue  # "five" in "one in five", taken with the ratio; "a 34-year-old man"
        if ent.label_ in QUANTITY_LABELS and _hyphen_count(doc, ent.start, end):
            spans.append((ent.start, ent.start + 3))  # "120-bed", tagged a cardinal
            covered.update(range(*spans[-1]))
        elif ent.label_ in QUANTITY_LABELS or _is_duration(ent):
            spans.append(_with_ratio(doc, ent.start, ent.end, end))
            covered.update(range(*spans[-1]))
    i = start
    while i < end:
        found = None if i in covered else _amount_at(doc, i, end)
        if found is not None:
            spans.append(found)
            covered.update(range(*found))
            i = found[1]
        else:
            i += 1
    spans.sort()
    return tuple(_qualified(doc, s, e) for s, e in spans)


def _is_duration(ent: Span) -> bool:
    """ "four weeks", "more than 12 hours": a length of time, not "two years ago"."""
    if ent.label_ not in {"DATE", "TIME"}:
        return False
    words = [t.lower_ for t in ent]
    has_number = any(t.like_num and not re.fullmatch(r"\d{4}", t.text) for t in ent)
    # "up to a month", "more than a year": one unit, qualified, is a length too
    qualified_one = any(" ".join(words).startswith(q) for q in QUANTITY_QUALIFIERS) and any(
        w in {"a", "an"} for w in words
    )
    has_number = has_number or qualified_one
    return (
        has_number
        and any(w in DURATION_UNITS for w in words)
        and not any(w in TIME_POINTS for w in words)
    )


def _is_age(doc: Doc, i: int) -> bool:
    """ "a 34-year-old man": an age describes someone, it is no amount a claim states."""
    window = "".join(t.text for t in doc[i : i + 5]).lower()
    return "-year-old" in window[: len(doc[i].text) + 10]


def _amount_at(doc: Doc, i: int, end: int) -> tuple[int, int] | None:
    """A number, fraction or rough amount starting at token ``i``, as ``(start, end)``."""
    token = doc[i]
    lower = token.lower_
    if token.like_num and _hyphen_count(doc, i, end):
        return i, i + 3  # "a 60-bed shelter", "a 12-storey tower"
    if token.like_num and token.ent_type_ not in {"DATE", "TIME", "ORDINAL"}:
        if _is_age(doc, i):
            return None
        if token.dep_ == "nummod" or token.pos_ == "NUM":
            return _with_ratio(doc, i, i + 1, end)
        return None
    after = doc[i + 1].lower_ if i + 1 < end else ""
    if lower in FRACTIONS:
        return _fraction(doc, i, end)
    if lower in ROUGH_AMOUNTS and after == "of":
        # "tens of thousands of", "hundreds of thousands of"
        nested = i + 3 < end and doc[i + 2].lower_ in ROUGH_AMOUNTS
        if nested and doc[i + 3].lower_ == "of":
            return i, i + 3
        return i, i + 1
    return None


def _hyphen_count(doc: Doc, i: int, end: int) -> bool:
    """ "60-bed", "12-storey": a number written onto the noun it counts (the tagger often calls
    it a date); lengths of time ("two-week") are durations, and ages are no amounts."""
    if i + 2 >= end or doc[i + 1].text != "-" or doc[i].whitespace_ or doc[i + 1].whitespace_:
        return False
    noun = doc[i + 2]
    unit = noun.lower_ in DURATION_UNITS or noun.lower_.startswith("year")
    return noun.pos_ in {"NOUN", "ADJ"} and noun.is_alpha and not unit and not _is_age(doc, i)


def _fraction(doc: Doc, i: int, end: int) -> tuple[int, int] | None:
    """ "a third of", "two-thirds", "one-fifth", "by half", "nearly half": a fraction is a
    quantity when something counts it (an article, a number) or it is of something."""
    start = i
    before = doc[i - 1] if i > 0 else None
    if before is not None and before.text == "-" and i >= 2 and doc[i - 2].lower_ in WORD_NUMBERS:
        start = i - 2  # "two-thirds" split by the tokenizer
    elif before is not None and (before.lower_ in {"a", "one"} or before.lower_ in WORD_NUMBERS):
        start = i - 1
    of_follows = i + 1 < end and doc[i + 1].lower_ == "of"
    counted = start < i or doc[i].lower_ in {"half", "halves"}
    qualified = before is not None and (
        before.lower_ in {"by", "than"} or _qualifier_before(doc, i) < i
    )
    if doc[i].lower_ in {"quarter", "quarters"} and not (of_follows or start < i):
        return None  # "the third quarter"
    if (
        before is not None
        and start == i
        and (before.ent_type_ == "ORDINAL" or before.lower_ in {"the", "first", "second", "last"})
    ):
        return None  # "the first half of the year" is a period, not an amount
    if counted and (of_follows or qualified or start < i):
        return start, i + 1
    return None


def _with_ratio(doc: Doc, start: int, end: int, limit: int) -> tuple[int, int]:
    """ "one in five", "three out of four", a 3-2 score: the ratio is one quantity; so is a
    range, "eight or nine", "10 to 15" (but "from 5 to 7" is a change, not a range)."""
    if end + 1 < limit and doc[end].lower_ in {"in", "-", "–", "or"} and doc[end + 1].like_num:
        return start, end + 2
    ranged = end + 1 < limit and doc[end].lower_ == "to" and doc[end + 1].like_num
    if ranged and not (start > 0 and doc[start - 1].lower_ == "from"):
        return start, end + 2
    out_of = end + 2 < limit and doc[end].lower_ == "out" and doc[end + 1].lower_ == "of"
    if out_of and doc[end + 2].like_num:
        return start, end + 3
    return start, end


def _qualifier_before(doc: Doc, start: int) -> int:
    """Where the qualifier in front of ``doc[start]`` begins ("close to", "well over"), or
    ``start`` when there is none. The words before are read once, not once per qualifier."""
    before = [t.lower_ for t in doc[max(0, start - _LONGEST_QUALIFIER) : start]]
    for words in _QUALIFIERS:
        first = start - len(words)
        if first < 0:
            continue
        if before[len(before) - len(words) :] == words:
            if first > 0 and doc[first - 1].lower_ in INTENSIFIERS:
                return first - 1
            return first
    return start


def _with_currency(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """ "$250,000" with the symbol parsed apart, "45 million euros": the currency is part of
    the amount."""
    if start > 0 and (doc[start - 1].tag_ == "$" or doc[start - 1].text in CURRENCY_SYMBOLS):
        start -= 1
    counted = doc[end - 1].like_num or doc[end - 1].lower_ in SCALES
    if end < len(doc) and doc[end].lower_ in CURRENCY_WORDS and counted:
        end += 1
    elif end < len(doc) and doc[end].lower_ in SCALES and doc[end - 1].whitespace_ == "":
        end += 1  # "€45m", "$3bn": the scale written onto the number
    return start, end


def _with_rate(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """ "4% a year", "$15 an hour", "2 million barrels per day": what the amount is counted per
    is part of it."""
    if end + 1 >= len(doc) or doc[end].lower_ not in RATE_WORDS:
        return start, end
    unit = doc[end + 1].lower_
    if end + 2 < len(doc) and doc[end + 2].lower_ in {"ago", "earlier", "before"}:
        return start, end  # "up 40% a year ago": when, not how often
    return (start, end + 2) if unit in DURATION_UNITS or unit in RATE_UNITS else (start, end)


def _with_open_bound(doc: Doc, end: int) -> int:
    """ "a fifth or more", "20 or fewer", "an hour or so": a bound after the amount."""
    if end + 1 < len(doc) and doc[end].lower_ == "or" and doc[end + 1].lower_ in OPEN_BOUNDS:
        return end + 2
    return end


def _as_much_as(doc: Doc, start: int) -> int:
    """ "as young as 12", "as high as 9 percent", "as early as 2027": the comparison bounds the
    amount like "up to" does."""
    first = start - 3
    if first < 0 or doc[first].lower_ != "as" or doc[start - 1].lower_ != "as":
        return start
    return first if doc[first + 1].pos_ in {"ADJ", "ADV"} else start


def _counted(doc: Doc, end: int) -> int:
    """ "16 doses", "41 players", "nearly three times": a bare count with the noun it counts
    right after it (the number modifies that noun) reads as one amount; "four separate
    violations" keeps only the number, and a noun that starts a new phrase is not counted."""
    if end >= len(doc) or not doc[end - 1].like_num or doc[end - 1].whitespace_ == "":
        return end
    noun = doc[end]
    if noun.pos_ != "NOUN" or noun.lower_ in DURATION_UNITS or noun.ent_type_ == "DATE":
        return end
    counts = doc[end - 1].head.i == end or noun.head.i == end - 1
    return end + 1 if counts else end


def _qualified(doc: Doc, start: int, end: int) -> Quantity:
    start, end = _with_currency(doc, start, end)
    core = end
    if not any(t.lower_ in RANGE_WORDS and doc[t.i - 1].like_num for t in doc[start + 1 : end]):
        end = _counted(doc, end)  # "41 players"; but "one in five" stays a ratio
    end = _with_rate(doc, start, end)[1]
    end = _with_open_bound(doc, end)
    lowered = doc[start:end].text.lower()
    if not any(lowered.startswith(q) for q in QUANTITY_QUALIFIERS):
        start = _qualifier_before(doc, start)
    elif start > 0 and doc[start - 1].lower_ in INTENSIFIERS:
        start -= 1  # the tagger kept "over 1,000" but not the "well" before it
    start = _as_much_as(doc, start)
    text = doc[start:end].text
    value = parse_value(doc[start:core].text if core < end and core > start else text)
    return Quantity(text=text, value=value)
