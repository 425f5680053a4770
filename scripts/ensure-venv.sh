#!/usr/bin/env bash
# Creates .venv on first use and reinstalls when pyproject.toml changes.
# Usage: scripts/ensure-venv.sh [EXTRAS]   (e.g. "test")
# pip's output goes to .venv/install.log and is shown only when the install fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
extras="${1:-}"
venv="$root/.venv"
python="${PYTHON:-python3}"
want="$(sha256sum < "$root/pyproject.toml" | cut -d' ' -f1)"

installed_for() {  # is this pyproject installed with these extras?
    local stamp="$venv/.claimdeck-installed${1:+-$1}"
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]
}

# The test extras include everything the plain install has.
if installed_for "$extras" || { [ -z "$extras" ] && installed_for test; }; then
    exit 0
fi
if [ ! -x "$venv/bin/python" ]; then
    echo "claimdeck: creating $venv (first run only)…" >&2
    "$python" -m venv "$venv"
fi
echo "claimdeck: installing dependencies into .venv (about a minute)…" >&2
log="$venv/install.log"
if ! { "$venv/bin/python" -m pip install --upgrade pip \
        && "$venv/bin/python" -m pip install -e "$root${extras:+[$extras]}"; } > "$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "claimdeck: installing failed; the whole log is in $log" >&2
    exit 1
fi
echo "$want" > "$venv/.claimdeck-installed${extras:+-$extras}"
