#!/usr/bin/env bash
# Rows on offset period bases share one set of period columns. Seed 000
# (PCC 2024/25 Q2), "Prevent, reduce and tackle serious violence": five rows
# are 12 months to Sept, the two NHS rows 12 months to June; the seed prints
# three columns, marks the NHS titles "*" and notes "*12 months data up to
# June 2024". Every table format lays the table out so; `align_periods =
# false` keeps a column per period; bases that are not offset (annual beside
# quarterly, or a year apart) stay as they are.
. "$(dirname "$0")/lib.sh"
PCC_RULES=$SRC/rules/pcc2024q2
PCC=$SRC/datasets/pcc2024q2
SEED=$SRC/tests/fidelity/pcc2024q2_seed.txt
flat_seed=$(tr -s ' \n' '  ' <"$SEED")
seed_has() {
    checks=$((checks + 1))
    case "$flat_seed" in *"$1"*) ;; *) fail "the seed does not print '$1'" ;; esac
}
# What the expectations below stand on, in the seed's own words.
seed_has "Performance measures 12 months Sept 2022 12 months Sept 2023 12 months Sept 2024"
seed_has "NHS Sharps admission – all ages* 100 65 90 25 38.4"
seed_has "NHS sharps admissions – under 25 years* 30 20 15 -5 25%"
seed_has "*12 months data up to June 2024"

sv="Prevent, reduce and tackle serious violence"
# The table's header row and the NHS rows, one line each: three period columns, the seed's figures
# (its published errors, 38.4 without "%" and 25% without its sign, shown as computed).
expect_exit 0 -- "$ASSAY" run "$PCC_RULES" "$PCC" --format markdown --out "$TMP/pcc.md"
sed -n "/^### $sv\$/,/^### /p" "$TMP/pcc.md" >"$TMP/sv.md"
expect_in "$TMP/sv.md" "| Indicator | 12 months to Sept 2022 | 12 months to Sept 2023 | 12 months to Sept 2024 | Change |"
expect_not_in "$TMP/sv.md" "June 2022 |"
expect_in "$TMP/sv.md" "| NHS Sharps admission – all ages* | 100 | 65 | 90 | 25 | 38.4% |"
expect_in "$TMP/sv.md" "| NHS sharps admissions – under 25 years* | 30 | 20 | 15 | -5 | -25.0% |"
expect_in "$TMP/sv.md" "| Homicides | 8 | 12 | 11 | -1 | -8.3% |"
expect_in "$TMP/sv.md" "| Serious violence offences – all ages – police recorded | 1,843 | 1,997 | 1,821 |"
expect_in "$TMP/sv.md" "\\* 12 months to June 2024 data: each figure on a row marked * is for the period 3 months before its column's (12 months to June 2022, 12 months to June 2023, 12 months to June 2024)."
# Only that table: the others are on one base.
checks=$((checks + 1))
[ "$(grep -c "data: each figure on a row marked" "$TMP/pcc.md")" = 1 ] || fail "a footnote outside the serious violence table"

# HTML: three period headers in that table, the marked titles, the footnote, and the sparkline
# describing each figure by its own period.
expect_exit 0 -- "$ASSAY" run "$PCC_RULES" "$PCC" --format html --out "$TMP/pcc.html"
checks=$((checks + 1))
python3 - "$TMP/pcc.html" "$sv" <<'PY' || fail "the HTML serious violence table is not on one set of columns"
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
title = sys.argv[2]
at = html.index(">" + title + "</h3>")
section = html[at:html.index("</section>", at)]
heads = re.findall(r'<th scope="col" class="num">([^<]*)</th>', section)
periods = [h for h in heads if h.startswith("12 months")]
assert periods == ["12 months to Sept 2022", "12 months to Sept 2023", "12 months to Sept 2024"], periods
assert '<th scope="row" class="title">NHS Sharps admission – all ages*<span class="visually-hidden"> (12 months to June 2024 data: see the note under the table)</span>' in section
assert '<th scope="row" class="title">Homicides<' in section
assert '<p class="period-note">* 12 months to June 2024 data:' in section
assert "12 months to June 2024 90" in section, "the sparkline names the figure's own period"
PY

# The terminal, written to a file at full width.
expect_exit 0 -- "$ASSAY" run "$PCC_RULES" "$PCC" --format terminal --out "$TMP/pcc.txt"
tr '\n' ' ' <"$TMP/pcc.txt" | tr -s ' ' >"$TMP/pcc.flat"
expect_in "$TMP/pcc.flat" "NHS Sharps admission – all ages*"
expect_in "$TMP/pcc.flat" "* 12 months to June 2024 data: each figure on a row marked *"

# As at 12 months to June 2024 the Sept rows stop at Sept 2023: under the majority's Sept columns
# the June 2022 figure would find none, so the columns are those of the latest period assessed.
expect_exit 0 -- "$ASSAY" run "$PCC_RULES" "$PCC" --as-at "12 months to June 2024" --format markdown --out "$TMP/june.md"
expect_in "$TMP/june.md" "| Indicator | 12 months to June 2022 | 12 months to June 2023 | 12 months to June 2024 | Change |"
expect_in "$TMP/june.md" "| Homicides* |  | 8 | 12 |"
expect_in "$TMP/june.md" "| NHS Sharps admission – all ages | 100 | 65 | 90 |"
expect_in "$TMP/june.md" "\\* 12 months to Sept 2023 data: each figure on a row marked * is for the period 9 months before its column's (12 months to Sept 2022, 12 months to Sept 2023)."

# align_periods = false: a column per period, as before.
cp -r "$PCC_RULES" "$TMP/off"
sed -i 's|^group "serious_violence" {|group "serious_violence" {\n  align_periods = false,|' "$TMP/off/safety.lua"
expect_in "$TMP/off/safety.lua" "align_periods = false,"
expect_exit 0 -- "$ASSAY" run "$TMP/off" "$PCC" --format markdown --out "$TMP/off.md"
expect_in "$TMP/off.md" "| Indicator | 12 months to June 2022 | 12 months to Sept 2022 | 12 months to June 2023 |"
expect_not_in "$TMP/off.md" "data: each figure on a row marked"
# A wrong value is an error at its line.
sed -i 's|align_periods = false,|align_periods = "no",|' "$TMP/off/safety.lua"
expect_exit 2 -- "$ASSAY" run "$TMP/off" "$PCC"
expect_in "$TMP/err" "safety.lua:"
expect_in "$TMP/err" "field 'align_periods' must be true or false, got"

# Financial beside calendar years: offset by 9 months (under 12), lined up under the majority's
# (financial) years; a quarterly row beside annual ones is not an offset base and stays as it is.
mkdir -p "$TMP/fy/rules" "$TMP/fy/data"
cat >"$TMP/fy/rules/pack.lua" <<'LUA'
pack "fy" { title = "Years" }
group "mixed" { title = "Mixed years", indicators = { "a", "b", "c" } }
LUA
cat >"$TMP/fy/data/observations.csv" <<'CSV'
indicator,period,value,title
a,2022/23,10,Alpha
a,2023/24,11,Alpha
b,2022/23,20,Beta
b,2023/24,21,Beta
c,2022,30,Gamma
c,2023,31,Gamma
CSV
expect_exit 0 -- "$ASSAY" run "$TMP/fy/rules" "$TMP/fy/data/observations.csv" --format markdown --out "$TMP/fy.md"
expect_in "$TMP/fy.md" "| Indicator | 2022/23 | 2023/24 |"
expect_in "$TMP/fy.md" "| Gamma* | 30 | 31 |"
expect_in "$TMP/fy.md" "\\* 2023 data: each figure on a row marked * is for the period 3 months before its column's (2022, 2023)."
sed -i 's|"a", "b", "c"|"a", "b", "c", "d"|' "$TMP/fy/rules/pack.lua"
printf 'd,2023 Q3,40,Delta\nd,2023 Q4,41,Delta\n' >>"$TMP/fy/data/observations.csv"
expect_exit 0 -- "$ASSAY" run "$TMP/fy/rules" "$TMP/fy/data/observations.csv" --format markdown --out "$TMP/q.md"
expect_not_in "$TMP/q.md" "| Gamma* |"
expect_not_in "$TMP/q.md" "data: each figure on a row marked"
# A calendar base more than a spacing behind (2021 and 2022 beside 2022/23 and 2023/24: 15 months
# between the latest periods) is not lined up: a figure would sit a year from its own period.
sed -i -e 's/^c,2022,30,Gamma$/c,2021,30,Gamma/' -e 's/^c,2023,31,Gamma$/c,2022,31,Gamma/' -e '/^d,/d' "$TMP/fy/data/observations.csv"
sed -i 's|"a", "b", "c", "d"|"a", "b", "c"|' "$TMP/fy/rules/pack.lua"
expect_in "$TMP/fy/data/observations.csv" "c,2021,30,Gamma"
expect_exit 0 -- "$ASSAY" run "$TMP/fy/rules" "$TMP/fy/data/observations.csv" --format markdown --out "$TMP/behind.md"
expect_in "$TMP/behind.md" "| Gamma | 30 |"
expect_not_in "$TMP/behind.md" "data: each figure on a row marked"
finish
