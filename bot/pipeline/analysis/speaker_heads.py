"""Words that never head a speaker, and the name the parser hung on them instead.

"BERLIN (dpa) - Germany's Greens have called …, saying …": when a dateline is parsed with its
sentence, the city becomes the subject and the real one its apposition. "Giving evidence on
Wednesday, Maureen Holt, 58, said …": the day becomes the subject and the witness its
apposition. A reader never takes a day, a month or a dateline city for who spoke: the name set
beside it is the speaker, and with none the speaker is left unnamed rather than wrong. Each
test looks at one token, its children or the few tokens of its own phrase.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import islice

from spacy.tokens import Span, Token

from bot.pipeline.analysis.descriptions import ONE_PERSON_DESCRIPTIONS
from bot.pipeline.analysis.names import HONORIFICS, PERSON_ROLES, PERSONAL_RELATIONS, TITLE_ROLES
from bot.pipeline.analysis.times import MONTHS, WEEKDAYS

# Labels of names that may speak; a place, a product or a law given a name beside it does not.
SPEAKING_LABELS = frozenset({"PERSON", "ORG", "NORP"})
TIME_LABELS = frozenset({"DATE", "TIME"})
DAYS = frozenset({"today", "yesterday", "tonight", "tomorrow"})
MAX_DATELINE_WORDS = 4  # "SAN JOSE", "RIO DE JANEIRO", "ST. LOUIS"
MAX_DATELINE_TAIL = 10  # ", Calif., May 2 (Reuters) -": what follows the city
DASHES = frozenset({"-", "—", "–", "--", ":"})
# Courtesy and professional titles between a title and a name: "officer of health Dr Ana Ruiz".
HONORIFIC_WORDS = frozenset(h.rstrip(".") for h in HONORIFICS) | {"professor", "judge", "justice"}
# No name at all: the claim finder leaves the speaker unnamed (see names.is_nameless).
NOBODY = ""


def is_time_word(token: Token) -> bool:
    """ "Wednesday", "March", "last year": a date or time, never a speaker. A month or day that
    is part of a person's or a body's name ("Theresa May", "Tuesday Foods") is a name."""
    if token.ent_type_ in SPEAKING_LABELS:
        return False
    lower = token.lower_
    if lower in WEEKDAYS or lower in DAYS:
        return True
    if lower in MONTHS and len(lower) > 3 and token.text[:1].isupper():
        return True
    # "2024", "10:30": a date's number; never "the 61-year-old", an age that is a person
    return token.ent_type_ in TIME_LABELS and token.like_num


def _opens_paragraph(token: Token) -> bool:
    doc = token.doc
    i = token.i
    return i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_


def is_dateline_place(token: Token) -> bool:
    """ "BERLIN (dpa) -", "SAN JOSE, Calif. —" in capitals opening a paragraph: a dateline
    read as the subject when the page layout did not set it apart (the tagger may even call the
    city a body or a person). A dateline ends with a dash within a few tokens, before any
    verb."""
    if not (token.is_upper and token.is_alpha and len(token.text) > 2):
        return False
    doc = token.doc
    start = token.left_edge.i
    if token.i - start >= MAX_DATELINE_WORDS or not _opens_paragraph(doc[start]):
        return False
    if not all(t.is_upper or t.is_punct for t in doc[start : token.i + 1]):
        return False
    bracketed = False
    for t in doc[token.i + 1 : token.i + 1 + MAX_DATELINE_TAIL]:
        if t.text in DASHES or t.text.startswith("--"):
            return True
        bracketed = (bracketed or t.text == "(") and t.text != ")"
        if t.pos_ in {"VERB", "AUX"} and not bracketed:
            return False  # "(dpa)" may be read as a verb; a verb outside brackets is a clause
    return False


def stands_for_no_speaker(token: Token) -> bool:
    """Whether a subject token is a time word or a dateline place (see the module)."""
    return is_time_word(token) or is_dateline_place(token)


def apposed_name(token: Token, entity_at: dict[int, Span]) -> Token | None:
    """The noun the parser set beside a word that names no speaker ("Wednesday, Maureen Holt,"
    "BERLIN … Germany's Greens"): its apposition, if that is a noun or name and no time."""
    for child in token.children:
        if child.dep_ != "appos" or child.pos_ not in {"NOUN", "PROPN"}:
            continue
        if is_time_word(child):
            continue
        ent = entity_at.get(child.i)
        if ent is not None and ent.label_ not in SPEAKING_LABELS and child.pos_ == "PROPN":
            continue  # "Friday, March 3,": another date, or a place
        return child
    if is_dateline_place(token):
        # "OSLO (dpa) - Norway's Centre Party said": the parser gave the verb two subjects
        for sibling in token.head.children:
            if sibling.dep_ in {"nsubj", "nsubjpass"} and sibling.i > token.i:
                return sibling
    return None


def named_beside(token: Token, entity_at: dict[int, Span]) -> Span | None:
    """ "FBI Special Agent in Charge Douglas Weir", "… for the banned booster EPO, the
    Athletics Integrity Unit said": a capitalised word that is no speaker's name (a title, a
    product, a place) with a person's or a body's name in apposition is that name."""
    if token.pos_ != "PROPN":
        return None
    own = entity_at.get(token.i)
    if own is not None and own.label_ in SPEAKING_LABELS:
        return None
    for child in token.children:
        if child.dep_ != "appos":
            continue
        ent = entity_at.get(child.i)
        if ent is not None and ent.root.i == child.i and ent.label_ in {"PERSON", "ORG"}:
            return ent
    # "DEA Special Agent in Charge Maria Okonkwo": a title running on into a person's name,
    # with no comma between, which the parser hung on the title's "in Charge"
    last = entity_at.get(token.right_edge.i)
    if last is None or last.label_ != "PERSON" or last.end != token.right_edge.i + 1:
        return None
    if last.start <= token.i or any(t.is_punct for t in token.doc[token.i : last.start]):
        return None
    return last


MAX_TITLE_WORDS = 8  # "Chief executive officer of the regional health board"
AGENT_SUFFIXES = ("er", "or", "ar", "ist", "ian", "ent", "ant")  # "commissioner", "curator"


def holds_office(token: Token) -> bool:
    """A word for a person by what they do: a role ("officer"), a title ("governor") or an
    agent noun ("commissioner", "registrar", "superintendent")."""
    lemma = token.lemma_.lower()
    if lemma in PERSON_ROLES or lemma in TITLE_ROLES or lemma in ONE_PERSON_DESCRIPTIONS:
        return True
    return lemma.endswith(AGENT_SUFFIXES)


def titled_name(token: Token, entity_at: dict[int, Span]) -> Span | None:
    """ "Medical officer of health Dr Ana Ruiz said", "Commissioner of police Omar Said said":
    a title written in front of a name, with no comma and no article, whose "of" phrase the
    parser ran into the name (or gave the verb the name as a second subject). The person named
    is the speaker. Never "the lawyer for Ana Ruiz" or "a friend of Ana Ruiz": the word before
    the name is part of the title, not a preposition, and the title has no determiner."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.i in entity_at or not holds_office(token):
        return None
    if any(c.dep_ in {"det", "poss"} for c in token.children):
        return None
    doc = token.doc
    edge = token.right_edge.i
    last = entity_at.get(edge)
    if last is None or last.end != edge + 1 or last.start <= token.i:
        # "officer of health [Dr Ana Ruiz] said": the name as the verb's other subject
        i = edge + 1
        while i < len(doc) and i - edge <= 2 and doc[i].lower_.rstrip(".") in HONORIFIC_WORDS:
            i += 1
        last = entity_at.get(i)
        if last is None or last.start != i or i - edge > 2:
            return None
        subject = last.root
        if subject.dep_ not in {"nsubj", "nsubjpass"} or subject.head.i != token.head.i:
            return None
    if last.label_ != "PERSON" or last.start - token.i > MAX_TITLE_WORDS:
        return None
    before = doc[last.start - 1]
    while before.i > token.i and before.lower_.rstrip(".") in HONORIFIC_WORDS:
        before = doc[before.i - 1]
    if before.i == token.i or before.pos_ not in {"NOUN", "PROPN", "ADJ"}:
        return None  # "the lawyer for Ana Ruiz", "chief Ana Ruiz" (named_beside's case)
    if any(t.is_punct or t.lower_ in {"and", "or"} for t in doc[token.i : last.start]):
        return None
    return last


SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# What may stand between a body's name and a person's in "Vejlby forward Sam Osei said":
# role words and titles ("head coach", "chief executive", "Minister of Health"), never a
# comma, a conjunction, a verb or a pronoun, which would make two speakers of the words.
TITLE_POS = frozenset({"NOUN", "PROPN", "ADJ", "ADV", "ADP", "PART", "NUM"})
MAX_NAME_WORDS = 5  # "Samuel Osei-Bonsu": a name's last word, where its root is


def premodified_person(token: Token, entity_at: dict[int, Span]) -> Span | None:
    """ "Vejlby forward Samuel Osei-Bonsu said": a phrase headed by a person's name, with the
    person's club, firm or country in front, which the parser split into two subjects of one
    verb (the role word read as an adverb) or into a body with the person in apposition. The
    person is the speaker, never the body in front; with a comma or "and" between, the two are
    two subjects (or a real apposition) and are left alone."""
    if token.dep_ not in SUBJECTS:
        return None
    doc = token.doc
    verb = token.head
    # the name as the verb's second subject, or as an "apposition" with no comma before it:
    # only the few tokens after the subject are looked at (a run-on verb may have thousands)
    person = next(
        (
            c
            for c in doc[token.i + 1 : token.i + 2 + MAX_TITLE_WORDS + MAX_NAME_WORDS]
            if (c.dep_ in SUBJECTS and c.head.i == verb.i)
            or (c.dep_ == "appos" and c.head.i == token.i)
        ),
        None,
    )
    ent = entity_at.get(person.i) if person is not None else None
    if ent is None or ent.label_ != "PERSON" or ent.root.i != person.i or ent.start <= token.i:
        return None
    if ent.start - token.i > MAX_TITLE_WORDS:
        return None
    for between in doc[token.i + 1 : ent.start]:
        if between.pos_ not in TITLE_POS or between.lower_ in {"and", "or", "nor"}:
            return None
        if between.tag_ in {"PRP", "PRP$", "WP", "WDT"} or between.is_space:
            return None
    return ent


AFFILIATIONS = frozenset({"of", "at", "from", "with"})


def affiliated_person(token: Token, entity_at: dict[int, Span]) -> Span | None:
    """ "his agent, Marcus Bell of Pinnacle Sports Group, told ESPN": a body named only as where
    a person works is never the speaker the parser took it for; the person is. The holder must
    be a person's name, or a name given to a person's role ("agent", "lawyer") in apposition."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in AFFILIATIONS or prep.dep_ != "prep":
        return None
    holder = prep.head
    ent = entity_at.get(holder.i)
    if ent is None or ent.root.i != holder.i or holder.pos_ != "PROPN":
        return None
    name = token.doc[ent.start : min(ent.end, prep.i)]  # never "Devon Achebe of"
    if ent.label_ == "PERSON":
        return name
    role = holder.head.lemma_.lower()
    if holder.dep_ == "appos" and (role in PERSON_ROLES or role in PERSONAL_RELATIONS):
        return name  # a person the tagger took for a body
    return None


ANONYMITY_WORDS = frozenset({"anonymity", "anonymous", "anonymously"})
NAMING_LEMMAS = frozenset({"name", "identify", "authorise", "authorize", "quote"})


def anonymity_clause(token: Token) -> Token | None:
    """ "the minister, who asked not to be named", "an official who spoke on condition of
    anonymity": the relative clause in which the story says it keeps its source unnamed (a
    short clause: its words are looked at once)."""
    for clause in token.children:
        if clause.dep_ not in {"relcl", "acl"} or clause.i < token.i:
            continue
        # one past the limit at most: a run-on's relative clause is not listed whole for each
        # subject (that made a run-on sentence quadratic)
        words = list(islice(clause.subtree, MAX_ANONYMITY_CLAUSE + 1))
        if len(words) > MAX_ANONYMITY_CLAUSE:
            continue
        if any(w.lower_ in ANONYMITY_WORDS for w in words):
            return clause
        negated = any(w.dep_ == "neg" or w.lower_ == "not" for w in words)
        if negated and any(_kept_unnamed(w) for w in words):
            return clause
    return None


MAX_ANONYMITY_CLAUSE = 16


def _kept_unnamed(word: Token) -> bool:
    """ "not to be named", "not authorised to speak": the source is the one not named; "who did
    not name them", "would not identify the suspect" name someone else (the verb has an object)."""
    if word.lemma_.lower() not in NAMING_LEMMAS:
        return False
    return word.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in word.children)


# "a dozen residents", "a handful of fans": "a" with a plural that is counted, not misread.
QUANTITY_NOUNS = frozenset("dozen handful couple pair score number few lot host".split())


def swallowed_apposition(token: Token) -> list[Token]:
    """ "…, a figure economists said was high", "a move campaigners said would hurt": the parser
    reads an appositive noun and the relative clause's subject as one phrase. "a"/"an" never
    goes with a plural, so it and the singular noun right after it are the apposition's, and
    the speaker is the plural ("economists", "defense lawyers")."""
    if token.tag_ not in {"NNS", "NNPS"}:
        return []
    det = next((c for c in token.children if c.dep_ == "det" and c.lower_ in {"a", "an"}), None)
    if det is None or det.i + 1 >= token.i:
        return []
    noun = token.doc[det.i + 1]
    if noun.tag_ != "NN" or noun.dep_ not in {"compound", "nmod"} or noun.lower_ in QUANTITY_NOUNS:
        return []
    return [det, noun]


PRE_MODIFIERS = frozenset({"compound", "amod"})


def clause_words(token: Token, without: Collection[Token]) -> list[Token]:
    """Which of ``without`` (a speaker noun's children inside the statement) really belong to
    the statement. "a decision defense lawyers said could …": words in front of the noun are its
    own, whatever the statement's bounds; "civil liberties groups" keeps its adjective; the
    first of two phrases run together ("a decision") and an apposition's "a figure" do not."""
    kept = [c for c in without if c.i > token.i or c.dep_ not in PRE_MODIFIERS or c.pos_ == "VERB"]
    own = [
        g
        for c in without
        if c.i < token.i and c.dep_ in PRE_MODIFIERS and c.pos_ != "VERB"
        for g in c.children
        if g.i < c.i and not (g.dep_ == "amod" and g.pos_ == "ADJ")
    ]
    return [*kept, *own, *swallowed_apposition(token)]
