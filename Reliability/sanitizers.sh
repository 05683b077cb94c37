#!/usr/bin/env bash
# Runs the test suite under ThreadSanitizer and/or AddressSanitizer; fails on any test failure or any sanitizer report.
#
#   Reliability/sanitizers.sh [thread|address|all] [--end-to-end] [--clean]
#
#   thread        swift test --sanitize=thread  (scratch path .build-tsan)
#   address       swift test --sanitize=address (scratch path .build-asan), leak detection on except for XCTest's own leak
#   all           both, one after the other (the default)
#   --end-to-end  also run EndToEndTests (they spawn the sanitized dossier binary and real editors; several minutes more)
#   --clean       delete the scratch folder first (an incremental sanitizer build can crash oddly in Swift runtime code)
#
# Reports are written by the sanitizer runtime to one file per process (log_path), so a report from a spawned
# server process counts as much as one from the test process. The script prints them and exits 1 if there is any.
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

which="all"
endToEnd=0
clean=0
for argument in "$@"; do
  case "$argument" in
    thread|address|all) which="$argument" ;;
    --end-to-end) endToEnd=1 ;;
    --clean) clean=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $argument (see --help)" >&2; exit 2 ;;
  esac
done

skip=(--skip EndToEndTests)
if [ "$endToEnd" = 1 ]; then skip=(); fi
# Sanitized code runs several times slower (and the tests run in parallel on few cores); every test wait that
# guards against a hang is multiplied by this (Tests/Support/TestTimeouts.swift), so a slow machine is not a failure.
export DOSSIER_TIMEOUT_SCALE="${DOSSIER_TIMEOUT_SCALE:-5}"

# The workspace differential runs a short form here: under a sanitizer each history takes several times longer,
# and the long form runs unsanitized in Reliability/run.sh.
export DOSSIER_WORKSPACE_SEQUENCES="${DOSSIER_WORKSPACE_SEQUENCES:-60}"

failures=0
summary=()

# run_sanitizer NAME SCRATCH REPORT_PATTERN: builds and tests with --sanitize=NAME; sets failures on any problem.
run_sanitizer() {
  local name="$1" scratch="$repo/$2" pattern="$3"
  local reports="$scratch/sanitizer-reports" log="$scratch/sanitizer-$name.log"
  if [ "$clean" = 1 ]; then rm -rf "$scratch"; fi
  mkdir -p "$scratch"
  rm -rf "$reports" && mkdir -p "$reports"
  echo "== swift test --sanitize=$name --scratch-path $scratch ${skip[*]:-}"
  local start=$SECONDS status
  swift test --sanitize="$name" --scratch-path "$scratch" "${skip[@]}" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  local elapsed=$((SECONDS - start))

  local files count
  files=$(find "$reports" -type f | sort)
  # Reports normally go to the files; the grep also catches any printed to the output (before log_path applied).
  count=$(( $(cat /dev/null $files | grep -c "$pattern") + $(grep -c "$pattern" "$log") ))
  local tests
  tests=$(grep -E "Test run with [0-9]+ tests" "$log" | tail -1 | sed -E 's/.*Test run with ([0-9]+) tests.*/\1/')
  if [ -n "$files" ]; then
    echo "== $name sanitizer reports:"
    for file in $files; do echo "-- $file"; cat "$file"; done
  fi
  local verdict="ok"
  if [ "$status" != 0 ] || [ "$count" != 0 ] || [ -n "$files" ]; then
    verdict="FAILED"
    failures=1
  fi
  summary+=("$name: $verdict — swift test exit $status, ${tests:-?} tests, $count report(s), ${elapsed}s wall clock (log: $log)")
}

if [ "$which" = thread ] || [ "$which" = all ]; then
  # exitcode=66 (TSan's default) makes a process with reports fail; second_deadlock_stack shows both sides of a lock inversion.
  TSAN_OPTIONS="log_path=$repo/.build-tsan/sanitizer-reports/tsan second_deadlock_stack=1 ${TSAN_OPTIONS:-}" \
    run_sanitizer thread .build-tsan "WARNING: ThreadSanitizer"
fi
if [ "$which" = address ] || [ "$which" = all ]; then
  ASAN_OPTIONS="log_path=$repo/.build-asan/sanitizer-reports/asan detect_leaks=1 ${ASAN_OPTIONS:-}" \
  LSAN_OPTIONS="suppressions=$repo/Reliability/lsan-suppressions.txt print_suppressions=0 ${LSAN_OPTIONS:-}" \
    run_sanitizer address .build-asan "ERROR: AddressSanitizer\|ERROR: LeakSanitizer"
fi

echo
for line in "${summary[@]}"; do echo "$line"; done
exit "$failures"
