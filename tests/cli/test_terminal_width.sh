#!/usr/bin/env bash
# The terminal report fits the width it is given: at 80 and 40 columns every
# bundled pack on its dataset prints no line longer than the width, no line
# ending in spaces, and no word of an indicator's title (as the seeds print
# them, datasets/*/indicators.csv) split inside a column; a table that cannot
# fit stacks, one block per indicator, keeping every period. The counts say
# "no arrow", as the tables do.
. "$(dirname "$0")/lib.sh"
for rules in "$SRC"/rules/*/; do
    pack=$(basename "$rules")
    data=$SRC/datasets/${pack%-significance}
    expect_exit 0 -- "$ASSAY" run "$rules" "$data" --format terminal --out "$TMP/$pack.full.txt"
    for width in 80 40; do
        expect_exit 0 -- "$ASSAY" run "$rules" "$data" --format terminal --width "$width" --out "$TMP/$pack.$width.txt"
        checks=$((checks + 1))
        python3 - "$TMP/$pack.$width.txt" "$width" "$data/indicators.csv" "$TMP/$pack.full.txt" <<'PY' || fail "$pack at $width columns"
import csv, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
width = int(sys.argv[2])
bad = 0
def problem(what):
    global bad
    bad += 1
    print(f"  {what}", file=sys.stderr)
lines = text.split("\n")
for n, line in enumerate(lines, 1):
    if len(line) > width:  # the reports' characters are one column each
        problem(f"line {n} is {len(line)} wide: {line!r}")
    if line.endswith(" "):
        problem(f"line {n} ends in a space: {line!r}")
# Each word of each title appears whole somewhere: bounded by a space, a line's end, a
# column's bar or a mark ("*", the dagger).
tokens = set()
for line in lines:
    for t in re.split(r"[ |]+", line):
        tokens.add(t)
        tokens.add(t.rstrip("*\u2020,.:;"))
# The titles the report shows (whole in the full-width report written to a file).
full = open(sys.argv[4], encoding="utf-8").read()
titles = [row["title"] for row in csv.DictReader(open(sys.argv[3], encoding="utf-8"))
          if row.get("title") and row["title"] in full]
assert titles, "no titles"
for title in titles:
    for word in title.split():
        if word not in tokens:
            problem(f"the word {word!r} of {title!r} is not whole in the report")
for broken in ["Indicat", "Decrea", "neithe"]:
    if broken in tokens:
        problem(f"a word broken at {broken!r}")
for line in lines:
    if "arrows:" in line and re.search(r"\bnone \d", line):
        problem(f"the counts say 'none': {line!r}")
sys.exit(1 if bad else 0)
PY
    done
done
# Stacked at 40: the serious violence table, each figure under its column's header.
expect_in "$TMP/pcc2024q2.40.txt" "  12 months to Sept 2024: 1,821"
expect_in "$TMP/pcc2024q2.40.txt" "no arrow 7"
# Full width into a file: tables, every period.
expect_exit 0 -- "$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --format terminal --out "$TMP/full.txt"
expect_in "$TMP/full.txt" "| 2002/03 | 2003/04 | 2004/05 | 2005/06 | 2006/07 |"
finish
