#!/usr/bin/env bash
# assay run: the LSP 2007 report, the JSON record, exit codes and errors.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/rules/lsp2007
DATA=$SRC/datasets/lsp2007

# The report prints every table and the theme rating.
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA"
for text in "Progress against PSA1 Targets" "Theft of Vehicle" "Narrowing the gap" "Drugs" \
            "Assessment: AMBER GREEN" "Key to assessment of performance" "▲" "◀▶" "▼"; do
    expect_in "$TMP/out" "$text"
done
expect_not_in "$TMP/out" $'\033['   # NO_COLOR: no escape codes

# As at 2005/06 the theme is the seed's 2006 assessment (AMBER RED), and
# the full run's is the 2007 one (AMBER GREEN): the theme's own line, not the
# key or the roll-up's description, which name every level.
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --as-at 2005/06
expect_in "$TMP/out" "Assessment: AMBER RED"
expect_not_in "$TMP/out" "Assessment: AMBER GREEN"
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA"
expect_not_in "$TMP/out" "Assessment: AMBER RED"

# JSON record: written atomically, byte-identical across runs.
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format json --out "$TMP/a.json"
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format json --out "$TMP/b.json"
checks=$((checks + 1)); cmp -s "$TMP/a.json" "$TMP/b.json" || fail "two runs differ"
for key in '"format": 1' '"outcomes"' '"groups"' '"themes"' '"checks"' '"sha256"' '"as_at": "2006/07"' \
           '"indicator": "theft_of_vehicle"' '"arrow": "improved"' '"published_arrow"'; do
    expect_in "$TMP/a.json" "$key"
done
checks=$((checks + 1)); ls "$TMP" | grep -q '\.tmp$' && fail "temporary file left behind"

# Outcomes follow the report's order (the theme's groups), not file names.
checks=$((checks + 1))
order=$(grep -o '"group": "[a-z_0-9]*"' "$TMP/a.json" | awk '!seen[$0]++' | sed 's/.*: "//; s/"//' | tr '\n' ' ')
[ "$order" = "psa1 gap_national gap_deprived drugs " ] || fail "outcome order: $order"

# Other formats.
for f in jsonl csv; do
    expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format "$f"
    expect_in "$TMP/out" "theft_of_vehicle"
done
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format markdown
expect_in "$TMP/out" "| Theft of Vehicle |"

# Usage and input errors exit 2 with a clear message.
expect_exit 2 -- "$ASSAY" run
expect_exit 2 -- "$ASSAY" run "$PACK" "$DATA" --format pdf
expect_in "$TMP/err" "unknown format"
expect_exit 2 -- "$ASSAY" run "$PACK" "$DATA" --as-at 1999/00
expect_in "$TMP/err" "1999/00"
expect_exit 2 -- "$ASSAY" run "$PACK" "$SRC/does-not-exist"

mkdir -p "$TMP/bad"
printf 'id,title,unit,polarity\ntheft,Theft,count,lower\n' >"$TMP/bad/indicators.csv"
printf 'indicator,area,period,value\ntheft,A,2006/07,12x\n' >"$TMP/bad/observations.csv"
expect_exit 2 -- "$ASSAY" run "$PACK" "$TMP/bad"
expect_in "$TMP/err" "observations.csv:2"

# A failed write leaves no output file and exits 2.
expect_exit 2 -- "$ASSAY" run "$PACK" "$DATA" --format json --out "$TMP/no-such-dir/x.json"
checks=$((checks + 1)); [ -e "$TMP/no-such-dir/x.json" ] && fail "half-written output exists"

finish
