"""What a pronoun or an epithet refers back to: the mentions of a Doc, and a look-back window.

"He said", "they said" and "the billionaire said" name whoever the story just named, as a
reader takes it: the most recent compatible mention, preferring sentence subjects. Mentions are
listed once per Doc in order, and each look-back bisects them for a window of a few sentences
(and a few hundred tokens), so an article full of pronouns stays linear.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.descriptions import is_demonym
from bot.pipeline.analysis.genders import noun_gender, pronoun_gender, surname_genders
from bot.pipeline.analysis.lexicon import REFUSAL_VERBS, REPLY_VERBS, SPEECH_VERBS, SUBJECT_DEPS
from bot.pipeline.analysis.names import Speaker
from bot.pipeline.analysis.reported_marks import in_section_label, quoted_tokens, reported_tokens
from bot.pipeline.analysis.salience import aged_names, most_salient, untagged_rival
from bot.pipeline.analysis.tree import climb_while

# Verbs whose subject is a source or a party asked for comment.
SOURCE_VERBS = SPEECH_VERBS | REPLY_VERBS | REFUSAL_VERBS | {"reach", "decline"}
LOOKBACK_SENTENCES = 4
# A description that names its type or role ("the bank", "the health secretary") refers back
# further than a pronoun: a story keeps calling its subject "the bank" paragraphs later.
DESCRIPTION_SENTENCES = 10
LOOKBACK_TOKENS = 400
# A pronoun in a section label ("What they're saying:") looks this far ahead on its line.
LABEL_TOKENS = 120
MAX_LABEL_MENTIONS = 6
# An epithet ("the billionaire") refers back this far, to one person only.
EPITHET_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class Mention:
    """A name or a noun subject the story gives, which a later pronoun may refer to."""

    index: int
    sentence: int
    speaker: Speaker
    is_subject: bool
    place: bool = False  # "in Kansas City": where something is, never what "it" is
    # "told the inquest in Exeter", "worked at Palm Terrace": where something happens, never
    # whom "he" or "she" means, whatever the tagger took the name for
    inanimate: bool = False


def _plural_voice(verb: Token) -> bool:
    """ "'We are still investigating,' he said": what the pronoun says opens with "we", an
    institution's voice, never that of someone a report spoke of."""
    return any(
        c.dep_ == "ccomp" and any(g.dep_ in SUBJECT_DEPS and g.lower_ == "we" for g in c.children)
        for c in verb.children
    )


def _opening_clause_span(pronoun: Token) -> tuple[int, int]:
    """ "When Ana Ruiz took office, she said …": an adverbial clause opening the sentence
    before the pronoun subject is no statement, so a name in it may be what the pronoun
    means. (start, end) of those openers, empty if none."""
    verb = pronoun.head
    start = end = pronoun.i
    for child in verb.children:
        if child.i >= pronoun.i:
            break
        if child.dep_ == "advcl":
            start = min(start, child.left_edge.i)
            end = max(end, child.right_edge.i + 1)
    return (start, end) if start < pronoun.i else (pronoun.i, pronoun.i)


class Antecedents:
    """The mentions of one Doc in order, and the one a pronoun or an epithet refers to."""

    def __init__(
        self,
        doc: Doc,
        mentions: list[Mention],
        sentence_index: list[int],
        sentence_starts: list[int],
        person_shaped: frozenset[int] = frozenset(),
    ) -> None:
        self._doc = doc
        # names the tagger took for a body but shaped like a person's ("Marcus Ellery" ORG)
        self._person_shaped = person_shaped
        self._mentions = sorted(mentions, key=lambda m: m.index)
        self._positions = [m.index for m in self._mentions]
        self._sentence_index = sentence_index
        self._sentence_starts = sentence_starts
        self._reported = reported_tokens(doc)
        self._quoted_marks: list[bool] | None = None
        self._surname_genders: dict[str, str] | None = None

    def before(self, token: Token, sentences: int = LOOKBACK_SENTENCES) -> list[Mention]:
        """Mentions in the few sentences (and tokens) before ``token``, found by bisecting:
        a run-on text with thousands of names costs a window per call, not the whole list."""
        sentence = self._sentence_index[token.i]
        end = bisect_left(self._positions, token.i)
        start = end
        while start > 0:
            mention = self._mentions[start - 1]
            if sentence - mention.sentence > sentences:
                break
            if token.i - mention.index > LOOKBACK_TOKENS:
                break
            start -= 1
        return self._mentions[start:end]

    def pronoun(self, token: Token, kind: str) -> Mention | None:
        """The latest mention of a fitting kind; among those of one sentence, its subject."""
        if kind == "person":
            wanted = {"person"}
        elif kind == "group":
            wanted = {"group", "org"}
        else:
            wanted = {"org"}
        verb = token.head
        if wanted == {"org"} and token.dep_ in SUBJECT_DEPS and verb.lemma_.lower() in SPEECH_VERBS:
            wanted = {"org", "document"}  # "The memo says …. It adds …"
        if in_section_label(token):
            return self._labelled(token)  # "What they're saying: '…,' Ilves said"
        window = self.before(token)
        candidates = [m for m in window if m.speaker.kind in wanted]
        # "Jean-Pierre Makasi's whereabouts … could not reach him", "Kelly Barnes said …
        # 'It smells,' she said": a person-shaped name the tagger took for a body, when no
        # person fits better
        shaped = [
            Mention(
                m.index,
                m.sentence,
                Speaker(m.speaker.name, "person", named=True),
                False,
                inanimate=m.inanimate,
            )
            for m in (window if kind == "person" else [])
            if m.index in self._person_shaped and m.speaker.kind != "person"
        ]
        if kind == "person":
            # animacy and gender are hard filters: "he" and "she" are never where something
            # happened ("told the inquest in Exeter"), nor one the story calls the other
            candidates = self._animate(candidates, token)
            shaped = self._animate(shaped, token)
        if token.dep_ not in SUBJECT_DEPS:
            candidates = candidates or shaped
        else:
            # "…, they said": a source, not a noun inside its own statement; and a name
            # inside someone else's statement or a quotation only when no one outside one
            # fits ("Katya Ruiz withdrew, officials said. … she wrote")
            opening = _opening_clause_span(token)
            speaking = verb.lemma_.lower() in SOURCE_VERBS
            tiers = [
                [
                    m
                    for m in group
                    if not speaking
                    or not verb.left_edge.i <= m.index <= verb.right_edge.i
                    or opening[0] <= m.index < opening[1]
                ]
                for group in (candidates, shaped)
            ]
            told = [
                [m for m in tier if not self._reported[m.index] and not self._quoted[m.index]]
                for tier in tiers
            ]
            candidates = told[0] or told[1]
            if not candidates and not _plural_voice(verb):
                # "Ella Brandt pulled out, organisers said. … she wrote": only the one a report
                # leads with, doing what it says; never the accused in "Prosecutors said Tom
                # Blake had lied. He said …", whom the unnamed source spoke of; and within one
                # report, whom it is about ("a jury found that Ana Ruiz defamed him when she …")
                inside = self._reported[token.i]
                here = self._sentence_index[token.i]
                leading = [
                    [m for m in tier if self._leads_report(m) or (inside and m.sentence == here)]
                    for tier in tiers
                ]
                candidates = leading[0] or leading[1]
        if "group" not in wanted:
            # "Prairie Mutual opened an office in Kansas City. It said …": the company, and
            # never the place, which says nothing; "a woman at the bakery in Leeds said it had
            # no comment": not Leeds either
            candidates = [m for m in candidates if not m.place]
        if not candidates:
            return None
        latest_sentence = candidates[-1].sentence
        in_sentence = [m for m in candidates if m.sentence == latest_sentence]
        subjects = [m for m in in_sentence if m.is_subject]
        if token.dep_ in SUBJECT_DEPS and verb.lemma_.lower() in SOURCE_VERBS:
            # "Her lawyer, Jon Ede, said in a statement that Ruiz 'never cheated'. 'We will
            # appeal,' he said": the one who spoke goes on speaking, not a subject in what he
            # said that the parser hung elsewhere
            speakers = [m for m in subjects if self._speaks(m)]
            subjects = speakers or subjects
        return (subjects or in_sentence)[-1]

    def _labelled(self, pronoun: Token) -> Mention | None:
        """ "What they're saying: '…,' Ilves said": a pronoun in a section label means who
        speaks first in the section, on the label's line; None when no one does."""
        doc = self._doc
        first = bisect_left(self._positions, pronoun.i + 1)
        for mention in self._mentions[first : first + MAX_LABEL_MENTIONS]:
            if mention.index - pronoun.i > LABEL_TOKENS or any(
                "\n" in t.text_with_ws for t in doc[pronoun.i : mention.index]
            ):
                return None
            if self._speaks(mention):
                return mention
        return None

    def _animate(self, mentions: list[Mention], pronoun: Token) -> list[Mention]:
        """The mentions "he" or "she" may mean: never a name where something happens ("in
        Exeter", "at Palm Terrace"), nor one the story calls by the other pronoun ("Captain
        Ana Ruiz said she was proud. 'We never gave up,' he said")."""
        gender = pronoun_gender(pronoun)
        genders = self._genders() if gender is not None else {}
        return [
            m
            for m in mentions
            if not m.inanimate
            and genders.get(m.speaker.name.split()[-1].lower(), gender) == gender
        ]

    @property
    def _quoted(self) -> list[bool]:
        """Quoted tokens, marked on the first look-back that needs them."""
        if self._quoted_marks is None:
            self._quoted_marks = quoted_tokens(self._doc)
        return self._quoted_marks

    def _genders(self) -> dict[str, str]:
        if self._surname_genders is None:
            self._surname_genders = surname_genders(self._doc)
        return self._surname_genders

    def _leads_report(self, mention: Mention) -> bool:
        """The active subject of a report its source trails ("[Ana Ruiz] pulled out, officials
        said"), not one the source spoke of after naming itself or who had something done."""
        token = climb_while(self._doc[mention.index], lambda t: t.dep_ in {"compound", "flat"})
        clause = token.head
        return (
            token.dep_ == "nsubj"
            and clause.dep_ == "ccomp"
            and clause.head.lemma_.lower() in SPEECH_VERBS
            and clause.head.i > token.i
        )

    def _speaks(self, mention: Mention) -> bool:
        """A subject of a speech verb (or of a representative's: "a spokesman for …")."""
        # "Her lawyer, [Jon Ede],": the name in the subject's apposition
        token = climb_while(self._doc[mention.index], lambda t: t.dep_ in {"appos", "compound"})
        return token.dep_ in SUBJECT_DEPS and token.head.lemma_.lower() in SOURCE_VERBS

    def person(self, token: Token, candidates: list[Mention]) -> Speaker | None:
        """ "Elon Musk … The billionaire said": the person named in the last sentences, the
        most salient one when several are (see ``salience``); as written when none is, or
        when two are too close to choose."""
        sentence = self._sentence_index[token.i]
        age = age_of(token)
        ages = self._ages(candidates)
        aged: set[str] = set()  # names given the epithet's age, tagged or not
        if age is not None:
            # "Ana Ruiz, 44, said …. 'No,' the 44-year-old said": the one person given that
            # age in the sentences before, however many others were named since; never one
            # given another age
            found = {name for name, given in ages.items() if given == age}
            if len(found) == 1:  # a name given an age is a person's, whatever its tag
                name = next(iter(found))
                known = next(m.speaker for m in candidates if m.speaker.name == name)
                return known if known.kind == "person" else Speaker(name, "person", named=True)
            aged = aged_names(self._doc, self.window_start(token), token.i, age)
            if not found and len(aged) == 1:  # "Tom Hale met Ana Ruiz, 40," untagged
                return Speaker(next(iter(aged)), "person", named=True)
        own_clause = self._own_clause(token)
        people: dict[str, Speaker] = {}
        mentions: list[tuple[str, int, int]] = []
        for m in candidates:
            name = m.speaker.name
            if (age is not None and ages.get(name, age) != age) or (
                own_clause[0] <= m.index < own_clause[1]
                and (self._reported[m.index] or self._quoted[m.index])
            ):
                continue  # "'Kenji played it,' the 23-year-old said": not who is quoted
            # "Marcus Ellery scored 38 … said the 34-year-old": an epithet means a person, so
            # a person-shaped name the tagger took for a body counts as one
            shaped = m.index in self._person_shaped
            if not shaped and (m.speaker.kind != "person" or not m.speaker.named):
                continue
            mentions.append((name, m.index, m.sentence))
            if sentence - m.sentence <= EPITHET_SENTENCES:
                people.setdefault(
                    name, m.speaker if not shaped else Speaker(name, "person", named=True)
                )
        if len(people) > 1:
            # "Maria Santos, the Brazilian forward, … Coach Pedro Alves … The Brazilian said":
            # of several people, the one the story gave these words as a role
            word = token.lower_
            roled = {
                n: p
                for n, p in people.items()
                if word in {w.lower().strip(",.") for w in (p.role or "").split()}
            }
            if not roled and is_demonym(token):
                # "the Swede" for "Rosa Lind, the Swedish striker"; as written for "the
                # Kenyan" when no one was given a nationality
                stem = word[:3]
                roled = {
                    n: p
                    for n, p in people.items()
                    if any(
                        w[:1].isupper() and w.lower().startswith(stem)
                        for w in (p.role or "").split()
                    )
                }
                if not roled:
                    return None
            people = roled or people
        gender = noun_gender(token)
        if gender is not None:
            # "Ana Ruiz … she … the businessman said": never one the story calls "she"; and of
            # several, only one the story gives that gender
            genders = self._genders()
            several = len(people) > 1
            people = {
                n: p
                for n, p in people.items()
                if genders.get(n.split()[-1].lower(), gender if not several else None) == gender
            }
        if len(people) == 1:
            # one person tagged, but another name the tagger missed in the same clause, or
            # given the epithet's age: no cue to choose (see ``salience``)
            name, only = next(iter(people.items()))
            last = max(m[1] for m in mentions if m[0] == name)
            if untagged_rival(self._doc[last]) or (age is not None and aged):
                return None
            return only
        if not people:
            return None
        best = most_salient(
            self._doc,
            [m for m in mentions if m[0] in people],
            sentence,
            lambda i: self._reported[i] or self._quoted[i],
        )
        return people.get(best) if best is not None else None

    def _own_clause(self, token: Token) -> tuple[int, int]:
        """The tokens of what an epithet speaking says in its own sentence, which name
        someone it is not; (start, end), empty when the epithet is no speaker."""
        verb = token.head
        if token.dep_ not in SUBJECT_DEPS or verb.lemma_.lower() not in SOURCE_VERBS:
            return (token.i, token.i)
        start = self._sentence_starts[self._sentence_index[token.i]]
        return (max(start, verb.left_edge.i), token.i)

    def _ages(self, candidates: list[Mention]) -> dict[str, str]:
        """The age each person is given right after the name ("Ana Ruiz, 44,")."""
        doc = self._doc
        return {
            m.speaker.name: doc[m.index + 2].text
            for m in candidates
            if m.speaker.named
            and m.speaker.kind in {"person", "org"}
            and m.index + 2 < len(doc)
            and doc[m.index + 1].text == ","
            and doc[m.index + 2].like_num
        }

    def window_start(self, token: Token) -> int:
        """Where a description's antecedent may start: a few sentences, and a few hundred
        tokens (a run-on "sentence" has no bound of its own), before it."""
        sentence = self._sentence_index[token.i]
        first = self._sentence_starts[max(0, sentence - DESCRIPTION_SENTENCES)]
        return max(first, token.i - LOOKBACK_TOKENS)


def age_of(token: Token) -> str | None:
    """ "44" for "the 44-year-old" or "the 44-year-old former agent", else None."""
    doc = token.doc
    olds = [token, *(c for c in token.children if c.dep_ == "amod")]
    for old in olds:
        if (
            old.lower_ == "old"
            and old.i >= 4
            and doc[old.i - 1].text == "-"
            and doc[old.i - 2].lower_ in {"year", "years"}
            and doc[old.i - 3].text == "-"
            and doc[old.i - 4].like_num
        ):
            return doc[old.i - 4].text
    return None
