#!/usr/bin/env bash
# Datasets given as .xlsx workbooks (made here from CSV files by
# libxlsxwriter, tests/tools/csv_to_xlsx.cpp): the council fixture as a
# workbook gives the report its CSV folder gives; an officer's sheet as it
# is; errors at book.xlsx!Sheet!Cell; a file that is not a workbook refused.
. "$(dirname "$0")/lib.sh"
: "${CSV_TO_XLSX:?CSV_TO_XLSX must point at the built csv_to_xlsx tool}"
PACK=$SRC/tests/council/pack
DATA=$SRC/tests/council/data

# The fixture's folder as a workbook: an indicators sheet, an observations sheet.
mkdir -p "$TMP/book"  # named as the folder is, so that the reports name the same dataset
"$CSV_TO_XLSX" "$TMP/book/data.xlsx" indicators="$DATA/indicators.csv" observations="$DATA/observations.csv" ||
    fail "csv_to_xlsx failed"
expect_exit 0 -- "$ASSAY" check "$PACK" --data "$TMP/book/data.xlsx"
expect_in "$TMP/out" "0 errors"
for f in csv jsonl markdown; do
    expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format $f --out "$TMP/folder.$f"
    expect_exit 0 -- "$ASSAY" run "$PACK" "$TMP/book/data.xlsx" --format $f --out "$TMP/book.$f"
    checks=$((checks + 1))
    cmp -s "$TMP/folder.$f" "$TMP/book.$f" || fail "$f: the workbook's report differs from the folder's"
done
# As tests/council/README.md works out by hand: PAM/012 RED as at 2025/26 Q2.
grep -F "corporate,PAM/012," "$TMP/book.csv" | grep -qF ",improved,RED," || fail "PAM/012 is not improved, RED"

# An officer's sheet as it is: one row per indicator and quarter, a target per year, no area.
cat >"$TMP/kpis.csv" <<'CSV'
Indicator,Quarter,Value,Target,Polarity
homeless,2025/26 Q1,40,50,higher
homeless,2025/26 Q2,43,50,higher
CSV
"$CSV_TO_XLSX" "$TMP/kpis.xlsx" "KPIs=$TMP/kpis.csv" || fail "csv_to_xlsx failed"
cat >"$TMP/pack.lua" <<'LUA'
pack "kpis" { title = "KPIs", version = "1" }
scale "rag" { { "RED" }, { "AMBER" }, { "GREEN" } }
group "kpis" {
  arrow = arrow.last_two { },
  scale = "rag",
  rating = first { { met, GREEN }, { distance_within(pct(10)), AMBER }, { otherwise, RED } },
  indicators = { "homeless" },
}
target "t" { indicator = "homeless", value = 50 }
LUA
mkdir -p "$TMP/pack" && mv "$TMP/pack.lua" "$TMP/pack/pack.lua"
expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/kpis.xlsx" --format csv
# 43 against 40: improved; 7 short of 50 = 14 % -> RED.
expect_in "$TMP/out" "kpis,homeless,All,homeless,2025/26 Q2,43,2025/26 Q1,40,3,7.5,improved,RED"

# Errors name the workbook, the sheet and the cell, every problem at once.
printf 'Indicator,Qaurter,Value\nhomeless,2025/26 Q1,lots\n' >"$TMP/bad.csv"
"$CSV_TO_XLSX" "$TMP/bad.xlsx" "Q data=$TMP/bad.csv" || fail "csv_to_xlsx failed"
expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$TMP/bad.xlsx"
expect_in "$TMP/err" "bad.xlsx!'Q data'!B1: unknown column \"Qaurter\" (did you mean \"quarter\"?)"
expect_in "$TMP/err" "missing required column \"period\""
printf 'Indicator,Quarter,Value\nhomeless,2025/26 Q1,lots\nhomeless,2025/26 Q9,4\n' >"$TMP/bad.csv"
"$CSV_TO_XLSX" "$TMP/bad.xlsx" "Data=$TMP/bad.csv" || fail "csv_to_xlsx failed"
expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$TMP/bad.xlsx"
expect_in "$TMP/err" "bad.xlsx!Data!C2: value: cannot read \"lots\""
expect_in "$TMP/err" "bad.xlsx!Data!B3"
expect_in "$TMP/err" "bad.xlsx!Data: 2 problems"

# Not a workbook at all.
printf 'indicator,area,period,value\n' >"$TMP/fake.xlsx"
expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$TMP/fake.xlsx"
expect_in "$TMP/err" "fake.xlsx: not an .xlsx workbook"

finish
