#!/usr/bin/env bash
# Step 3 of action.yml: run dossier check twice on the same paths, once for the SARIF report (never
# fails the step) and once for the workflow annotations, whose exit status is the step's.
set -uo pipefail
output="${GITHUB_OUTPUT:-/dev/null}"
sarif="${INPUT_SARIF_FILE:-dossier.sarif}"

read -r -d '' -a paths <<< "${INPUT_PATHS:-}" || true
options=(--min-severity "${INPUT_MIN_SEVERITY:-information}")

rules_url="${INPUT_RULES_URL:-}"
if [[ -z "$rules_url" && -n "${ACTION_REPOSITORY:-}" && -n "${ACTION_REF:-}" ]]; then
    # The rule pages of the very version of the action in use.
    rules_url="${GITHUB_SERVER_URL:-https://github.com}/${ACTION_REPOSITORY}/blob/${ACTION_REF}/docs/rules/"
fi
sarif_options=()
[[ -n "$rules_url" ]] && sarif_options=(--rules-url "$rules_url")

dossier check "${paths[@]}" "${options[@]}" "${sarif_options[@]}" --format sarif > "$sarif"
sarif_status=$?
if [[ $sarif_status -eq 2 ]]; then
    echo "::error title=dossier::dossier check could not run (see the messages above)"
    echo "exit-code=2" >> "$output"
    exit 2
fi
echo "sarif-file=$sarif" >> "$output"

limit=()
[[ -n "${INPUT_MAX_WARNINGS:-}" ]] && limit=(--max-warnings "$INPUT_MAX_WARNINGS")
dossier check "${paths[@]}" "${options[@]}" "${limit[@]}" --format github
status=$?
echo "exit-code=$status" >> "$output"
exit $status
