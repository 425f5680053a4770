"""Which of several people an epithet means: the most salient one, as a reader ranks them.

"Lindqvist, who qualified sixth, told reporters he never saw Okafor. 'It was harsh,' the
27-year-old said": two people are named just before, yet no reader hesitates. Salience is
scored as in classic anaphora resolution (Lappin & Leass): every mention of a person adds to
that person's weight, more as a sentence subject and most as the subject of a speech verb
(whoever was speaking goes on speaking), less when the mention lies inside what someone else
says or only owns something ("Okafor's coach"), and half as much for each sentence further
back. The person the window mentions most is the story's subject and gains a little more, unless
they were named speaking just before (an epithet then often marks a new voice).
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
# At 1.5, one subject bonus more or the story-subject bonus alone never decides between two.
MARGIN = 1.3
MAX_CLIMB = 4  # appositions, compounds and conjuncts between a name and its clause role


def _role_host(token: Token) -> Token:
    """The token whose clause role a name takes: its head across appositions, compounds and
    conjuncts ("Ruiz and Patel said"), a bounded climb."""
    climbed = 0
    while token.dep_ in {"appos", "compound", "conj", "flat"} and climbed < MAX_CLIMB:
        token = token.head
        climbed += 1
    return token


def clause_role(token: Token) -> str:
    """ "speaker", "subject", "owner" or "other": what a name does in its clause."""
    host = _role_host(token)
    if host.dep_ == "poss":
        return "owner"
    if host.dep_ in SUBJECT_DEPS:
        return "speaker" if host.head.lemma_.lower() in SPEECH_VERBS else "subject"
    return "other"


def clause_verb(token: Token) -> int:
    """The index of the verb a name is an argument of ("Musk met [Bezos] in Paris": "met"),
    or a number of its own when the name hangs on a noun ("Ana Doyle, from [Hull]")."""
    host = _role_host(token)
    head = host.head
    if host.dep_ == "pobj":
        head = head.head
    return head.i if head.pos_ in {"VERB", "AUX"} and head.i != host.i else -1 - host.i


def _weight(role: str, reported: bool) -> float:
    if role == "owner":
        weight = OWNER_WEIGHT
    else:
        weight = MENTION_WEIGHT
        if role in {"subject", "speaker"}:
            weight += SUBJECT_BONUS
        if role == "speaker":
            weight += SPEAKER_BONUS
    return weight * REPORTED_FACTOR if reported else weight


def mention_weight(token: Token, reported: bool) -> float:
    """How much one mention adds to its person's salience, before the sentence decay."""
    return _weight(clause_role(token), reported)


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
    just_spoke: set[str] = set()  # named speaking in this sentence or the one before
    for name, index, number in mentions:
        token = doc[index]
        role = clause_role(token)
        weight = _weight(role, reported(index))
        scores[name] = scores.get(name, 0.0) + weight * DECAY ** max(0, sentence - number)
        counts[name] = counts.get(name, 0) + 1
        clauses[name] = (clause_verb(token), role)
        if role == "speaker" and sentence - number <= 1:
            just_spoke.add(name)
    if not scores:
        return None
    if len(counts) > 1:
        most = max(counts.values())
        leaders = [name for name, count in counts.items() if count == most]
        # "Ruiz said the win was special. 'I had nothing left,' the sprinter said": an epithet
        # right after a named speaker often marks a new voice, so no bonus to that speaker
        if len(leaders) == 1 and leaders[0] not in just_spoke:
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


def untagged_rival(token: Token) -> bool:
    """ "Ana Ruiz met [Tom Hale]. The 40-year-old said": another capitalised name the tagger
    did not take for a person, an argument of the same verb, leaves the epithet no cue to
    choose the one it tagged. False when the mention speaks ("Hale told Ana Ruiz …")."""
    host = _role_host(token)
    if clause_role(token) == "speaker":
        return False
    verb = host.head.head if host.dep_ == "pobj" else host.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    # subject and object only: "withdrew from the Montreal Open" names an event, not a rival
    return any(
        other.i != host.i
        and other.dep_ in {"nsubj", "nsubjpass", "dobj", "conj"}
        and other.pos_ == "PROPN"
        and other.text[:1].isupper()
        and other.ent_type_ in {"", "PERSON"}
        and any(c.dep_ in {"compound", "flat"} and c.pos_ == "PROPN" for c in other.children)
        for other in verb.children
    )


def aged_names(doc: Doc, start: int, end: int, age: str) -> set[str]:
    """ "Tom Hale met Ana Ruiz, 40, …. The 40-year-old said": the names the window [start,
    end) gives the epithet's age right after, tagged or not."""
    names: set[str] = set()
    for i in range(max(start, 2), end):
        name = doc[i - 2]
        if (
            doc[i].text == age
            and doc[i - 1].text == ","
            and i + 1 < len(doc)
            and doc[i + 1].text == ","  # "Ana Ruiz, 40, said", never "On Monday, 40 people"
            and name.pos_ == "PROPN"
            and name.ent_type_ in {"", "PERSON"}
        ):
            first = min(
                (c.i for c in name.children if c.dep_ in {"compound", "flat"} and c.i < name.i),
                default=name.i,
            )
            names.add(doc[first : name.i + 1].text)
    return names
