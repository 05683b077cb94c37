#!/usr/bin/env bash
# Step 2 of action.yml: build dossier from the action's own source (the build folder is cached
# between runs) and put it on PATH for the following steps.
set -euo pipefail
action_path="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
swift build -c release --product dossier --package-path "$action_path"
bin="$(swift build -c release --product dossier --package-path "$action_path" --show-bin-path)"
"$bin/dossier" --version
if [[ -n "${GITHUB_PATH:-}" ]]; then echo "$bin" >> "$GITHUB_PATH"; else echo "$bin"; fi
