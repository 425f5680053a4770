"""Titles written before a name ("Sgt. Dale Rooney", "Det. Ana Ruiz") read as the words they
stand for.

The English model's tokenizer knows some of these abbreviations ("Gov.", "Sen.") but not the
ranks police, military and court reports use: "Det." became "Det" + "." and the parser ended a
sentence there, so "…, said Sgt. Dale Rooney" lost its speaker. Each title becomes one token
whose norm is the full word ("sergeant"): the model's features read the norm, so it parses
"said Sgt. Dale Rooney" as it parses "said sergeant Dale Rooney". The text is not changed.
"""

from __future__ import annotations

from spacy.attrs import NORM, ORTH
from spacy.language import Language

# Titles the model's own tokenizer does not know (it has "Dr.", "Gen.", "Gov.", "Sen.", "Rep.",
# "Prof.", "Rev.", "Adm.", and parses them as trained: those are left alone).
TITLES = {
    "Atty": "attorney", "Brig": "brigadier", "Capt": "captain", "Cmdr": "commander",
    "Col": "colonel", "Const": "constable", "Cpl": "corporal", "Det": "detective",
    "Hon": "honorable", "Insp": "inspector", "Lt": "lieutenant", "Maj": "major", "Pfc": "private",
    "Pvt": "private", "Sgt": "sergeant", "Supt": "superintendent",
}  # fmt: skip


def add_titles(nlp: Language) -> None:
    """Each title with its full stop is one token read as the full word."""
    for title, word in TITLES.items():
        nlp.tokenizer.add_special_case(f"{title}.", [{ORTH: f"{title}.", NORM: word}])
