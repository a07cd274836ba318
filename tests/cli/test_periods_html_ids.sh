#!/usr/bin/env bash
# run --periods --format html: one page holding a section per period, each
# the report of that period. Every id in the page must be unique, and every
# reference to one (href="#...", aria-labelledby, aria-describedby, for,
# headers, url(#...)) must name an id of the page, in the same period's
# section. Parsed with Python's own html.parser.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
if ! [ -x "$PY" ]; then
    [ -n "${CI:-}" ] && { echo "FAIL: python3 is missing in CI"; exit 1; }
    echo "SKIPPED: python3 is not installed"
    exit 77
fi

expect_exit 0 -- "$ASSAY" run "$SRC/tests/council/pack" "$SRC/tests/council/data" --periods all --format html --out "$TMP/council.html"
expect_exit 0 -- "$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --periods all --format html --out "$TMP/lsp.html"
expect_exit 0 -- "$ASSAY" run "$SRC/rules/lsp2007-significance" "$SRC/datasets/lsp2007" --periods "2004/05.." --format html --out "$TMP/sig.html"
# A single run's page keeps its ids as they are.
expect_exit 0 -- "$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --format html --out "$TMP/single.html"

cat >"$TMP/ids.py" <<'PY'
import re
import sys
from html.parser import HTMLParser

LISTS = {"aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-details", "for", "headers"}


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = {}  # id -> the period section it is in (None outside them)
        self.refs = []  # (attribute, id, section)
        self.duplicates = []
        self.section = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and (a.get("id") or "").startswith("as-at-"):
            self.section = a["id"]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                if value in self.ids:
                    self.duplicates.append(value)
                self.ids[value] = self.section
            elif name in LISTS:
                self.refs += [(name, v, self.section) for v in value.split()]
            elif name in ("href", "xlink:href") and value.startswith("#"):
                self.refs.append((name, value[1:], self.section))
            for m in re.finditer(r"url\(#([^)]+)\)", value):
                self.refs.append(("url", m.group(1), self.section))

    handle_startendtag = handle_starttag


p = Ids()
p.feed(open(sys.argv[1], encoding="utf-8").read())
bad = 0
if p.duplicates:
    print("duplicate ids:", sorted(set(p.duplicates))[:10], file=sys.stderr)
    bad += 1
missing = [(n, v) for n, v, s in p.refs if v not in p.ids]
if missing:
    print("references without a target:", missing[:10], file=sys.stderr)
    bad += 1
crossing = [(n, v) for n, v, s in p.refs if v in p.ids and s is not None and p.ids[v] != s]
if crossing:
    print("references into another period's section:", crossing[:10], file=sys.stderr)
    bad += 1
sections = {s for s in p.ids.values() if s}
if len(sections) < 2:
    print("fewer than two period sections:", sections, file=sys.stderr)
    bad += 1
if sum(1 for n, v, s in p.refs if n == "aria-labelledby") < 2 * len(sections):
    print("too few aria-labelledby references to test anything", file=sys.stderr)
    bad += 1
sys.exit(1 if bad else 0)
PY

for f in council lsp sig; do
    checks=$((checks + 1))
    "$PY" "$TMP/ids.py" "$TMP/$f.html" || fail "$f.html: ids are not unique or a reference has no target"
done

# Each period's section holds that period's ids under its own prefix; the
# list of periods still links to the sections.
expect_in "$TMP/council.html" '<a href="#as-at-2">2024/25 Q2</a>'
expect_in "$TMP/council.html" '<section id="as-at-2" aria-label="As at 2024/25 Q2">'
expect_in "$TMP/council.html" 'id="p2-summary"'
expect_in "$TMP/council.html" 'href="#p2-summary"'
expect_in "$TMP/single.html" 'id="summary"'
expect_not_in "$TMP/single.html" 'id="p1-'
finish
