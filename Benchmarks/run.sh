#!/usr/bin/env bash
# One command for the performance figures: builds release binaries, generates the corpus into
# Benchmarks/corpus/ unless an identical one is there, runs the driver, prints Markdown on stdout.
#
#   Benchmarks/run.sh                      full benchmark (check, ripgrep floor, LSP session)
#   Benchmarks/run.sh --requests 200       extra arguments go to dossier-bench
#   Benchmarks/run.sh --scaling            check vs ripgrep at 1k/10k/50k articles and 500/20k actors
#   Benchmarks/run.sh --soak               100,000 mixed pipelined requests and edits against one server:
#                                          every request answered once, server RSS over time
#   Benchmarks/run.sh --soak --requests 20000 --seed 2   extra arguments go to `dossier-bench soak`
#
# Environment: ARTICLES ACTORS KB SEED BIG_KB (corpus shape; defaults 10000 2000 5 1 100),
# CORPUS (folder), SCRATCH (SwiftPM scratch path, default .build-bench), BIN_DIR (use binaries
# already built there instead of building), DOSSIER (a dossier binary to measure instead of ours).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
cd "$repo"

ARTICLES="${ARTICLES:-10000}"
ACTORS="${ACTORS:-2000}"
KB="${KB:-5}"
SEED="${SEED:-1}"
BIG_KB="${BIG_KB:-100}"
CORPUS="${CORPUS:-Benchmarks/corpus}"
SCRATCH="${SCRATCH:-.build-bench}"

log() { printf 'run.sh: %s\n' "$*" >&2; }

mode=full
case "${1:-}" in
    --scaling) mode=scaling; shift ;;
    --soak) mode=soak; shift ;;
esac

if [[ -z "${BIN_DIR:-}" ]]; then
    # One product per invocation keeps the build to what the benchmark needs (and off the tests).
    products=(dossier-corpus dossier-bench)
    [[ -z "${DOSSIER:-}" ]] && products+=(dossier)
    for product in "${products[@]}"; do
        log "building $product (release)…"
        swift build -c release --scratch-path "$SCRATCH" --product "$product" >&2
    done
    BIN_DIR="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"
fi
DOSSIER="${DOSSIER:-$BIN_DIR/dossier}"

if [[ $mode != soak ]] && ! command -v rg >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        log "installing ripgrep for the floor measurement…"
        apt-get install -y ripgrep >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y ripgrep >/dev/null 2>&1) || true
    fi
fi
rg_args=()
[[ $mode == soak ]] || command -v rg >/dev/null 2>&1 || { log "ripgrep not found: the floor is skipped"; rg_args=(--skip-rg); }

if [[ $mode == scaling ]]; then
    exec "$BIN_DIR/dossier-bench" scaling --dossier "$DOSSIER" --generator "$BIN_DIR/dossier-corpus" \
        --work Benchmarks/corpus-scaling --kb "$KB" --seed "$SEED" ${rg_args[@]+"${rg_args[@]}"} "$@"
fi

# Regenerate only when the corpus there was made with other parameters.
manifest="$CORPUS/corpus.json"
matches() { grep -q "\"$1\": $2," "$manifest" 2>/dev/null; }
if matches articles "$ARTICLES" && matches actors "$ACTORS" && matches articleKB "$KB" && matches seed "$SEED" && matches bigArticleKB "$BIG_KB"; then
    log "reusing $CORPUS"
else
    log "generating $CORPUS ($ARTICLES articles × ~$KB KiB, $ACTORS actors, seed $SEED)…"
    "$BIN_DIR/dossier-corpus" --articles "$ARTICLES" --actors "$ACTORS" --kb "$KB" --seed "$SEED" \
        --big-article "$BIG_KB" --out "$CORPUS"
fi

if [[ $mode == soak ]]; then
    exec "$BIN_DIR/dossier-bench" soak --dossier "$DOSSIER" --corpus "$CORPUS" "$@"
fi
exec "$BIN_DIR/dossier-bench" --dossier "$DOSSIER" --corpus "$CORPUS" ${rg_args[@]+"${rg_args[@]}"} "$@"
