"""Who claims what: speech verbs, "according to", quotations and accusations.

Works on dependency parses. A claim needs a source cue (a speech verb, "according to", or a
quotation that continues an attributed speaker) and content (a clause, a quotation, the object
of "mentioned", or the "of …" phrase of an accusation). Author commentary has no cue and so
never becomes a claim. What a verb reports is read by ``clauses``, who it belongs to by
``sources``; this module finds the cues and puts the two together.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from bot.pipeline.analysis.according import according_claim
from bot.pipeline.analysis.asserted import told_a_hearing, unasserted
from bot.pipeline.analysis.clauses import (
    bounds,
    content,
    document_subject,
    fronted_content,
    names_or_misread_speech,
    reports_a_refusal,
)
from bot.pipeline.analysis.documents import document_it
from bot.pipeline.analysis.expectations import (
    FORECAST_VERBS,
    outlet_has_learned,
    reports_a_that_clause,
    stated_expectation,
)
from bot.pipeline.analysis.layout import paragraph_breaks, sentence_bounds, within_paragraph
from bot.pipeline.analysis.lexicon import (
    ACCUSATION_VERBS,
    HEDGES,
    MEASURING_VERBS,
    PROCEEDINGS,
    SPEECH_VERBS,
)
from bot.pipeline.analysis.misparses import (
    speech_after_a_weekday,
    speech_verb_as_modifier,
    speech_verb_in_subject,
)
from bot.pipeline.analysis.objects import measured_content, scoop_content
from bot.pipeline.analysis.raw import RawClaim, hedge_in
from bot.pipeline.analysis.reasons import reason_participle
from bot.pipeline.analysis.relatives import relative_before
from bot.pipeline.analysis.sources import (
    EXPLETIVE_SUBJECTS,
    denies_or_generalises,
    join_speakers,
    named_after,
    outlet_recipient,
    phrase_before,
    preceding_nominal,
    subject_tokens,
)
from bot.pipeline.analysis.speakers import Speaker, SpeakerRegistry, is_nameless
from bot.pipeline.analysis.text import straight_quotes
from bot.pipeline.analysis.trailing import (
    joined_statement,
    misread_source,
    reason_after,
    speaker_in_apposition,
    trailing_content,
)

SPEAKING_VERBS = frozenset("speak talk address testify tweet post write reply respond".split())
# No sentence an editor reads reports more statements than this; each costs up to a claim's
# length in later passes, so the cap keeps a run-on text linear.
MAX_CLAIMS_PER_SENTENCE = 8
CLOSING_QUOTES = frozenset({'"', "”", "''", "’"})
# Agentless passives that state nothing: "Lee, 67, is charged with fraud" (an act)
AGENTLESS_ACTS = frozenset({"charge"})


def _inverted(verb: Token) -> bool:
    """ "…, said Dr. Kim Lee": the verb follows the statement directly, so its speaker comes
    after it."""
    return verb.i > 0 and verb.doc[verb.i - 1].text in {",", *CLOSING_QUOTES}


def _nameless(speaker: Speaker) -> bool:
    """ "who", "some", "others": no name; but "the WHO" is the World Health Organization."""
    return is_nameless(speaker.name) and not speaker.name.isupper()


def _is_negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


@dataclass(frozen=True, slots=True)
class SpeechEvent:
    """Someone speaking, with or without reported content ("Faeser spoke on Monday")."""

    index: int
    speaker: Speaker
    cue: str


class ClaimFinder:
    """Finds raw claims in one parsed document.

    ``speech_events`` lists every speaker seen speaking, so that a quotation paragraph with no
    cue of its own can be attributed to the speaker introduced just before it.
    """

    def __init__(self, doc: Doc, registry: SpeakerRegistry) -> None:
        self._doc = doc
        self._registry = registry
        self._breaks = paragraph_breaks(doc)
        self._sentence_starts, self._sentence_ends = sentence_bounds(doc)
        self.speech_events: list[SpeechEvent] = []

    def find(self) -> list[RawClaim]:
        claims: list[RawClaim] = []
        per_sentence: dict[int, int] = {}
        furniture = self._registry.furniture
        for token in self._doc:
            if furniture[token.i]:
                continue  # a headline or a dateline reports nothing
            sentence_start = self._sentence_of(token.i)[0]
            if per_sentence.get(sentence_start, 0) >= MAX_CLAIMS_PER_SENTENCE:
                continue  # a run-on "sentence" of hundreds of "X said": the rest is noise
            claim = None
            if token.lower_ in {"according", "per"}:  # "…, per county records."
                claim = according_claim(
                    token, self._registry, self._breaks, self._sentence_of, self._sentence_bounds
                )
            elif token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in SPEECH_VERBS:
                claim = self._speech_verb(token)
                if claim is None:
                    self._record_event(token)
            elif names_or_misread_speech(token):
                claim = self._speech_verb(token)
            elif token.pos_ == "VERB" and token.lemma_.lower() in MEASURING_VERBS:
                claim = self._speech_verb(token)  # "the survey put turnout at 61 percent"
            elif outlet_has_learned(token) or (
                token.pos_ == "VERB" and (stated_expectation(token) or reports_a_that_clause(token))
            ):
                claim = self._speech_verb(token)  # "Harlow expects earnings of $2 a share"
            elif token.lemma_.lower() == "cite" and (
                document_subject(token) or reason_participle(token)
            ):
                # "the memo cites a $62 million loss"; "voted to close it, citing a fall in …"
                claim = self._speech_verb(token)
            elif token.pos_ == "VERB" and token.lemma_.lower() in SPEAKING_VERBS:
                self._record_event(token)
            elif token.lower_ in HEDGES:
                claim = self._hedged_statement(token)
            if claim is not None:
                claims.append(claim)
                per_sentence[sentence_start] = per_sentence.get(sentence_start, 0) + 1
                if claim.speaker is not None and claim.cue_index is not None:
                    event = SpeechEvent(claim.cue_index, claim.speaker, claim.cue or "say")
                    self.speech_events.append(event)
        return claims

    def _record_event(self, verb: Token) -> None:
        if _is_negated(verb):
            return
        subjects, passive, _ = subject_tokens(verb)
        if passive:
            return
        resolved = [self._registry.resolve(s) for s in subjects]
        speaker = join_speakers([r for r in resolved if not _nameless(r)])
        if speaker is not None and speaker.kind != "unknown":
            self.speech_events.append(SpeechEvent(verb.i, speaker, verb.lemma_.lower()))

    def _sentence_bounds(self, start: int, end: int, extra: Token | None = None) -> tuple[int, int]:
        s, _ = self._sentence_of(start)
        _, e = self._sentence_of(end - 1)
        if extra is not None:
            extra_start, extra_end = self._sentence_of(extra.i)
            s, e = min(s, extra_start), max(e, extra_end)
        doc = self._doc
        if (
            s + 1 < e
            and s > 0
            and doc[s - 1].text in ".!?"
            and self._closes(s, opened=straight_quotes(doc, s + 1, e) % 2 == 1)
        ):
            s += 1  # the previous sentence's closing mark, which the parser gave this one
        return s, self._with_closing_quote(s, e)

    def _closes(self, i: int, *, opened: bool) -> bool:
        """Token ``i`` is a closing quotation mark. A straight '"' opens as often as it closes:
        it closes only when the quotation it would close is open (``opened``)."""
        text = self._doc[i].text
        return text in CLOSING_QUOTES and (text != '"' or opened)

    def _with_closing_quote(self, start: int, end: int) -> int:
        """'… "a betrayal of small towns."': the closing mark the parser left to the next
        sentence (or the paragraph break) ends this one; the mark that opens the next sentence's
        quotation ('… she said. "We will appeal."') does not."""
        doc = self._doc
        if (
            end < len(doc)
            and doc[end - 1].text in ".!?"
            and self._closes(end, opened=straight_quotes(doc, start, end) % 2 == 1)
        ):
            return end + 1
        return end

    def _sentence_before(self, i: int) -> int | None:
        """Where the sentence before token ``i``'s begins, when it is in the same paragraph."""
        number = bisect_right(self._sentence_starts, i) - 1
        if number < 1:
            return None
        start = self._sentence_starts[number - 1]
        same = within_paragraph(self._breaks, start, start + 1, i) == (start, start + 1)
        return start if same else None

    def _sentence_of(self, i: int) -> tuple[int, int]:
        """Bounds of the sentence holding token ``i``; ``Token.sent`` scans the whole sentence,
        which is quadratic over the claims of a run-on one."""
        number = bisect_right(self._sentence_starts, i) - 1
        return self._sentence_starts[number], self._sentence_ends[number]

    def _speech_verb(self, verb: Token) -> RawClaim | None:
        # "Prosecutors allege Dade spent …", "after a judge ruled ministers had failed …"
        inside = (
            speech_verb_in_subject(verb)
            or speech_verb_as_modifier(verb)
            or speech_after_a_weekday(verb)  # "Tessel Foods on Monday forecast …"
        )
        if inside is None and verb.dep_ in {"amod", "compound", "auxpass", "aux"}:
            return None
        if _is_negated(verb) or unasserted(verb):
            return None
        measured = measured_content(verb) if inside is None else None
        if verb.lemma_.lower() in MEASURING_VERBS - SPEECH_VERBS and measured is None:
            return None
        # "The Ledger first reported the closures": the news an outlet broke, credited to it
        measured = measured or (scoop_content(verb) if inside is None else None)
        found = content(verb) if inside is None and measured is None else None
        if found is not None and reports_a_refusal(verb):
            return None  # "said it would not comment": a declined comment request, no claim
        fronted = (inside or measured or fronted_content(verb)) if found is None else None
        if found is None and fronted is None:
            fronted = trailing_content(verb)
        if found is None and fronted is None:
            return None
        subjects, passive, passive_subject = subject_tokens(verb)
        if passive and passive_subject is not None and told_a_hearing(verb, passive_subject):
            # "The tribunal was told that …": what a hearing is told, it heard
            subjects, passive, passive_subject = [passive_subject], False, None
        if fronted is not None:
            start, end, speaker_token = fronted
            found = start, end, None
            subjects = [speaker_token]
        if verb.lemma_.lower() == "hear" and not any(
            s.lemma_.lower() in PROCEEDINGS for s in subjects
        ):
            return None  # "neighbours heard that …" is hearsay; "the inquest heard that …" is not
        start, end, target_token = found
        appositive = speaker_in_apposition(verb, subjects, end) if not passive else None
        if appositive is not None:  # "…positive for the booster EPO, the unit said"
            end, subjects = appositive[0], [appositive[1]]
        opening = relative_before(verb) if not subjects and not passive else None
        if opening is not None:  # "Residents, some of whom signed a petition, said …"
            subjects, start = [opening[0]], max(start, opening[1])
        if not subjects and not passive and verb.dep_ == "ROOT":
            # The content lies on one side of the verb; the speaker is on the other.
            trailing = trailing_content(verb) if end <= verb.i else None
            if trailing is not None and start <= trailing[1] < end:
                # "…, forward Terrell Dunn, a person with knowledge of the deal told …": the
                # speaker's phrase was parsed into the statement, after its last comma
                end, subjects = trailing[1], [trailing[2]]
            else:
                after = named_after(verb) if end <= verb.i and _inverted(verb) else None
                nominal = after or preceding_nominal(verb)  # "…, city records show."
                subjects = [nominal] if nominal is not None else []
        if verb.lemma_.lower() in ACCUSATION_VERBS and passive:
            target_token = passive_subject
        if any(denies_or_generalises(s, verb) for s in subjects):
            return None
        # Content read around the verb ("X did Y, state media reported, …") holds none of
        # the speaker's own words.
        around = verb.dep_ == "parataxis" and start <= verb.i < end
        resolved = [
            self._registry.resolve(s, [c for c in s.children if start <= c.i < end and not around])
            for s in subjects
        ]
        named = [r for r in resolved if not _nameless(r)]
        speaker = join_speakers(named)
        if verb.pos_ == "NOUN" and end <= verb.i:
            speaker = misread_source(verb) or speaker  # "…, court records show."
        elif not resolved and verb.pos_ == "NOUN":
            speaker = phrase_before(verb)  # "The ruling states that …" read as a noun phrase
        if (
            speaker is None
            and not passive
            and verb.dep_ != "parataxis"
            and len(named) == len(resolved)
        ):
            return None
        if speaker is not None and speaker.name.lower() in EXPLETIVE_SUBJECTS:
            document = document_it(verb, self._sentence_before(verb.i))
            if document is None:
                return None
            speaker = self._registry.resolve(document)  # "… notice lists X. It says …"
        if verb.lemma_.lower() in FORECAST_VERBS and not (speaker and speaker.named):
            return None  # a forecast is worth checking only when it is someone's by name
        if passive and speaker is None and verb.lemma_.lower() in AGENTLESS_ACTS:
            return None
        if (
            passive
            and passive_subject is not None
            and verb.lemma_.lower() not in ACCUSATION_VERBS
            and passive_subject.lower_ not in EXPLETIVE_SUBJECTS  # "It is believed that …"
        ):
            start = min(start, passive_subject.left_edge.i)
        start, end = within_paragraph(self._breaks, start, end, verb.i)
        interrupts = verb.dep_ == "parataxis" and start <= verb.i < end
        gaps = frozenset(t.i for t in verb.subtree if t.dep_ != "cc") if interrupts else frozenset()
        trails = fronted is not None or end <= verb.i  # the speaker follows the statement
        joined = joined_statement(verb, end) or reason_after(verb, end)
        if joined is not None:
            end, gaps = joined
        target = None
        if target_token is not None:
            inside = [c for c in target_token.children if c.dep_ == "prep"]
            target = self._registry.resolve(target_token, inside).name
        s_start, s_end = self._sentence_bounds(start, end, verb)
        return RawClaim(
            start=start,
            end=end,
            sentence_start=s_start,
            sentence_end=s_end,
            cue=verb.lemma_.lower(),
            cue_index=verb.i,
            speaker=speaker,
            target=target,
            reported_by=outlet_recipient(verb, self._registry),
            hedge=hedge_in(verb, start, end, self._doc),
            passive=passive,
            gaps=gaps,
            fronted=trails,
        )

    def _hedged_statement(self, hedge: Token) -> RawClaim | None:
        """ "The minister allegedly took bribes": a claim whose source the article withholds."""
        verb = hedge.head
        is_main_clause = verb.dep_ in {"ROOT", "conj"} and verb.pos_ in {"VERB", "AUX"}
        if hedge.dep_ != "advmod" or not is_main_clause:
            return None
        if verb.dep_ == "conj" and verb.head.dep_ != "ROOT":
            return None
        conj_clauses = {
            t.i for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" for t in c.subtree
        }
        start, end = bounds(verb, conj_clauses)
        s_start, s_end = self._sentence_bounds(start, end)
        return RawClaim(
            start=start,
            end=end,
            sentence_start=s_start,
            sentence_end=s_end,
            cue=None,
            cue_index=None,
            speaker=None,
            hedge=hedge.lower_,
        )
