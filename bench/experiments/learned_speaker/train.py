"""Leave-one-set-out evaluation of a learned speaker chooser over the candidate spans.

Usage: PYTHONPATH=W/pylib python bench/experiments/learned_speaker/train.py [--work W] [--far]

scikit-learn is not a project dependency: it is imported from W/pylib (see README.md). For each
held-out set a model is trained on the five others (blind1 only ever trains) and scored two
ways: "argmax" takes the best candidate; "override" keeps the rules' pick unless the best beats
it by a margin chosen by leave-one-set-out inside the training sets only. A gold claim counts as
right when any claim found on it gets a right speaker, as in the blind tests.
"""

from __future__ import annotations

import argparse
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from common import SETS, cands_path, right
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

ALL = list(SETS)
EVAL = ALL[1:]
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
Group = dict[str, Any]


def prepare(groups: list[Group], far: bool) -> None:
    """Per claim found: the candidates kept, their matrix, labels and the rules' row."""
    names = sorted(groups[0]["rows"][0]["cands"][0]["f"])
    for g in groups:
        g["rules_right"] = any(right(r["claim"]["speaker"], g["gold"]) for r in g["rows"])
        for r in g["rows"]:
            r["C"] = [c for c in r["cands"] if far or not c["f"]["only_far"]]
            r["X"] = np.array([[c["f"][n] for n in names] for c in r["C"]])
            r["y"] = np.array([right(c["text"], g["gold"]) for c in r["C"]], dtype=int)
            r["ri"] = next(i for i, c in enumerate(r["C"]) if c["f"]["is_rules"])
        g["ceiling"] = any(r["y"].any() for r in g["rows"])


def stack(gs: Sequence[Group]) -> tuple[np.ndarray, np.ndarray]:
    X = np.vstack([r["X"] for g in gs for r in g["rows"]])
    y = np.concatenate([r["y"] for g in gs for r in g["rows"]])
    return X, y


def fit(kind: str, gs: Sequence[Group]) -> Any:
    X, y = stack(gs)
    if kind == "lr":
        m = LogisticRegression(C=1.0, max_iter=2000)
    else:
        m = HistGradientBoostingClassifier(
            max_iter=200,
            learning_rate=0.05,
            max_leaf_nodes=15,
            min_samples_leaf=20,
            random_state=0,
        )
    m.fit(X, y)
    return m


def probs(m: Any, gs: Sequence[Group]) -> list[list[np.ndarray]]:
    """Probabilities per group, per claim found, per candidate."""
    X, _ = stack(gs)
    p = m.predict_proba(X)[:, 1]
    out, k = [], 0
    for g in gs:
        rp = []
        for r in g["rows"]:
            rp.append(p[k : k + len(r["y"])])
            k += len(r["y"])
        out.append(rp)
    return out


def choose(gs: Sequence[Group], P: list[list[np.ndarray]], margin: float | None = None) -> int:
    """Gold claims right when each claim takes its argmax candidate; with a margin, the rules'
    pick stays unless the best candidate beats it by that much."""
    ok = 0
    for g, gp in zip(gs, P, strict=True):
        hit = False
        for r, p in zip(g["rows"], gp, strict=True):
            b = int(np.argmax(p))
            if margin is not None and p[b] - p[r["ri"]] < margin:
                b = r["ri"]
            hit = hit or bool(r["y"][b])
        ok += hit
    return ok


def inner_margin(kind: str, groups: list[Group], train_sets: list[str]) -> float:
    """Margin picked by leave-one-set-out inside the training sets (the held-out set unseen)."""
    gains = np.zeros(len(MARGINS))
    for s in train_sets:
        tr = [g for g in groups if g["set"] in train_sets and g["set"] != s]
        te = [g for g in groups if g["set"] == s]
        m = fit(kind, tr)
        base = sum(g["rules_right"] for g in te)
        P = probs(m, te)
        for k, mg in enumerate(MARGINS):
            gains[k] += choose(te, P, mg) - base
    return MARGINS[int(np.argmax(gains))]


def pct(x: int, n: int) -> str:
    return f"{x} {x / n:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/learned-speaker"))
    ap.add_argument("--far", action="store_true", help="also whole-passage PERSON/ORG candidates")
    args = ap.parse_args()
    with cands_path(args.work).open("rb") as fh:
        groups: list[Group] = pickle.load(fh)
    prepare(groups, args.far)

    window = "window (claim sentence, 2 before, 1 after) + cue subject"
    print("candidates:", "window+far" if args.far else window)
    print("set        n  rules ceiling avg#cands")
    for s in ALL:
        gs = [g for g in groups if g["set"] == s]
        nc = np.mean([len(r["C"]) for g in gs for r in g["rows"]])
        ok = sum(g["rules_right"] for g in gs)
        print(f"{s:7s} {len(gs):4d} {ok:6d} {sum(g['ceiling'] for g in gs):7d} {nc:9.1f}")

    for kind in ("lr", "gb"):
        print(f"\n== {kind}: leave-one-set-out (trained on the other 5 sets), held-out set:")
        tot = np.zeros(4, int)
        for s in EVAL:
            tr_sets = [t for t in ALL if t != s]
            tr = [g for g in groups if g["set"] in tr_sets]
            te = [g for g in groups if g["set"] == s]
            m = fit(kind, tr)
            n, base = len(te), sum(g["rules_right"] for g in te)
            full = choose(te, probs(m, te))
            mg = inner_margin(kind, groups, tr_sets)
            ov = choose(te, probs(m, te), mg)
            tot += [n, base, full, ov]
            print(
                f"  {s}: rules {base}/{n} {base / n:.3f} | argmax {pct(full, n)} "
                f"({(full - base) / n * 100:+.1f}) | override(margin {mg}) {pct(ov, n)} "
                f"({(ov - base) / n * 100:+.1f})"
            )
        n, b, f, o = (int(v) for v in tot)
        print(
            f"  pooled: rules {b}/{n} {b / n:.3f} | argmax {pct(f, n)} ({(f - b) / n * 100:+.2f})"
            f" | override {pct(o, n)} ({(o - b) / n * 100:+.2f})"
        )


if __name__ == "__main__":
    main()
