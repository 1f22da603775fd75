#!/usr/bin/env bash
# Installs what building and testing need beyond the Swift toolchain, if missing:
# GNU readline's headers (the REPL), PCRE2's (irregex), OpenSSL's (TLS) and the openssl
# command (the TLS tests make their certificates), and python3 (the REPL tests drive a
# pseudo-terminal).
set -euo pipefail
need=()
[ -e /usr/include/readline/readline.h ] || need+=(libreadline-dev)
[ -e /usr/include/pcre2.h ] || need+=(libpcre2-dev)
[ -e /usr/include/openssl/ssl.h ] || need+=(libssl-dev)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "installing: ${need[*]}"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${need[@]}"
fi
