#!/usr/bin/env bash
# One command for everything issue #6 asks of Dossier's reliability, in order:
#   1. the differential and hostile-input tests (swift test, filtered: thousands of seeded edit
#      sequences; the hostile-input battery and files changing under the indexer, end to end), and the
#      workspace differential with WORKSPACE_SEQUENCES (default 3000) random histories of edits, disk
#      events and configuration changes compared with a fresh server;
#   2. fuzzing: every libFuzzer target for FUZZ_SECONDS (default 60) after replaying the regressions;
#   3. the test suite under ThreadSanitizer and AddressSanitizer;
#   4. the soak: SOAK_REQUESTS (default 100000) mixed requests and edits against the benchmark
#      corpus (generated into Benchmarks/corpus/ when missing), with server RSS over time.
#
#   Reliability/run.sh [--skip-soak] [--skip-sanitizers] [--skip-fuzz]
#
# CI runs the fast parts (tests, 60 s of fuzzing per target, TSan) from .ci/run; the soak takes
# several minutes more and is run here. Exit status: 0 when every step passed, 1 otherwise.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

skipSoak=0 skipSanitizers=0 skipFuzz=0
for argument in "$@"; do
  case "$argument" in
    --skip-soak) skipSoak=1 ;;
    --skip-sanitizers) skipSanitizers=1 ;;
    --skip-fuzz) skipFuzz=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $argument (see --help)" >&2; exit 2 ;;
  esac
done

status=0
results=()
step() {  # step NAME COMMAND...: runs the command, records its verdict and wall time
  local name="$1"; shift
  echo "== $name: $*"
  local start=$SECONDS
  if "$@"; then results+=("passed  $name ($((SECONDS - start)) s)"); else results+=("FAILED  $name ($((SECONDS - start)) s)"); status=1; fi
}

step "differential + hostile-input tests" swift test --filter 'DifferentialTests|HostileInputTests|FilesChangingUnderTheIndexerTests|WorkspaceLoaderHostileFileTests|RobustnessTests'
step "workspace differential (${WORKSPACE_SEQUENCES:-3000} histories)" env DOSSIER_WORKSPACE_SEQUENCES="${WORKSPACE_SEQUENCES:-3000}" swift test --filter WorkspaceDifferentialTests
[ "$skipFuzz" = 1 ] || step "fuzzing (${FUZZ_SECONDS:-60} s per target)" Fuzz/run.sh "${FUZZ_SECONDS:-60}"
[ "$skipSanitizers" = 1 ] || step "sanitizers (thread, address)" Reliability/sanitizers.sh all
[ "$skipSoak" = 1 ] || step "soak (${SOAK_REQUESTS:-100000} messages)" Benchmarks/run.sh --soak --requests "${SOAK_REQUESTS:-100000}"

echo "== summary"
printf '%s\n' "${results[@]}"
exit $status
