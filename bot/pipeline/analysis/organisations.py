"""Which organisation "the company" is: the organisation names of a Doc, listed once.

"Halden Savings Bank reported a loss. The bank said …": a reader takes a description of an
organisation's type for the organisation just named. The names are collected in one pass over
the Doc (ORG entities, and proper nouns the small model leaves untagged) and a description
looks back over the few sentences before it by bisecting, so an article full of "the company
said" stays linear.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from bot.pipeline.analysis.descriptions import (
    DISTRICT_NAME_WORDS,
    fits,
    is_capitalised_type,
    organisation_type,
    qualified_type,
)
from bot.pipeline.analysis.lexicon import (
    INSTITUTION_NAME_HEADS,
    MEDIA_MODIFIERS,
    SCOOP_ADVERBS,
    SPEECH_VERBS,
    SUBJECT_DEPS,
)
from bot.pipeline.analysis.names import HONORIFICS, clean_name, is_company_name
from bot.pipeline.analysis.non_bodies import (
    medium,
    opens_with_a_common_noun,
    part_of_a_word,
    written_as_names,
)
from bot.pipeline.analysis.text import noun_phrase_text
from bot.pipeline.analysis.whole_names import whole_name

CLAUSE_HEADS = frozenset({"VERB", "AUX"})
SHAREHOLDING_NOUNS = frozenset("share stock stake shareholder investor bond".split())
ASKING_VERBS = frozenset({"contact", "ask", "reach", "email", "call", "tell"})
REQUEST_NOUNS = frozenset(
    "question request query inquiry enquiry email call message letter approach".split()
)
TELLING_VERBS = frozenset({"tell", "inform", "brief"})
SPEAKING_TO_VERBS = frozenset({"tell", "say", "speak", "talk"})
OUTLET_NAME_WORDS = frozenset(
    "reuters bloomberg afp gazette times post journal herald courier tribune chronicle "
    "inquirer dispatch examiner ledger bulletin telegraph guardian observer news press "
    "newspaper broadcaster radio television tv".split()
)
# Modifiers that say what kind a public body is, not which one: "the state regulator".
GENERIC_MODIFIERS = frozenset(
    "state federal national local city county regional provincial municipal district public "
    "independent top chief main senior government country nation town village".split()
)
STEM = 4
# Descriptions that do refer to an outlet: "the newspaper reported …".
MEDIA_DESCRIPTIONS = frozenset(
    "newspaper paper daily tabloid magazine outlet publication broadcaster network website "
    "site agency".split()
)


def _asks_or_hears(token: Token) -> bool:
    """ "When contacted by The Times", "told Reuters": the outlet asking or listening is never
    what "the company" refers to."""
    head = token.head
    if token.dep_ == "nsubj" and head.lemma_.lower() in ASKING_VERBS | {"approach", "seek"}:
        # "The Times reached out to …", "Reuters asked X for comment"
        return any(c.lower_ in {"out", "comment"} for c in head.children)
    if token.dep_ == "pobj" and head.dep_ == "agent":
        return head.head.lemma_.lower() in ASKING_VERBS
    if token.dep_ == "pobj" and head.lower_ in {"from", "by"}:
        # "In response to questions from the BBC, the club said …"
        return head.head.lemma_.lower() in REQUEST_NOUNS
    if token.dep_ in {"dobj", "dative"}:
        return head.lemma_.lower() in TELLING_VERBS
    return (
        token.dep_ == "pobj"
        and head.lower_ == "to"
        and head.head.lemma_.lower() in SPEAKING_TO_VERBS
    )


def _reports(token: Token, name: str) -> bool:
    """ "…, the Evening Ledger reported", "Reuters said the company …": a news outlet that
    reports, which "the company", "the firm" or "the bank" never refers to. An outlet by its
    name, or any name reporting a clause written before it."""
    verb = token.head
    if token.dep_ != "nsubj" or verb.lemma_.lower() not in SPEECH_VERBS | {"report"}:
        return False
    if is_outlet_name(name):
        return True
    if verb.lemma_.lower() != "report":
        return False
    # "…, ESPN reported"; "ESPN first reported that …": a scoop is an outlet's
    return any(c.dep_ == "ccomp" and c.i < token.i for c in verb.children) or any(
        c.dep_ == "advmod" and c.lower_ in SCOOP_ADVERBS for c in verb.children
    )


def _specifiers(token: Token) -> list[str]:
    """ "the commerce ministry", "the Scottish government": the words that say which body, as
    against "the federal agency" or "the state regulator", which say only what kind."""
    return [
        c.lower_
        for c in token.children
        if (
            (c.dep_ == "compound" and c.pos_ == "NOUN")
            or (c.dep_ == "amod" and c.text[:1].isupper())
        )
        and c.lower_ not in GENERIC_MODIFIERS
    ]


def _same_portfolio(token: Token, name: str) -> bool:
    """ "the commerce ministry" is the "Ministry of Commerce" just named, not the "General
    Administration of Customs"; "the Scottish government" is no "British Dental Association".
    A word of the name must share the specifying word's stem (its first letters)."""
    wanted = _specifiers(token)
    if not wanted:
        return True
    stems = {w.lower()[:STEM] for w in name.split() if len(w) >= STEM}
    return any(w[:STEM] in stems for w in wanted if len(w) >= STEM)


def _members(token: Token) -> list[str]:
    """ "the employers group", "the growers' association": a plural noun in front of a body's
    type says whose body it is, which the name must say too (unlike "the oil company", where
    the noun only says the trade)."""
    return [
        c.lower_
        for c in token.children
        if c.dep_ in {"compound", "poss"} and c.tag_ == "NNS" and c.i < token.i
    ]


def _shares_stem(words: list[str], name: str) -> bool:
    stems = {w.lower()[:STEM] for w in name.split() if len(w) >= STEM}
    return any(w[:STEM] in stems for w in words if len(w) >= STEM)


def is_outlet_name(name: str) -> bool:
    """ "Reuters", "the Harbour Gazette", "Daily Courier": a news outlet's name."""
    if is_company_name(name):
        return False
    return any(w.lower().strip(".,") in OUTLET_NAME_WORDS for w in name.split())


def _body_as_place(ent: Span) -> bool:
    """ "Harlan County Schools", "Elm Water District" tagged as a place: a name ending in a
    body's head word is a body, which "the district" or "the council" may mean."""
    last = ent[-1].lower_
    return (
        len(ent) > 1
        and ent.label_ in {"GPE", "LOC", "FAC"}
        and (last in INSTITUTION_NAME_HEADS or last in DISTRICT_NAME_WORDS)
    )


def _owns_shares(token: Token) -> bool:
    """ "shares of X", "a stake in X": only a company has them, whatever the tagger says."""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ in {"of", "in"}
        and prep.head.lemma_.lower() in SHAREHOLDING_NOUNS
    )


class Organisations:
    """The organisation names of one Doc, and the one a type description refers to."""

    def __init__(
        self,
        doc: Doc,
        entity_at: dict[int, Span],
        skipped: Callable[[int], bool],
        window_start: Callable[[Token], int],
        is_surname: Callable[[str], bool] = lambda _name: False,
        is_first_name: Callable[[str], bool] = lambda _name: False,
        sentence_start: Callable[[Token], int] = lambda _token: 0,
    ) -> None:
        """``skipped`` tells furniture tokens; ``window_start`` is where a description's
        look-back begins."""
        self._doc = doc
        self._entity_at = entity_at
        self._window_start = window_start
        self._is_surname = is_surname
        self._is_first_name = is_first_name
        self._sentence_start = sentence_start
        self._heads = self._collect(skipped)
        self._positions = [i for i, _ in self._heads]
        self._reporters = {i for i, _ in self._heads if _reports(doc[i], self.name(doc[i]))}
        self._media = {i for i, _ in self._heads if medium(doc[i])}
        self._unnamed: dict[str, list[int]] | None = None

    def _collect(self, skipped: Callable[[int], bool]) -> list[tuple[int, bool]]:
        """Every organisation name's head, each with whether it surely is one: ORG entities
        and proper-noun subjects the small model leaves untagged ("Tesla recalled …") are;
        other untagged proper nouns ("Shares of Nvidia") may be."""
        heads: list[tuple[int, bool]] = []
        as_names: frozenset[str] | None = None  # read once, when first needed
        for token in self._doc:
            if skipped(token.i):
                continue
            ent = self._entity_at.get(token.i)
            if ent is not None:
                if ent.root.i != token.i or _asks_or_hears(token) or is_capitalised_type(ent):
                    continue
                if part_of_a_word(ent):
                    continue  # "a CAR-T cell therapy trial": a product's name, no body
                if ent.label_ == "ORG" or is_company_name(ent.text) or _body_as_place(ent):
                    heads.append((token.i, True))
                elif _owns_shares(token) or self._lone_word(ent):
                    # "Shares of Nvidia", taken for a place; "Lumora did not respond", taken
                    # for a person the story never gives a first name
                    heads.append((token.i, False))
            elif token.pos_ == "PROPN" and token.ent_type_ == "" and token.text[:1].isupper():
                if token.tag_ == "NNPS" and not any(c.dep_ == "compound" for c in token.children):
                    continue  # "(Reuters) - Novelists sued …": a capitalised common plural
                if opens_with_a_common_noun(token):
                    if as_names is None:
                        as_names = written_as_names(self._doc)
                    if token.lower_ not in as_names:
                        continue  # "Surgery is scheduled for next week, the school said"
                if token.dep_ in SUBJECT_DEPS | {"poss"}:
                    heads.append((token.i, True))
                elif token.dep_ in {"pobj", "dobj", "conj", "appos"}:
                    heads.append((token.i, False))
        return heads

    def _lone_word(self, ent: Span) -> bool:
        """One word tagged as a person that is no person's surname here and has no title in
        front: news gives a person's full name first, so this may well be a company."""
        doc = self._doc
        return (
            ent.label_ == "PERSON"
            and len(ent) == 1
            and ent[0].is_alpha
            and not self._is_surname(ent.text)
            and not (ent.start > 0 and doc[ent.start - 1].lower_ in HONORIFICS)
        )

    def name(self, head: Token) -> str:
        ent = self._entity_at.get(head.i)
        if ent is not None:
            return clean_name(whole_name(ent))
        return clean_name(noun_phrase_text(head))

    def described(self, token: Token) -> str | None:
        """ "the company" → the organisation named just before, as a reader would take it.

        Only a description of an organisation's type qualifies, and the antecedent must fit the
        type: "the company" skips "the Traffic Safety Administration", "the agency" needs a
        public body. Names the tagger found and sentence subjects win over other proper nouns;
        "Volkswagen and BMW … The carmaker" names neither.
        """
        kind = organisation_type(token) or qualified_type(token)
        if kind is None:
            return None
        first = bisect_left(self._positions, self._window_start(token))
        # never a name inside the description itself ("the Premier League club")
        last = bisect_left(self._positions, token.left_edge.i)
        fitting: list[tuple[bool, bool, bool, int, str]] = []
        # "The drug, sold by Meridian Biotherapeutics, slowed decline by 27 per cent, according
        # to the company": a body named in the description's own sentence is the one it means
        own_sentence = self._sentence_start(token)
        named: dict[int, str] = {}
        media = token.lemma_.lower() in MEDIA_DESCRIPTIONS or any(
            c.dep_ == "compound" and c.lower_ in MEDIA_MODIFIERS for c in token.children
        )
        members = _members(token)
        for i, sure in self._heads[first:last]:
            if i in self._media and kind != "business":
                continue  # "posted a photo on Instagram. … the school said": not Instagram
            if i in self._reporters and not media:
                continue  # "…, the Ledger reported. The company said": not the Ledger
            candidate = self._doc[i]
            name = self.name(candidate)
            named[i] = name
            if not media and is_outlet_name(name):
                continue  # "Aug 4 (Reuters) - … The company said": never the wire service
            if " " not in name and (self._is_surname(name) or self._is_first_name(name)):
                # "Leon Fairbairn … Fairbairn scored. The club said": not a club; "Lt. Dana
                # Forsythe said. … a hospital spokesperson": not a hospital; "Alana" of "Alana
                # Brooks" in a quotation: not a team
                continue
            public = kind in {"public", "government"}
            if not fits(kind, name) or (public and not _same_portfolio(token, name)):
                continue
            if members and not _shares_stem(members, name):
                continue  # "the employers group" is no "Harbour Dockers Union"
            # a subject of a clause; "with Brent crude up" misparsed makes none
            subject = candidate.dep_ in SUBJECT_DEPS and candidate.head.pos_ in CLAUSE_HEADS
            fitting.append((sure, i >= own_sentence, subject, i, name))
        if not fitting:
            return None
        if token.tag_ in {"NNS", "NNPS"}:
            return self._several(fitting)
        best = max(fitting)
        rivals = {named.get(c.i) for c in self._doc[best[3]].conjuncts} - {None, best[4]}
        if rivals or self._unnamed_since(token, best[3]):
            return None
        return best[4]

    def _unnamed_since(self, token: Token, since: int) -> bool:
        """ "A High Court judge found that the planning appeals board had erred. The board
        said": a body of the description's own kind, mentioned without a name after the named
        candidate, is the one a reader takes it for; the speaker stays as written."""
        if self._unnamed is None:
            self._unnamed = _unnamed_bodies(self._doc)
        positions = self._unnamed.get(token.lemma_.lower(), [])
        at = bisect_left(positions, since + 1)
        return at < len(positions) and positions[at] < token.left_edge.i

    def _several(self, fitting: list[tuple[bool, bool, bool, int, str]]) -> str | None:
        """ "Sakura Motors and Hanwell Electric said … The companies said": the latest fitting
        names joined by "and"; a plural description with one name before it names no one."""
        fits_at = {i: name for _, _, _, i, name in fitting}
        for i in sorted(fits_at, reverse=True):
            together = sorted({i, *(c.i for c in self._doc[i].conjuncts if c.i in fits_at)})
            if len(together) > 1:
                names = [fits_at[j] for j in together]
                return ", ".join(names[:-1]) + " and " + names[-1]
        return None


def _unnamed_bodies(doc: Doc) -> dict[str, list[int]]:
    """Where the Doc names a body by its kind alone, by head lemma: "the [licensing] board",
    a lower-case kind of its own after "the". Never an apposition of a named body ("Harborline,
    the Edina company"), "the Minneapolis-based company" (the named body again, no kind of its
    own) nor "a rival snack company" (another one). One pass over the Doc."""
    found: dict[str, list[int]] = {}
    for token in doc:
        if token.pos_ != "NOUN" or token.ent_type_ or token.dep_ == "appos":
            continue
        if not token.text.islower():
            continue
        kind = any(c.dep_ == "compound" and c.text.islower() for c in token.children)
        if kind and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            found.setdefault(token.lemma_.lower(), []).append(token.i)
    return found
