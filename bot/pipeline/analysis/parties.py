"""Who a comment request was put to, as words of the article, one party each.

A team follows up on every party a card names, so a party is always a span of the text
("her attorney", never "Osei's attorney"), and a coordinated phrase gives one party per item:
"Ms. Lund and her co-founder, Piet Aro," → Ms. Lund; Piet Aro. "Spokespeople for the mayor and
the council" → spokespeople for the mayor; the council. ``party_items`` splits the phrase into
its items (an apposition, "a lawyer for the city, Dana Cruz", keeps only the name); here each
item becomes its party.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.joined_names import PERSON_TITLES
from bot.pipeline.analysis.lexicon import CHANNELS, COMMENT_NOUNS
from bot.pipeline.analysis.names import NAME_LEADING as LEADING
from bot.pipeline.analysis.party_items import (
    CONJUNCTIONS,
    SEPARATORS,
    Item,
    clause_tokens,
    item_head,
    split_items,
    without_ages,
    without_appositions,
)
from bot.pipeline.analysis.party_words import (
    first_reporter,
    own_verbs_subject,
    part_of_a_person,
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
# What a list of noun phrases is made of ("the state's largest utility").
LIST_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PART", "NUM", "CCONJ"})
NOBODY = frozenset({"nobody", "none", "anyone", "anybody", "neither"})
# Phrases on an object that say what was asked or how, not who: "for comment", "by email".
REQUEST_PREPS = frozenset("for about on over via by regarding through".split())
# What speaks for a person: "Her office did not respond" is the person's silence.
OWN_OPERATIONS = frozenset({"office", "campaign"})
# A party left as one of these words names no one a team could follow up with.
UNNAMED_PRONOUNS = frozenset({"his", "him", "their", "them", "its"})
# "Both clubs declined": a lone plural with "both" is the party as written.
KEPT_LEADING = frozenset({"both"})


def subject_parties(subject: Token, registry: SpeakerRegistry) -> list[str]:
    """One party per coordinated item of a clause's subject."""
    body = spoken_for(subject)  # "Prairie Mutual said it would not comment" → Prairie Mutual
    if body is not None:
        return object_parties(body, registry)
    head = subject.head
    name = _name_after_participle(subject)
    if name is not None:
        return object_parties(name, registry)  # "The official appointed to …, Mark Dale,"
    subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}] or [subject]
    if not any(s.i == subject.i for s in subjects):
        subjects = [subject]
    start = min(s.left_edge.i for s in subjects)
    end = max(s.right_edge.i for s in subjects) + 1
    start = _names_set_before(subject.doc, head, start)
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


def _name_after_participle(subject: Token) -> Token | None:
    """ "The mediator appointed to the talks, Lindiwe Ngata, did not respond": the parser makes
    the participle a verb with the description its subject and hangs the name set off by
    commas on it; the name is the party. Only a lone description ("Neither X nor the
    mediator …" keeps both)."""
    participle = subject.head
    if subject.dep_ != "nsubj" or participle.tag_ not in {"VBN", "VBD"}:
        return None
    if participle.i != subject.right_edge.i + 1 or subject.pos_ != "NOUN":
        return None
    if any(c.dep_ in {"aux", "auxpass", "dobj"} for c in participle.children) or any(
        c.dep_ == "conj" for c in subject.children
    ):
        return None
    doc = subject.doc
    for child in participle.children:
        after_comma = child.left_edge.i > 0 and doc[child.left_edge.i - 1].text == ","
        if child.dep_ in {"npadvmod", "appos", "dep"} and child.pos_ == "PROPN" and after_comma:
            return child
    return None


def _names_set_before(doc: Doc, verb: Token, start: int) -> int:
    """ "Fairway and Dunmore, the two chains named in the paper, declined": the small parser
    leaves names set before their description hanging on the verb; the subject starts at them
    when only a comma lies between."""
    if start < 2 or doc[start - 1].text != ",":
        return start
    names = doc[start - 2]
    top = names
    for _ in range(3):  # "Dunmore" → "Fairway", the first of the list
        if top.dep_ != "conj" or top.head.i >= top.i:
            break
        top = top.head
    if top.head.i != verb.i or top.dep_ not in {"dep", "npadvmod", "nsubj"} or top.pos_ != "PROPN":
        return start
    if names.pos_ != "PROPN" or any(doc[i].pos_ == "VERB" for i in range(top.left_edge.i, start)):
        return start
    if names.ent_type_ in {"DATE", "TIME"}:
        return start  # "Reached by phone Tuesday, Reyes declined": when, not who
    return top.left_edge.i


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
    skip = clause_tokens(doc, start, end)
    items = split_items(doc, start, end, skip)
    items = without_ages(doc, items)
    if len(items) == 1 and _neither_of_them(doc, start, items[0]):
        return []  # "Neither man responded": the two named before (see ``asked``)
    if len(items) == 1 and _lone_plural_with_both(doc, start, items[0]):
        items = [Item(start, items[0].end, True)]  # "Both clubs declined to comment"
    items = without_appositions(doc, items)
    names: list[str] = []
    listed = {_bare(tokens_text(doc, i.start, i.end, skip)) for i in items[:MAX_PARTIES]}
    for item in items[:MAX_PARTIES]:
        name = _one_party(doc, item.start, item.end, registry, skip)
        own = tokens_text(doc, item.start, item.end, skip)
        others = listed - {_bare(own)}
        if _bare(name) != _bare(own) and any(other in _bare(name) for other in others):
            name = own  # "the fire chief, Palmer County and …": each item is its own party
        if name.lower() in UNNAMED_PRONOUNS:
            continue  # "calls to his mobile phone" when no one "his" stands for is named
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return names


def _bare(name: str) -> str:
    return name.lower().removeprefix("the ")


def _neither_of_them(doc: Doc, start: int, item: Item) -> bool:
    head = item_head(doc, item)
    return (
        item.start == start + 1
        and doc[start].lower_ in {"neither", "either"}
        and head.pos_ == "NOUN"
    )


def _lone_plural_with_both(doc: Doc, start: int, item: Item) -> bool:
    first = doc[start]
    head = item_head(doc, item)
    return (
        item.start == start + 1
        and first.lower_ in KEPT_LEADING
        and head.tag_ == "NNS"
        and head.pos_ == "NOUN"
    )


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
    item = Item(start, end, True)
    head = item_head(doc, item)
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
        # "the club" is never a player: the body it describes, or the words as written
        body = registry.described_organisation(head) if end - start <= 3 else None
        return body.name if body is not None and written(doc, body.name) else text
    if qualifier_unmatched(doc, start, head, resolved.name):
        return text  # "the interior ministry" is not the union named before
    if head.pos_ == "NOUN" and own_verbs_subject(head, resolved.name, registry):
        return text  # "The Sentinel called the company": the company is not the Sentinel
    if head.pos_ == "NOUN" and head.lemma_.lower() in BODIES and _not_a_body(doc, resolved.name):
        return text  # "ESPN first reported … The team did not respond": not ESPN
    if head.pos_ == "NOUN" and the_asker(head, resolved.name, registry):
        return text  # "questions from the BBC, the club said": the club is not the BBC
    if head.pos_ == "NOUN" and _its_owner(doc, head, resolved.name):
        return text  # "Palm Terrace's administrator" is someone at Palm Terrace, not the home
    owner = _pronoun_owner(doc, head, resolved.name)
    if owner is not None:
        return owner  # "Her office did not respond" → the senator named before
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


def _its_owner(doc: Doc, head: Token, name: str) -> bool:
    """Whether ``name`` is only the owner written before the item's noun: "Palm Terrace's
    administrator", "the club's owner" are a person there, never the body itself (its office
    or campaign speaks for a person, see ``_pronoun_owner``)."""
    if head.lemma_.lower() in OWN_OPERATIONS:
        return False
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
            owner = tokens_text(doc, child.left_edge.i, child.i + 1).lower()
            if _bare(owner) == _bare(name) or _bare(name).endswith(_bare(owner)):
                return True
    return False


def _pronoun_owner(doc: Doc, head: Token, name: str) -> str | None:
    """ "Her office", "his campaign": the press operation of the person a pronoun stands for, who
    is the one to follow up with; the name as written in the article ("Ruth Adler"), never
    "Ruth Adler's office", which the article does not write."""
    if head.lemma_.lower() not in OWN_OPERATIONS:
        return None
    if not any(c.dep_ == "poss" and c.lower_ in {"his", "her"} for c in head.children):
        return None
    for suffix in ("'s", "’s"):
        owner, _, rest = name.partition(suffix + " ")
        if rest and rest.split()[-1].lower() == head.lower_ and written(doc, owner):
            return owner
    return None


def _not_a_body(doc: Doc, name: str) -> bool:
    """An outlet that broke the story, or a word of a person's name: what "the team" or "the
    company" never stands for."""
    titled = name.split()[0].lower().rstrip(".") in PERSON_TITLES if name.split() else False
    return titled or first_reporter(doc, name) or part_of_a_person(doc, name)


def _refers_back(doc: Doc, start: int, end: int) -> bool:
    """ "either firm", "both agencies", "the two companies": parties named before."""
    words = [doc[i] for i in range(start, min(end, start + 2))]
    if words and words[0].lower_ == "the":
        words = words[1:]
    return bool(words) and (words[0].lower_ in {"either", "both"} or words[0].like_num)
