"""Who is speaking: "China's foreign ministry" and "Beijing's foreign ministry spokesperson Lin
Jian" are one party, "China's defence ministry" is another.

A party string is reduced to a :class:`PartyKey`:

- ``country``: a country named by its name, people or capital ("China", "Chinese", "Beijing"), or
  implied by a seat of power ("the Pentagon", "the Kremlin");
- ``body``: the institution's words, spelled one way ("Ministry of Foreign Affairs" and "foreign
  ministry" are both {foreign, ministry}; "defence" is "defense"; legal suffixes such as "Inc."
  are dropped);
- ``person``: a named person inside the span ("… spokesperson Lin Jian", "Lin Jian, a spokesperson
  for …"), kept apart so a named spokesperson does not make a different party.

Role words (spokesperson, official, minister of, press office, representative, "a spokesperson for
X" -> X) mark where the institution ends and a person's name begins. Rules of sameness, in order:

1. A key must identify someone: a country, a proper name (a capitalised word that is not a common
   institution word) or a person. "the ministry", "officials" or "the foreign ministry" alone
   identify no one and match nothing, not even themselves.
2. Two institutions are one party when country and body are equal. Person names are then ignored
   (two spokespeople of one ministry speak for it). A country alone ("China", "Beijing", "Chinese
   officials", "the Chinese government") is the government as a whole: it is NOT the same party
   as one of its ministries.
3. A bare name ("Lin Jian", "Orvane") is the same party as a key naming that person ("… spokesperson
   Lin Jian") or that company ("a spokesman for Orvane"). A bare name never matches an institution
   that does not name it: "Lin Jian" alone is not "China's foreign ministry" (we do not know his
   affiliation). A one-word name matches a longer name that contains it ("Mensah" and "Kwame
   Mensah"; "Samsung" and "Samsung Electronics").
4. Without context, an institution without a country ("the foreign ministry") is not the same as
   one with a country. The matcher first lends it the country its own article gives it (see
   ``qualify``): "foreign ministry spokesperson Lin Jian" in a report from Beijing that also
   names "China's foreign ministry" is China's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from bot.followups.countries import COUNTRY_PHRASES, MAX_PHRASE_WORDS, SEATS
from bot.followups.text import clean, spell, words

# Role phrase -> the body word it implies ("foreign minister" speaks for the foreign ministry).
_ROLES: dict[str, str | None] = {
    **dict.fromkeys(
        "spokesperson spokespersons spokesman spokesmen spokeswoman spokeswomen spokespeople "
        "official officials representative representatives rep reps head director directors "
        "executive executives ceo chair chairman chairwoman chairperson lawyer lawyers attorney "
        "attorneys counsel adviser advisers advisor advisors aide aides governor mayor leader "
        "leaders envoy founder owner government govt authorities authority president premier "
        "chancellor king emir sheikh cabinet regime administration".split()
    ),
    **dict.fromkeys(
        ["press office", "press officer", "press secretary", "press service", "press team",
         "press department", "media office", "communications office", "chief executive",
         "prime minister", "crown prince", "supreme leader", "head of state", "secretary general",
         "general secretary", "attorney general", "solicitor general", "surgeon general",
         "inspector general", "director general", "on behalf of"]
    ),
    **dict.fromkeys("minister ministers secretary".split(), "ministry"),
    **dict.fromkeys("ambassador ambassadors".split(), "embassy"),
}
# "Federal Aviation Administration" is an agency, not "the administration": only a trailing
# "administration" after a name ("Biden administration") is the government.
_ROLE_ONLY_AT_END = {"administration"}
_TITLE_BODIES = frozenset({"ministry", "embassy"})  # what a bare title implies
_SEAT_TITLES = {"secretary of state"}  # a seat that is also a person's title
_PREPS = {"for", "of", "at", "from", "with", "to"}
_LOCATIVE = {"in", "based"}  # "Thai embassy in London" belongs to Thailand
_SKIP = set(
    "the a an its their his her our and & deputy vice chief senior junior acting top lead "
    "assistant former then current principal".split()
)
_LEGAL = set(
    "inc incorporated ltd limited llc plc corp corporation co gmbh ag sa nv bv spa lp llp pty "
    "group holdings".split()
)
_SYNONYMS = {
    "department": "ministry", "dept": "ministry", "ministries": "ministry", "external": "foreign",
    "affairs": None, "federal": None, "people": None, "republic": None,
}
# Words that name kinds of institutions rather than a particular one: capitalised at the start
# of a sentence they still identify no one.
COMMON = set(
    "ministry foreign defense interior justice finance health trade commerce economy economic "
    "education energy environment transport agriculture labor industry culture information "
    "communications security intelligence service services bureau agency agencies office offices "
    "authority commission committee council court courts parliament assembly senate congress "
    "army military navy air force forces police guard guards border customs coast embassy "
    "consulate mission union party bank central state city municipal regional district school "
    "schools university hospital company firm board secretariat presidency palace house chamber "
    "prosecutor prosecutors regulator regulators investigators spokesperson department "
    "administration family families team club band league national".split()
)


class _Item(NamedTuple):
    kind: str  # "country" | "seat" | "role" | "prep" | "loc" | "word"
    value: str
    extra: tuple[str, ...] = ()  # seat body words / role body word
    proper: bool = False  # a capitalised word that is not a common institution word


@dataclass(frozen=True, slots=True)
class PartyKey:
    """The comparable form of a party string (see the module docstring for the rules)."""

    country: str | None
    body: frozenset[str]
    person: tuple[str, ...]
    bare: bool
    identified: bool

    def describe(self) -> str:
        """A stable, readable form: "cn|foreign ministry|lin jian"."""
        return "|".join((self.country or "", " ".join(sorted(self.body)), " ".join(self.person)))


def _classify(segment: str) -> list[_Item]:
    raw = words(segment)
    lower = [spell(w.casefold()) for w in raw]
    items: list[_Item] = []
    i = 0
    while i < len(lower):
        for n in range(min(MAX_PHRASE_WORDS, len(lower) - i), 0, -1):
            phrase = " ".join(lower[i : i + n])
            if phrase in COUNTRY_PHRASES:
                items.append(_Item("country", COUNTRY_PHRASES[phrase]))
            elif phrase in SEATS:
                country, body = SEATS[phrase]
                kind = "title" if phrase in _SEAT_TITLES else "seat"
                items.append(_Item(kind, country or "", body))
            elif phrase in _ROLES and (phrase not in _ROLE_ONLY_AT_END or i + n == len(lower)):
                implied = _ROLES[phrase]
                items.append(_Item("role", phrase, (implied,) if implied else ()))
            else:
                continue
            i += n
            break
        else:
            word, original = lower[i], raw[i]
            i += 1
            if word in _PREPS:
                items.append(_Item("prep", word))
            elif word in _LOCATIVE:
                items.append(_Item("loc", word))
            elif word in _SKIP or (word in _LEGAL and items):
                continue
            elif word == "national" and lower[i : i + 1] == ["defense"]:
                continue  # "Ministry of National Defense" is the defence ministry
            elif word in _SYNONYMS:
                if _SYNONYMS[word]:
                    items.append(_Item("word", _SYNONYMS[word] or ""))
            else:
                proper = original[:1].isupper() and word not in COMMON
                items.append(_Item("word", word, proper=proper))
    return items


def _is_org(item: _Item) -> bool:
    return item.kind in ("country", "seat", "title") or (
        item.kind == "word" and item.value in COMMON
    )


def _split_org_tail(items: list[_Item]) -> tuple[list[_Item], list[_Item]]:
    """After "spokesperson for": the institution, then maybe a name ("… affairs Wang Yi")."""
    cut = next((k for k, it in enumerate(items) if it.kind == "loc"), len(items))
    items = [it for it in items[:cut] if it.kind != "prep"]
    known = [k for k, it in enumerate(items) if _is_org(it)]
    if not known:
        return items, []
    last = known[-1] + 1
    return items[:last], [it for it in items[last:] if it.kind == "word"]


def _parse(segment_items: list[_Item]) -> tuple[list[_Item], list[_Item], bool]:
    """One comma-separated segment -> (institution items, person items, had a role)."""
    firsts = [k for k, it in enumerate(segment_items) if it.kind in ("role", "title")]
    if not firsts:
        cut = next((k for k, it in enumerate(segment_items) if it.kind == "loc"), None)
        return segment_items[:cut], [], False
    r = firsts[0]
    org = [it for it in segment_items[:r] if it.kind != "prep"]
    role = segment_items[r]
    org.append(role if role.kind == "title" else _Item("word", "", role.extra))
    after = segment_items[r + 1 :]
    prep = next((k for k, it in enumerate(after) if it.kind == "prep"), None)
    if prep is None:
        head, tail = after, []
    else:
        head, tail = after[:prep], after[prep + 1 :]
    person = [it for it in head if it.kind == "word"]
    org += [it for it in head if it.kind in ("role", "title")]
    org_tail, more_person = _split_org_tail(tail)
    return org + org_tail, person + more_person, True


@lru_cache(maxsize=131_072)
def party_key(text: str) -> PartyKey:
    """Normalise a party string once; cached because the same parties recur across follow-ups."""
    segments = [s for s in _split_segments(clean(text)) if s.strip()]
    parsed = [_parse(_classify(s)) for s in segments]
    any_role = any(had_role for _, _, had_role in parsed)
    org: list[_Item] = []
    person: list[_Item] = []
    bare: list[_Item] = []
    for org_items, person_items, had_role in parsed:
        person += person_items
        if had_role or any(_is_org(it) for it in org_items):
            org += org_items
        elif any_role or org:
            person += [it for it in org_items if it.kind == "word"]
        else:
            bare += [it for it in org_items if it.kind == "word"]
    country: str | None = None
    body: set[str] = set()
    identified = False
    for it in org:
        if it.kind == "country":
            if country is None:
                country = it.value
            elif it.value != country:
                body.add("@" + it.value)
        elif it.kind in ("seat", "title"):
            country = country or it.value or None
            body.update(it.extra)
        elif it.kind == "role":
            body.update(it.extra)
        elif it.kind == "word":
            body.update(w for w in (it.value, *it.extra) if w)
            identified = identified or it.proper
    names = tuple(it.value for it in person if it.value)
    if bare and not org:
        names = tuple(it.value for it in bare if it.value)
        body = set(names)
        identified = any(it.proper for it in bare)
    identified = identified or country is not None or bool(person and names)
    return PartyKey(
        country=country,
        body=frozenset(body),
        person=names,
        bare=bool(bare) and not org,
        identified=identified,
    )


def _split_segments(text: str) -> list[str]:
    out, current = [], []
    for ch in text:
        if ch in ",;:()[]|/":
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return [s.replace(" - ", " , ") for s in out]


def normalise_party(text: str) -> str:
    """The canonical form of a party string, equal for spellings of one institution."""
    return party_key(text).describe()


def _has_org(key: PartyKey) -> bool:
    """Names an institution, not just a title ("Minister Wang Yi" names a person)."""
    return key.country is not None or bool(key.body - _TITLE_BODIES)


def _names_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    return (len(a) == 1 and a[0] in b) or (len(b) == 1 and b[0] in a)


def qualify(
    key: PartyKey, known: Mapping[frozenset[str], frozenset[str]], lead: str | None
) -> PartyKey:
    """Give an institution without a country ("foreign ministry spokesperson Lin Jian") the
    country its own article gives it: the country of the same institution named in full
    elsewhere on the card (``known``: body -> countries), else the article's leading country
    (``lead``: named strictly more often than any other). Ambiguous cases stay unqualified."""
    if key.country is not None or key.bare or not key.body - _TITLE_BODIES:
        return key
    countries = known.get(key.body, frozenset())
    if len(countries) == 1:
        country = next(iter(countries))
    elif not countries and lead:
        country = lead
    else:
        return key
    return replace(key, country=country, identified=True)


def same_keys(a: PartyKey, b: PartyKey) -> bool:
    """Whether two keys are one party (rules in the module docstring)."""
    if not (a.identified or b.identified):
        return False
    a_org, b_org = _has_org(a), _has_org(b)
    if a_org and b_org:
        if a.country == b.country and a.body == b.body:
            return True
        if not (a.bare or b.bare):
            return False
    return _names_match(a.person, b.person)


def same_party(a: str, b: str) -> bool:
    """Whether two party strings name the same speaker (rules in the module docstring)."""
    return same_keys(party_key(a), party_key(b))
