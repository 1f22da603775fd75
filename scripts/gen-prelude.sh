#!/bin/sh
# Regenerates Sources/SchemeCore/Prelude/Prelude.swift from prelude.scm (a test checks they agree).
set -e
dir="$(dirname "$0")/../Sources/SchemeCore/Prelude"
{
  echo '// Generated from prelude.scm by scripts/gen-prelude.sh: edit prelude.scm, then rerun it.'
  echo 'enum Prelude {'
  echo '    static let source = #"""'
  cat "$dir/prelude.scm"
  echo '"""#'
  echo '}'
} > "$dir/Prelude.swift"
