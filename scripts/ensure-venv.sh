#!/usr/bin/env bash
# Creates .venv on first use and reinstalls when pyproject.toml changes.
# Usage: scripts/ensure-venv.sh [EXTRAS]   (e.g. "test")
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
extras="${1:-}"
venv="$root/.venv"
python="${PYTHON:-python3}"
stamp="$venv/.claimdeck-installed${extras:+-$extras}"
want="$(cat "$root/pyproject.toml" | sha256sum | cut -d' ' -f1)"

if [ ! -x "$venv/bin/python" ]; then
    echo "claimdeck: creating $venv (first run only)…" >&2
    "$python" -m venv "$venv"
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "claimdeck: installing dependencies into .venv…" >&2
    "$venv/bin/python" -m pip install --quiet --upgrade pip >&2
    "$venv/bin/python" -m pip install --quiet -e "$root${extras:+[$extras]}" >&2
    echo "$want" > "$stamp"
fi
