"""Which people a story calls "he" and which "she", from the story's own words.

"Coach Tom Hale praised the defence. Captain Ana Ruiz said she was proud. 'We never gave up,'
he said": a reader does not take "he" for Ana Ruiz, whom the story has just called "she". The
evidence is what the story itself says of a name: an honorific in front ("Ms Ruiz", "Mr.
Hale", "Dame Ana Ruiz") or the pronoun a person's own statement goes on with ("Ana Ruiz said
she …"). A name given both is left unknown. One pass over the Doc, by surname.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.lexicon import SPEECH_VERBS

HONORIFIC_GENDERS = {
    "mr": "m",
    "mr.": "m",
    "sir": "m",
    "ms": "f",
    "ms.": "f",
    "mrs": "f",
    "mrs.": "f",
    "miss": "f",
    "dame": "f",
}
PRONOUN_GENDERS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
MAX_NAME_WORDS = 4
# Person nouns that state a gender ("the businessman", "the actress", "the mother of two").
FEMALE_NOUNS = frozenset(
    "mother grandmother wife daughter sister girl actress widow aunt niece queen princess".split()
)
MALE_NOUNS = frozenset(
    "father grandfather husband son brother boy widower uncle nephew king prince".split()
)


def pronoun_gender(token: Token) -> str | None:
    """ "m" for "he"/"him"/"his", "f" for "she"/"her"/"hers", else None."""
    return PRONOUN_GENDERS.get(token.lower_)


def noun_gender(token: Token) -> str | None:
    """ "f" for "the businesswoman"/"the actress", "m" for "the Frenchman"/"the father", else
    None: an epithet that states a gender never means someone the story gives the other."""
    lower = token.lower_
    if lower in FEMALE_NOUNS or lower.endswith(("woman", "women")):
        return "f"
    if lower in MALE_NOUNS or (lower.endswith(("man", "men")) and lower not in {"human", "humans"}):
        return "m"
    return None


def surname_genders(doc: Doc) -> dict[str, str]:
    """Surname (lower case) → "m" or "f", where the story says which and never both."""
    found: dict[str, set[str]] = {}
    for token in doc:
        # "Ms Ruiz", never the verb in "Fans will miss Hale"
        gender = HONORIFIC_GENDERS.get(token.lower_) if token.text[:1].isupper() else None
        if gender is not None:
            surname = _name_after(token)
            if surname is not None:
                found.setdefault(surname, set()).add(gender)
        elif token.dep_ == "nsubj" and token.pos_ == "PROPN":
            gender = _own_pronoun(token)
            if gender is not None:
                found.setdefault(token.lower_, set()).add(gender)
    return {name: next(iter(g)) for name, g in found.items() if len(g) == 1}


def _name_after(honorific: Token) -> str | None:
    """The last word of the capitalised name right after an honorific ("Ms [Ana] Ruiz")."""
    doc = honorific.doc
    i = honorific.i + 1
    last = None
    while i < len(doc) and i - honorific.i <= MAX_NAME_WORDS:
        word = doc[i]
        if word.pos_ != "PROPN" or not word.text[:1].isupper():
            break
        last = word
        i += 1
    return last.lower_ if last is not None else None


def statement_subject(speaker: Token) -> Token | None:
    """ "Ana Ruiz said [she] would run": the subject of the clause the speaker's speech verb
    reports after it, or None."""
    verb = speaker.head
    if verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.i > verb.i:
            return next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return None


def _own_pronoun(subject: Token) -> str | None:
    """ "Ana Ruiz said she would run": the pronoun opening what a person says of herself."""
    own = statement_subject(subject)
    return PRONOUN_GENDERS.get(own.lower_) if own is not None else None
