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
echo "== Swift 6 language mode: the library products, through the embedding example"
# The library's public API must compile under strict concurrency checking: a build of the
# example (which uses SchemeCore, TCPPrimitives and TLSPrimitives) in Swift 6 mode, from
# scratch, may show no concurrency diagnostic.
log="$(swift build --package-path examples/embedding --scratch-path .build/swift6 -Xswiftc -swift-version -Xswiftc 6 2>&1)" || {
    echo "$log" | tail -40
    echo "Swift 6 build failed" >&2
    exit 1
}
if echo "$log" | grep -E "(error|warning):" | grep -Ei "sendable|concurren|isolat|data race|actor"; then
    echo "concurrency diagnostics in Swift 6 mode" >&2
    exit 1
fi
