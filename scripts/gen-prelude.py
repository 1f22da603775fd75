#!/usr/bin/env python3
"""Generates Sources/SchemeCore/Prelude/Prelude.swift from prelude.scm.

Every `(define-syntax NAME ...)`, and after the line ';;; @lazy' every
`(define (NAME ...) ...)`, becomes a lazy definition, compiled the first time the program
refers to NAME; the other forms are evaluated at start-up (which then reads and compiles
only what every program needs: reading and expanding the derived syntax that stood before
the marker was a third of start-up). A test checks that Prelude.swift is current: edit
prelude.scm, then run this script.
"""
import sys
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.join(HERE, "..", "Sources", "SchemeCore", "Prelude")
EAGER_NAMES = {"%raise", "%wind-and-continue"}  # read from Swift at start-up

def forms(text):
    """Yields (start, end) of each toplevel form."""
    i, n, depth, start = 0, len(text), 0, None
    while i < n:
        c = text[i]
        if c == ";":
            while i < n and text[i] != "\n":
                i += 1
            continue
        if c == '"':
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == "\\" else 1
            i += 1
            continue
        if c == "#" and text[i + 1] == "\\":
            i += 3
            continue
        if c == "(":
            if depth == 0:
                start = i
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                yield start, i + 1
        i += 1
    # A form left open would swallow the rest of the file silently: refuse instead.
    if depth != 0:
        sys.exit(f"gen-prelude: unbalanced parentheses: a form opened at offset {start} is not closed")

def swift_string(s):
    return '#"""\n' + s + '\n"""#'

def main():
    # The other .scm files of Prelude/ follow prelude.scm, after its @lazy line.
    text = open(os.path.join(DIR, "prelude.scm")).read()
    for extra in sorted(f for f in os.listdir(DIR) if f.endswith(".scm") and f != "prelude.scm"):
        text += "\n" + open(os.path.join(DIR, extra)).read()
    marker = text.index(";;; @lazy")
    eager = []
    lazy = []
    # Before the marker, only syntax definitions are lazy.
    for a, b in forms(text[:marker]):
        form = text[a:b]
        if form.startswith("(define-syntax "):
            lazy.append((form[len("(define-syntax "):].split()[0], form))
        else:
            eager.append(form)
    for a, b in forms(text[marker:]):
        form = text[marker + a: marker + b]
        name = None
        if form.startswith("(define ("):
            name = form[len("(define ("):].split()[0].rstrip(")")
        elif form.startswith("(define-syntax "):
            name = form[len("(define-syntax "):].split()[0]
        if name and name not in EAGER_NAMES:
            lazy.append((name, form))
        else:
            eager.append(form)
    out = ["// Generated from prelude.scm by scripts/gen-prelude.py: edit prelude.scm, then rerun it.",
           "enum Prelude {",
           "    /// Evaluated when an interpreter starts.",
           "    static let eager = " + swift_string("\n".join(eager)),
           "",
           "    /// Procedure and syntax definitions compiled on first reference, by name.",
           "    static let lazy: [(name: String, source: String)] = ["]
    for name, form in lazy:
        out.append("        (" + '"' + name + '", ' + swift_string(form) + "),")
    out.append("    ]")
    out.append("}")
    open(os.path.join(DIR, "Prelude.swift"), "w").write("\n".join(out) + "\n")

if __name__ == "__main__":
    main()
