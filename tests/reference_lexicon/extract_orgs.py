#!/usr/bin/env python3
"""Build organisation name entries from
  WP-MCCMNC: pbakondy/mcc-mnc-list mcc-mnc-list.json (scraped from English Wikipedia
             'Mobile Network Codes in ITU region ...' pages; CC BY-SA 4.0 text)
  LPN-CARRIER: google/libphonenumber resources/carrier/en/*.txt (Apache-2.0)
Usage: extract_orgs.py MCC_JSON LIBPHONENUMBER_GITDIR > organisations.raw.tsv
Output: name<TAB>alternates (" | ")<TAB>source ids (",")
"""

import collections
import json
import re
import subprocess
import sys

mcc_json, lpn_git = sys.argv[1], sys.argv[2]
LEGAL = re.compile(
    r"^(inc\.?|ltd\.?|llc|l\.l\.c\.|lp|s\.?a\.?( de c\.?v\.?)?|s\.?l\.?u?\.?|s\.r\.o\.|a\.s\.|"
    r"co\.,? ltd\.?|ltda\.?|gmbh|ag|b\.v\.|n\.v\.|plc|oy|oyj|ab|as|a/s|spa|s\.p\.a\.|srl|"
    r"s\.r\.l\.|sarl|s\.a\.r\.l\.|sas|pty|\(pty\) ltd|corp\.?|limited|d\.o\.o\.|d\.d\.|jsc|"
    r"pjsc|lda\.?)$",
    re.I,
)
ACRO = re.compile(r"^[A-Z0-9][A-Za-z0-9&.\-]{1,11}$")
JUNK = re.compile(
    r"^(unknown|reserved|reserved for .*|test|testing|test networks?|private networks?|n/?a|"
    r"none|various|multiple|tbd|-+|\?)$",
    re.I,
)


def clean(s):
    s = re.sub(r"\[\d+\]|\[citation needed\]", "", s or "")
    return re.sub(r"\s+", " ", s).strip(" ,;")


def split_ops(s):
    parts = [p.strip() for p in re.split(r"\s+/\s+|;\s*", s) if p.strip()]
    out = []
    for p in parts:
        cs = [c.strip() for c in p.split(",")]
        if (
            len(cs) >= 3
            and all(re.match(r"^[A-Z][\w&.'\- ]*$", c) for c in cs)
            and not any(LEGAL.match(c) for c in cs)
        ):
            out += cs
        else:
            out.append(p)
    return out


def alts_from_parens(name):
    m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", name)
    if not m:
        return []
    out, outer, inner = [], m.group(1).strip(), m.group(2).strip()
    if outer:
        out.append(outer)
    if ACRO.match(inner) and not re.match(r"^(formerly|ex)\b", inner, re.I):
        out.append(inner)
    return out


entries = collections.OrderedDict()  # key -> [name, set(alts), set(src)]


def key(n):
    return re.sub(r"[^0-9a-z]+", "", n.lower())


def add(name, alts, src):
    name = clean(name)
    if not name or JUNK.match(name) or (len(name) < 2 and not name.isdigit()):
        return
    k = key(name) or name
    e = entries.get(k)
    if e is None:
        e = entries[k] = [name, set(), set()]
    for a in alts + alts_from_parens(name):
        a = clean(a)
        if a and key(a) != k and not JUNK.match(a):
            e[1].add(a)
    e[2].add(src)


# 1. Wikipedia MCC/MNC tables
with open(mcc_json) as mcc_file:
    mcc_rows = json.load(mcc_file)
for r in mcc_rows:
    if r.get("type") == "Test":
        continue
    op, br = clean(r.get("operator")), clean(r.get("brand"))
    if r.get("countryCode") == "IN":
        op = ""  # the India tables' 'operator' column holds licence circles (place names)
    brands = [b.strip() for b in re.split(r"\s+/\s+", br) if b.strip()] if br else []
    if op:
        for o in split_ops(op):
            add(o, brands, "WP-MCCMNC")
    else:
        for b in brands:
            add(b, [], "WP-MCCMNC")


# 2. libphonenumber carrier names (English)
def git(*a):
    return subprocess.run(["git", "--git-dir", lpn_git, *a], capture_output=True, text=True).stdout


for f in git("ls-tree", "-r", "--name-only", "HEAD", "resources/carrier/en").split():
    for line in git("show", f"HEAD:{f}").splitlines():
        if line.startswith("#") or "|" not in line:
            continue
        name = line.split("|", 1)[1]
        for o in split_ops(clean(name)):
            add(o, [], "LPN-CARRIER")

# merge entries whose name equals another entry's alternate? keep separate but
# fold bare-brand entries (no alts, only brand) into operator entries with that brand
for _k, (name, alts, src) in entries.items():
    print(f"{name}\t{' | '.join(sorted(alts))}\t{','.join(sorted(src))}")
