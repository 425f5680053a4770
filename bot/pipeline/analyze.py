"""Claim analysis: who claims what, with which numbers, and who has yet to respond.

One spaCy parse per article (``parse``), then cheap rule passes over the Doc (``analyze_doc``).
The summarizer may reuse the same Doc. The rules live in :mod:`bot.pipeline.analysis`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from bot.models import Analysis, Claim
from bot.pipeline.analysis.attribution import ClaimFinder
from bot.pipeline.analysis.comments import find_comment_requests
from bot.pipeline.analysis.described import name_described_speakers
from bot.pipeline.analysis.doc_index import entities_in
from bot.pipeline.analysis.documents import name_referred_documents
from bot.pipeline.analysis.entities import find_entities
from bot.pipeline.analysis.layout import (
    paragraph_breaks,
    paragraph_of,
    split_dateline,
    within_paragraph,
)
from bot.pipeline.analysis.lexicon import CULPABILITY_NOUNS
from bot.pipeline.analysis.nesting import resolve_nesting
from bot.pipeline.analysis.normalize import for_parsing, pieces_for_parsing
from bot.pipeline.analysis.quantities import quantities_in
from bot.pipeline.analysis.ranking import score_claim, title_words
from bot.pipeline.analysis.raw import RawClaim
from bot.pipeline.analysis.refine import (
    apply_quotes,
    clip_long_claims,
    continued_quotes,
    cut_own_attribution,
    deduplicate,
    is_finite_predicate,
    join_split_quotations,
    merge_agentless_accusations,
)
from bot.pipeline.analysis.responses import find_responses
from bot.pipeline.analysis.speakers import SpeakerRegistry
from bot.pipeline.analysis.text import quote_spans, straight_quotes, tokens_text

__all__ = ["Analyzer"]

MIN_CLAIM_WORDS = 3  # shorter content is a parsing fragment ("is critical"), not a claim
MAX_MARK_COUNT = 600  # tokens of a paragraph counted to tell opening from closing marks
MIN_CLAUSE_WORDS = 2  # … unless it is a whole clause: "People cried", "Prices rose"
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
CURLY_CLOSING = frozenset({"”"})


def _sentence(doc: Doc, breaks: list[int], item: RawClaim) -> str:
    """The sentence that carries the claim: the cue's (or, without a cue, the content's),
    widened over the content only inside the same paragraph."""
    anchor = item.cue_index if item.cue_index is not None else item.start
    start, end = within_paragraph(breaks, item.sentence_start, item.sentence_end, anchor)
    start, end = _own_quotation_marks(doc, breaks, start, end)
    return doc[start:end].text.strip()


def _own_quotation_marks(doc: Doc, breaks: list[int], start: int, end: int) -> tuple[int, int]:
    """'"People cried," she said. "I cried."': the parser may give a sentence the mark that
    opens the next one and leave its own opening mark to the sentence before. Whether a
    straight mark opens or closes shows in how many marks come before it in its paragraph
    (an even number: it opens); only paragraphs short enough to count are mended."""
    paragraph = paragraph_of(breaks, start)
    first = breaks[paragraph - 1] + 1 if paragraph else 0
    if end - first > MAX_MARK_COUNT:
        return start, end

    def opens(i: int) -> bool:
        return doc[i].text == '"' and straight_quotes(doc, first, i) % 2 == 0

    def closes(i: int) -> bool:
        return doc[i].text in CURLY_CLOSING or (doc[i].text == '"' and not opens(i))

    if end - start > 2 and doc[end - 2].text in ".!?" and opens(end - 1):
        end -= 1  # the next sentence's opening mark
    elif end < len(doc) and doc[end - 1].text in ".!?" and closes(end):
        end += 1  # '"Silence is its own answer.' | '"': the closing mark parsed on its own
    if start > first and doc[start].text != '"' and opens(start - 1):
        start -= 1  # this sentence's own opening mark
    return start, end


def _short_statement(doc: Doc, item: RawClaim, text: str) -> bool:
    """'"People cried," she said.': two words make a claim when they are a clause of their
    own, a subject and a finite verb, that a speaker said. "X denied any wrongdoing" is a
    claim in fewer words: a denial of culpability."""
    if item.cue == "deny" and item.speaker is not None:
        return any(t.lemma_.lower() in CULPABILITY_NOUNS for t in doc[item.start : item.end])
    if item.cue is None or len(text.split()) != MIN_CLAUSE_WORDS:
        return False
    span = [t for t in doc[item.start : item.end] if not t.is_punct]
    return any(t.dep_ in {"nsubj", "nsubjpass"} for t in span) and any(
        t.tag_ in FINITE_TAGS or is_finite_predicate(t) for t in span
    )


def _without_datelines(pieces: list[str]) -> list[str]:
    """A dateline opening a paragraph parsed on its own ("WASHINGTON (AP) —" | "The Justice
    Department said …"): read together, the parser takes the city for the subject."""
    split: list[str] = []
    for number, piece in enumerate(pieces):
        opens_paragraph = number == 0 or pieces[number - 1].endswith("\n")
        split.extend(split_dateline(piece) if opens_paragraph else [piece])
    return split


class Analyzer:
    """Turns article text into an :class:`~bot.models.Analysis`; reusable and thread-safe."""

    def __init__(self, nlp: Language | None = None) -> None:
        if nlp is None:
            from bot.pipeline.nlp import load_model

            nlp = load_model()
        self.nlp = nlp

    def tokenize(self, text: str) -> Doc:
        """The tokens the parse would see, without the (costly) parse."""
        return self.nlp.tokenizer(for_parsing(text))

    def pieces(self, text: str) -> list[str]:
        """The text as the parser reads it: without what no reader needs, one paragraph (or
        part of a very long one) per piece, datelines apart (see ``normalize``). Joined, the
        pieces are ``for_parsing(text)``: no input makes the tokenizer quadratic, and no
        sentence runs across a paragraph break."""
        return _without_datelines(pieces_for_parsing(for_parsing(text)))

    def parse(self, text: str) -> Doc:
        """The one spaCy call per article; paragraphs stay separated by newlines."""
        return self.parse_many([text])[0]

    def parse_many(self, texts: list[str]) -> list[Doc]:
        """Each text's parse exactly as ``parse`` gives it, the pieces of all of them parsed in
        one batch (spaCy parses a batch of short texts faster than one text at a time)."""
        pieces = [self.pieces(text) for text in texts]
        docs = iter(self.nlp.pipe([piece for some in pieces for piece in some]))
        return [self.join([next(docs) for _ in some]) for some in pieces]

    def join(self, docs: list[Doc]) -> Doc:
        """Parsed pieces as one Doc whose text is the pieces' text, unchanged."""
        if len(docs) <= 1:
            return docs[0] if docs else self.nlp("")
        return Doc.from_docs(docs, ensure_whitespace=False)

    def analyze(self, text: str, *, title: str | None = None) -> Analysis:
        return self.analyze_doc(self.parse(text), title=title)

    def analyze_doc(self, doc: Doc, *, title: str | None = None) -> Analysis:
        registry = SpeakerRegistry(doc)
        finder = ClaimFinder(doc, registry)
        raw = finder.find()
        quotes = quote_spans(doc)
        apply_quotes(doc, raw, quotes)
        cut_own_attribution(doc, raw)
        join_split_quotations(doc, raw, quotes)
        clip_long_claims(doc, raw)
        raw = resolve_nesting(doc, raw, quotes)
        raw = merge_agentless_accusations(doc, raw)
        continued = continued_quotes(doc, raw, quotes, finder.speech_events)
        clip_long_claims(doc, continued)
        raw = deduplicate(raw + continued)
        name_described_speakers(doc, raw)
        name_referred_documents(doc, raw)
        claims, positions = self._finish(doc, raw, title)
        pending = tuple(find_comment_requests(doc, registry))
        responses = tuple(find_responses(doc, registry, claims, positions))
        ranked = tuple(sorted(claims, key=lambda c: (-c.score, positions[c.id])))
        return Analysis(
            entities=find_entities(doc),
            claims=ranked,
            pending_responses=pending,
            responses=responses,
        )

    @staticmethod
    def _finish(
        doc: Doc, raw: list[RawClaim], title: str | None
    ) -> tuple[list[Claim], dict[str, int]]:
        """Ids in article order, text, quantities and scores."""
        headline = title_words(title)
        claims: list[Claim] = []
        positions: dict[str, int] = {}
        breaks = paragraph_breaks(doc)
        for number, item in enumerate(raw, start=1):
            text = tokens_text(doc, item.start, item.end, item.gaps)
            if len(text.split()) < MIN_CLAIM_WORDS and not _short_statement(doc, item, text):
                continue
            if item.hedge and item.hedge not in text.lower():
                text = f"({item.hedge}) {text}"
            quantities = quantities_in(doc, item.start, item.end)
            speaker = item.speaker
            entity_count = len({e.text for e in entities_in(doc, item.start, item.end)})
            claim_id = f"c{number}"
            positions[claim_id] = min(item.start, item.cue_index or item.start)
            claims.append(
                Claim(
                    id=claim_id,
                    speaker=speaker.name if speaker else None,
                    cue=item.cue,
                    text=text,
                    sentence=_sentence(doc, breaks, item),
                    speaker_role=speaker.role if speaker else None,
                    quote=item.quote,
                    quantities=quantities,
                    hedge=item.hedge,
                    reported_by=item.reported_by,
                    target=item.target,
                    score=score_claim(
                        has_quantities=bool(quantities),
                        cue=item.cue,
                        target=item.target,
                        speaker_named=bool(speaker and (speaker.named or speaker.role)),
                        speaker_known=speaker is not None,
                        quote=item.quote,
                        hedge=item.hedge,
                        entity_count=entity_count,
                        text=text,
                        headline_words=headline,
                    ),
                )
            )
        return claims, positions
