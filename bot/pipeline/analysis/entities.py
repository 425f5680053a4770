"""Named entities worth showing on a card: deduplicated, full names preferred."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.models import Entity
from bot.pipeline.analysis.doc_index import entities
from bot.pipeline.analysis.names import clean_name

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LAW"}
)
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})


def find_entities(doc: Doc) -> tuple[Entity, ...]:
    """Entities in order of first mention; "Ivashchenko" folds into "Oleh Ivashchenko"."""
    first: dict[str, Entity] = {}
    for ent in entities(doc):
        if ent.label_ not in ENTITY_LABELS:
            continue
        name = clean_name(ent.text.replace("\n", " "))
        if not name or not any(ch.isalpha() for ch in name):
            continue
        key = name.lower()
        if key not in first:
            first[key] = Entity(name, ent.label_)
    # a set, not a pass over every full name per name: a list of names stays linear
    surnames = {
        e.text.split()[-1].lower() for e in first.values() if e.label == "PERSON" and " " in e.text
    }
    kept: list[Entity] = []
    for entity in first.values():
        is_surname = entity.label not in PLACE_LABELS and " " not in entity.text
        if is_surname and entity.text.lower() in surnames:
            continue
        kept.append(entity)
    return tuple(kept)
