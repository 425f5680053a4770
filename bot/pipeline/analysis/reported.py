"""More of what a speech verb reports, in wordings wire copy uses and the small parser splits.

Split from ``clauses``: a report inside a relative clause ("a cost which critics say could
exceed $2bn"), a second reported clause sharing the first one's subject ("said the club was
disappointed and would consider an appeal"), a refusal to comment joined to a statement ("said
it was reviewing the matter and had no further comment"), and a reported clause the parser
made the speech verb's second subject ("X said a client he knew had asked him …").
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.comment_grammar import refuses_comment
from bot.pipeline.analysis.lexicon import RELATIVE_PRONOUNS, SPEECH_VERBS, SUBJECT_DEPS
from bot.pipeline.analysis.raw import MAX_CLAIM_TOKENS
from bot.pipeline.analysis.text import OPENING_MARKS

# A modal in the past: a clause in reported speech ("would consider", "could take weeks"); the
# narrator's own sequel to a speech verb ("said so and left") carries none.
REPORTED_MODALS = frozenset("would could might should 'd".split())
BACKSHIFT_AUX = REPORTED_MODALS | {"had"}  # "and had arranged …": past perfect, reported
STANCE_VERBS = frozenset("expect anticipate believe intend plan hope".split())
MAX_QUOTE_LEAD = 4  # 'but "nobody is …"', 'and had "never seen …"': joining words, then the mark
CLAUSE_TAKING_LEMMAS = frozenset("say insist argue contend add state tell".split())
MIN_HIDDEN_CLAUSE_TOKENS = 5


def relative_report(verb: Token) -> tuple[int, int] | None:
    """ "the hospital, which opposition parties say could exceed €2bn", "the driver, who police
    said was not wearing a seatbelt": the relative pronoun is the subject of what the speaker
    says; the report is the clause after the speech verb. The parser hangs the pronoun on the
    clause or, next to the speaker, on the speech verb."""
    if verb.dep_ != "relcl":
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i]
    pronoun_on_verb = len(subjects) == 2 and subjects[0].lower_ in RELATIVE_PRONOUNS
    for clause in verb.children:
        if clause.dep_ not in {"ccomp", "xcomp"} or clause.pos_ not in {"VERB", "AUX"}:
            continue
        if clause.i < verb.i:
            continue
        own = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
        pronoun_on_clause = any(c.lower_ in RELATIVE_PRONOUNS and c.i < verb.i for c in own)
        if pronoun_on_clause or (pronoun_on_verb and not own):
            return verb.i + 1, clause.right_edge.i + 1
    return None


def modal_conjuncts(verb: Token, clauses: list[Token]) -> list[Token]:
    """ "said the club was 'bitterly disappointed' and would consider an appeal", parsed with
    "would consider" joined to "said": a verb after the reported clause, joined to the speech
    verb, continues the report when it is backshifted the way reported speech is (a past
    modal, or "had" + participle: "and had arranged extra collections"), or when it opens in
    the speaker's quoted words ('was relieved but "nobody is walking away whole"'). The
    narrator's own sequel ("said so and left", "said X, and critics disagree") has neither.
    A set-off participle ("confirmed the move, saying it would reflect and had not ruled out a
    new bid") reports for the verb it hangs on, so that verb's conjuncts are read the same way."""
    if not clauses:
        return []
    hosts = [verb]
    if verb.tag_ == "VBG" and verb.dep_ in {"advcl", "xcomp"} and verb.head.i < verb.i:
        hosts = [verb.head]
    hosts = [h for h in hosts if h.tag_ in {"VBD", "VBN"}]
    last = max(c.right_edge.i for c in clauses)
    return [
        c
        for host in hosts
        for c in host.children
        if c.dep_ == "conj"
        and c.i > last
        and c.pos_ in {"VERB", "AUX"}
        # "and had never been told of it", "and had not ruled out a bid": no new speech act
        # (a passive or negated one is reported)
        and (
            c.lemma_.lower() not in SPEECH_VERBS
            or any(g.dep_ in {"auxpass", "neg"} for g in c.children)
        )
        and (
            _opens_quoted(c, last)
            or (
                not any(g.dep_ in SUBJECT_DEPS for g in c.children)
                and (
                    any(g.dep_ == "aux" and g.lower_ in BACKSHIFT_AUX for g in c.children)
                    # "and did not expect to resume production until March": a stance is
                    # no act the narrator reports, so it is what was said
                    or c.lemma_.lower() in STANCE_VERBS
                )
            )
        )
    ]


def _opens_quoted(conjunct: Token, last: int) -> bool:
    """The conjunct's first words, after the joining word, open a quotation."""
    doc = conjunct.doc
    start = conjunct.left_edge.i
    for i in range(max(start, last + 1), min(conjunct.i, start + MAX_QUOTE_LEAD) + 1):
        if doc[i].text in OPENING_MARKS:
            return True
        if not (doc[i].dep_ in {"cc", "aux", "neg", "punct"} or doc[i].dep_ in SUBJECT_DEPS):
            return False
    return False


def refusal_conjunct(clause: Token) -> Token | None:
    """ "said it was reviewing the matter and had no further comment": the refusal is the
    joined clause; what comes before it is a statement. Returns the refusing conjunct."""
    if clause.lemma_.lower() in {"comment", "discuss", "decline", "refuse"}:
        return None
    if any(
        c.dep_ == "neg" or (c.dep_ == "preconj" and c.lower_ == "neither") for c in clause.children
    ):
        return None  # "could neither confirm nor deny": one refusal, not a statement and one
    return next(
        (
            c
            for c in clause.children
            if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} and refuses_comment(c)
        ),
        None,
    )


def before_refusal(clause: Token, start: int, end: int) -> int:
    """The end of the content, cut before a joined refusal ("… and had no further comment")."""
    refusal = refusal_conjunct(clause)
    if refusal is None:
        return end
    cut = refusal.left_edge.i
    doc = clause.doc
    while cut > start + 1 and (doc[cut - 1].is_punct or doc[cut - 1].lower_ in {"and", "but"}):
        cut -= 1
    return min(end, cut)


def clause_read_as_subject(verb: Token) -> tuple[int, int] | None:
    """ "Testifying on Monday, Ip, 44, said a client he knew only as Ho had asked him …" read
    with "a client" as a second subject of "said": a speech verb with its own subject before
    it and a long subject after it, holding a finite verb, reports that clause."""
    if verb.lemma_.lower() not in CLAUSE_TAKING_LEMMAS:
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    before = [c for c in subjects if c.i < verb.i]
    after = [c for c in subjects if c.i > verb.i]
    if not before or not after:
        return None
    hidden = after[0]
    start, end = hidden.left_edge.i, hidden.right_edge.i + 1
    if end - start < MIN_HIDDEN_CLAUSE_TOKENS or end - start > MAX_CLAIM_TOKENS:
        return None  # a short noun phrase, or a run-on no claim is as long as
    words = hidden.doc[start:end]
    if not any(t.tag_ in {"VBD", "VBZ", "VBP"} and t.pos_ in {"VERB", "AUX"} for t in words):
        return None
    return hidden.left_edge.i, hidden.right_edge.i + 1


def after_an_appositive_subject(verb: Token, clauses: list[Token]) -> list[Token]:
    """ "The court ruled that police need a warrant, a decision defence lawyers said could
    affect hundreds of cases": read as one subject "a decision defence lawyers" with the
    sentence before as a second report, the speakers comment on the sentence; they said only
    the clause after the verb. Returns the clauses they said."""
    after = [c for c in clauses if c.i > verb.i]
    if len(after) == len(clauses) or not after:
        return clauses
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None:
        return clauses
    first = subject.left_edge
    opens = first.i > 0 and verb.doc[first.i - 1].text == ","
    if not opens or first.lower_ not in {"a", "an", "the"}:
        return clauses
    # "a decision defense lawyers": the appositive noun right after the determiner, read as
    # a compound of the speakers' noun; and the clause said has no subject of its own ("said
    # could affect"), its subject being the appositive noun
    appositive = verb.doc[first.i + 1]
    compound = appositive.dep_ == "compound" and first.i < appositive.head.i <= subject.i
    subjectless = not any(g.dep_ in SUBJECT_DEPS for c in after for g in c.children)
    if compound and appositive.pos_ == "NOUN" and subjectless:
        return after
    return clauses
