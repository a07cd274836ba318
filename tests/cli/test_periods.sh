#!/usr/bin/env bash
# assay run --periods: every period in one run, in every format. The council
# fixture's figures (tests/council/) give the expected ratings and arrows,
# worked out by hand below; each period's rows must also equal a run
# --as-at that period.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/tests/council/pack
DATA=$SRC/tests/council/data
PERIODS=("2024/25 Q1" "2024/25 Q2" "2024/25 Q3" "2024/25 Q4" "2025/26 Q1" "2025/26 Q2")

expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --periods all --format csv --out "$TMP/all.csv"
expect_in "$TMP/all.csv" "as_at,group,indicator,area,title,period,value"
checks=$((checks + 1))
[ "$(wc -l <"$TMP/all.csv")" -eq 25 ] || fail "csv: expected a header and 6 periods x 4 indicators, got $(wc -l <"$TMP/all.csv") lines"

# By hand: 1.1.2.PI (higher is better, target 72 in 2024/25): 70.0 is 2/72 = 2.8 % short -> GREEN, no
# previous quarter; 71.0 improved, 69.5 declined (3.5 % short: GREEN), 72.4 met. PAM/012 (target 48):
# 41 is 7/48 = 14.6 % short -> RED; 40 declined, 8/48 = 16.7 % short -> RED.
row() { grep -F "$1,corporate,$2," "$TMP/all.csv"; }
checks=$((checks + 1))
row "2024/25 Q1" "1.1.2.PI" | grep -qF ",70,,,,,,GREEN," || fail "2024/25 Q1 1.1.2.PI: $(row "2024/25 Q1" "1.1.2.PI")"
checks=$((checks + 1))
row "2024/25 Q2" "1.1.2.PI" | grep -qF ",improved,GREEN," || fail "2024/25 Q2 1.1.2.PI: $(row "2024/25 Q2" "1.1.2.PI")"
checks=$((checks + 1))
row "2024/25 Q3" "1.1.2.PI" | grep -qF ",declined,GREEN," || fail "2024/25 Q3 1.1.2.PI: $(row "2024/25 Q3" "1.1.2.PI")"
checks=$((checks + 1))
row "2024/25 Q1" "PAM/012" | grep -qF ",RED," || fail "2024/25 Q1 PAM/012: $(row "2024/25 Q1" "PAM/012")"
checks=$((checks + 1))
row "2024/25 Q2" "PAM/012" | grep -qF ",declined,RED," || fail "2024/25 Q2 PAM/012: $(row "2024/25 Q2" "PAM/012")"
# As at the latest quarter, as tests/council/README.md works out: PAM/012 RED, NI 195 AMBER.
checks=$((checks + 1))
row "2025/26 Q2" "PAM/012" | grep -qF ",improved,RED," || fail "2025/26 Q2 PAM/012: $(row "2025/26 Q2" "PAM/012")"
checks=$((checks + 1))
row "2025/26 Q2" "NI 195" | grep -qF ",improved,AMBER," || fail "2025/26 Q2 NI 195: $(row "2025/26 Q2" "NI 195")"

# Each period's rows are those of a run --as-at that period, with as_at first.
for p in "${PERIODS[@]}"; do
    expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --as-at "$p" --format csv --out "$TMP/one.csv"
    tail -n +2 "$TMP/one.csv" | sed "s|^|$p,|" >"$TMP/want.csv"
    grep -F "$p,corporate," "$TMP/all.csv" >"$TMP/got.csv"
    checks=$((checks + 1))
    cmp -s "$TMP/want.csv" "$TMP/got.csv" || fail "--periods all, $p: not the rows of --as-at $p"
done

# FROM..TO, both ends included; either end may be left out.
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --periods "2024/25 Q3..2024/25 Q4" --format csv
checks=$((checks + 1))
[ "$(tail -n +2 "$TMP/out" | cut -d, -f1 | sort -u | tr '\n' ';')" = "2024/25 Q3;2024/25 Q4;" ] ||
    fail "FROM..TO: periods $(tail -n +2 "$TMP/out" | cut -d, -f1 | sort -u | tr '\n' ';')"
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --periods "2025/26 Q1.." --format csv
checks=$((checks + 1))
[ "$(tail -n +2 "$TMP/out" | wc -l)" -eq 8 ] || fail "FROM..: expected 8 rows"

# Every other format: each period once, as_at on every JSON line.
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --periods all --format jsonl --out "$TMP/all.jsonl"
checks=$((checks + 1))
[ "$(grep -c '^{"as_at":"20' "$TMP/all.jsonl")" -eq 24 ] || fail "jsonl: not 24 lines starting with as_at"
expect_in "$TMP/all.jsonl" '{"as_at":"2024/25 Q2",'
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --periods all --format json --out "$TMP/all.json"
expect_in "$TMP/all.json" '"periods": ['
for f in terminal markdown html; do
    expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --periods all --format $f --out "$TMP/all.$f"
done
for p in "${PERIODS[@]}"; do
    expect_in "$TMP/all.terminal" "As at $p ·"
    expect_in "$TMP/all.markdown" "As at **$p**"
    expect_in "$TMP/all.html" "as at $p"
done
expect_in "$TMP/all.html" '<a href="#as-at-6">2025/26 Q2</a>'
expect_in "$TMP/all.html" '<section id="as-at-6" aria-label="As at 2025/26 Q2">'
if command -v python3 >/dev/null; then
    checks=$((checks + 1))
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [r["run"]["as_at"] for r in d["periods"]] == sys.argv[2:]' \
        "$TMP/all.json" "${PERIODS[@]}" || fail "json: periods are not the six records in order"
fi

# A named arrow gets a CSV column of its own: against the same quarter a year before.
mkdir -p "$TMP/pack"
sed 's|  arrow = arrow.last_two { },|&\n  long_arrow = arrow.periods_back(4, { }),|' "$PACK/pack.lua" >"$TMP/pack/pack.lua"
expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$DATA" --periods all --format csv --out "$TMP/long.csv"
checks=$((checks + 1))
head -1 "$TMP/long.csv" | grep -q ',comment,commentary,action,owner,due,arrow_long$' || fail "csv: no arrow_long column: $(head -1 "$TMP/long.csv")"
# 1.1.2.PI: 73.0 against 70.0 a year before improved; 70.3 against 71.0 declined; none before a year of data.
checks=$((checks + 1))
grep -F "2025/26 Q1,corporate,1.1.2.PI," "$TMP/long.csv" | grep -q ',improved$' || fail "arrow_long 2025/26 Q1"
checks=$((checks + 1))
grep -F "2025/26 Q2,corporate,1.1.2.PI," "$TMP/long.csv" | grep -q ',declined$' || fail "arrow_long 2025/26 Q2"
checks=$((checks + 1))
grep -F "2024/25 Q4,corporate,1.1.2.PI," "$TMP/long.csv" | grep -q ',$' || fail "arrow_long 2024/25 Q4 is not empty"
expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$DATA" --format csv
expect_in "$TMP/out" ",comment,commentary,action,owner,due,arrow_long"

# Periods the data does not hold, and options that name one period.
expect_exit 2 -- "$ASSAY" run "$PACK" "$DATA" --periods "2024/25 Q7..2025/26 Q1"
expect_in "$TMP/err" 'no period "2024/25 Q7"'
expect_in "$TMP/err" 'did you mean'
expect_in "$TMP/err" "its periods run 2024/25 Q1 to 2025/26 Q2"
expect_exit 2 -- "$ASSAY" run "$PACK" "$DATA" --periods "2025/26 Q2..2024/25 Q1"
expect_in "$TMP/err" "2025/26 Q2 comes after 2024/25 Q1"
expect_exit 2 -- "$ASSAY" run "$PACK" "$DATA" --periods latest
expect_in "$TMP/err" "expected all, or FROM..TO"
expect_exit 2 -- "$ASSAY" run "$PACK" "$DATA" --periods all --as-at "2024/25 Q1"
expect_in "$TMP/err" "does not go with --as-at"

# A workbook: a Periods sheet (a row per indicator, area and period, "As at"
# first), then the latest period's own sheets. Read back with openpyxl; the
# expected figures are those worked out by hand above.
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --periods all --format xlsx --out "$TMP/all.xlsx"
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --periods all --format xlsx --out "$TMP/again.xlsx"
checks=$((checks + 1))
cmp -s "$TMP/all.xlsx" "$TMP/again.xlsx" || fail "xlsx: two --periods workbooks differ"
if ! /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    [ -n "${CI:-}" ] && { echo "FAIL: python3-openpyxl is missing in CI"; exit 1; }
    finish >/dev/null || exit 1
    echo "SKIPPED: the Periods sheet is not read back: python3-openpyxl is not installed (apt-get install python3-openpyxl)"
    exit 77
fi
checks=$((checks + 1))
/usr/bin/python3 - "$TMP/all.xlsx" "${PERIODS[@]}" <<'EOF2' || fail "xlsx: the Periods sheet is not as expected"
import sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
periods = sys.argv[2:]
assert wb.sheetnames[:5] == ["Periods", "Report", "Data", "Summary", "Notes"], wb.sheetnames
ws = wb["Periods"]
header = [c.value for c in ws[1]]
assert header[0] == "As at", header
col = {name: i for i, name in enumerate(header)}
rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
assert len(rows) == 24, f"{len(rows)} rows: 6 periods x 4 indicators expected"
assert [r[0] for r in rows[::4]] == periods, [r[0] for r in rows[::4]]
assert ws.auto_filter.ref == "A1:P25", ws.auto_filter.ref
by = {(r[col["As at"]], r[col["Indicator"]]): r for r in rows}
r = by[("2024/25 Q1", "1.1.2.PI")]
assert abs(r[col["Value"]] - 0.70) < 1e-12 and r[col["Rating"]] == "GREEN" and r[col["Previous value"]] is None, r
r = by[("2024/25 Q2", "1.1.2.PI")]  # 71.0 after 70.0: 1 point, 1/70 = 1.43 %, better
assert r[col["Previous period"]] == "2024/25 Q1" and r[col["Change"]] == 1, r
assert abs(r[col["% change"]] - 1 / 70) < 1e-6 and r[col["Arrow"]] == "Better", r
r = by[("2024/25 Q1", "PAM/012")]  # 41 against 48: 7 short, RED
assert r[col["Rating"]] == "RED" and abs(r[col["Target"]] - 0.48) < 1e-12 and r[col["Distance from target"]] == 7, r
r = by[("2025/26 Q2", "NI 195")]
assert r[col["Rating"]] == "AMBER" and r[col["Arrow"]] == "Better", r
assert by[("2025/26 Q2", "PAM/012")][col["Rating"]] == "RED"
EOF2

finish
