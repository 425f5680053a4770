"""Statements whose speaker comes after them: "…, Fire Chief Ana Ruiz told the council."

Wire copy puts the news first and the source last: "Detours will add 15 minutes, the agency
said", "…, prosecutors said in a filing", "…, said Dr. Kim Lee". The small parser often joins
the speech verb to the statement as a second clause ("need … and told"), so the verb reports
nothing it can see. Read from the surface instead: a speech verb that ends its sentence (after
it only whom it was said to, where and when), a short noun phrase before it set off by a comma,
and before that comma a statement with a finite verb. A sentence the parser opened at that comma
(", parks planner Owen Lasky said.") takes its statement from the sentence before, in the same
paragraph. Each check looks at a bounded window of tokens.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.layout import paragraph_breaks, paragraph_of, sentence_of
from bot.pipeline.analysis.lexicon import DOCUMENT_SOURCES, FINITE_TAGS, SUBJECT_DEPS
from bot.pipeline.analysis.names import Speaker
from bot.pipeline.analysis.raw import MAX_CLAIM_TOKENS
from bot.pipeline.analysis.sources import named_after
from bot.pipeline.analysis.text import OPENING_MARKS, tokens_text

MAX_SPEAKER_TOKENS = 12  # "county health officer Dr. Ruth Almond", "a spokesperson for the city"
MAX_FRAME_TOKENS = 14  # "told the Board of Supervisors on Tuesday night in a letter"
MAX_INVERTED_SUBJECT_TOKENS = 30  # "said the people, who asked not to be identified because …"
MIN_CONTENT_WORDS = 3
MAX_NAME_WORDS = 4  # "Dr Ana María Ruiz"
CLOSING_MARKS = frozenset({'"', "”", "’", "''", "'"})
# Words inside a speaker's noun phrase ("a spokesperson for the city", "Smith and Jones").
PHRASE_POS = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART", "CCONJ", "ADV"})
# "a survey of analysts by Bloomberg": who made a document is part of its phrase
PHRASE_PREPOSITIONS = frozenset({"for", "of", "at", "with", "in", "to", "on", "by"})
# "more than analysts had forecast", "as economists expected": a comparison, not a source.
COMPARISON_WORDS = frozenset({"than", "as", "what", "like", "unlike"})
SUBORDINATORS = frozenset(
    "when whenever if unless while because although though since after before once as asked "
    "whether until".split()
)
# Verbs whose object is whom the statement was made to ("told the council").
# Participles by which a speaker gives a reason: "…, the company said, blaming high costs".
REASON_VERBS = frozenset({"blame", "cite"})
RECIPIENT_VERBS = frozenset("tell inform brief assure warn remind advise write".split())


def _words(doc: Doc, start: int, end: int) -> list[Token]:
    return [t for t in doc[start:end] if not (t.is_punct or t.is_space)]


def _frame_only(doc: Doc, verb: Token, end: int) -> bool:
    """After the verb only whom it was told, where and when: no clause, nothing long."""
    if end - verb.i > MAX_FRAME_TOKENS + MAX_INVERTED_SUBJECT_TOKENS:
        return False  # far from the sentence end: checked in constant time on run-on text
    after = _words(doc, verb.i + 1, end)
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i), None)
    if subject is not None and subject.right_edge.i - verb.i <= MAX_INVERTED_SUBJECT_TOKENS:
        # "…, said the people, who asked not to be named": the speaker's own phrase
        after = [t for t in after if not subject.left_edge.i <= t.i <= subject.right_edge.i]
    if len(after) > MAX_FRAME_TOKENS:
        return False
    for child in verb.children:
        if child.dep_ == "prt" or (
            child.dep_ == "dobj" and verb.lemma_.lower() not in RECIPIENT_VERBS
        ):
            return False  # "ruled out a tax", "announced a plan": not an attribution
    # "in an update posted to its website": a participle describing the frame's noun
    return not any(
        (t.pos_ in {"VERB", "AUX"} and not _describes_frame(t, verb)) or t.dep_ in {"ccomp", "mark"}
        for t in after
    )


def _describes_frame(participle: Token, verb: Token) -> bool:
    """ "said in an update posted Tuesday", "told reporters in a letter sent to staff": a past
    participle on a noun after the speech verb says which statement, not what was said."""
    return (
        participle.tag_ == "VBN"
        and participle.dep_ == "acl"
        and participle.head.pos_ == "NOUN"
        and verb.i < participle.head.i < participle.i
    )


def _comma_before(doc: Doc, i: int, first: int) -> int | None:
    """Index of the comma just before token ``i`` (a closing quotation mark may sit between:
    '…,” Smith said'), or None."""
    j = i - 1
    while j >= first and doc[j].text in CLOSING_MARKS:
        j -= 1
    return j if j >= first and doc[j].text == "," else None


def _name_then_description(doc: Doc, verb: Token, first: int) -> tuple[int, Token] | None:
    """'"…," Reyes, a 38-year-old teacher, told supporters': a name right after the closing
    mark, set off with a description before the verb, is the speaker; the parser hangs both on
    the quotation. Returns where the name starts and its last word."""
    if verb.i - 1 <= first or doc[verb.i - 1].text != ",":
        return None
    low = max(first, verb.i - MAX_INVERTED_SUBJECT_TOKENS)
    mark = next((j for j in range(verb.i - 2, low, -1) if doc[j].text in CLOSING_MARKS), None)
    if mark is None or doc[mark - 1].text != ",":
        return None
    end = mark + 1
    while end < verb.i and doc[end].pos_ == "PROPN" and end - mark <= MAX_NAME_WORDS:
        end += 1
    if end == mark + 1 or doc[end].text != ",":
        return None
    return mark + 1, doc[end - 1]


def _phrase_start(doc: Doc, verb: Token, first: int) -> tuple[int, Token] | None:
    """Where the speaker's phrase before the verb starts, and its head: the verb's subject
    when the parser found one there, else the head the surface shows ("Fire Chief Luis Amador"
    → Amador; "a spokesperson for the city" → spokesperson)."""
    i = verb.i - 1
    while i >= first and verb.i - i <= MAX_SPEAKER_TOKENS:
        token = doc[i]
        if token.text == "," or (
            token.text in CLOSING_MARKS and i > first and doc[i - 1].text == ","
        ):
            break  # '…," EU competition chief Alina Dobrev told …'

        if token.lower_ in COMPARISON_WORDS or token.tag_ in {"JJR", "RBR"}:
            return None
        phrase_word = token.pos_ in PHRASE_POS or token.dep_ in {"compound", "amod", "aux"}
        preposition = token.pos_ == "ADP" and token.lower_ in PHRASE_PREPOSITIONS
        # "a person briefed on the plans", "an official involved in the talks"
        participle = token.tag_ == "VBN" and token.dep_ == "acl" and i < verb.i - 1
        joining = token.is_punct and token.text in {".", "-", "’s", "'s"}
        if not (phrase_word or preposition or joining or participle):
            return None
        i -= 1
    start = i + 1
    if doc[start].pos_ == "CCONJ":
        return None  # "…, but the governor ruled": a second clause, not a speaker's name
    if any(
        t.pos_ == "DET" and doc[t.i - 1].pos_ in {"NOUN", "PROPN"} for t in doc[start + 1 : verb.i]
    ):
        return None  # "…, a claim the rebels denied": a noun and a clause about it
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and start <= c.i), None)
    if subject is not None:
        return start, subject
    nouns = [t for t in doc[start : verb.i] if t.pos_ in {"PROPN", "NOUN", "PRON"}]
    if not nouns:
        return None
    preposition = next((t.i for t in doc[start : verb.i] if t.pos_ == "ADP"), None)
    if preposition is not None:
        before = [t for t in nouns if t.i < preposition]
        return (start, before[-1]) if before else None
    named = [t for t in nouns if t.ent_type_ in {"PERSON", "ORG"}]
    return start, (named or nouns)[-1]


def _has_finite_verb(doc: Doc, start: int, end: int) -> bool:
    """Within a claim's length before ``end``: a run-on text costs a window per verb."""
    first = max(start, end - MAX_CLAIM_TOKENS)
    return any(
        t.tag_ in FINITE_TAGS
        or t.pos_ == "AUX"
        # "Cartels of this kind drive up costs" with "drive" tagged as a bare infinitive
        or (t.tag_ == "VB" and any(c.dep_ == "nsubj" for c in t.children))
        for t in doc[first:end]
    )


def _only_a_subordinate_clause(doc: Doc, start: int, end: int) -> bool:
    """ "When asked whether …", "If the council agrees": a clause that opens with a
    subordinator and has no comma after which a main clause could follow."""
    first = next((t for t in doc[start:end] if not (t.is_punct or t.is_space)), None)
    if first is None:
        return False
    opens = first.lower_ in SUBORDINATORS or first.tag_ == "VBN"
    window = doc[first.i + 1 : min(end, first.i + 1 + MAX_CLAIM_TOKENS)]
    # "Whether we win is another matter": the clause is the subject of a main clause
    subject = first.head.dep_ == "csubj"
    return opens and not subject and not any(t.text == "," for t in window)


def _enough_words(doc: Doc, start: int, end: int) -> bool:
    """At least ``MIN_CONTENT_WORDS`` words, counted back from ``end`` and no further."""
    count = 0
    for i in range(end - 1, start - 1, -1):
        token = doc[i]
        count += not (token.is_punct or token.is_space)
        if count >= MIN_CONTENT_WORDS:
            return True
    return False


def _joined(verb: Token) -> tuple[Token, Token] | None:
    """ "…, the department said Friday, and six were hospitalized": the conjunction and the
    clause with a subject of its own that the parser joined to the attribution."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ != "conj" or child.i < verb.i or child.pos_ not in {"VERB", "AUX"}:
            continue
        if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children):
            continue
        cc = next((c for c in verb.children if c.dep_ == "cc" and verb.i < c.i < child.i), None)
        if cc is not None and doc[cc.i - 1].text == ",":
            return cc, child
    return None


def _attribution_end(verb: Token, s_end: int) -> int:
    """Where the attribution after a statement ends: the sentence end, or the comma that
    opens a clause joined to it (", and six were hospitalized") or a participle set off
    after it (", making it harder to register")."""
    joined = _joined(verb)
    if joined is not None:
        return joined[0].i - 1
    doc = verb.doc
    for child in verb.children:
        first = child.left_edge.i
        set_off = child.i > verb.i and first > 0 and doc[first - 1].text == ","
        if child.dep_ in {"advcl", "xcomp"} and child.tag_ == "VBG" and set_off:
            return first - 1
    if any(c.dep_ in SUBJECT_DEPS and c.i > verb.i for c in verb.children):
        return s_end  # "…, said Dr. Kim Lee, a cardiologist": the speaker's own phrase
    # "…, local police said, the latest in a series of attacks": what a comma sets off after
    # the attribution describes the news, and the attribution ends at that comma
    for i in range(verb.i + 1, min(s_end, verb.i + MAX_FRAME_TOKENS + 1)):
        if doc[i].text == "," and i + 1 < s_end and not doc[i + 1].is_punct:
            return i
    return s_end


def joined_statement(verb: Token, content_end: int) -> tuple[int, frozenset[int]] | None:
    """ "At least 23 people fell ill, the department said, and six were hospitalized": the
    clause joined after the attribution is said too. Returns the claim's new end and the
    attribution's tokens, which the claim skips."""
    joined = _joined(verb)
    if joined is None or content_end > verb.i:
        return None
    cc, clause = joined
    end = clause.right_edge.i + 1
    while end > cc.i + 1 and verb.doc[end - 1].is_punct:
        end -= 1
    return end, frozenset(range(content_end + 1, cc.i))


def reason_after(verb: Token, content_end: int) -> tuple[int, frozenset[int]] | None:
    """ "Rheinwald will cut 2,000 jobs, the company said, blaming high energy costs": the
    reason a speaker gives after the statement is part of it. Returns the
    claim's new end and the attribution's tokens, which the claim skips."""
    doc = verb.doc
    for child in verb.children:
        first = child.left_edge.i
        if child.i < max(verb.i, content_end) or child.tag_ != "VBG" or doc[first - 1].text != ",":
            continue
        if child.lemma_.lower() not in REASON_VERBS:
            continue
        obj = next((c for c in child.children if c.dep_ == "dobj"), None)
        if obj is None or obj.ent_type_ in {"PERSON", "ORG"} or obj.lower_ in {"people", "sources"}:
            return None  # "…, citing two people briefed on the plans": a source
        end = child.right_edge.i + 1
        while end > child.i and doc[end - 1].is_punct:
            end -= 1
        # "…, the company said, blaming …" skips the attribution; "said it would cut jobs,
        # blaming …" runs on
        skipped = range(content_end + 1, first) if content_end <= verb.i else range(0)
        return end, frozenset(skipped)
    return None


def _quotation_opening(doc: Doc, start: int, comma: int, verb: Token) -> int | None:
    """Where a quotation begins that runs over sentences and closes at ``comma`` ('…, "'
    or '…",'), when it opened before ``start`` in the same paragraph: its first word."""
    if not any(doc[i].text in CLOSING_MARKS for i in (comma - 1, comma + 1)):
        return None
    if any(doc[i].text in OPENING_MARKS for i in range(start, comma)):
        return None  # the quotation opens in this sentence
    breaks = paragraph_breaks(doc)
    paragraph = paragraph_of(breaks, verb.i)
    first = max(breaks[paragraph - 1] + 1 if paragraph else 0, comma - MAX_CLAIM_TOKENS)
    for i in range(start - 1, first - 1, -1):
        if doc[i].text in OPENING_MARKS:
            return i + 1
        if doc[i].text in CLOSING_MARKS - {'"'}:
            return None
    return None


def speaker_in_apposition(verb: Token, subjects: list[Token], end: int) -> tuple[int, Token] | None:
    """ "…tested positive for the blood booster EPO, the integrity unit said" read with "EPO"
    as the subject and the speaker as its apposition: the statement runs on to the comma and
    the apposition speaks. Returns the statement's end and the speaker."""
    if len(subjects) != 1 or verb.i == 0 or verb.doc[verb.i - 1].text == ",":
        return None
    subject = subjects[0]
    if subject.i > verb.i or subject.left_edge.i != end:
        return None  # the subject does not continue the statement
    doc = verb.doc
    for appos in subject.children:
        comma = appos.left_edge.i - 1
        if (
            appos.dep_ == "appos"
            and appos.i > subject.i
            and doc[comma].text == ","
            and appos.right_edge.i < verb.i
            and appos.pos_ in {"PROPN", "NOUN"}
        ):
            return comma, appos
    return None


def trailing_content(verb: Token) -> tuple[int, int, Token] | None:
    """Content before a sentence-final speech verb, and the token naming its speaker."""
    doc = verb.doc
    # A relative clause speaks for its noun ("the court, which said …"), unless the parser
    # hung a quotation's speaker on a noun inside it: '"…every business that ships goods by
    # rail," EU competition chief Alina Dobrev told a news conference.'
    relative = verb.dep_ in {"relcl", "acl"}
    s_start, s_end = sentence_of(doc, verb.i)
    if not _frame_only(doc, verb, _attribution_end(verb, s_end)):
        return None
    if _comma_before(doc, verb.i, s_start) is not None:
        # "…, said Dr. Kim Lee.": the speaker follows the verb
        after = [c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i]
        speaker = named_after(verb) or (after[0] if after else None)
        comma = _comma_before(doc, verb.i, s_start)
        described = _name_then_description(doc, verb, s_start) if speaker is None else None
        if described is not None:  # '"…," Reyes, a teacher, told supporters'
            speaker, comma = described[1], _comma_before(doc, described[0], s_start)
    else:
        phrase = _phrase_start(doc, verb, s_start)
        if phrase is None:
            return None
        start, speaker = phrase
        comma = _comma_before(doc, start, s_start)
        quoted = start > s_start and doc[start - 1].text in CLOSING_MARKS
        # "…barrels, a survey of analysts showed" hung on "barrels" as a relative clause with
        # no relative pronoun: still a source after its statement
        pronoun = any(t.tag_ in {"WDT", "WP", "WP$"} for t in doc[start : verb.i])
        if relative and not quoted and (pronoun or speaker.lemma_.lower() not in DOCUMENT_SOURCES):
            return None
    if relative and comma is not None and doc[verb.i - 1].text == ",":
        return None  # "…, which said"
    if speaker is None or comma is None:
        return None
    content_start = s_start
    if not any(not (t.is_punct or t.is_space) for t in doc[s_start:comma]):
        # ", parks planner Owen Lasky said.": the parser opened a sentence at the comma
        if s_start == 0:
            return None
        breaks = paragraph_breaks(doc)
        previous = sentence_of(doc, s_start - 1)[0]
        if paragraph_of(breaks, previous) != paragraph_of(breaks, verb.i):
            return None
        content_start = previous
    if not (
        _enough_words(doc, content_start, comma) and _has_finite_verb(doc, content_start, comma)
    ):
        # '"Best coach I ever had. Period," the winger wrote.': the quotation's last sentence
        content_start = _quotation_opening(doc, content_start, comma, verb) or content_start
    colon = next((t.i for t in doc[content_start:comma] if t.text in {":", ";"}), None)
    if colon is not None and _enough_words(doc, colon + 1, comma):
        # "Researchers argue the drop is structural: a third moved, their survey found"
        content_start = colon + 1
    if not _enough_words(doc, content_start, comma):
        return None
    if not _has_finite_verb(doc, content_start, comma):
        return None  # "In a statement on Monday, the company said."
    if _only_a_subordinate_clause(doc, content_start, comma):
        return None  # "When asked whether he would run again, Smith said."
    return content_start, comma, speaker


def misread_source(verb: Token) -> Speaker | None:
    """ "…, court records show." with "show" tagged a noun: the words between the comma and
    the verb are the source."""
    doc = verb.doc
    s_start = sentence_of(doc, verb.i)[0]
    phrase = _phrase_start(doc, verb, s_start)
    if phrase is None or _comma_before(doc, phrase[0], s_start) is None:
        return None
    text = tokens_text(doc, phrase[0], verb.i)
    if not text:
        return None
    last = text.split()[-1].lower()
    return Speaker(text, "document" if last in DOCUMENT_SOURCES else "unknown")
