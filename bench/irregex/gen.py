#!/usr/bin/env python3
"""Writes the irregex benchmark's inputs (deterministic): a 50 MB web server log and a text
of 1,000,000 short lines. usage: gen.py DIR"""
import os, sys

def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    log = os.path.join(out, "access.log")
    if not os.path.exists(log) or os.path.getsize(log) < 50_000_000:
        x = 12345
        def rnd(n):
            nonlocal x
            x = (x * 1103515245 + 12345) % 2147483648
            return x % n
        paths = ["users", "orders", "items", "search", "login", "static"]
        with open(log, "w") as f:
            size = 0
            while size < 50_000_000:
                line = '%d.%d.%d.%d - - [03/Dec/2026:%02d:%02d:%02d +0000] "%s /api/%s/%d HTTP/1.%d" %d %d "-" "curl/8.%d"\n' % (
                    rnd(256), rnd(256), rnd(256), rnd(256), rnd(24), rnd(60), rnd(60),
                    ["GET", "POST"][rnd(2)], paths[rnd(len(paths))], rnd(100000), rnd(2),
                    [200, 200, 200, 301, 404, 500, 503][rnd(7)], rnd(20000), rnd(10))
                f.write(line)
                size += len(line)
    lines = os.path.join(out, "lines.txt")
    if not os.path.exists(lines):
        with open(lines, "w") as f:
            for i in range(1_000_000):
                f.write("line %d of the text\n" % i)

main()
