#!/usr/bin/env bash
# Fuzzes the reader and evaluator (issue 12, item 6): mutated programs from the suites and
# examples, random bytes, invalid UTF-8 and deep nestings, fed in-process with a 0.2 s time
# limit per input and an address-space limit on the whole run (Tests/FuzzTests).
#   scripts/fuzz.sh [SECONDS [SEED]]       a time-bounded run (CI runs 60 s inside swift test)
#   scripts/fuzz.sh --inputs N [SEED]      a long run of N inputs
# It uses the release build. A run that crashes saves the batch of inputs that led to it as
# Tests/hostile/fuzz-<hash>.scm: fix the crash, then keep the file as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--inputs" ]; then
    export FUZZ_INPUTS="$2" FUZZ_SECONDS=1000000000 FUZZ_SEED="${3:-1}"
else
    export FUZZ_SECONDS="${1:-60}" FUZZ_SEED="${2:-1}"
fi
# Other test targets use @testable imports, so the release test build enables testing.
swift build -c release --build-tests -Xswiftc -enable-testing >/dev/null
FUZZ_DIR="$(mktemp -d)"
export FUZZ_DIR
binary=".build/release/csi-swiftPackageTests.xctest"
set +e
( ulimit -v 16000000; exec "$binary" FuzzTests.FuzzTests ) > "$FUZZ_DIR/log" 2>&1
status=$?
set -e
grep -E "^fuzz:" "$FUZZ_DIR/log" || true
if [ $status != 0 ]; then
    tail -20 "$FUZZ_DIR/log" >&2
    name="Tests/hostile/fuzz-$(sha1sum < "$FUZZ_DIR/batch.scm" | cut -c1-10).scm"
    { echo "; expect 0|70 (saved by scripts/fuzz.sh, seed $FUZZ_SEED)"; cat "$FUZZ_DIR/batch.scm"; } > "$name"
    echo "crash: the inputs are saved as $name" >&2
fi
rm -rf "$FUZZ_DIR"
exit $status
