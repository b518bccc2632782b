#!/usr/bin/env python3
"""Writes the rebuild benchmark's build context: a seeded, deterministic project tree.

About 6,000 files / 120 MB reach the build (sources, docs, config, many small images, a few
big assets), plus files the .dockerignore keeps out (.git, build/, logs). Same seed, same
bytes, same modes and mtimes. Usage: gen-context.py DEST [SEED]
"""
import os
import random
import sys

MTIME = 1767225600  # 2026-01-01T00:00:00Z: fixed, so reruns make an identical tree
CHANGE_FILE = "src/main/app/core/Main.java"  # the file rebuild.sh edits; always present

WORDS = (
    "value result buffer index count request response handler builder config layer digest "
    "stream reader writer entry path context stage step cache image manifest token client "
    "server session record list map set key name size mode owner group target source"
).split()
KEYWORDS = ["final", "var", "return", "if", "for", "while", "new", "this", "null", "throw"]


class Tree:
    def __init__(self, root, rng):
        self.root, self.rng = root, rng
        self.files, self.bytes = 0, 0
        self.pool = [self._code_line() for _ in range(6000)]

    def _code_line(self):
        r = self.rng
        ident = lambda: r.choice(WORDS) + r.choice(WORDS).capitalize()
        return "%s%s %s = %s(%s, %d);\n" % (
            "    " * r.randint(1, 4), r.choice(KEYWORDS), ident(), ident(), ident(),
            r.randint(0, 99999))

    def write(self, rel, data, mode=0o644):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, mode)
        os.utime(path, (MTIME, MTIME))
        self.files += 1
        self.bytes += len(data)

    def text(self, rel, approx_size, header=""):
        lines, size = [header], len(header)
        while size < approx_size:
            line = self.rng.choice(self.pool)
            lines.append(line)
            size += len(line)
        self.write(rel, "".join(lines).encode())

    def binary(self, rel, size):
        self.write(rel, self.rng.randbytes(size))


def sources(t, r):
    modules = ["app", "api", "store", "net", "auth", "ui", "jobs", "billing", "search", "util2",
               "report", "admin"]
    for m in modules:
        for p in range(15):
            pkg = "core" if p == 0 else "pkg%02d" % p
            for i in range(20):
                name = "Main" if (m, pkg, i) == ("app", "core", 0) else "Class%03d" % i
                t.text("src/main/%s/%s/%s.java" % (m, pkg, name), r.randint(1500, 9000),
                       "package com.example.%s.%s;\n\n" % (m, pkg))
        for i in range(80):
            t.text("src/test/%s/Test%03d.java" % (m, i), r.randint(1000, 6000))
    for i in range(280):
        t.text("docs/%s/page%03d.md" % (r.choice(WORDS), i), r.randint(2000, 12000), "# Page\n")
    for i in range(120):
        t.text("config/%s-%03d.yaml" % (r.choice(WORDS), i), r.randint(200, 2000))
    for i in range(6):
        t.write("scripts/tool%d.sh" % i, b"#!/bin/sh\nset -eu\necho tool %d\n" % i, 0o755)


def assets(t, r):
    for i in range(1000):
        t.binary("web/static/img/%s-%04d.png" % (r.choice(WORDS), i), r.randint(8000, 80000))
    for i, mb in enumerate([16, 12, 10, 8, 6]):
        t.binary("assets/blob%d.bin" % i, mb * 1048576 + r.randint(0, 4096))
    os.symlink("blob0.bin", os.path.join(t.root, "assets/current.bin"))
    t.write("logs/keep.log", b"kept: the .dockerignore re-includes this one\n")


def ignored(t, r):
    for i in range(300):
        t.binary(".git/objects/%02x/%038x" % (i % 256, r.getrandbits(152)), r.randint(200, 40000))
    for i in range(200):
        t.binary("build/classes/C%03d.class" % i, r.randint(2000, 60000))
    for i in range(12):
        t.text("logs/run%02d.log" % i, 50000)


def main():
    dest = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    rng = random.Random(seed)
    os.makedirs(dest)
    t = Tree(dest, rng)
    sources(t, rng)
    assets(t, rng)
    kept = (t.files, t.bytes)
    ignored(t, rng)
    here = os.path.dirname(os.path.abspath(__file__))
    for name, target in [("Dockerfile", "Dockerfile"), ("dockerignore", ".dockerignore")]:
        with open(os.path.join(here, name), "rb") as f:
            t.write(target, f.read())
    print("context %s: %d files / %.1f MB sent to the build (+%d ignored files / %.1f MB)"
          % (dest, kept[0] + 2, kept[1] / 1e6, t.files - kept[0] - 2,
             (t.bytes - kept[1]) / 1e6))


if __name__ == "__main__":
    main()
