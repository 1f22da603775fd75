#!/usr/bin/env bash
# Builds csi-swift (release) and runs the demo script.
# The tcp unit's client/server pair becomes the demo when the tcp issue lands.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release
.build/release/csi-swift -s examples/demo.scm
