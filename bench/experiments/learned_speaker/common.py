"""Shared pieces of the learned-speaker experiment: the sets, their cross-fitting commits, paths
and the scoring rule of tests/test_analysis_blind (a gold speaker is right when any of its
options occurs, case- and quote-folded, inside the speaker found)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Each blind set with the last commit before anyone studied it: the rules at that commit have
# never been tuned on the set, so their output on it is an honest "unseen copy" baseline.
SETS: dict[str, str] = {
    "blind": "08ccf27",
    "blind2": "e6a6a21",
    "blind3": "71cb4f4",
    "blind4": "ffff502",
    "blind5": "cb05a85",
    "blind6": "8e1edaa",
}
# The reporting set is never read by this experiment, not even to count it.
REPORTING_SET = "blind7"
FIXTURES = Path("tests/fixtures/analysis")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def refuse_reporting_set(name: str) -> None:
    """Stop before anything can open the reporting set."""
    assert name != REPORTING_SET, "blind7 is the reporting set and is never read"
    if name == REPORTING_SET or name not in SETS:
        raise SystemExit(f"unknown or forbidden set {name!r}; sets: {', '.join(SETS)}")


def fixture_path(repo: Path, name: str) -> Path:
    """Gold file of one set, always from the current repository (not the old worktree)."""
    refuse_reporting_set(name)
    return repo / FIXTURES / f"{name}.jsonl"


def dump_path(work: Path, name: str) -> Path:
    return work / "dumps" / f"{name}@{SETS[name]}.json"


def cands_path(work: Path) -> Path:
    return work / "cands.pkl"


def load_dump(work: Path, name: str) -> list[dict[str, Any]]:
    refuse_reporting_set(name)
    return json.loads(dump_path(work, name).read_text())


def fold(text: str) -> str:
    return " ".join(text.lower().translate(_QUOTES).split())


def has(haystack: str | None, needle: str) -> bool:
    return haystack is not None and fold(needle) in fold(haystack)


def options(want: str | list[str]) -> list[str]:
    return want if isinstance(want, list) else [want]


def right(speaker: str | None, spec: dict[str, Any]) -> bool:
    """Same verdict as the blind tests: None must match None, else any option is contained."""
    if spec["speaker"] is None:
        return speaker is None
    return any(has(speaker, o) for o in options(spec["speaker"]))
