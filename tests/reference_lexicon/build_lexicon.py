#!/usr/bin/env python3
"""Assemble cables.tsv, organisations.tsv and ambiguous.txt from the raw extracts.
Usage: build_lexicon.py FACTBOOK_RAW.tsv ORGS_RAW.tsv FACTBOOK_GITDIR
 - FACTBOOK_RAW.tsv: output of extract_factbook_cables.py
 - ORGS_RAW.tsv:     output of extract_orgs.py
 - FACTBOOK_GITDIR:  used only to build a lower-case English word list from the
                     Factbook prose (to flag names that are ordinary words).
Hand-curated parts (all listed below, nothing else is hand-made):
 DROP: Factbook fragments that are not cable names (places, operators, split debris,
       typos for which the correctly-spelt form is also present in the Factbook).
 SPLIT_PAREN: "Full Name (ABBR" fragments -> name + alternate, as in the source text.
 MERGE: alternates the Factbook itself gives for the same system (full name/acronym).
 WP_*: names read from the Wikipedia article excerpts listed in SOURCES.md.
"""

import collections
import html
import re
import subprocess
import sys
from pathlib import Path

fb_raw, orgs_raw, fb_git = sys.argv[1:4]
OUT = ""  # the outputs are written to the current folder


def key(n):
    return re.sub(r"[^0-9a-z]+", "", n.lower())


DROP = set(
    [
        "-2",
        "-3",
        "-4",
        "-5",
        "3 -",
        "34 series of",
        "AAE-1 international",
        "AAE-1 via",
        "Baltic Sea",
        "Greenland",
        "Tonga",
        "Islands",
        "East",
        "US",
        "Far East",
        "Svalbard",
        "Nunavut",
        "Miquelon",
        "St Pierre",
        "Saba",
        "Statia",
        "Dhiraagu",
        "Okinawa Cellular",
        "Fiber-Optic",
        "SeaMeWe",
        "Med",
        "EC",
        "East Caribbean",
        "ECFS around the Caribbean",
        "ECFS optic",
        "East Caribbean Fiber System (ECFS) optic",
        "Southern Caribbean Fiber with",
        "TAT-14m Denmark-Norway-5",
        "BERYTAR AND CADMOS",
        "SEACOM/ Tata TGN-Eurasia",
        "AEConnect -1",
        "CeltixConnect -1",
        "Channel Islands -9 Liberty",
        "Scotland-Northern Ireland -1",
        "Comoros Domestic",
        "Cabo Verde Telecom Domestic",
        "Kumul Domestic",
        "Columbus -111",
        "SeaMeWe -3",
        "Qater UAE",
        "MENA/Guld Bridge International",
        "American Movil-Texius West Coast",
        "American Movil-Telxius",
        "Unisor",
        "EAC-02C",
        "German-Denmark 2",
        "Tui-Samo",
        "Chuukk-Pohnpei",
        "Botina",
        "Lubuan-Brunei",
        "Cayman-Jamaican Fiber System",
        "Ella",
        "Pan American",
        "Africa Coast",
    ]
)
SPLIT_PAREN = re.compile(r"^(.*?)\s*\(([^()]+)\)?\s*$")
# groups of names the Factbook uses for one system: first = headword
MERGE = [
    ["Eastern Caribbean Fiber System", "East Caribbean Fiber System", "ECFS"],
    ["ARCOS-1", "ARCOS", "Americas Region Caribbean Ring System"],
    ["CB-1", "Challenger Bermuda-1"],
    ["GCN", "Global Caribbean Network"],
    ["FLAG Europe-Asia", "FEA"],
    ["SPSC", "Mistral"],
    ["TSE-1", "TSE", "Taiwan Strait Express-1"],
    ["SAT-3/WASC", "SAT-3", "WASC"],
    ["EAC-C2C", "C2C"],
    ["America Movil-Telxius West Coast", "American Movil-Telxius West Coast"],
    ["SAm-1", "South America-1"],
    ["Tata TGN-Gulf", "TGN-Gulf"],
    [
        "ACE",
        "Africa Coast to Europe",
    ],  # 2016 Factbook: "Africa Coast to Europe (ACE) undersea cable"
]
# Wikipedia article excerpts (see SOURCES.md): (name, [alternates], source id)
WP_CABLES = [
    ("2Africa", [], "WP-2AFRICA"),
    ("Grace Hopper", [], "WP-GRACEHOPPER"),
    ("Curie", [], "WP-GRACEHOPPER"),
    ("Dunant", [], "WP-GRACEHOPPER"),
    ("Equiano", [], "WP-GRACEHOPPER"),
    ("MAREA", [], "WP-MAREA"),
    ("Amitié", [], "WP-AMITIE"),
    ("SEA-ME-WE 6", ["South East Asia–Middle East–Western Europe 6", "SEA-ME-WE-6"], "WP-SMW6"),
    ("Al Khaleej", [], "WP-SMW6"),
    ("SEA-ME-WE", [], "WP-SMW6"),
    ("SEA-ME-WE 2", [], "WP-SMW6"),
    ("SEA-ME-WE 3", [], "WP-SMW6"),
    ("SEA-ME-WE 4", [], "WP-SMW6"),
    ("SEA-ME-WE 5", [], "WP-SMW6"),
    ("TAT-1", ["Transatlantic No. 1"], "WP-TRANSATLANTIC"),
    ("TAT-14", [], "WP-2AFRICA"),
]
WP_ORGS = [
    ("Meta", [], "WP-2AFRICA"),
    ("Alcatel Submarine Networks", [], "WP-2AFRICA"),
    ("MTN Group", [], "WP-2AFRICA"),
    ("Google", [], "WP-GRACEHOPPER"),
    ("Microsoft", [], "WP-MAREA"),
    ("Facebook", [], "WP-MAREA"),
    ("Telxius", [], "WP-MAREA"),
    ("Telefónica", [], "WP-MAREA"),
    ("AWS", [], "WP-MAREA"),
    ("Edge Cable Holdings", [], "WP-AMITIE"),
    ("AquaComms", ["Aqua Comms"], "WP-AMITIE"),
    ("Cable & Wireless Americas Systems", [], "WP-AMITIE"),
    ("Vodafone", [], "WP-AMITIE"),
    ("Orange", [], "WP-AMITIE"),
    ("EXA Infrastructure", [], "WP-AMITIE"),
    ("GTT", [], "WP-AMITIE"),
    ("Apollo Submarine Cable System", [], "WP-AMITIE"),
    ("Microsoft Infrastructure", [], "WP-AMITIE"),
    ("Edge USA", [], "WP-AMITIE"),
    ("Huawei Marine Networks", ["HMN Technologies"], "WP-SMW6"),
    ("SubCom", [], "WP-SMW6"),
    ("China Telecom", [], "WP-SMW6"),
    ("China Mobile", [], "WP-SMW6"),
    ("China Unicom", [], "WP-SMW6"),
    ("Orange S.A", [], "WP-SMW6"),
    ("Telecom Egypt", [], "WP-SMW6"),
    ("Mobily", [], "WP-SMW6"),
    ("Djibouti Telecom", [], "WP-SMW6"),
    ("Transworld Associates", ["Trans World Associates"], "WP-SMW6"),
    ("Bharti Airtel", [], "WP-SMW6"),
    ("BSCCL", [], "WP-SMW6"),
    ("Dhiraagu", [], "WP-SMW6"),
    ("Mobilink", [], "WP-SMW6"),
    ("Ni2i", [], "WP-SMW6"),
    ("Singtel", [], "WP-SMW6"),
    ("Sri Lanka Telecom", [], "WP-SMW6"),
    ("Telin", [], "WP-SMW6"),
    ("Batelco", [], "WP-SMW6"),
    ("Etisalat by e&", [], "WP-SMW6"),
    ("Telekom", [], "WP-SMW6"),
    ("Amsterdam Internet Exchange", ["AMS-IX"], "WP-AMSIX"),
    ("Orange Marine", [], "WP-SUBCABLE"),
]


def fix_mojibake(s):
    if "Ã" in s or "Â" in s:
        try:
            return s.encode("latin-1").decode("utf-8")
        except Exception:
            return s
    return s


class Lex:
    def __init__(self):
        self.e = collections.OrderedDict()
        self.alias = {}

    def add(self, name, alts, src):
        k = key(name)
        if not k:
            return
        k = self.alias.get(k, k)
        if k not in self.e:
            self.e[k] = [name, [], set()]
        ent = self.e[k]
        if name != ent[0]:
            alts = [name, *list(alts)]
        for a in alts:
            if a and a != ent[0] and a not in ent[1]:
                ent[1].append(a)
        ent[2].update(src.split(","))

    def merge_group(self, group):
        head = key(group[0])
        for g in group[1:]:
            kg = key(g)
            self.alias[kg] = head
            if kg in self.e and kg != head:
                old = self.e.pop(kg)
                self.add(group[0], [old[0]] + old[1], ",".join(old[2]))
        if head in self.e:
            self.add(group[0], group[1:], ",".join(self.e[head][2]))

    def write(self, path):
        with open(path, "w") as f:
            for name, alts, src in sorted(self.e.values(), key=lambda x: x[0].lower()):
                f.write(f"{name}\t{' | '.join(alts)}\t{','.join(sorted(src))}\n")
        return len(self.e)


# ---- cables
cab = Lex()
seen_variants = collections.defaultdict(list)
for line in Path(fb_raw).read_text().splitlines(keepends=True):
    n = line.rstrip("\n").split("\t")[0]
    if n in DROP:
        continue
    alts = []
    m = SPLIT_PAREN.match(n)
    if m and m.group(2):
        n, alts = m.group(1).strip(), [m.group(2).strip()]
    if "/" in n:
        alts += [p.strip() for p in n.split("/") if p.strip() and key(p) != key(n)]
    # case/punctuation variants of the same name (SeaMeWe-3 / SEA-ME-WE-3) become alternates
    cab.add(n, alts, "CIA-WFB")
for g in MERGE:
    cab.merge_group(g)
for n, alts, src in WP_CABLES:
    cab.add(n, alts, src)
ncab = cab.write(OUT + "cables.tsv")

# ---- organisations
# generic words that the sources use as a brand/alternate but that are not names
GENERIC = {
    "Local",
    "TELCO",
    "Telecom",
    "Mobility",
    "UK",
    "Connect",
    "Mobile",
    "Wireless",
    "Internet",
}
org = Lex()
for line in Path(orgs_raw).read_text().splitlines(keepends=True):
    name, alts, src = line.rstrip("\n").split("\t")
    name = fix_mojibake(name)
    if name in GENERIC:
        continue
    org.add(name, [fix_mojibake(a) for a in alts.split(" | ") if a and a not in GENERIC], src)
for n, alts, src in WP_ORGS:
    org.add(n, alts, src)
norg = org.write(OUT + "organisations.tsv")

# ---- ambiguous names: ordinary lower-case words in Factbook prose, very short names,
# digits-only names, plus the brief's examples
words = collections.Counter()
C = "8cc8686d295d8fabea67075d5ce0edc0db5d3b45"
files = subprocess.run(
    ["git", "--git-dir", fb_git, "ls-tree", "-r", "--name-only", C], capture_output=True, text=True
).stdout.split()
for f in files:
    if f.endswith(".json") and "/" in f:
        t = subprocess.run(
            ["git", "--git-dir", fb_git, "show", f"{C}:{f}"], capture_output=True, text=True
        ).stdout
        for w in re.findall(r"(?<![A-Za-z])[a-z][a-z'-]+(?![A-Za-z])", html.unescape(t)):
            words[w] += 1
common = {w for w, c in words.items() if c >= 3}
extra = {
    "three",
    "free",
    "sky",
    "orange",
    "one",
    "tim",
    "wind",
    "claro",
    "vivo",
    "digi",
    "glo",
    "moov",
    "zain",
    "sure",
    "go",
    "smart",
    "next",
    "blue",
    "echo",
    "matrix",
    "diamond",
    "celtic",
    "solas",
    "hawk",
    "apollo",
    "concerto",
    "tangerine",
    "janna",
    "prat",
    "east-west",
    "mena",
    "ace",
    "peace",
    "jupiter",
    "juno",
    "mars",
    "falcon",
    "saba",
}
amb = collections.defaultdict(set)
for lex, kind in ((cab, "cable"), (org, "organisation")):
    for name, alts, _src in lex.e.values():
        for n in [name, *alts]:
            low = n.lower()
            reason = None
            if low in common or low in extra:
                reason = "common word"
            elif re.fullmatch(r"[0-9 ]+", n):
                reason = "digits only"
            elif len(n) <= 2:
                reason = "very short"
            if reason:
                amb[(n, kind, reason)].add(name)
with open(OUT + "ambiguous.txt", "w") as f:
    f.write("# name<TAB>list<TAB>why ambiguous<TAB>headword of its entry\n")
    for (n, kind, reason), heads in sorted(amb.items(), key=lambda x: x[0][0].lower()):
        hs = sorted(heads)
        f.write(f"{n}\t{kind}\t{reason}\t{' ; '.join(hs[:5])}{' ; ...' if len(hs) > 5 else ''}\n")
print(ncab, norg, len(amb))
