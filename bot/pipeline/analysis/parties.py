"""Who a comment request was put to, as words of the article, one party each.

A team follows up on every party a card names, so a party is always a span of the text
("her attorney", never "Osei's attorney"), and a coordinated phrase gives one party per item:
"Ms. Lund and her co-founder, Piet Aro," → Ms. Lund; Piet Aro. "Spokespeople for the mayor and
the council" → spokespeople for the mayor; the council. The phrase is split on its commas and
conjunctions by reading the tokens left to right (the small parser often hangs coordinated
parties on the wrong word), and an apposition ("a lawyer for the city, Dana Cruz") keeps only
the name.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.doc_index import entity_at
from bot.pipeline.analysis.lexicon import CHANNELS, COMMENT_NOUNS
from bot.pipeline.analysis.names import NAME_LEADING as LEADING
from bot.pipeline.analysis.party_words import (
    own_verbs_subject,
    owner_cut_off,
    qualifier_unmatched,
    runs_past,
    spokesperson_body,
    the_asker,
    written,
)
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.spoken_for import BODY_DESCRIPTIONS as BODIES
from bot.pipeline.analysis.spoken_for import reporting_speaker, spoken_for
from bot.pipeline.analysis.text import tokens_text

# A list of more parties than this is a run-on misparse, not a sentence an editor wrote.
MAX_PARTIES = 12
MAX_PHRASE_TOKENS = 80
SEPARATORS = frozenset({",", ";", "and", "or", "nor"})
# What a list of noun phrases is made of ("the state's largest utility").
LIST_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PART", "NUM", "CCONJ"})
CONJUNCTIONS = frozenset({"and", "or", "nor"})
TRAILING = frozenset({"all", "both", "each", "alike", "themselves", "together"})
DETERMINERS = frozenset("the a an his her its their our this that these those".split())
NOBODY = frozenset({"nobody", "none", "anyone", "anybody", "neither"})
# Clauses inside a phrase that are no part of the name ("the ministry, which oversees …").
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis"})
# Phrases on an object that say what was asked or how, not who: "for comment", "by email".
REQUEST_PREPS = frozenset("for about on over via by regarding through".split())
# "Both clubs declined": a lone plural with "both" is the party as written.
KEPT_LEADING = frozenset({"both"})


@dataclass(frozen=True, slots=True)
class _Item:
    start: int
    end: int
    comma_after: bool  # followed by a comma alone (not "and"/"or"), or the phrase ends
    # followed by a comma, alone or before "and": ", and" closes an apposition in copy
    # that writes lists without a serial comma ("the developer, X Homes, and its lawyer")
    comma_closed: bool = False


def subject_parties(subject: Token, registry: SpeakerRegistry) -> list[str]:
    """One party per coordinated item of a clause's subject."""
    body = spoken_for(subject)  # "Prairie Mutual said it would not comment" → Prairie Mutual
    if body is not None:
        return object_parties(body, registry)
    head = subject.head
    subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}] or [subject]
    if not any(s.i == subject.i for s in subjects):
        subjects = [subject]
    start = min(s.left_edge.i for s in subjects)
    end = max(s.right_edge.i for s in subjects) + 1
    if start < head.i < end:
        end = head.i
    names = parties_in(subject.doc, start, end, registry, subject)
    own = tokens_text(subject.doc, start, end)
    if names == [own] and subject.tag_ in {"WDT", "WP"} and subject.head.dep_ == "relcl":
        # "questions went to the police department, which did not respond": a "which" the
        # registry could not name is the words it stands for
        antecedent = subject.head.head
        if antecedent.pos_ in {"NOUN", "PROPN"}:
            return object_parties(antecedent, registry)
    if len(names) == 1 and names[0] != own and _is_the_reporter(subject, names[0], registry):
        return [own]  # "the mayor's spokeswoman said the mayor would not comment"
    return names


def _is_the_reporter(subject: Token, name: str, registry: SpeakerRegistry) -> bool:
    """Whether ``name`` (what a description in reported words resolved to) is who reports
    them: a speaker names herself "I" or "she", never "the mayor"."""
    if subject.pos_ != "NOUN":
        return False
    speaker = reporting_speaker(subject.head)
    if speaker is None:
        return False
    names = {
        n.lower()
        for n in parties_in(subject.doc, speaker.left_edge.i, speaker.i + 1, registry, speaker)
    }
    return name.lower() in names or registry.resolve(speaker).name.lower() == name.lower()


def object_parties(obj: Token, registry: SpeakerRegistry) -> list[str]:
    """One party per coordinated item of an object ("emailed the ministry and the regulator"),
    without what the request was about ("for comment", "about the recall")."""
    end = obj.right_edge.i + 1
    doc = obj.doc
    # the first "for comment" / "on Monday" after the object, on whichever item the parser
    # hung it ("the board, the water board and the fire chief on Monday")
    for i in range(obj.i + 1, min(end, obj.i + MAX_PHRASE_TOKENS)):
        if _says_what_or_how(doc[i]) and obj.i <= doc[i].head.i < end:
            end = i
            break
    if end == obj.right_edge.i + 1:
        end = _list_goes_on(obj.doc, end)
    return parties_in(obj.doc, obj.left_edge.i, end, registry, obj)


def _list_goes_on(doc: Doc, end: int) -> int:
    """ "comment from the governor, the attorney general and the state's utility were not
    returned": the parser hangs the rest of a list elsewhere; read on over noun phrases,
    commas and "and" up to the verb that follows."""
    if end >= len(doc) or doc[end].lower_ not in {",", "and", "or"}:
        return end
    last_noun = end
    for i in range(end, min(len(doc), end + MAX_PHRASE_TOKENS)):
        token = doc[i]
        if token.pos_ in {"NOUN", "PROPN"}:
            last_noun = i + 1
        elif token.pos_ in {"VERB", "AUX"} or _says_what_or_how(token):
            return last_noun if last_noun > end else end  # "…, X and Y on Monday"
        elif token.pos_ not in LIST_POS and token.lower_ not in SEPARATORS:
            return end
    return end


def _says_what_or_how(prep: Token) -> bool:
    """ "for comment", "about the recall", "by email", "on Monday": not part of who was asked
    ("the minister for health" is)."""
    if prep.dep_ != "prep" or prep.lower_ not in REQUEST_PREPS:
        return False
    if prep.lower_ in {"about", "regarding", "over", "via"}:
        return True
    target = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return target is not None and (
        target.lemma_.lower() in COMMENT_NOUNS | CHANNELS or target.ent_type_ in {"DATE", "TIME"}
    )


def parties_in(doc: Doc, start: int, end: int, registry: SpeakerRegistry, head: Token) -> list[str]:
    """The parties named in ``doc[start:end]``, each an exact span of the article (or the name
    a pronoun or description resolves to, when that name is written in the article)."""
    if end - start > MAX_PHRASE_TOKENS:
        return [_one_party(doc, head.i, head.i + 1, registry)]
    skip = _clauses(doc, start, end)
    items = _items(doc, start, end, skip)
    items = _without_ages(doc, items)
    if len(items) == 1 and _neither_of_them(doc, start, items[0]):
        return []  # "Neither man responded": the two named before (see ``asked``)
    if len(items) == 1 and _lone_plural_with_both(doc, start, items[0]):
        items = [_Item(start, items[0].end, True)]  # "Both clubs declined to comment"
    items = _without_appositions(doc, items)
    names: list[str] = []
    listed = {_bare(tokens_text(doc, i.start, i.end, skip)) for i in items[:MAX_PARTIES]}
    for item in items[:MAX_PARTIES]:
        name = _one_party(doc, item.start, item.end, registry, skip)
        own = tokens_text(doc, item.start, item.end, skip)
        others = listed - {_bare(own)}
        if _bare(name) != _bare(own) and any(other in _bare(name) for other in others):
            name = own  # "the fire chief, Palmer County and …": each item is its own party
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return names


def _bare(name: str) -> str:
    return name.lower().removeprefix("the ")


def _without_ages(doc: Doc, items: list[_Item]) -> list[_Item]:
    """ "Lyle, 51," is one party; "Vale, 58, and her husband" two (the age's "and" stays)."""
    kept: list[_Item] = []
    for item in items:
        if not _is_age(doc, item):
            kept.append(item)
        elif kept:
            kept[-1] = _Item(kept[-1].start, kept[-1].end, item.comma_after, item.comma_closed)
    return kept


def _is_age(doc: Doc, item: _Item) -> bool:
    """ "Lyle, 51," or "Okoro, 47,": a number alone beside a name is an age, never a party;
    nor is a lawmaker's party and state ("Sen. Ray Dunn, R-Tulsa," "Rep. Ana Ruiz, D-Calif.")."""
    if all(doc[i].like_num or doc[i].pos_ == "NUM" for i in range(item.start, item.end)):
        return True
    first = doc[item.start]
    return (
        item.end - item.start <= 5
        and first.text in {"R", "D", "I"}
        and item.start + 1 < item.end
        and doc[item.start + 1].text == "-"
    )


def _neither_of_them(doc: Doc, start: int, item: _Item) -> bool:
    head = _head(doc, item)
    return (
        item.start == start + 1
        and doc[start].lower_ in {"neither", "either"}
        and head.pos_ == "NOUN"
    )


def _lone_plural_with_both(doc: Doc, start: int, item: _Item) -> bool:
    first = doc[start]
    head = _head(doc, item)
    return (
        item.start == start + 1
        and first.lower_ in KEPT_LEADING
        and head.tag_ == "NNS"
        and head.pos_ == "NOUN"
    )


def _clauses(doc: Doc, start: int, end: int) -> set[int]:
    """Tokens of relative and participle clauses inside the phrase (projective: each clause is
    one run of tokens, so this is one pass)."""
    skip: set[int] = set()
    i = start
    while i < end:
        token = doc[i]
        if token.dep_ in CLAUSE_DEPS and start <= token.head.i < end:
            first = token.left_edge.i
            last = min(token.right_edge.i + 1, end)
            skip.update(range(first, last))
            if first > start and doc[first - 1].text == ",":
                skip.add(first - 1)
            i = max(i + 1, last)
            continue
        i += 1
    return skip


def _items(doc: Doc, start: int, end: int, skip: set[int]) -> list[_Item]:
    items: list[_Item] = []
    item_start: int | None = None
    depth = 0
    i = start
    while i < end:
        token = doc[i]
        if token.text in {"(", "["}:
            depth += 1
        elif token.text in {")", "]"}:
            depth = max(0, depth - 1)
        separator = token.lower_ in SEPARATORS and depth == 0 and i not in skip
        separator = separator and not _inside_a_name(doc, i)  # "Marks and Spencer" is one
        if not separator:
            if item_start is None and i not in skip:
                item_start = i
            i += 1
            continue
        run_end = i
        conjunction = False
        while run_end < end and doc[run_end].lower_ in SEPARATORS:
            conjunction = conjunction or doc[run_end].lower_ in CONJUNCTIONS
            run_end += 1
        if item_start is not None:
            items.append(_Item(item_start, i, not conjunction, token.text == ","))
        item_start = None
        i = run_end
    if item_start is not None:
        items.append(_Item(item_start, end, True, True))
    return [trimmed for item in items if (trimmed := _trim(doc, item)) is not None]


def _inside_a_name(doc: Doc, i: int) -> bool:
    """A word strictly inside a name ("Marks and Spencer"), not one the tagger left hanging at
    a name's end ("Ridgeway Homes and" before "Palmer County")."""
    ent = entity_at(doc, i)
    return ent is not None and ent.start < i < ent.end - 1


def _trim(doc: Doc, item: _Item) -> _Item | None:
    start, end = item.start, item.end
    if _aside(doc, start, end):
        return None
    while start < end and (doc[start].lower_ in LEADING or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].lower_ in TRAILING or doc[end - 1].is_punct or owner_cut_off(doc, end)
    ):
        end -= 1
    return _Item(start, end, item.comma_after, item.comma_closed) if end > start else None


def _aside(doc: Doc, start: int, end: int) -> bool:
    """ "Ortega, through a spokeswoman, declined": a phrase set off by commas that opens with
    a preposition hanging outside it says how, not who."""
    first = doc[start]
    return first.dep_ == "prep" and first.pos_ == "ADP" and not start <= first.head.i < end


def _head(doc: Doc, item: _Item) -> Token:
    """The item's own head: its first token whose head lies outside it."""
    for i in range(item.start, item.end):
        if not item.start <= doc[i].head.i < item.end or doc[i].head.i == i:
            return doc[i]
    return doc[item.end - 1]


def _is_name(doc: Doc, item: _Item) -> bool:
    head = _head(doc, item)
    ent = entity_at(doc, head.i)
    return head.pos_ == "PROPN" or (ent is not None and ent.label_ in {"PERSON", "ORG"})


def _gives_a_name(doc: Doc, item: _Item) -> bool:
    """A name, or a description closed by the name it describes: "the investment firm Calder
    Partners", "the trade publication Pollstar"."""
    if _is_name(doc, item):
        return True
    head = _head(doc, item)
    return head.pos_ == "NOUN" and any(
        doc[i].dep_ == "appos" and doc[i].head.i == head.i and doc[i].pos_ == "PROPN"
        for i in range(head.i + 1, item.end)
    )


def _is_description(doc: Doc, item: _Item) -> bool:
    return not _is_name(doc, item) and doc[item.start].lower_ in DETERMINERS | {"'s"}


def _without_appositions(doc: Doc, items: list[_Item]) -> list[_Item]:
    """ "her co-founder, Piet Aro" → Piet Aro; "Mr. Hale, a lawyer for the city" → Mr. Hale.

    A description and a name next to each other, separated by a comma alone and closed by a
    comma or the end of the phrase, are one party; "Airbus, the union and the ministry" is a
    list of three. A name after its description may be closed by ", and" ("the developer,
    X Homes, and its lawyer"); a description after a name may not ("Airbus, the union, and
    the ministry" is a list with a serial comma).
    """
    kept: list[_Item] = []
    skip_next = False
    for number, item in enumerate(items):
        if skip_next:
            skip_next = False
            continue
        after = items[number + 1] if number + 1 < len(items) else None
        if after is not None and item.comma_after and after.comma_closed:
            described_name = not _is_name(doc, item) and _gives_a_name(doc, after)
            if described_name and _head(doc, item).pos_ in {"NOUN", "PROPN"}:
                continue  # keep the name that follows, drop its description
        if (
            after is not None
            and item.comma_after
            and after.comma_after
            and _is_name(doc, item)
            and _is_description(doc, after)
        ):
            kept.append(item)
            skip_next = True
            continue
        kept.append(item)
    return kept


def _one_party(
    doc: Doc,
    start: int,
    end: int,
    registry: SpeakerRegistry,
    skip: set[int] = frozenset(),  # type: ignore[assignment]
) -> str:
    """An item's party: "No one at the agency" → the agency; a pronoun or a description
    resolved when the name it resolves to is written in the article; else the item's words."""
    first = doc[start]
    if first.lower_ in NOBODY or (first.lower_ == "no" and end - start > 1):
        for i in range(start, end):
            if doc[i].dep_ == "prep" and doc[i].lower_ in {"at", "from", "in", "of"}:
                if i + 1 < end and (doc[i + 1].pos_ == "PRON" or _refers_back(doc, i + 1, end)):
                    return ""  # "none of them", "no one from either firm": said before (``asked``)
                return _one_party(doc, i + 1, end, registry, skip)
        return ""
    item = _Item(start, end, True)
    head = _head(doc, item)
    text = tokens_text(doc, start, end, skip)
    body = spokesperson_body(doc, head, start, end, registry)
    if body is not None:
        return body  # "a company spokesperson said: 'No comment'": the company's refusal
    resolved = registry.resolve(head)
    short = end - start <= 4 and resolved.named
    pronoun = head.pos_ == "PRON" and resolved.kind != "unknown"  # "He" → "the billionaire"
    if (pronoun or short) and runs_past(doc, start, end, text, resolved.name):
        return text  # "the ministry went unanswered" taken for a name by the tagger
    if text.removesuffix("'s").removesuffix("’s") == resolved.name != text:
        return text  # "Kroll's": the tagger's name leaves out the shop's possessive
    if head.pos_ == "NOUN" and resolved.kind == "person" and head.lemma_.lower() in BODIES:
        return text  # "the club" is never a player
    if qualifier_unmatched(doc, start, head, resolved.name):
        return text  # "the interior ministry" is not the union named before
    if head.pos_ == "NOUN" and own_verbs_subject(head, resolved.name, registry):
        return text  # "The Sentinel called the company": the company is not the Sentinel
    if head.pos_ == "NOUN" and the_asker(head, resolved.name, registry):
        return text  # "questions from the BBC, the club said": the club is not the BBC
    if (pronoun or short) and written(doc, resolved.name):
        # "he" → "Piet Aro"; "the bank" → "Halden Savings Bank"; never "Neither Halden Bank"
        # nor "Halden Bank and" (the tagger's name may take in a word of the list)
        words = resolved.name.split()
        if len(words) > 1 and words[0].lower() in LEADING:
            words = words[1:]
        if len(words) > 1 and words[-1].lower() in CONJUNCTIONS:
            words = words[:-1]
        return " ".join(words).rstrip(",;")
    return text


def _refers_back(doc: Doc, start: int, end: int) -> bool:
    """ "either firm", "both agencies", "the two companies": parties named before."""
    words = [doc[i] for i in range(start, min(end, start + 2))]
    if words and words[0].lower_ == "the":
        words = words[1:]
    return bool(words) and (words[0].lower_ in {"either", "both"} or words[0].like_num)
