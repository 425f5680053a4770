"""A party phrase split into its items, the way an editor reads a list.

"Ms. Lund and her co-founder, Piet Aro," is two items, and the apposition makes the second
Piet Aro; "Lyle, 51," is one (an age is no party); "Marks and Spencer" is one name; clauses
inside the phrase ("the ministry, which oversees …") and asides ("through a spokeswoman") are
no part of any item. The small parser often hangs coordinated parties on the wrong word, so
the phrase is read left to right on its commas and conjunctions. Split from ``parties``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.doc_index import entity_at
from bot.pipeline.analysis.joined_names import inside_a_joined_name
from bot.pipeline.analysis.names import NAME_LEADING as LEADING
from bot.pipeline.analysis.party_words import owner_cut_off
from bot.pipeline.analysis.spoken_for import BODY_DESCRIPTIONS, MORE_BODIES

SEPARATORS = frozenset({",", ";", "and", "or", "nor"})
CONJUNCTIONS = frozenset({"and", "or", "nor"})
TRAILING = frozenset({"all", "both", "each", "alike", "themselves", "together"})
DETERMINERS = frozenset("the a an his her its their our this that these those".split())
# Bodies a name may be set after, past a relative clause: "the school that owns the plane, X".
NAMED_BODIES = BODY_DESCRIPTIONS | MORE_BODIES
# Clauses inside a phrase that are no part of the name ("the ministry, which oversees …").
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis"})


@dataclass(frozen=True, slots=True)
class Item:
    start: int
    end: int
    comma_after: bool  # followed by a comma alone (not "and"/"or"), or the phrase ends
    # followed by a comma, alone or before "and": ", and" closes an apposition in copy
    # that writes lists without a serial comma ("the developer, X Homes, and its lawyer")
    comma_closed: bool = False


def without_ages(doc: Doc, items: list[Item]) -> list[Item]:
    """ "Lyle, 51," is one party; "Vale, 58, and her husband" two (the age's "and" stays)."""
    kept: list[Item] = []
    for item in items:
        if not _is_age(doc, item):
            kept.append(item)
        elif kept:
            kept[-1] = Item(kept[-1].start, kept[-1].end, item.comma_after, item.comma_closed)
    return kept


def _is_age(doc: Doc, item: Item) -> bool:
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


def clause_tokens(doc: Doc, start: int, end: int) -> set[int]:
    """Tokens of relative and participle clauses inside the phrase (projective: each clause is
    one run of tokens, so this is one pass)."""
    skip: set[int] = set()
    i = start
    while i < end:
        token = doc[i]
        if token.dep_ in CLAUSE_DEPS and start <= token.head.i < end:
            first = token.left_edge.i
            last = min(token.right_edge.i + 1, end)
            last = _name_closing(doc, token, first, last)
            skip.update(range(first, last))
            if first > start and doc[first - 1].text == ",":
                skip.add(first - 1)
            i = max(i + 1, last)
            continue
        i += 1
    return skip


def _name_closing(doc: Doc, clause: Token, first: int, last: int) -> int:
    """ "The flying school that owns the aircraft, Skyward Aviation, said": the parser hangs the
    name on the clause's object, but it names the body described; the clause stops before its
    comma. Only for a body described and a name no place, after an object that is no body."""
    described = clause.head
    if clause.dep_ != "relcl" or described.lemma_.lower() not in NAMED_BODIES:
        return last
    name = doc[last - 1]
    while name.dep_ == "compound" and name.head.i > name.i:
        name = name.head
    if name.pos_ != "PROPN" or name.i != last - 1:
        return last
    owner = name.head
    # "that leases the hangar, Northwind Aero": an apposition, or a second object after a comma
    second_object = name.dep_ == "dobj" and any(
        c.dep_ == "dobj" and c.i < name.i for c in owner.children
    )
    if name.dep_ == "dobj" and second_object:
        owner = next(c for c in owner.children if c.dep_ == "dobj" and c.i < name.i)
    elif name.dep_ != "appos":
        return last
    if owner.lemma_.lower() in NAMED_BODIES or owner.pos_ == "PROPN":
        return last  # "the firm that bought the club, Hartley United": the club's name
    ent = entity_at(doc, name.i)
    if ent is not None and ent.label_ in {"GPE", "LOC", "FAC", "DATE", "EVENT"}:
        return last
    comma = name.left_edge.i - 1
    if comma <= first or doc[comma].text != ",":
        return last
    return comma


def split_items(doc: Doc, start: int, end: int, skip: set[int]) -> list[Item]:
    items: list[Item] = []
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
        # "Marks and Spencer", "Customs and Border Protection" are one
        separator = separator and not _inside_a_name(doc, i) and not inside_a_joined_name(doc, i)
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
            items.append(Item(item_start, i, not conjunction, token.text == ","))
        item_start = None
        i = run_end
    if item_start is not None:
        items.append(Item(item_start, end, True, True))
    return [trimmed for item in items if (trimmed := _trim(doc, item)) is not None]


def _inside_a_name(doc: Doc, i: int) -> bool:
    """A word strictly inside a name ("Marks and Spencer"), not one the tagger left hanging at
    a name's end ("Ridgeway Homes and" before "Palmer County"), nor the "and" of two names the
    tagger glued into one ("Maple Row and Ashgrove")."""
    ent = entity_at(doc, i)
    return ent is not None and ent.start < i < ent.end - 1 and not _glued_pair(doc, ent.start, i)


def _glued_pair(doc: Doc, start: int, i: int) -> bool:
    """ "Ashby Credit and Morrow Savings": a name of two or more words before "and" that the
    parser coordinates with what follows is a pair, where "Marks and Spencer" (one word before)
    and "Department of Health and Human Services" (a body's "of" list) are one name."""
    if doc[i].lower_ not in CONJUNCTIONS or i - start < 2:
        return False
    before = [doc[j] for j in range(start, i)]
    if any(t.lower_ in {"of", "for", "&"} or not t.text[:1].isupper() for t in before):
        return False
    return any(c.dep_ == "conj" and c.i > i for c in doc[i - 1].children) or any(
        c.dep_ == "conj" and c.i > i
        for c in doc[i - 1].head.children
        if doc[i - 1].dep_ == "compound"
    )


def _trim(doc: Doc, item: Item) -> Item | None:
    start, end = item.start, item.end
    if _aside(doc, start, end):
        return None
    while start < end and (doc[start].lower_ in LEADING or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].lower_ in TRAILING or doc[end - 1].is_punct or owner_cut_off(doc, end)
    ):
        end -= 1
    return Item(start, end, item.comma_after, item.comma_closed) if end > start else None


def _aside(doc: Doc, start: int, end: int) -> bool:
    """ "Ortega, through a spokeswoman, declined": a phrase set off by commas that opens with
    a preposition hanging outside it says how, not who."""
    first = doc[start]
    return first.dep_ == "prep" and first.pos_ == "ADP" and not start <= first.head.i < end


def item_head(doc: Doc, item: Item) -> Token:
    """The item's own head: its first token whose head lies outside it; in "Palm Terrace's
    administrator" the noun owned, however the parser hung the owner."""
    last = doc[item.end - 1]
    for i in range(item.start, item.end):
        if not item.start <= doc[i].head.i < item.end or doc[i].head.i == i:
            if last.pos_ == "NOUN" and any(
                doc[j].tag_ == "POS" for j in range(i + 1, item.end - 1)
            ):
                return last  # "X's N": the parser made the owner the head of a list
            return doc[i]
    return last


def _is_name(doc: Doc, item: Item) -> bool:
    """A name: a capitalised proper noun or a tagged person or body ("the national
    federation", which the tagger may call a proper noun, is a description)."""
    head = item_head(doc, item)
    if not head.text[:1].isupper() and not head.like_num:
        return False
    ent = entity_at(doc, head.i)
    return head.pos_ == "PROPN" or (ent is not None and ent.label_ in {"PERSON", "ORG"})


def _gives_a_name(doc: Doc, item: Item) -> bool:
    """A name, or a description closed by the name it describes: "the investment firm Calder
    Partners", "the trade publication Pollstar"."""
    if _is_name(doc, item):
        return True
    head = item_head(doc, item)
    return head.pos_ == "NOUN" and any(
        doc[i].dep_ == "appos" and doc[i].head.i == head.i and doc[i].pos_ == "PROPN"
        for i in range(head.i + 1, item.end)
    )


def _describes_inner_name(doc: Doc, item: Item, after: Item) -> bool:
    """ "Lawyers for Mr. Dunne, the former chief executive," "police in Dayton, Ohio," "a
    spokesman for Gov. Ana Ruiz, a Democrat,": the last item, set off by a comma, describes or
    places the name inside the phrase before it (the parser hangs it on that name), so it is no
    party of its own. A person's or body's name after the phrase is left to the rule that keeps
    the name ("a lawyer for the city, Dana Cruz")."""
    if not (item.comma_after and after.comma_after and doc[after.start - 1].text == ","):
        return False
    head = item_head(doc, after)
    inner = head.head
    if head.dep_ != "appos" or not item.start <= inner.i < item.end:
        return False
    if inner.i == item_head(doc, item).i:
        return False  # an apposition of the phrase's own head: the other rules decide
    ent = entity_at(doc, head.i)
    if ent is not None and ent.label_ in {"GPE", "LOC", "NORP"}:
        return True  # a state, a region, a party's members: "Ohio", "a Democrat"
    return head.pos_ == "NOUN" and doc[after.start].lower_ in DETERMINERS


def _describes_the_names(doc: Doc, item: Item, rest: list[Item]) -> bool:
    """ "Two councillors who voted against it, Ana Lopes and Ian Greer,": a plural or counted
    description set off by a comma before the names it stands for, which close the phrase;
    the names are the parties, the description is no party besides them."""
    if len(rest) < 2 or not item.comma_after or _is_name(doc, item):
        return False
    head = item_head(doc, item)
    counted = any(c.dep_ == "nummod" for c in head.children)
    if head.pos_ != "NOUN" or not (head.tag_ == "NNS" or counted):
        return False
    if any(doc[i].pos_ == "PROPN" for i in range(item.start, item.end)):
        return False  # "Representatives for Vantor, Goldman and Carlyle": a list of three
    return rest[-1].comma_closed and all(_is_name(doc, other) for other in rest)


def _an_untagged_name(doc: Doc, item: Item, after: Item) -> bool:
    """ "Corvane, one of the lenders named …,": a capitalised word with no article, which the
    tagger took for a common noun, that the parser gives the description as an apposition."""
    head = item_head(doc, item)
    described = item_head(doc, after)
    return (
        head.pos_ == "NOUN"
        and head.text[:1].isupper()
        and not any(c.dep_ in {"det", "poss"} for c in head.children)
        and described.dep_ == "appos"
        and described.head.i == head.i
    )


def _is_description(doc: Doc, item: Item) -> bool:
    """ "the league's owner", "Pellinor's largest customer", "one of the lenders named in the
    suit": a common noun said of what comes before it, by a determiner, an owner or a share."""
    if _is_name(doc, item):
        return False
    if doc[item.start].lower_ in DETERMINERS | {"'s"}:
        return True
    head = item_head(doc, item)
    if head.lower_ == "one" and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return True  # "one of the lenders"
    owned = any(c.dep_ == "poss" for c in head.children)
    return head.pos_ == "NOUN" and head.is_lower and owned


def without_appositions(doc: Doc, items: list[Item]) -> list[Item]:
    """ "her co-founder, Piet Aro" → Piet Aro; "Mr. Hale, a lawyer for the city" → Mr. Hale.

    A description and a name next to each other, separated by a comma alone and closed by a
    comma or the end of the phrase, are one party; "Airbus, the union and the ministry" is a
    list of three. A name after its description may be closed by ", and" ("the developer,
    X Homes, and its lawyer"); a description after a name may not ("Airbus, the union, and
    the ministry" is a list with a serial comma).
    """
    kept: list[Item] = []
    skip_next = False
    for number, item in enumerate(items):
        if skip_next:
            skip_next = False
            continue
        after = items[number + 1] if number + 1 < len(items) else None
        if (
            after is not None
            and number + 2 == len(items)
            and _describes_inner_name(doc, item, after)
        ):
            kept.append(item)  # "Aides to Sen. Roy Hale, the Republican incumbent," → the aides
            break
        if after is not None and _describes_the_names(doc, item, items[number + 1 :]):
            continue  # "Two trustees who opposed it, Ana Lopes and Ian Greer," → the two names
        if after is not None and item.comma_after and after.comma_closed:
            described_name = not _is_name(doc, item) and _gives_a_name(doc, after)
            if described_name and item_head(doc, item).pos_ in {"NOUN", "PROPN"}:
                continue  # keep the name that follows, drop its description
        if (
            after is not None
            and item.comma_after
            and after.comma_after
            and (_is_name(doc, item) or _an_untagged_name(doc, item, after))
            and _is_description(doc, after)
        ):
            kept.append(item)
            skip_next = True
            continue
        kept.append(item)
    return kept
