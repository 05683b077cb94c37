#!/usr/bin/env bash
# Builds the libFuzzer targets with plain swiftc (not SwiftPM) and runs each for SECONDS (default 60).
# Usage: Fuzz/run.sh [SECONDS] [TARGET...]      TARGET in: scanner json framer edit (default: all)
# Exit status: 0 if no target crashed, 1 if any crashed (inputs in Fuzz/findings/), 2 on build failure.
set -uo pipefail
FUZZ="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$FUZZ")"
SRC="$ROOT/Sources"
BUILD="$FUZZ/.build"
FINDINGS="$FUZZ/findings"
SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(scanner json framer edit)
SWIFTC="${SWIFTC:-swiftc}"
SWIFTFLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 ${FUZZ_SWIFTFLAGS:-})
JOBS="${FUZZ_JOBS:-1}"   # swiftc -j; keep low on a shared machine
mkdir -p "$BUILD/src" "$FINDINGS"

# libFuzzer ships with the Swift toolchain for Linux (clang's runtime folder next to swiftc);
# without it the link fails with a less helpful message.
if [ "$(uname -s)" = Linux ] && command -v "$SWIFTC" >/dev/null; then
    toolchain="$(dirname "$(dirname "$(readlink -f "$(command -v "$SWIFTC")")")")"
    if ! ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer-"$(uname -m)".a >/dev/null 2>&1; then
        echo "no libFuzzer runtime under $toolchain/lib/clang/*/lib/linux: use a swift.org toolchain" >&2
        exit 2
    fi
fi

sources() {  # prints the source files for target $1
    echo "$FUZZ/targets/shared/Check.swift"
    case "$1" in
        scanner|edit)
            # DossierSyntax imports DossierLocking (its identifier table is shared across threads);
            # compiled as one module here, so the import is stripped from copies, as for the framer.
            find "$SRC/DossierSyntax" -name '*.swift' | sort | while read -r f; do
                if grep -q '^import DossierLocking$' "$f"; then
                    sed 's/^import DossierLocking$//' "$f" > "$BUILD/src/$(basename "$f")"
                    echo "$BUILD/src/$(basename "$f")"
                else
                    echo "$f"
                fi
            done
            ls "$SRC"/DossierLocking/*.swift
            echo "$FUZZ/targets/shared/RangeChecks.swift"
            if [ "$1" = scanner ]; then echo "$FUZZ/targets/ScannerFuzz.swift"; else echo "$FUZZ/targets/EditFuzz.swift"; fi ;;
        json)    ls "$SRC"/DossierJSON/*.swift; echo "$FUZZ/targets/JSONFuzz.swift" ;;
        framer)
            # DossierProtocol imports DossierJSON; everything is compiled as one module here, so the
            # import is stripped from copies. Only the framer and message decoder are needed
            # (Transport/POSIX/PipeTestClient pull in Foundation and are not fuzzed).
            for f in MessageFramer Message; do
                sed 's/^import DossierJSON$//' "$SRC/DossierProtocol/$f.swift" > "$BUILD/src/$f.swift"
                echo "$BUILD/src/$f.swift"
            done
            ls "$SRC"/DossierJSON/*.swift; echo "$FUZZ/targets/FramerFuzz.swift" ;;
        *) echo "unknown target $1" >&2; return 1 ;;
    esac
}

# Module name: sources may qualify names with their own module (e.g. `DossierJSON.encode`).
module() { case "$1" in scanner|edit) echo DossierSyntax ;; *) echo DossierJSON ;; esac; }

status=0
summary=()
for t in "${TARGETS[@]}"; do
    echo "== building $t"
    built_at=$(date +%s)
    mapfile -t files < <(sources "$t") || exit 2
    if ! "$SWIFTC" "${SWIFTFLAGS[@]}" -j "$JOBS" -module-name "$(module "$t")" "${files[@]}" -o "$BUILD/fuzz-$t" \
            2> >(grep -v "Cannot export local symbol '__asan" >&2); then
        echo "build of $t failed" >&2; exit 2
    fi
    echo "   built in $(( $(date +%s) - built_at )) s"
done

export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}" ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
for t in "${TARGETS[@]}"; do
    # Every past finding of this target is replayed first: a fixed crash must stay fixed.
    regressions=()
    for f in "$FUZZ"/regressions/"$t"-*; do [ -f "$f" ] && regressions+=("$f"); done
    if [ ${#regressions[@]} -gt 0 ]; then
        echo "== replaying ${#regressions[@]} regression input(s) of $t"
        if ! timeout -k 10 120 "$BUILD/fuzz-$t" -artifact_prefix="$FINDINGS/$t-regression-" "${regressions[@]}" >"$BUILD/$t-regressions.log" 2>&1; then
            status=1
            summary+=("$t: REGRESSION (see $BUILD/$t-regressions.log)")
            grep -E 'Fatal error|ERROR: (AddressSanitizer|libFuzzer)|Running: ' "$BUILD/$t-regressions.log" | tail -3
        fi
    fi
    echo "== running $t for ${SECONDS_PER_TARGET}s"
    work="$BUILD/corpus/$t"          # new coverage-increasing inputs go here, not into the committed seeds
    mkdir -p "$work"
    log="$BUILD/$t.log"
    # Outer timeout guards against a hung process (e.g. while symbolizing a crash).
    timeout -k 10 $((SECONDS_PER_TARGET + 120)) \
        "$BUILD/fuzz-$t" "$work" "$FUZZ/corpus/$t" \
        -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$FINDINGS/$t-" >"$log" 2>&1
    rc=$?
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    speed=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}')
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    crashes=$(grep -cE '^(==[0-9]+==ERROR|Fatal error|.*Fatal error:|SUMMARY: libFuzzer)' "$log")
    artifacts=$(grep -oE "Test unit written to [^ ]+" "$log" | awk '{print $5}' | tr '\n' ' ')
    line="$t: execs=${execs:-?} exec/s=${speed:-?} cov=${cov:-?} ft=${ft:-?} exit=$rc"
    if [ $rc -ne 0 ]; then
        status=1
        line="$line CRASH ${artifacts:-(see $log)}"
        grep -E 'Fatal error|ERROR: (AddressSanitizer|libFuzzer)|precondition|SUMMARY' "$log" | head -5
    fi
    echo "$line"
    summary+=("$line")
done
echo "== summary"
printf '%s\n' "${summary[@]}"
exit $status
