"""Candidate speaker spans and their features for every (gold claim, claim found) pair.

Usage: python bench/experiments/learned_speaker/cands.py [--repo R] [--work W]

The rules' speaker comes from the old-commit dumps (W/dumps); the parse and every other
candidate come from the current repository's model, so a chooser only adds what the parse can
offer. Candidates: the rules' pick, "no speaker", entities and noun chunks of the claim's
sentence window (2 before, 1 after), pronouns resolved to the last PERSON, the cue verb's
subject or agent, longer full names, and every PERSON/ORG of the passage tagged ``far``.
Writes W/cands.pkl: one group per gold claim that some found claim covers.
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from common import SETS, cands_path, fold, has, load_dump

PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them"}
QUOTES = {'"', "“", "”", "''", "``"}
DEPS = ["nsubj", "nsubjpass", "pobj", "dobj", "appos", "compound", "conj", "poss", "attr", "ROOT"]
POS = ["PROPN", "NOUN", "PRON"]
LABELS = ["PERSON", "ORG", "NORP", "GPE"]
KINDS = ["rules", "ent", "chunk", "pron", "subj", "none", "fullname", "far"]
DESC = re.compile(r"^(the|a|an|its|his|her|their|one|two|three|several)\b", re.I)
DOC_WORDS = ("report", "document", "memo", "statement", "survey", "data", "filing", "letter")
REPO = Path(__file__).resolve().parents[3]
Cand = dict[str, Any]


def quote_state(doc: Any) -> list[bool]:
    """Per token: inside a quotation (quote marks count as inside)."""
    inside, flags = False, []
    for t in doc:
        if t.text in QUOTES:
            inside = not inside
            flags.append(True)
        else:
            flags.append(inside)
    return flags


def locate_sent(doc: Any, text: str, claim: dict) -> tuple[int | None, int | None]:
    """Index of the claim's sentence in the parse, and the claim text's offset."""
    pos = text.find(claim["sentence"]) if claim["sentence"] else -1
    if pos < 0:
        pos = text.find(claim["text"][:40])
    if pos < 0:
        return None, None
    tpos = text.find(claim["text"][:40], pos)
    for i, s in enumerate(doc.sents):
        if s.start_char <= pos < s.end_char + 1:
            return i, tpos
    return None, tpos


def tree_dist(a: Any, b: Any) -> int:
    """Edges between two tokens through their lowest common ancestor (20 when unrelated)."""
    pa = [a, *a.ancestors]
    pb = [b, *b.ancestors]
    ia = {t.i: k for k, t in enumerate(pa)}
    for k, t in enumerate(pb):
        if t.i in ia:
            return ia[t.i] + k
    return 20


def cue_token(sent: Any, cue: str | None, tpos: int | None) -> Any:
    """The token of the rules' cue verb nearest the claim text."""
    if not cue:
        return None
    c = [t for t in sent if t.lemma_.lower() == cue.lower() or t.text.lower() == cue.lower()]
    if not c:
        c = [t for t in sent if t.lemma_.lower() in cue.lower().split()]
    if not c:
        return None
    if tpos is not None:
        return min(c, key=lambda t: abs(t.idx - tpos))
    return c[0]


def full_names(doc: Any) -> dict[str, str]:
    """Last-token text -> longest PERSON/ORG entity ending with it ("Smith" -> "Jane Smith")."""
    best: dict[str, str] = {}
    for e in doc.ents:
        if e.label_ in ("PERSON", "ORG"):
            k = e[-1].text.lower()
            if len(e.text) > len(best.get(k, "")):
                best[k] = e.text
    return best


class Candidates:
    """Candidates of one claim, merged by folded text (one row per distinct string)."""

    def __init__(self) -> None:
        self.by_key: dict[str | None, Cand] = {}

    def add(self, kind: str, text: str | None, span: Any = None, label: str | None = None) -> None:
        if text is not None:
            text = text if kind == "rules" else text.strip(" ,.\"“”'")
            if not text or (kind != "rules" and len(text.split()) > 10):
                return
        key = fold(text) if text is not None else None
        d = self.by_key.setdefault(
            key, {"text": text, "kinds": set(), "spans": [], "labels": set()}
        )
        d["kinds"].add(kind)
        if span is not None:
            d["spans"].append(span)
        if label:
            d["labels"].add(label)


def gather(doc: Any, sents: list, si: int | None, cue: Any, claim: dict, fulls: dict) -> Candidates:
    """All candidate spans of one claim, in a fixed order (argmax ties go to the first)."""
    cands = Candidates()
    add = cands.add
    add("rules", claim["speaker"])
    add("none", None)
    if si is not None:
        for s in sents[max(0, si - 2) : min(len(sents), si + 2)]:
            for e in s.ents:
                if e.label_ in LABELS:
                    add("ent", e.text, e, e.label_)
                    fn = fulls.get(e[-1].text.lower())
                    if fn and fn != e.text:
                        add("fullname", fn, e, e.label_)
            for ch in s.noun_chunks:
                if ch.root.pos_ != "PRON":
                    add("chunk", ch.text, ch)
                elif ch.root.lower_ in PRONOUNS:
                    # a pronoun stands for the most recent PERSON before it
                    prev = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= ch.start]
                    if prev:
                        add("pron", fulls.get(prev[-1][-1].text.lower(), prev[-1].text), ch)
        if cue is not None:
            for ch in cue.children:
                if ch.dep_ in ("nsubj", "nsubjpass"):
                    sp = doc[ch.left_edge.i : ch.right_edge.i + 1]
                    add("subj", sp.text, sp)
                    add("subj", doc[ch.i : ch.i + 1].text if ch.pos_ != "PROPN" else sp.text, sp)
                if ch.dep_ == "agent":
                    for gc in ch.children:
                        sp = doc[gc.left_edge.i : gc.right_edge.i + 1]
                        add("subj", sp.text, sp)
    # whole-passage entities beyond the window; train.py drops far-only ones unless --far
    for e in doc.ents:
        if e.label_ in ("PERSON", "ORG"):
            add("far", fulls.get(e[-1].text.lower(), e.text), e, e.label_)
    return cands


def build(name: str, analyzer: Any, work: Path) -> list[dict]:
    """Groups of one set: each gold claim with, per claim found on it, its candidates."""
    data = load_dump(work, name)
    docs = analyzer.parse_many([p["text"] for p in data])
    groups = []
    for p, doc in zip(data, docs, strict=True):
        text = p["text"]
        sents = list(doc.sents)
        ctx = {
            "doc": doc,
            "sents": sents,
            "qs": quote_state(doc),
            "lastcount": Counter(t.text.lower() for t in doc if t.pos_ == "PROPN"),
            "text": text,
        }
        fulls = full_names(doc)
        for g in p["gold"]:
            found = [c for c in p["claims"] if has(c["text"], g["text"])]
            if not found:
                continue
            rows = []
            for c in found:
                si, tpos = locate_sent(doc, text, c)
                cue = cue_token(sents[si], c["cue"], tpos) if si is not None else None
                cands = gather(doc, sents, si, cue, c, fulls)
                cl = [feats(d, c, si, cue, tpos, ctx) for d in cands.by_key.values()]
                rows.append({"claim": c, "cands": cl})
            groups.append({"set": name, "pid": p["id"], "gold": g, "rows": rows})
    return groups


def rules_feats(rules: str | None, fs: str, text: str) -> dict[str, float]:
    """How the candidate relates to the rules' pick, and what kind of pick that was."""
    fr = fold(rules) if rules else ""
    return {
        "rules_none": float(rules is None),
        "cand_in_rules": float(bool(fs) and bool(fr) and fs in fr and fs != fr),
        "rules_in_cand": float(bool(fs) and bool(fr) and fr in fs and fs != fr),
        "share_tok": float(bool(set(fs.split()) & set(fr.split()) - {"the", "a", "of", "and"}))
        if fs and fr
        else 0.0,
        "rules_pron": float(fr in {"he", "she", "they", "it", "we", "i"}),
        "rules_desc": float(bool(DESC.match(rules or ""))),
        "rules_doc": float(any(w in fr for w in DOC_WORDS)),
        "rules_lower": float(bool(rules) and rules[:1].islower()),
        "rules_ntok": len(fr.split()) / 5,
        "rules_in_text": float(bool(rules) and rules in text),
    }


def geometry(d: Cand, si: int | None, cue: Any, tpos: int | None, ctx: dict) -> dict[str, float]:
    """Where the candidate's nearest span sits relative to the cue and the claim."""
    f = {"sent_back": 3.0, "sent_fwd": 0.0, "tdist": 3.0, "tree": 3.0, "is_subj": 0.0}
    f |= {"in_quote": 0.0, "before_text": 0.0, "first_in_sent": 0.0, "last_in_sent": 0.0}
    f |= {"dep_" + dep: 0.0 for dep in DEPS} | {"pos_" + pos: 0.0 for pos in POS}
    sp, sents = d["spans"], ctx["sents"]
    if not sp or si is None:
        return f
    s0 = sents[si]
    ref = cue.i if cue is not None else s0.start
    span = min(sp, key=lambda x: abs(x.start - ref))
    sj = next((k for k, ss in enumerate(sents) if ss.start <= span.start < ss.end), si)
    f["sent_back"] = min(max(si - sj, 0), 3) / 1.0
    f["sent_fwd"] = float(sj > si)
    f["tdist"] = min(abs(span.root.i - ref), 60) / 20
    same = cue is not None and sj == si
    f["tree"] = (min(tree_dist(span.root, cue), 10) / 3) if same else 4.0
    f["is_subj"] = float(
        cue is not None and span.root.head.i == cue.i and span.root.dep_ in ("nsubj", "nsubjpass")
    )
    f["in_quote"] = float(ctx["qs"][span.root.i])
    f["before_text"] = float(tpos is not None and span.start_char < tpos)
    if sj == si:
        f["first_in_sent"] = float(span.start - s0.start <= 1)
        f["last_in_sent"] = float(s0.end - span.end <= 2)
    if span.root.dep_ in DEPS:
        f["dep_" + span.root.dep_] = 1.0
    if span.root.pos_ in POS:
        f["pos_" + span.root.pos_] = 1.0
    return f


def feats(d: Cand, c: dict, si: int | None, cue: Any, tpos: int | None, ctx: dict) -> dict:
    """Feature dict of one candidate (all floats, names shared by every candidate)."""
    s = d["text"]
    fs = fold(s) if s else ""
    text = ctx["text"]
    f = {"k_" + k: float(k in d["kinds"]) for k in KINDS}
    f["only_far"] = float(d["kinds"] == {"far"})
    f["is_none"] = float(s is None)
    f["is_rules"] = float("rules" in d["kinds"])
    f |= rules_feats(c["speaker"], fs, text)
    f |= {"lab_" + lab: float(lab in d["labels"]) for lab in LABELS}
    f["desc"] = float(bool(s) and bool(DESC.match(s)))
    f["cap"] = float(bool(s) and s[:1].isupper())
    f["ntok"] = len(fs.split()) / 5
    f["in_claim_text"] = float(bool(fs) and fs in fold(c["text"]))
    f["quote_claim"] = float(bool(c.get("quote")))
    f["cue_none"] = float(c["cue"] is None)
    f["mentions"] = min(ctx["lastcount"].get(fs.split()[-1], 0), 10) / 5 if fs else 0.0
    f["in_text"] = float(bool(s) and s in text)
    f |= geometry(d, si, cue, tpos, ctx)
    return {"text": s, "f": f}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", type=Path, default=REPO)
    ap.add_argument("--work", type=Path, default=Path("/tmp/learned-speaker"))
    args = ap.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))
    from bot.pipeline.analyze import Analyzer  # the current model, from --repo

    analyzer = Analyzer()
    out: list[dict] = []
    for name in SETS:
        groups = build(name, analyzer, args.work)
        print(name, len(groups), "gold claims found", file=sys.stderr)
        out += groups
    with cands_path(args.work).open("wb") as fh:
        pickle.dump(out, fh)


if __name__ == "__main__":
    main()
