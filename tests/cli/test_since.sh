#!/usr/bin/env bash
# Since the last report: `--since RECORD` (a sealed run record or a JSON
# record) and, with --history and no --since, the history's latest run of
# the same pack and dataset as at an earlier period. The terminal, Markdown
# and HTML summaries give the count of each rating now and then ("RED 3
# (was 4)") and list the indicators rated at the worst level first. The
# expected counts are worked out here from the two runs' JSON records.
. "$(dirname "$0")/lib.sh"
RULES=$SRC/rules/lsp2007
DATA=$SRC/datasets/lsp2007
H=$TMP/history.sqlite

expect_exit 0 -- "$ASSAY" run "$RULES" "$DATA" --as-at 2005/06 --format json --out "$TMP/before.json" \
    --record "$TMP/before.record" --history "$H"
expect_exit 0 -- "$ASSAY" run "$RULES" "$DATA" --format json --out "$TMP/now.json"

# The counts line, worst first, from the records themselves.
checks=$((checks + 1))
python3 - "$TMP/before.json" "$TMP/now.json" >"$TMP/counts" <<'PY' || fail "could not work out the counts"
import json, sys
before, now = (json.load(open(p)) for p in sys.argv[1:3])
order = ["RED", "AMBER", "GREEN"]  # the RAG scale of the indicators, worst first
def counts(rec):
    c = {}
    for o in rec["outcomes"]:
        if o.get("rating") is None and o["group"] not in rated:
            continue
        c[o.get("rating") or ""] = c.get(o.get("rating") or "", 0) + 1
    return c
rated = {o["group"] for r in (before, now) for o in r["outcomes"] if o.get("rating")}
b, n = counts(before), counts(now)
parts = []
for label in order + [""]:
    if label not in b and label not in n:
        continue
    x, y = n.get(label, 0), b.get(label, 0)
    parts.append(f"{label or 'Not rated'} {x} " + ("(no change)" if x == y else f"(was {y})"))
print("Ratings: " + ", ".join(parts))
PY
counts=$(cat "$TMP/counts")
case "$counts" in *"RED "*"(was "*) ;; *) fail "the two runs should differ in their REDs: $counts" ;; esac

# With --history and no --since: the earlier run in the history.
expect_exit 0 -- "$ASSAY" run "$RULES" "$DATA" --format markdown --out "$TMP/now.md" --history "$H"
expect_in "$TMP/now.md" "## Since the last report (as at 2005/06)"
expect_in "$TMP/now.md" "$counts"
# The reds come first: the first listed indicator is rated RED now.
checks=$((checks + 1))
first=$(sed -n '/^## Since the last report/,/^## /p' "$TMP/now.md" | grep -m1 '^- ')
case "$first" in *"): RED"*) ;; *) fail "the first indicator listed is not a RED: $first" ;; esac
# Criminal Damage was RED in 2005/06 too (seed 004: 5,180 then 5,456 against 3,562).
expect_in "$TMP/now.md" "- Criminal Damage (Progress against PSA1 Targets): RED"

# The same run again goes to the history as at 2006/07; the next report as
# at 2006/07 still compares with 2005/06, never with itself.
expect_exit 0 -- "$ASSAY" run "$RULES" "$DATA" --format terminal --width 100 --out "$TMP/again.txt" --history "$H"
expect_in "$TMP/again.txt" "Since the last report (as at 2005/06)"
tr '\n' ' ' <"$TMP/again.txt" | tr -s ' ' >"$TMP/again.flat"
expect_in "$TMP/again.flat" "$counts"

# --since a sealed record and --since a JSON record say the same.
expect_exit 0 -- "$ASSAY" run "$RULES" "$DATA" --format markdown --out "$TMP/record.md" --since "$TMP/before.record"
expect_exit 0 -- "$ASSAY" run "$RULES" "$DATA" --format markdown --out "$TMP/json.md" --since "$TMP/before.json"
checks=$((checks + 1))
cmp -s "$TMP/record.md" "$TMP/json.md" || fail "--since a record and its JSON give different reports"
expect_in "$TMP/record.md" "$counts"
expect_exit 0 -- "$ASSAY" run "$RULES" "$DATA" --format html --out "$TMP/now.html" --since "$TMP/before.record"
expect_in "$TMP/now.html" "$(sed 's/^Ratings: //' "$TMP/counts")"
expect_in "$TMP/now.html" "Rated at the worst level now:"

# No earlier run: no such section.
expect_exit 0 -- "$ASSAY" run "$RULES" "$DATA" --format markdown --out "$TMP/plain.md"
expect_not_in "$TMP/plain.md" "Since the last report"

# A sealed record that was edited, and an audit's record, are refused.
sed 's/"as_at": "2005\/06"/"as_at": "2004\/05"/' "$TMP/before.record" >"$TMP/edited.record"
if ! cmp -s "$TMP/before.record" "$TMP/edited.record"; then
    expect_exit 2 -- "$ASSAY" run "$RULES" "$DATA" --format markdown --since "$TMP/edited.record"
fi
"$ASSAY" audit "$DATA" --record "$TMP/audit.record" --out "$TMP/audit.txt" 2>/dev/null
if [ -s "$TMP/audit.record" ]; then
    expect_exit 2 -- "$ASSAY" run "$RULES" "$DATA" --since "$TMP/audit.record"
    expect_in "$TMP/err" "audit record"
fi
finish
