"""Which tagged names are people, whatever label the small model gave them.

The small model often tags a person as a body or a place ("Elena Vasquez" ORG, "striker Tomi
Adeyemi" GPE) and a club or a company as a person ("Bramford Rovers" PERSON). A reader goes by
how the story uses the name: a role noun right before it ("striker", "defender"), or its last
word standing alone later ("Vasquez said") while its first word never does, makes it a
person's; a plural last word ("Rovers", "Peaks") or a club's word ("United", "City") makes it
a team's, and a business type in front ("chemicals maker") a company's. One pass over the Doc
counts the proper nouns that stand alone, so the test is linear.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from bot.pipeline.analysis.descriptions import lemma_type, portfolio_name
from bot.pipeline.analysis.genders import statement_subject
from bot.pipeline.analysis.lexicon import BUSINESS_DESCRIPTORS, PERSON_EPITHETS, SPEECH_VERBS
from bot.pipeline.analysis.name_bounds import (
    TITLE_WORDS,
    particle_joined,
    with_first_names,
    with_untagged_first_names,
    without_title,
)
from bot.pipeline.analysis.names import (
    HONORIFICS,
    PERSON_ROLES,
    is_company_name,
)
from bot.pipeline.analysis.whole_names import BODY_HEADS

# Last words of club names, which name a team and never a person.
CLUB_WORDS = frozenset(
    "united city town athletic albion county rovers rangers wanderers fc afc hotspur villa "
    "olympic sporting".split()
)
# First words of company and body names that never open a person's name.
NAME_TYPES = frozenset("the banco grupo air royal first national new".split())
MISREAD_LABELS = frozenset({"ORG", "NORP", "GPE", "LOC", "FAC"})
# Labels the tagger gives a body's name it took for a title or a thing.
OTHER_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "FAC", "EVENT", "LAW"})
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
MAX_FOLLOWING = 80  # tokens after a speaker's name searched for the "he" that goes on


def is_team_name(ent: Span) -> bool:
    """ "Bramford Rovers", "the Denver Peaks", "Harbourside United": a club, not a person."""
    last = ent[-1]
    return len(ent) > 1 and (last.tag_ == "NNPS" or last.lower_ in CLUB_WORDS)


def _standalone(token: Token) -> bool:
    """A capitalised proper noun with no other capitalised proper noun beside it."""
    doc = token.doc
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return False
    for i in (token.i - 1, token.i + 1):
        if 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
            return False
    return not (token.i > 0 and doc[token.i - 1].lower_ == "the")


def _lower_word_before(ent: Span) -> Token | None:
    """The lower-case word right in front of a name, which may say what the name is."""
    if ent.start == 0 or not ent.doc[ent.start - 1].is_lower:
        return None
    return ent.doc[ent.start - 1]


def _role_before(ent: Span) -> bool:
    """ "striker Tomi Adeyemi", "defender Samuel Okoye": a lower-case role noun in front, or
    an honorific ("Dr Mangala Rao", "Ms. Ines Varga")."""
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in HONORIFICS:
        return True
    if _title_in_front(ent):
        return True
    token = _lower_word_before(ent)
    if token is None:
        return False
    lemma = token.lemma_.lower()
    return (
        token.pos_ in {"NOUN", "VERB", "ADV"}
        and (lemma in TITLE_WORDS or token.lower_ in TITLE_WORDS)
    ) or lemma in PERSON_EPITHETS


def _title_in_front(ent: Span) -> bool:
    """ "Parent Jamal Akers", "Sergeant Ana Ruiz": a capitalised title word hung on the name
    right in front of it (the tagger leaves it out of the name)."""
    if ent.start == 0:
        return False
    token = ent.doc[ent.start - 1]
    return (
        token.text[:1].isupper()
        and token.dep_ == "compound"
        and token.head.i == ent.root.i
        and token.lower_ in TITLE_WORDS
    )


def _described_as_person(ent: Span) -> bool:
    """ "Marc Dufresnes, the city councillor who …", "Ana Sands, 34, said": a name given an
    age or a person's role in apposition is a person's, whatever its last word looks like."""
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            if child.like_num and child.i == ent.end + 1:
                return True
            lemma = child.lemma_.lower()
            if lemma in TITLE_WORDS or lemma in PERSON_ROLES:
                return True
        if child.dep_ == "npadvmod" and child.like_num and child.i == ent.end + 1:
            return True
    return False


def _speaks_of_self(ent: Span) -> bool:
    """ "Lydia Penhaligon said she had never been told": a name whose statement goes on with
    "he" or "she" as its subject is a person's."""
    root = ent.root
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in SPEECH_VERBS:
        return False
    subject = statement_subject(root)
    if subject is not None and subject.lower_ in {"he", "she"}:
        return True
    # "Ana Kerr said the levy …. She added: …": the next sentence goes on with "she"; "…
    # 'We made prudent assumptions. The economy slowed,' he said": the next speech is
    # "he"'s, with no other name between
    doc = ent.doc
    end = min(len(doc), root.i + 1 + MAX_FOLLOWING)
    for i in range(max(root.i, ent.end - 1) + 1, end):
        token = doc[i]
        if token.ent_type_ in NAMED_LABELS or (token.pos_ == "PROPN" and not token.ent_type_):
            return False  # another name ("Tuesday" is none)
        if token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_.lower() in SPEECH_VERBS:
            if token.lower_ in {"he", "she"}:
                return True
            if token.lower_ in {"it", "they"} or token.pos_ == "NOUN":
                return False  # a body's voice, or another speaker ("anyone predicted" is none)
    return False


def could_be_a_person(ent: Span) -> bool:
    """Two or three capitalised words tagged as a body or a place, shaped like a person's
    name: no team, company or body word. A hyphen joins two words of one name
    ("Jean-Pierre Makasi")."""
    words = [w for w in ent if w.text != "-"]
    return (
        ent.label_ in MISREAD_LABELS
        and len(ent) - len(words) <= 1
        and 2 <= len(words) <= 3 + len(ent) - len(words)
        and all(w.pos_ == "PROPN" and w.is_alpha and w.text[:1].isupper() for w in words)
        and words[0].lower_ not in NAME_TYPES
        and words[-1].lower_ not in BODY_HEADS
        and not is_team_name(ent)
        and not is_company_name(ent.text)
    )


def misread_people(doc: Doc, ents: Iterable[Span]) -> dict[int, Span]:
    """Names tagged as a body or a place that the story uses as a person's, by the start of
    the tagged entity, each with the whole name ("Ana Kovacs" for a tagged "Kovacs")."""
    pairs = [(e, with_first_names(e) if len(e) == 1 else e) for e in ents]
    candidates = [
        (e, span) for e, span in pairs if could_be_a_person(span) and not portfolio_name(span.text)
    ]
    if not candidates:
        return {}
    alone: dict[str, list[int]] = {}
    addressed: set[str] = set()  # "Ms Holt", "Mr. Ortiz": surnames given an honorific
    for token in doc:
        if _standalone(token):
            alone.setdefault(token.text, []).append(token.i)
        if token.i > 0 and doc[token.i - 1].lower_ in HONORIFICS and token.pos_ == "PROPN":
            addressed.add(token.text)
    people: dict[int, Span] = {}
    for ent, span in candidates:
        first, last = span[0].text, span[-1].text
        later = [i for i in alone.get(last, []) if not span.start <= i < span.end]
        # "Teammate Grace Udo", "Mrs Justice Holloway"
        titled = (span[0].lower_ in TITLE_WORDS and len(span) > 2) or span[0].lower_ in HONORIFICS
        if (
            titled
            or last in addressed
            or _role_before(span)
            or _speaks_of_self(span)
            or (later and first not in alone)
        ):
            people[ent.start] = span
    return people


def _business_before(ent: Span) -> bool:
    """ "chemicals maker Rheinhalle", "the retailer Brightmart": a business type in front."""
    token = _lower_word_before(ent)
    if token is None:
        return False
    lemma = token.lemma_.lower()
    return (
        token.pos_ == "NOUN"
        and (lemma in BUSINESS_DESCRIPTORS or lemma.endswith("maker"))
        and lemma not in {"club", "team"}
    )


def _after_the(ent: Span) -> bool:
    """ "seen by the Herald", "first reported by the Courier": one capitalised word after
    "the" is a title or a body, never a person's name ("the Herald said" is no one's)."""
    return (
        len(ent) == 1
        and ent.start > 0
        and ent.doc[ent.start - 1].lower_ == "the"
        and ent[0].tag_ == "NNP"
    )


def _described_after_its_statement(ent: Span) -> bool:
    """ "Bayline Pharmacy will close 140 stores, the company said": a name whose statement a
    business description reports after it is that business, whatever the tagger took it for
    (but "Ana Ruiz will step down, the company said" has a first name or a title to tell)."""
    root = ent.root
    clause = root.head
    if len(ent) < 2 or root.dep_ != "nsubj" or clause.dep_ != "ccomp" or clause.i < root.i:
        return False
    verb = clause.head
    if verb.lemma_.lower() not in SPEECH_VERBS or _role_before(ent) or _described_as_person(ent):
        return False
    speaker = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > clause.i), None)
    return (
        speaker is not None
        and speaker.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in speaker.children)
        and not any(c.dep_ in {"poss", "prep", "appos"} for c in speaker.children)
        and lemma_type(speaker) in {"business", "any", "civil"}
    )


def _apposed_to_a_body(ent: Span) -> bool:
    """ "The insurer, Tallis Mutual, …", "Tallis Mutual, the insurer, …": a name set beside a
    description of a body is that body's name, whatever the tagger took it for."""
    root = ent.root
    if root.dep_ == "appos" and root.head.i < ent.start:
        return _body_noun(root.head)
    return any(c.dep_ == "appos" and c.i >= ent.end and _body_noun(c) for c in root.children)


def _body_noun(token: Token) -> bool:
    """ "the insurer", "a developer": a common noun for a kind of body, no one's role."""
    return (
        token.pos_ == "NOUN"
        and token.lemma_.lower() not in TITLE_WORDS
        and lemma_type(token) is not None
        and not any(c.dep_ in {"poss", "prep"} for c in token.children)
    )


def _companies_described(doc: Doc, ents: list[Span]) -> set[int]:
    """Starts of the names ``_described_after_its_statement`` finds whose first word the
    story uses alone ("Bayline did not respond") and whose last word it never does: a
    business goes by its first word, a person by the surname."""
    found = [e for e in ents if e.label_ == "PERSON" and _described_after_its_statement(e)]
    if not found:
        return set()
    alone = {t.text for t in doc if _standalone(t)}
    return {
        e.start for e in found if e[0].text in alone and e[-1].text not in alone and e[0].is_alpha
    }


def relabelled(doc: Doc, ents: list[Span]) -> list[Span]:
    """The names with the label the story's usage gives them: a misread person's name as
    PERSON, a club or a company the tagger took for a person as ORG, a person's name cut at a
    particle ("von der") whole."""
    ents = particle_joined(doc, ents)
    people = misread_people(doc, ents)
    companies = _companies_described(doc, ents)
    person_names = {
        e.text.lower() for e in ents if e.label_ == "PERSON" and len(e) > 1 and not is_team_name(e)
    }
    endings = _name_endings(person_names)
    fixed: list[Span] = []
    for ent in ents:
        if ent.start in people:
            whole = people[ent.start]
            ent = without_title(Span(doc, whole.start, whole.end, label="PERSON"))
        elif ent.label_ == "PERSON" and (
            (is_team_name(ent) and not _described_as_person(ent) and not _title_in_front(ent))
            or _business_before(ent)
            or _after_the(ent)
            or ent.start in companies
            or _apposed_to_a_body(ent)
            or portfolio_name(ent.text)  # "Health Canada" is no one's name
        ):
            ent = Span(doc, ent.start, ent.end, label="ORG")
        elif ent.label_ in OTHER_LABELS and _apposed_to_a_body(ent):
            # "The developer, Lismore Living, had argued" with the name read as a title
            ent = Span(doc, ent.start, ent.end, label="ORG")
        elif ent.label_ in MISREAD_LABELS and _ends_a_persons_name(ent, endings):
            ent = Span(doc, ent.start, ent.end, label="PERSON")
        elif ent.label_ in MISREAD_LABELS and (titled := _titled_misread(ent)) is not None:
            ent = titled
        elif ent.label_ == "PERSON":
            ent = without_title(with_untagged_first_names(ent))
        fixed.append(ent)
    return fixed


def _titled_misread(ent: Span) -> Span | None:
    """ "[Lance Corporal Jade Whitmore]" ORG: person's titles the tagger took into a body's
    name, then a person-shaped name with no title word of its own, is that person's name
    (the titles left in front, as for "Coroner Alan Pike")."""
    doc = ent.doc
    start = ent.start
    while start < ent.end - 2 and doc[start].lower_ in TITLE_WORDS:
        start += 1
    if start == ent.start or any(t.lower_ in TITLE_WORDS for t in doc[start : ent.end]):
        return None
    rest = Span(doc, start, ent.end, label=ent.label_)
    return Span(doc, start, ent.end, label="PERSON") if could_be_a_person(rest) else None


def _ends_a_persons_name(ent: Span, endings: set[str]) -> bool:
    """ "Donnchadh Ó Ruairc said …. Ó Ruairc said": the tagger read a person's name once as a
    person's and again, shorter, as a body's; the shorter is the end of the longer."""
    if len(ent) != 2 or not all(t.text[:1].isupper() and t.is_alpha for t in ent):
        return False
    return " " + ent.text.lower() in endings


def _name_endings(names: Iterable[str]) -> set[str]:
    """Every ending of a name that starts at a space (" ó ruairc" of "donnchadh ó ruairc"): one
    set lookup per name read, not a pass over every name (a list of names was quadratic)."""
    return {name[i:] for name in names for i, char in enumerate(name) if char == " "}
