"""Speech the small parser misread: a speech verb tagged as a noun ("Figures published on
Tuesday show …", "Prosecutors allege Dade spent …" read as one noun phrase) and a reported
clause read as a relative one ("told detectives he fired …"). Each check looks at a token's
children and a few neighbours.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.layout import sentence_of
from bot.pipeline.analysis.lexicon import PROCEEDINGS, SPEECH_VERBS
from bot.pipeline.analysis.times import WEEKDAYS

TELLING_VERBS = frozenset("tell inform assure warn remind advise".split())
MAX_NAME_TOKENS = 6  # "Harlow Foods Inc", "Bank of Ireland" is no single run of names
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
