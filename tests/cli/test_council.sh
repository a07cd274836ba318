#!/usr/bin/env bash
# A council's quarterly table (tests/council/): its codes, its words, a stale
# figure marked in every format, audits that say what they skipped, target
# wording like the council's table, and explain --color. Expected values are
# worked out by hand in tests/council/README.md.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/tests/council/pack
DATA=$SRC/tests/council/data
STALE="latest figure 2024/25 Q3; none for 2025/26 Q2"

expect_exit 0 -- "$ASSAY" check "$PACK" --data "$DATA"
expect_in "$TMP/out" "0 errors"

# The run: every format says on LPI 157a's row that its figure is stale.
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA"
# (the terminal table wraps the comment within its cell: the row starts with it)
grep -F "% of major planning" "$TMP/out" | grep -qF "latest figure 2024/25" || fail "terminal: the stale note is not on the row"
for f in csv markdown html jsonl json; do
    expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format $f --out "$TMP/report.$f"
    expect_in "$TMP/report.$f" "$STALE"
done
grep -F "LPI 157a" "$TMP/report.csv" | grep -qF "$STALE" || fail "csv: the stale note is not on LPI 157a's row"
grep -F "planning applications" "$TMP/report.markdown" | grep -qF "$STALE" || fail "markdown: not on the row"
grep -F '"LPI 157a"' "$TMP/report.jsonl" | grep -qF "\"stale\":\"$STALE\"" || fail "jsonl: not on the outcome"
expect_in "$TMP/report.json" '"indicator": "PAM/012"'
expect_in "$TMP/report.json" '"indicator_key": "pam_012"'
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format xlsx --out "$TMP/report.xlsx"
if command -v unzip >/dev/null; then
    unzip -p "$TMP/report.xlsx" xl/sharedStrings.xml >"$TMP/xlsx.txt" 2>/dev/null ||
        unzip -p "$TMP/report.xlsx" 'xl/worksheets/*.xml' >"$TMP/xlsx.txt"
    expect_in "$TMP/xlsx.txt" "$STALE"
fi

# audit without rules: arrows and ratings are not checked, and it says so.
expect_exit 0 -- "$ASSAY" audit "$DATA"
expect_in "$TMP/out" "published_arrow: 4 published, 0 checked, 4 not checked"
expect_in "$TMP/out" "published_rating: 4 published, 0 checked, 4 not checked"
expect_in "$TMP/out" "not checked 4: no rules were given"
expect_in "$TMP/out" "8 published figures not checked (see above)"

# audit with the rules: all 8 checked; the council's own error is found, with the deciding figures.
expect_exit 1 -- "$ASSAY" audit "$DATA" --rules "$PACK"
expect_in "$TMP/out" "published_arrow: 4 published, 4 checked"
expect_in "$TMP/out" "published_rating: 4 published, 4 checked"
expect_in "$TMP/out" "PAM/012, Westshire, 2025/26 Q2: published_rating published Amber, computed RED"
expect_in "$TMP/out" "7 (14%) short of target 50 (2025/26)"
expect_in "$TMP/out" "8 published figures and totals checked: 1 error"
expect_not_in "$TMP/out" "not checked"

# explain: a code with a slash, yearly target wording, no "on track" for a fixed target.
expect_exit 0 -- "$ASSAY" explain "$PACK" "$DATA" "PAM/012"
expect_in "$TMP/out" "(PAM/012)"
expect_in "$TMP/out" "target 50, 7 still to go (14% of the target)"
expect_in "$TMP/out" "target 50 (2025/26), higher is better"
expect_not_in "$TMP/out" "on track"
expect_exit 0 -- "$ASSAY" explain "$PACK" "$DATA" "LPI 157a"
expect_in "$TMP/out" "figure:   $STALE"
expect_exit 2 -- "$ASSAY" explain "$PACK" "$DATA" "PAM/013"
expect_in "$TMP/err" "did you mean 'PAM/012'?"

# explain --color: the rating and arrow coloured as run colours them; never by default when not a terminal.
expect_exit 0 -- "$ASSAY" explain "$PACK" "$DATA" "1.1.2.PI" --color always
expect_in "$TMP/out" $'rating:   \e[32mGREEN\e[0m'
expect_in "$TMP/out" $'\e[31m\xe2\x96\xbc declined\e[0m'
expect_exit 0 -- "$ASSAY" explain "$PACK" "$DATA" "1.1.2.PI"
expect_not_in "$TMP/out" $'\e['
expect_exit 0 -- "$ASSAY" explain "$PACK" "$DATA" "1.1.2.PI" --color never
expect_not_in "$TMP/out" $'\e['
expect_exit 2 -- "$ASSAY" explain "$PACK" "$DATA" "1.1.2.PI" --color sometimes

# A hostile code: path separators, markup and quotes are kept as text, escaped in every format, and only
# the normalised form ("_x_b_q_") is ever used as a key; nothing is written but --out.
mkdir -p "$TMP/hostile/data" "$TMP/hostile/pack" "$TMP/hostile/out"
printf 'id,title,polarity\n"../x <b>""q""",Hostile,higher\n' >"$TMP/hostile/data/indicators.csv"
printf 'indicator,area,period,value\n"../x <b>""q""",A,2025/26 Q1,1\n"../x <b>""q""",A,2025/26 Q2,2\n' \
    >"$TMP/hostile/data/observations.csv"
printf 'pack "h" { title = "H" }\nscale "rag" { "RED", "GREEN" }\ngroup "g" { rating = first { { improved, GREEN }, { otherwise, RED } }, indicators = { [[../x <b>"q"]] } }\n' \
    >"$TMP/hostile/pack/pack.lua"
expect_exit 0 -- "$ASSAY" run "$TMP/hostile/pack" "$TMP/hostile/data" --format json --out "$TMP/hostile/out/r.json"
expect_in "$TMP/hostile/out/r.json" '"indicator": "../x <b>\"q\""'
expect_in "$TMP/hostile/out/r.json" '"indicator_key": "_x_b_q_"'
expect_exit 0 -- "$ASSAY" run "$TMP/hostile/pack" "$TMP/hostile/data" --format html --out "$TMP/hostile/out/r.html"
expect_not_in "$TMP/hostile/out/r.html" '<b>"q"'
[ "$(ls "$TMP/hostile/out" | tr '\n' ' ')" = "r.html r.json " ] || fail "hostile code: unexpected files $(ls "$TMP/hostile/out")"
[ ! -e "$TMP/hostile/x" ] || fail "hostile code: a file was written outside the output folder"

finish
