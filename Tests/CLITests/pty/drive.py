#!/usr/bin/env python3
"""Drives csi-swift through a pseudo-terminal for the REPL tests.

usage: drive.py BINARY HOME < steps.json
steps.json: {"args": [...], "steps": [[text, seconds-to-wait-before], ...]}
Prints the terminal transcript (escape sequences removed, \\r\\n as \\n), then a last line
"EXIT <status>". Every wait is bounded; the child is killed after 20 s.
"""
import json, os, pty, re, select, signal, sys, time

binary, home = sys.argv[1], sys.argv[2]
spec = json.load(sys.stdin)
env = dict(os.environ, HOME=home, TERM="xterm", INPUTRC="/dev/null")
pid, fd = pty.fork()
if pid == 0:
    os.execve(binary, [binary] + spec.get("args", []), env)
out = b""
deadline = time.time() + 20

def pump(seconds):
    global out
    end = min(time.time() + seconds, deadline)
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.02)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return
            if not data:
                return
            out += data

for text, wait in spec["steps"]:
    pump(wait)
    if text.startswith("!run "):          # run a shell command meanwhile, append its output
        out += os.popen(text[5:]).read().encode()
        continue
    os.write(fd, text.encode())
pump(1.0)
status = None
for _ in range(100):
    done, st = os.waitpid(pid, os.WNOHANG)
    if done:
        status = os.waitstatus_to_exitcode(st)
        break
    pump(0.05)
    time.sleep(0.05)
if status is None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    status = "killed"
text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.decode(errors="replace")).replace("\r\n", "\n").replace("\r", "")
print(text)
print("EXIT", status)
