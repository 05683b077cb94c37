#!/usr/bin/env bash
# Scores attribution inference against PolNeAR's gold attributions, train and dev splits (a
# benchmark, not a test: figures in Benchmarks/RESULTS.md).
#
#   Benchmarks/Attribution/run.sh [POLNEAR]            both splits, Markdown table on stdout
#   Benchmarks/Attribution/run.sh [POLNEAR] --failures misses.md
#                                                      also writes every miss with its context
#                                                      (PolNeAR text: keep that file out of the repository)
#
# POLNEAR (or the POLNEAR environment variable) is a clone of https://github.com/networkdynamics/PolNeAR:
# a work tree holding data/, or a bare or mirror git directory (then train and dev are extracted
# with `git archive` into a temporary folder). Fetch it with
#   git clone https://github.com/networkdynamics/PolNeAR.git
# The test split is never read: it is kept for independent evaluation.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
polnear="${POLNEAR:-}"
if [[ $# -gt 0 && $1 != --* ]]; then
    polnear="$1"
    shift
fi
if [[ -z $polnear ]]; then
    echo "usage: Benchmarks/Attribution/run.sh POLNEAR [--failures FILE]  (or set POLNEAR)" >&2
    echo "  POLNEAR: git clone https://github.com/networkdynamics/PolNeAR.git" >&2
    exit 2
fi

if [[ -d $polnear/data/train/text ]]; then
    data="$polnear/data"
else
    # A git directory without a work tree: only the train and dev splits come out of it.
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    for split in train dev; do
        git --git-dir="$polnear" archive HEAD "data/$split/text" "data/$split/attributions" | tar -x -C "$scratch"
    done
    data="$scratch/data"
fi

cd "$repo"
echo "run.sh: building dossier-attribution-eval (release)…" >&2
swift build -c release --product dossier-attribution-eval >&2
"$(swift build -c release --show-bin-path)/dossier-attribution-eval" --data "$data" --splits train,dev "$@"
