#!/usr/bin/env bash
# Sequential connect/request/close cycles against examples/echo-server.scm (issue 12, item 5):
# the server's descriptor count and RSS must stay flat. Prints one row per checkpoint
# (target: fds equal, RSS at the last checkpoint <= 1.1x the second).
#   usage: bench/connections.sh [CYCLES [path/to/csi-swift]]     (CYCLES defaults to 100000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cycles="${1:-100000}"
bin="${2:-$here/../.build/release/csi-swift}"
port=$((20000 + RANDOM % 20000))
"$bin" -s "$here/../examples/echo-server.scm" "$port" > /dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
python3 - "$port" "$cycles" "$server" <<'PY'
import socket, sys, time
port, cycles, pid = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def sample():
    fds = len(__import__("os").listdir(f"/proc/{pid}/fd"))
    rss = next(int(l.split()[1]) for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS"))
    return fds, rss
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", port)).close(); break
    except OSError:
        time.sleep(0.05)
checkpoints = sorted({min(cycles, c) for c in (1000, cycles // 10, cycles)})
print(f"{'cycles':>8} {'fds':>5} {'RSS KB':>8} {'cycles/s':>9}")
start, done, rows = time.time(), 0, []
for target in checkpoints:
    while done < target:
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"hello\n")
        got = b""
        while not got.endswith(b"\n"):
            chunk = s.recv(64)
            if not chunk: raise SystemExit(f"server closed early at cycle {done}")
            got += chunk
        s.close()
        done += 1
    time.sleep(0.2)  # let the server finish the last worker
    fds, rss = sample()
    rows.append((fds, rss))
    print(f"{done:>8} {fds:>5} {rss:>8} {done / (time.time() - start):>9.0f}")
if len(rows) > 1:
    print(f"RSS ratio last/second: {rows[-1][1] / rows[1][1]:.2f}; fds {'flat' if rows[-1][0] == rows[0][0] else 'GREW'}")
PY
