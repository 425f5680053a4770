"""Speech the small parser misread: a speech verb tagged as a noun ("Figures published on
Tuesday show …", "Prosecutors allege Dade spent …" read as one noun phrase, "…, court records
show, despite …"), a reported clause read as a relative one ("told detectives he fired …"), and
a "that" read as an object ("wrote on X that the party had …"). Each check looks at a token's
children and a few neighbours.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.layout import sentence_of
from bot.pipeline.analysis.lexicon import DOCUMENT_SOURCES, PROCEEDINGS, SPEECH_VERBS
from bot.pipeline.analysis.times import WEEKDAYS

TELLING_VERBS = frozenset("tell inform assure warn remind advise".split())
MAX_NAME_TOKENS = 6  # "Harlow Foods Inc", "Bank of Ireland" is no single run of names
MAX_SOURCE_TOKENS = 12  # "court records reviewed by the Ledger", set off by a comma
WHERE_PREPOSITIONS = frozenset({"on", "in", "at", "via"})  # "posted on X that …"
CLAUSE_LOOKAHEAD = 6  # "that [the ruling coalition had] …": a subject, then a finite verb
MIN_WEEKDAY_CONTENT = 3
MAX_WEEKDAY_CONTENT = 60  # a lede's forecast; a longer run is no sentence an editor reads


def speech_verb_read_as_noun(token: Token) -> bool:
    """ "The ruling states that …", "Records show that …" with the verb tagged as a noun: a
    plural-looking speech verb that governs a "that" clause is the verb."""
    if token.lemma_.lower() not in SPEECH_VERBS or token.i == token.left_edge.i:
        return False
    children = list(token.children)
    if any(c.dep_ == "nsubj" for c in children) and any(
        c.dep_ == "ccomp" and c.i > token.i for c in children
    ):
        return True  # "Figures published on Tuesday show just 18% of practices were open"
    if token.dep_ == "ROOT" and any(c.dep_ == "nsubj" and c.i < token.i for c in children):
        return True  # "Harlow Foods on Thursday forecast annual profit below estimates"
    return any(
        c.dep_ == "ccomp"
        and (
            any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            or (c.i < token.i and _ends_sentence(token))  # "…, court records show."
        )
        for c in children
    )


def document_verb_read_as_noun(token: Token) -> bool:
    """ "…, court records reviewed by the Ledger show, despite a law …" with "show" read as a
    noun: a present-tense speech verb closing a phrase set off by a comma, whose head noun is
    a document ("records show", "the filing says", "data show"), is the verb."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or lemma not in SPEECH_VERBS:
        return False
    if token.lower_ not in {lemma, lemma + "s"}:
        return False
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].text not in {",", ".", ";"}:
        return False
    low = max(-1, token.i - MAX_SOURCE_TOKENS)
    comma = next((i for i in range(token.i - 1, low, -1) if doc[i].text == ","), None)
    if comma is None:
        return False
    phrase = doc[comma + 1 : token.i]
    if any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in phrase):
        return False  # "…, a claim the rebels deny": a clause of its own
    head = next((t for t in phrase if t.pos_ == "NOUN" and t.dep_ != "compound"), None)
    return head is not None and (
        head.lemma_.lower() in DOCUMENT_SOURCES or head.lower_ in DOCUMENT_SOURCES
    )


def speech_verb_in_subject(token: Token) -> tuple[int, int, Token] | None:
    """ "Prosecutors allege Dade spent the money …" misparsed as one noun phrase ("Prosecutors
    allege Dade") subject of "spent": a present-tense speech verb tagged as a noun right after
    the noun that speaks, inside the subject of a later verb, reports that verb's clause.
    Returns the content's bounds and the speaker's token."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or token.dep_ != "compound" or lemma not in SPEECH_VERBS:
        return None
    if token.lower_ not in {lemma, lemma + "s"} or token.i == 0:
        return None
    speaker = token.doc[token.i - 1]
    plural = speaker.tag_ in {"NNS", "NNPS"}
    if speaker.pos_ not in {"NOUN", "PROPN"} or plural != (token.lower_ == lemma):
        return None  # "Prosecutors allege", "The lawsuit alleges"; not "the policy review"
    subject = token.head
    for _ in range(3):
        if subject.dep_ != "compound":
            break
        subject = subject.head
    clause = subject.head
    if subject.dep_ not in {"nsubj", "nsubjpass"} or clause.pos_ not in {"VERB", "AUX"}:
        return None
    if clause.i < token.i or speaker.head.i not in {token.i, subject.i, clause.i}:
        return None
    end = sentence_of(token.doc, token.i)[1]
    last = min(clause.right_edge.i + 1, end)
    while last > token.i + 1 and token.doc[last - 1].is_punct:
        last -= 1
    return token.i + 1, last, speaker


def speech_verb_as_modifier(token: Token) -> tuple[int, int, Token] | None:
    """ "after a judge ruled ministers had failed to …" read with "ruled" as an adjective on
    "ministers": a past-tense speech verb with a subject of its own, modifying the subject of
    a later clause, reports that clause. Returns the content's bounds and the speaker."""
    if token.dep_ not in {"amod", "compound"} or token.tag_ not in {"VBD", "VBN"}:
        return None
    if token.lemma_.lower() not in SPEECH_VERBS:
        return None
    speaker = next((c for c in token.children if c.dep_ == "nsubj" and c.i < token.i), None)
    noun = token.head
    clause = noun.head
    if speaker is None or noun.i < token.i or noun.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    if clause.pos_ not in {"VERB", "AUX"} or clause.i < noun.i:
        return None
    last = min(clause.right_edge.i + 1, sentence_of(token.doc, token.i)[1])
    while last > token.i + 1 and token.doc[last - 1].is_punct:
        last -= 1
    return token.i + 1, last, speaker


def speech_after_a_weekday(token: Token) -> tuple[int, int, Token] | None:
    """ "Tessel Foods on Monday forecast annual profit below estimates" read as one noun
    phrase: a speech verb tagged as a noun right after "on <weekday>", after a name that opens
    the sentence, reports what follows it up to a set-off participle (", citing …") or the
    sentence end. Returns the content's bounds and the speaker's token."""
    doc = token.doc
    if token.pos_ != "NOUN" or token.lemma_.lower() not in SPEECH_VERBS or token.i < 3:
        return None
    if doc[token.i - 1].lower_ not in WEEKDAYS or doc[token.i - 2].lower_ != "on":
        return None
    first, end = sentence_of(doc, token.i)
    name = doc[first : token.i - 2]
    if not 0 < len(name) <= MAX_NAME_TOKENS or doc[first].pos_ != "PROPN":
        return None
    if any(t.pos_ not in {"PROPN", "PUNCT"} or t.text == "," for t in name):
        return None
    last, stop = token.i + 1, min(end, token.i + 1 + MAX_WEEKDAY_CONTENT)
    while last < stop and not (doc[last].text == "," and doc[min(last + 1, end - 1)].tag_ == "VBG"):
        last += 1
    while last > token.i + 1 and doc[last - 1].is_punct:
        last -= 1
    if last - token.i - 1 < MIN_WEEKDAY_CONTENT:
        return None
    return token.i + 1, last, doc[token.i - 3]


def _ends_sentence(token: Token) -> bool:
    end = sentence_of(token.doc, token.i)[1]
    if end - token.i > 4:
        return False
    return all(t.is_punct or t.is_space for t in token.doc[token.i + 1 : end])


def clause_read_as_relative(verb: Token) -> Token | None:
    """ "Ruiz told detectives he fired only after …" with "he fired …" read as a relative
    clause on "detectives": after whom the speaker told, a clause that opens with its own
    personal-pronoun subject (no "who", "that" or "which") is what was told."""
    if verb.lemma_.lower() not in TELLING_VERBS:
        return None
    for obj in verb.children:
        # "told detectives he …", "told the court she …"; but "told the man she met …" is
        # one person and the clause about him
        audience = obj.tag_ in {"NNS", "NNPS"} or obj.lemma_.lower() in PROCEEDINGS
        if obj.dep_ not in {"dobj", "dative"} or not audience:
            continue
        for clause in obj.children:
            if clause.dep_ != "relcl" or clause.i < obj.i:
                continue
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            opens = clause.left_edge
            if subject is not None and subject.i == opens.i and subject.tag_ == "PRP":
                return clause
    return None


def that_after_an_adverb(clause: Token) -> bool:
    """ "said only that the team was …", "said simply that …": an adverb before "that" makes
    the parser read the reported clause as an adverbial one hung on the speech verb ("so
    that", "now that" are adverbial indeed)."""
    doc = clause.doc
    return any(
        c.dep_ == "mark"
        and c.lower_ == "that"
        and c.i > 1
        and doc[c.i - 1].dep_ == "advmod"
        and doc[c.i - 1].lower_ not in {"so", "now", "such"}
        and doc[c.i - 1].head.i == clause.i
        and doc[c.i - 2].i == clause.head.i
        for c in clause.children
    )


MAX_LABEL_TOKENS = 4  # "What they're saying:"


def section_label(token: Token) -> bool:
    """ "Details:", "Why it matters:": a word or two that opens its sentence before a colon
    names a section, not a speaker."""
    doc = token.doc
    after = token.right_edge.i + 1
    return (
        after < len(doc)
        and doc[after].text == ":"
        and after - sentence_of(doc, token.i)[0] <= MAX_LABEL_TOKENS
    )


def clause_after_that(verb: Token) -> tuple[int, int] | None:
    """ "warned that outages could last days" misparsed without a clause (the verb of the
    clause taken for an adjective): "that" right after the verb, or after its object, still
    opens what the verb reports."""
    doc = verb.doc
    limit = min(verb.right_edge.i, verb.i + 4)
    prepositions = 0
    for i in range(verb.i + 1, limit + 1):
        token = doc[i]
        # "heard that Julian Marsh, 61, forged …" with "that" read as a pronoun object
        misread = token.dep_ == "dobj" and (
            any(True for _ in token.children) or _clause_follows(token)
        )
        if token.lower_ == "that" and (token.dep_ == "mark" or misread):
            if i + 1 >= verb.right_edge.i or not verb.is_ancestor(token):
                return None
            if prepositions and token.head.dep_ in {"acl", "relcl"}:
                return None  # "adds to fears that …": the clause says what the fears are
            return i + 1, verb.right_edge.i + 1
        # "wrote on X that …": one short phrase saying where, before the "that"
        where = token.lower_ in WHERE_PREPOSITIONS
        if where and token.dep_ == "prep" and token.head.i == verb.i and prepositions == 0:
            prepositions += 1
            continue
        if token.dep_ == "pobj" and prepositions == 1 and token.head.head.i == verb.i:
            continue
        if token.dep_ not in {"dobj", "dative", "det", "compound", "amod", "poss"}:
            return None
    return None


def _clause_follows(that: Token) -> bool:
    """ "wrote on X that the party had 'chosen chaos'" with "that" read as an object: a
    subject and a finite verb right after it make it the clause's opening word."""
    doc = that.doc
    window = doc[that.i + 1 : min(len(doc), that.i + 1 + CLAUSE_LOOKAHEAD)]
    subject = next((t for t in window if t.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject is not None and any(
        t.i > subject.i and t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in window
    )
