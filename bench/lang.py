#!/usr/bin/env python3
"""Language benchmarks: csi-swift and CHICKEN's csi side by side, in one run.

Runs each program of ../shared/bench/lang/src (and bench/lang-extra/) under both
interpreters, alternating runs, and prints median times and the csi-swift/csi ratio with
the geometric mean. Needs `csi` (apt-get install chicken-bin).

usage: bench/lang.py [--runs N] [--only fib,tak] [--swift PATH]
"""
import argparse, math, os, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "bench", "lang")

def programs():
    out = []
    for d in (os.path.join(SHARED, "src"), os.path.join(HERE, "lang-extra")):
        if os.path.isdir(d):
            out += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".scm")]
    return out

def timed(cmd):
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    return time.perf_counter() - t, r.returncode, r.stdout.decode(errors="replace").strip().splitlines()[-1:] 

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="")
    ap.add_argument("--swift", default=os.path.join(ROOT, ".build", "release", "csi-swift"))
    a = ap.parse_args()
    only = set(a.only.split(",")) if a.only else None
    rows, ratios = [], []
    print(f"{'program':<12} {'csi-swift s':>11} {'csi s':>8} {'ratio':>7}  check")
    for path in programs():
        name = os.path.basename(path)[:-4]
        if only and name not in only:
            continue
        ts, tc, check = [], [], "ok"
        runs = a.runs
        k = 0
        while k < runs:
            k += 1
            t1, rc1, out1 = timed([a.swift, "-s", path])
            t2, rc2, out2 = timed(["csi", "-s", path])
            ts.append(t1); tc.append(t2)
            if rc1 != 0 or out1 != out2:
                check = f"DIFFERS: {out1} vs {out2} (rc {rc1})"
            if k == 1 and max(t1, t2) < 0.05:
                # A few milliseconds (start-up) move with every scheduling hiccup: a median
                # of ten times the runs.
                runs = a.runs * 10
        s, c = statistics.median(ts), statistics.median(tc)
        ratios.append(s / c)
        print(f"{name:<12} {s:>11.3f} {c:>8.3f} {s / c:>7.2f}  {check}", flush=True)
    if ratios:
        g = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print(f"{'geomean':<12} {'':>11} {'':>8} {g:>7.2f}   max {max(ratios):.2f}")

if __name__ == "__main__":
    main()
