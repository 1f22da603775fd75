#!/usr/bin/env bash
# Builds csi-swift and runs every test: Swift unit tests, the Scheme-level suites in
# Tests/scheme (run by SchemeSuiteTests) and the end-to-end command-line tests.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
swift test
