"""Which of several people an epithet means: the most salient one, as a reader ranks them.

"Lindqvist, who qualified sixth, told reporters he never saw Okafor. 'It was harsh,' the
27-year-old said": two people are named just before, yet no reader hesitates. Salience is
scored as in classic anaphora resolution (Lappin & Leass): every mention of a person adds to
that person's weight, more as a sentence subject and most as the subject of a speech verb
(whoever was speaking goes on speaking), less when the mention lies inside what someone else
says or only owns something ("Okafor's coach"), and half as much for each sentence further
back. The person the window mentions most is the story's subject and gains a little more.
The epithet names the best-scored person unless the runner-up comes close, or the two are
named once each in one clause ("Musk met Bezos"), the grammar the only cue: then it stays as
written. Linear in the window given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.lexicon import SPEECH_VERBS, SUBJECT_DEPS

MENTION_WEIGHT = 3.0  # any mention
SUBJECT_BONUS = 1.0  # the subject of its clause
SPEAKER_BONUS = 1.0  # and the clause's verb is a speech verb
OWNER_WEIGHT = 1.5  # "Okafor's coach": the person only owns what the sentence is about
REPORTED_FACTOR = 0.75  # a mention inside someone else's statement or quotation
DECAY = 0.5  # each sentence further back halves a mention's weight
STORY_SUBJECT_BONUS = 1.0  # the one person the window mentions most
# The best must beat the runner-up by this factor, or the two are taken for a tie.
MARGIN = 1.1
MAX_CLIMB = 4  # appositions, compounds and conjuncts between a name and its clause role
REPORTING_VERBS = SPEECH_VERBS | {"tell", "testify", "write", "post", "argue", "insist"}


def clause_role(token: Token) -> str:
    """ "speaker", "subject", "owner" or "other": what a name does in its clause. A name in
    apposition, a compound or a conjunct ("Ruiz and Patel said") takes its head's role."""
    climbed = 0
    while token.dep_ in {"appos", "compound", "conj", "flat"} and climbed < MAX_CLIMB:
        token = token.head
        climbed += 1
    if token.dep_ == "poss":
        return "owner"
    if token.dep_ in SUBJECT_DEPS:
        return "speaker" if token.head.lemma_.lower() in REPORTING_VERBS else "subject"
    return "other"


def clause_verb(token: Token) -> int:
    """The index of the verb a name is an argument of ("Musk met [Bezos] in Paris": "met"),
    or a number of its own when the name hangs on a noun ("Ana Doyle, from [Hull]")."""
    climbed = 0
    while token.dep_ in {"appos", "compound", "conj", "flat"} and climbed < MAX_CLIMB:
        token = token.head
        climbed += 1
    head = token.head
    if token.dep_ == "pobj":
        head = head.head
    return head.i if head.pos_ in {"VERB", "AUX"} and head.i != token.i else -1 - token.i


def mention_weight(token: Token, reported: bool) -> float:
    """How much one mention adds to its person's salience, before the sentence decay."""
    role = clause_role(token)
    if role == "owner":
        weight = OWNER_WEIGHT
    else:
        weight = MENTION_WEIGHT
        if role in {"subject", "speaker"}:
            weight += SUBJECT_BONUS
        if role == "speaker":
            weight += SPEAKER_BONUS
    return weight * REPORTED_FACTOR if reported else weight


def most_salient(
    doc: Doc,
    mentions: Sequence[tuple[str, int, int]],
    sentence: int,
    reported: Callable[[int], bool],
) -> str | None:
    """The name of the most salient person among ``mentions`` (name, token index, sentence
    number), seen from sentence ``sentence``; None when two come too close to choose."""
    scores: dict[str, float] = {}
    counts: dict[str, int] = {}
    clauses: dict[str, tuple[int, str]] = {}  # the verb and role of a name's last mention
    for name, index, number in mentions:
        token = doc[index]
        weight = mention_weight(token, reported(index))
        scores[name] = scores.get(name, 0.0) + weight * DECAY ** max(0, sentence - number)
        counts[name] = counts.get(name, 0) + 1
        clauses[name] = (clause_verb(token), clause_role(token))
    if not scores:
        return None
    if len(counts) > 1:
        most = max(counts.values())
        leaders = [name for name, count in counts.items() if count == most]
        if len(leaders) == 1:
            scores[leaders[0]] += STORY_SUBJECT_BONUS
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) == 1:
        return ranked[0][0]
    (best, top), (second, runner_up) = ranked[0], ranked[1]
    if top < runner_up * MARGIN:
        return None
    if (
        counts[best] == counts[second] == 1
        and clauses[best][0] == clauses[second][0]
        and clauses[best][1] != "speaker"
    ):
        return None  # "Musk met Bezos in Paris. The billionaire said": one clause, no cue
    return best
