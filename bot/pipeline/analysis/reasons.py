"""The reason a body gives for what it did: "…, citing a fall in pupil numbers".

"The council voted to close the school, citing a 30 per cent fall in pupil numbers" and "The
union posted a loss, blaming lower broadcast revenue" state why, in the actor's own account:
a claim by the clause's subject, whose content is the participle's object. A cause blamed is
always a claim; a reason cited is one when it has a figure, a quotation or a name of its own
("citing a family emergency" is the actor's own affair). Split from
``clauses``. Only a participle set off by a comma after an act counts: after a speech verb
the reason belongs to that statement (``trailing.reason_after``), after a refusal to comment
("declined to comment, citing the ongoing case") it is no claim, and "citing two people
familiar with the matter" names a source.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.pipeline.analysis.comment_grammar import refuses_comment, subject_of
from bot.pipeline.analysis.lexicon import REFUSAL_VERBS, ROLE_NOUNS, SPEECH_VERBS
from bot.pipeline.analysis.raw import MAX_CLAIM_TOKENS
from bot.pipeline.analysis.source_phrases import PEOPLE_NOUNS
from bot.pipeline.analysis.text import OPENING_MARKS

REASON_VERBS = frozenset({"blame", "cite"})
PARTICIPLE_DEPS = frozenset({"advcl", "xcomp", "conj"})
MAX_CLIMB = 4
# Not answering is no act a reason is a claim about: "would not comment, citing privacy laws".
SILENT_ACTS = frozenset({"comment", "discuss", "answer", "respond", "elaborate", "name"})
# A measure gives no reasons: "Shares in Brightwater fell 12 percent, blaming …" is a misread
# "with the company blaming …", and the shares are no speaker.
MEASURE_NOUNS = frozenset(
    """
    share shares stock stocks profit profits sale sales revenue revenues price prices rate rates
    earnings income output cost costs index market markets value yield yields inflation demand
    turnover margin margins loss losses growth unemployment exports imports number numbers
    figure figures enrolment enrollment attendance ratings currency dollar pound euro bond bonds
    """.split()
)
# Cited people are a source, not a reason: "citing 12 witnesses who saw the crash".
SOURCE_NOUNS = PEOPLE_NOUNS | ROLE_NOUNS | frozenset(
    "witness witnesses eyewitness eyewitnesses bystander bystanders neighbour neighbours "
    "neighbor neighbors relative relatives friend friends".split()
)


def reason_participle(verb: Token) -> bool:
    """ "…, citing X" / "…, blaming X" set off after a clause that reports an act."""
    if verb.tag_ != "VBG" or verb.lemma_.lower() not in REASON_VERBS:
        return False
    first = verb.left_edge.i
    if first == 0 or verb.doc[first - 1].text != "," or verb.dep_ not in PARTICIPLE_DEPS:
        return False
    act = verb.head
    if act.i > verb.i or act.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = act.lemma_.lower()
    if lemma in REFUSAL_VERBS | SILENT_ACTS or refuses_comment(act):
        return False
    if act.dep_ == "xcomp" and act.head.lemma_.lower() in REFUSAL_VERBS:
        return False  # "declined to discuss the case, citing …"
    if _inside_a_statement(act):
        return False  # "said it would cut jobs, citing weak demand": the statement's reason
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or _a_measure(subject_of(act)):
        return False
    # to blame is to state a cause; what is cited is checkable only with content of its own
    return verb.lemma_.lower() == "blame" or _checkable(verb, obj)


def _checkable(verb: Token, obj: Token) -> bool:
    """ "citing a 30 per cent fall in enrolment", 'citing "serious breaches of policy"',
    "citing a ruling by the Tax Court": a figure, a quotation or a name; "citing a family
    emergency" is the actor's own affair."""
    if _people(obj):
        return False  # "citing 12 witnesses who saw the crash" names a source
    doc = verb.doc
    first = max(verb.i + 1, obj.left_edge.i - 1)
    for token in doc[first : min(verb.right_edge.i + 1, first + MAX_CLAIM_TOKENS)]:
        if token.ent_type_ in {"DATE", "TIME"}:
            continue
        if token.like_num or token.pos_ == "PROPN" or token.text in OPENING_MARKS:
            return True
    return False


def _people(obj: Token) -> bool:
    """ "12 witnesses who saw the crash", "two engineers familiar with the inspection": people
    cited, by their noun or by what only people are ("who …", "familiar with …")."""
    if obj.lemma_.lower() in SOURCE_NOUNS or obj.lower_ in SOURCE_NOUNS:
        return True
    return any(
        (c.dep_ == "amod" and c.lower_ == "familiar")
        or (c.dep_ == "relcl" and any(g.lower_ in {"who", "whom"} for g in c.children))
        for c in obj.children
    )


def _a_measure(subject: Token | None) -> bool:
    """The act's subject is an amount or a measure ("Acme's profit", "Shares in Brightwater"),
    which cannot give a reason."""
    if subject is None:
        return False
    if subject.ent_type_ in {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}:
        return True
    words = {subject.lemma_.lower(), subject.lower_}
    return subject.pos_ == "NOUN" and not words.isdisjoint(MEASURE_NOUNS)


def _inside_a_statement(act: Token) -> bool:
    """The act is a statement ("said …") or what one reports (a bounded climb), or a speaker
    follows it ("Rheinwald will cut jobs, the company said, blaming …")."""
    if any(c.dep_ == "parataxis" and c.lemma_.lower() in SPEECH_VERBS for c in act.children):
        return True
    token = act
    for _ in range(MAX_CLIMB):
        if token.lemma_.lower() in SPEECH_VERBS and any(
            c.dep_ in {"ccomp", "xcomp"} for c in token.children
        ):
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def reason_bounds(verb: Token) -> tuple[int, int, int] | None:
    """What the reason participle gives: its object and what follows it ("a 30 per cent fall
    in pupil numbers since 2017"), and the object's index."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    end = verb.right_edge.i + 1
    while end > obj.i + 1 and verb.doc[end - 1].is_punct:
        end -= 1
    start = obj.left_edge.i
    if start - 1 > verb.i and verb.doc[start - 1].text in OPENING_MARKS:
        start -= 1  # 'citing "serious breaches"': the quotation's own opening mark
    return start, end, obj.i
