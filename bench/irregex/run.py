#!/usr/bin/env python3
"""irregex benchmark (issue 14): csi-swift and CHICKEN's csi side by side, in one run,
alternating, median of N. Needs `csi` (apt-get install chicken-bin).
usage: bench/irregex/run.py [--runs N] [--swift PATH] [--data DIR]"""
import argparse, os, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

def timed(cmd):
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=900)
    return time.perf_counter() - t, r.returncode, r.stdout.decode(errors="replace").strip()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--swift", default=os.path.join(ROOT, ".build", "release", "csi-swift"))
    ap.add_argument("--data", default="/tmp/csi-swift-irregex-bench")
    a = ap.parse_args()
    subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), a.data], check=True)
    cases = [("search", "access.log"), ("replace", "access.log"), ("split", "lines.txt")]
    print("%-10s %10s %10s %7s" % ("program", "csi-swift", "csi", "ratio"))
    for name, data in cases:
        prog = os.path.join(HERE, name + ".scm")
        arg = os.path.join(a.data, data)
        swift, chicken, outs = [], [], set()
        for _ in range(a.runs):
            for label, cmd, acc in (("swift", [a.swift, "-s", prog, arg], swift),
                                    ("csi", ["csi", "-s", prog, arg], chicken)):
                t, rc, out = timed(cmd)
                if rc != 0:
                    sys.exit("%s failed under %s: %s" % (name, label, out))
                acc.append(t)
                outs.add(out)
        ms, mc = statistics.median(swift), statistics.median(chicken)
        same = "" if len(outs) == 1 else "  OUTPUTS DIFFER: %s" % sorted(outs)
        print("%-10s %9.2fs %9.2fs %7.2f%s" % (name, ms, mc, ms / mc, same))

main()
