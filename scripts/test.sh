#!/usr/bin/env bash
# Builds csi-swift and runs every test: Swift unit tests, the Scheme-level suites in
# Tests/scheme (run by SchemeSuiteTests), the end-to-end command-line and REPL tests, and
# the embedding example (a separate Swift package that depends on this one by path).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
swift build
swift test
echo "== examples/embedding"
out="$(swift run --package-path examples/embedding embedding-demo examples/embedding/greet.scm)"
echo "$out"
expected=$'words: 4\nthread says 42\ntcp unit present: #t\nSwift got back: hello, Swift, from embedding-demo'
if [ "$out" != "$expected" ]; then
    echo "embedding example: unexpected output" >&2
    exit 1
fi
echo "== examples/embedding: sandboxed-host"
out="$(swift run --package-path examples/embedding sandboxed-host)"
echo "$out"
expected='arithmetic: 45
read a file: error: unbound variable: with-input-from-file
run a program: error: unbound variable: system
leave: error: unbound variable: exit
connect out: error: (tcp-connect) access denied
spin: stopped: instruction budget exhausted
catch the stop: stopped: instruction budget exhausted
eat memory: stopped: heap limit exceeded
still usable: "still here"'
if [ "$out" != "$expected" ]; then
    echo "sandboxed example: unexpected output" >&2
    exit 1
fi
