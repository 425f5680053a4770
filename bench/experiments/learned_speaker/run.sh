#!/usr/bin/env bash
# Learned speaker chooser, end to end: old-commit worktrees -> dumps -> candidates -> table.
# usage: bench/experiments/learned_speaker/run.sh [--work DIR] [--repo DIR] [--far] [--train-only]
#   --work        scratch dir (worktrees, dumps, cands.pkl, pylib); default /tmp/learned-speaker
#   --repo        the Claimdeck checkout whose model, fixtures and history are used; default: this one
#   --far         also score whole-passage PERSON/ORG candidates (second table)
#   --train-only  reuse WORK/dumps and WORK/cands.pkl
# scikit-learn must be in WORK/pylib (see README.md); it is never installed into the venv.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(git -C "$HERE" rev-parse --show-toplevel)
WORK=/tmp/learned-speaker
FAR=0
TRAIN_ONLY=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --work) WORK=$2; shift 2 ;;
    --repo) REPO=$2; shift 2 ;;
    --far) FAR=1; shift ;;
    --train-only) TRAIN_ONLY=1; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
REPO=$(cd "$REPO" && pwd)
PY=${PYTHON:-$REPO/.venv/bin/python}
if [[ ! -d $WORK/pylib/sklearn ]]; then
  echo "scikit-learn missing from $WORK/pylib; install it there (not into the venv):" >&2
  echo "  $PY -m pip install --target $WORK/pylib scikit-learn==1.9.1 numpy==\$($PY -c 'import numpy; print(numpy.__version__)')" >&2
  exit 1
fi

# "name commit" per set, from common.SETS (the one place they are listed)
mapfile -t SETS < <(cd "$HERE" && "$PY" -c 'from common import SETS
for k, v in SETS.items(): print(k, v)')

WORKTREES=()
cleanup() {
  for wt in "${WORKTREES[@]}"; do
    git -C "$REPO" worktree remove --force "$wt" || echo "could not remove worktree $wt" >&2
  done
  rmdir "$WORK/wt" 2>/dev/null || true
}
trap cleanup EXIT

if [[ $TRAIN_ONLY == 0 ]]; then
  for line in "${SETS[@]}"; do
    read -r name commit <<<"$line"
    [[ $name != blind7 ]] || { echo "blind7 is the reporting set: never read" >&2; exit 1; }
    wt=$WORK/wt/$name
    [[ ! -e $wt ]] || { echo "$wt exists; remove it (git worktree remove) first" >&2; exit 1; }
    git -C "$REPO" worktree add --quiet --detach "$wt" "$commit"
    WORKTREES+=("$wt")
    "$PY" "$HERE/dump.py" "$name" --worktree "$wt" --repo "$REPO" --work "$WORK"
    git -C "$REPO" worktree remove --force "$wt"
    WORKTREES=()
  done
  "$PY" "$HERE/cands.py" --repo "$REPO" --work "$WORK"
fi

PYTHONPATH=$WORK/pylib "$PY" "$HERE/train.py" --work "$WORK"
if [[ $FAR == 1 ]]; then
  echo
  PYTHONPATH=$WORK/pylib "$PY" "$HERE/train.py" --work "$WORK" --far
fi
