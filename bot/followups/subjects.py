"""What a card is about, and how much two cards share: entities and key terms.

No lemmatiser is available here (the analysis worker owns spaCy), so key terms are content words
folded to a crude stem ("allegations", "alleged" -> "alleg"). Countries are one entity however
they are named ("China", "Chinese", "Beijing" -> cn), and wire agencies are left out: nearly
every story names Reuters or AP, which says nothing about its subject.

The overlap is 0.5 × entity overlap + 0.5 × term overlap, each ``|A ∩ B| / max(min(|A|, |B|),
floor)``: measured against the smaller card, so a short response article about one part of a long
story still scores, with a floor so two nearly empty cards do not score 1.0 on one shared word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from bot.followups.countries import COUNTRY_PHRASES, MAX_PHRASE_WORDS, PHRASE_STARTS
from bot.followups.parties import PartyKey, party_key, qualify
from bot.followups.text import fold, spell, words
from bot.models import ClaimCard

ENTITY_WEIGHT = 0.5
TERM_WEIGHT = 0.5
_ENTITY_FLOOR = 4
_TERM_FLOOR = 10
_MAX_TERMS = 40
_TITLE_WEIGHT = 3

_WIRES = frozenset(
    {"reuters", "ap", "associated press", "afp", "agence france presse", "dpa", "upi", "efe",
     "ansa", "pa media"}
)
_STOPWORDS = frozenset(
    """a about above after again against all also although am among an and another any are
    around as at be because been before being below between both but by can could did do does
    doing down during each either even ever every few for from further had has have having he
    her here hers herself him himself his how however i if in into is it its itself just least
    less like made make makes many may me might more most much must my myself neither no nor not
    now of off on once one only or other others our ours out over own per rather said same say
    saying says she should since so some such than that the their theirs them themselves then
    there these they this those though three through thus to told too two under until up upon
    us very via was we were what when where whether which while who whom whose why will with
    within without would yet you your yours according added adding after again ago amid also
    announced asked claimed claims comment comments day days described earlier first former
    including last late later latest least month months new news next percent recent recently
    report reported reporters reports say statement stated still time told week weeks year
    years reuters monday tuesday wednesday thursday friday saturday sunday january
    february march april june july august september october november december""".split()
)
_SUFFIXES = (
    ("ations", ""), ("ation", ""), ("ings", ""), ("ing", ""), ("ions", ""), ("ion", ""),
    ("ies", "y"), ("ied", "y"), ("ers", ""), ("er", ""), ("es", ""), ("ed", ""), ("s", ""),
)
_KEEP_S = ("ss", "us", "is")  # "serious", "business", "analysis" are not plurals
_BRITISH_Z = re.compile(r"is(e|ed|es|ing|ation|ations)$")
_LETTERS = re.compile(r"^[a-z]+$")


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A crude stem, good enough to meet the same word in two articles ("allegations" and
    "alleged" -> "alleg"; "specialised" and "specialized" -> "specializ")."""
    word = _BRITISH_Z.sub(r"iz\1", word)
    if word.endswith("edly") and len(word) > 7:
        word = word[:-2]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix == "s" and word.endswith(_KEEP_S):
                break
            word = word[: -len(suffix)] + replacement
            break
    for suffix in ("ation", "ion"):  # "sanctioned" -> "sanction" -> "sanct"
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True, slots=True)
class Speaker:
    """Someone a card quotes: the party as written, its key (qualified with the card's own
    country when the text leaves it out), the sentence, and the stance of a response."""

    party: str
    key: PartyKey
    sentence: str
    stance: str | None


@dataclass(frozen=True, slots=True)
class Subject:
    """A card's subject: entity keys, key-term stems and the countries it names, plus what
    party matching needs from the same card (its speakers, its leading country, and the
    country of each institution it names in full)."""

    entities: frozenset[str]
    terms: frozenset[str]
    countries: frozenset[str]
    lead_country: str | None = None
    institutions: Mapping[frozenset[str], frozenset[str]] = field(default_factory=dict)
    speakers: tuple[Speaker, ...] = ()

    def key(self, party: str) -> PartyKey:
        """The key of a party named on this card, qualified by the card's context."""
        return qualify(party_key(party), self.institutions, self.lead_country)


def _speaker_texts(card: ClaimCard) -> list[tuple[str, str, str | None]]:
    """(party, sentence, stance) for everyone the card quotes, responses first."""
    out = [(r.party, r.sentence, r.stance.value) for r in card.responses]
    for claim in card.claims:
        if claim.speaker:
            if claim.speaker_role:  # "Lin Jian" + "foreign ministry spokesperson"
                out.append((f"{claim.speaker}, {claim.speaker_role}", claim.sentence, None))
            out.append((claim.speaker, claim.sentence, None))
    return out


def _context(
    card: ClaimCard, mentions: Counter[str]
) -> tuple[str | None, dict[frozenset[str], frozenset[str]]]:
    ranked = mentions.most_common(2)
    lead = None
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        lead = ranked[0][0]
    known: dict[frozenset[str], set[str]] = {}
    texts = [t for t, _, _ in _speaker_texts(card)] + [p.party for p in card.pending_responses]
    for text in texts:
        key = party_key(text)
        if key.country and key.body:
            known.setdefault(key.body, set()).add(key.country)
    return lead, {body: frozenset(c) for body, c in known.items()}


def countries_in(tokens: list[str]) -> tuple[list[str], set[int]]:
    """Country codes named in a word list (once per mention), and the positions they cover."""
    found: list[str] = []
    covered: set[int] = set()
    i = 0
    while i < len(tokens):
        if tokens[i] not in PHRASE_STARTS:
            i += 1
            continue
        for n in range(min(MAX_PHRASE_WORDS, len(tokens) - i), 0, -1):
            code = COUNTRY_PHRASES.get(" ".join(tokens[i : i + n]))
            if code:
                found.append(code)
                covered.update(range(i, i + n))
                i += n
                break
        else:
            i += 1
    return found, covered


def word_tokens(text: str) -> list[str]:
    """The words of ``text`` as subjects and parties compare them (folded, spelled one way)."""
    return [spell(w) for w in words(fold(text))]


def _subject(card: ClaimCard) -> Subject:
    entities: set[str] = set()
    countries: set[str] = set()
    for entity in card.entities:
        tokens = [t for t in word_tokens(entity.text) if t != "the"]
        phrase = " ".join(tokens)
        if not phrase or phrase in _WIRES:
            continue
        codes, covered = countries_in(tokens)
        countries.update(codes)
        entities.update("@" + c for c in codes)
        if len(covered) < len(tokens):
            entities.add(phrase)
    counts: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    body = "\n".join((*card.summary, *(c.text for c in card.claims)))
    texts = [(card.article.title, _TITLE_WEIGHT), (body, 1)]
    for text, weight in texts:
        tokens = word_tokens(text)
        codes, covered = countries_in(tokens)
        countries.update(codes)
        mentions.update(codes)
        for k, token in enumerate(tokens):
            if k in covered or token in _STOPWORDS or len(token) < 3:
                continue
            if _LETTERS.match(token):
                counts[stem(token)] += weight
    terms = frozenset(t for t, _ in counts.most_common(_MAX_TERMS))
    lead, known = _context(card, mentions)
    speakers = tuple(
        Speaker(party, qualify(party_key(party), known, lead), sentence, stance)
        for party, sentence, stance in _speaker_texts(card)
    )
    return Subject(frozenset(entities), terms, frozenset(countries), lead, known, speakers)


# Subjects by a hash of the card's content (the parts a subject is made of; hashing them costs
# microseconds, analysing them about a millisecond), so a card read afresh from the store is not
# analysed again. Only the hash is kept, never the card; a 64-bit collision between two of the
# cached cards would lend one the other's subject, which we accept. Cleared when full.
_CACHE: dict[int, Subject] = {}
_CACHE_SIZE = 50_000


def subject_of(card: ClaimCard) -> Subject:
    """The card's :class:`Subject` (cached by content)."""
    key = hash((card.article.title, card.summary, card.entities, card.claims, card.responses,
                card.pending_responses))  # what _subject reads: not the (long) article text
    subject = _CACHE.get(key)
    if subject is None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        subject = _CACHE[key] = _subject(card)
    return subject


def _overlap(a: frozenset[str], b: frozenset[str], floor: int) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(min(len(a), len(b)), floor)


def overlap_of(a: Subject, b: Subject) -> float:
    return ENTITY_WEIGHT * _overlap(a.entities, b.entities, _ENTITY_FLOOR) + TERM_WEIGHT * (
        _overlap(a.terms, b.terms, _TERM_FLOOR)
    )


def subject_overlap(original: ClaimCard, candidate: ClaimCard) -> float:
    """How much two cards share, from 0.0 (nothing) to 1.0 (the same story)."""
    return overlap_of(subject_of(original), subject_of(candidate))
