"""Dump the analyzer's claims on one blind set, with the rules of an old commit.

Usage: python bench/experiments/learned_speaker/dump.py SET --worktree WT [--repo R] [--work W]

WT is a git worktree checked out at SETS[SET]; its ``bot`` package is imported (and checked to be
the one imported), so the speakers are those the rules gave before anyone studied the set. The
gold passages come from the current repository. Writes W/dumps/SET@COMMIT.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from common import SETS, dump_path, fixture_path, refuse_reporting_set

CLAIM_FIELDS = (
    "id",
    "speaker",
    "cue",
    "text",
    "sentence",
    "speaker_role",
    "quote",
    "hedge",
    "reported_by",
    "target",
)
REPO = Path(__file__).resolve().parents[3]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set")
    ap.add_argument("--worktree", type=Path, required=True)
    ap.add_argument("--repo", type=Path, default=REPO)
    ap.add_argument("--work", type=Path, default=Path("/tmp/learned-speaker"))
    args = ap.parse_args()
    name = args.set
    assert name != "blind7"
    refuse_reporting_set(name)
    worktree = args.worktree.resolve()
    head = subprocess.run(
        ["git", "-C", str(worktree), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not head.startswith(SETS[name]):
        raise SystemExit(f"{worktree} is at {head[:7]}, {name} needs {SETS[name]}")

    sys.path.insert(0, str(worktree))
    import bot  # from the worktree: after the path change

    if worktree not in Path(bot.__file__).resolve().parents:
        raise SystemExit(f"bot imported from {bot.__file__}, not from {worktree}")
    from bot.pipeline.analyze import Analyzer

    lines = fixture_path(args.repo, name).read_text().splitlines()
    cases = [json.loads(line) for line in lines if line.strip()]
    analyzer = Analyzer()
    out = []
    started = time.time()
    for case in cases:
        analysis = analyzer.analyze(case["text"])
        claims = [{k: getattr(c, k, None) for k in CLAIM_FIELDS} for c in analysis.claims]
        out.append(
            {"id": case["id"], "text": case["text"], "gold": case["claims"], "claims": claims}
        )
    target = dump_path(args.work, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(out))
    print(name, SETS[name], len(cases), "passages", round(time.time() - started, 1), "s")


if __name__ == "__main__":
    main()
