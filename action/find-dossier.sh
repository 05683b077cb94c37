#!/usr/bin/env bash
# Step 1 of action.yml: use a dossier already on PATH (build: auto), or say that one must be built
# and give the cache key of the build: the runner, the Swift toolchain and the package's sources.
set -euo pipefail
action_path="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
output="${GITHUB_OUTPUT:-/dev/stdout}"

case "${INPUT_BUILD:-auto}" in
    auto | always) ;;
    *) echo "::error title=dossier action::build must be auto or always, not '${INPUT_BUILD}'"; exit 2 ;;
esac

if [[ "${INPUT_BUILD:-auto}" == auto ]] && command -v dossier > /dev/null; then
    echo "Using $(command -v dossier) ($(dossier --version))"
    echo "build=false" >> "$output"
    exit 0
fi

command -v swift > /dev/null || { echo "::error title=dossier action::no dossier on PATH and no Swift toolchain to build one"; exit 2; }
toolchain=$(swift --version 2>&1 | sha256sum | cut -c1-16)
sources=$(cd "$action_path" && find Package.swift Sources -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
echo "build=true" >> "$output"
echo "cache-key=dossier-${RUNNER_OS:-local}-${RUNNER_ARCH:-local}-${toolchain}-${sources}" >> "$output"
