#!/usr/bin/env bash
# assay run --format xlsx: the LSP 2007 workbook opened again with openpyxl
# (Debian's python3-openpyxl): cells, types, number formats, fills, the
# icon set, the notes sheet and the print set-up. Skipped (77) without
# openpyxl outside CI; .ci/run installs it.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/rules/lsp2007
DATA=$SRC/datasets/lsp2007
PY=/usr/bin/python3

expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format xlsx --out "$TMP/lsp.xlsx"
checks=$((checks + 1)); head -c 4 "$TMP/lsp.xlsx" | grep -q "PK" || fail "not a zip file"
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format xlsx --out "$TMP/again.xlsx"
checks=$((checks + 1)); cmp -s "$TMP/lsp.xlsx" "$TMP/again.xlsx" || fail "two XLSX runs differ"
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --as-at 2005/06 --format json --out "$TMP/2006.json"
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format xlsx --compare "$TMP/2006.json" --out "$TMP/moved.xlsx"

if ! [ -x "$PY" ] || ! "$PY" -c 'import openpyxl' 2>/dev/null; then
    [ -n "${CI:-}" ] && { echo "FAIL: python3-openpyxl is missing in CI"; exit 1; }
    finish >/dev/null || exit 1
    echo "SKIPPED: python3-openpyxl is not installed (apt-get install python3-openpyxl)"
    exit 77
fi

checks=$((checks + 1))
"$PY" - "$TMP/lsp.xlsx" "$TMP/moved.xlsx" <<'EOF' || fail "openpyxl checks failed"
import sys
import openpyxl

failed = 0
def check(ok, what):
    global failed
    if not ok:
        failed += 1
        print("FAIL:", what, file=sys.stderr)

wb = openpyxl.load_workbook(sys.argv[1])
check(wb.sheetnames[:4] == ["Report", "Data", "Summary", "Notes"], f"sheets {wb.sheetnames}")
ws = wb["Data"]
header = [c.value for c in ws[1]]
col = {name: i + 1 for i, name in enumerate(header)}
# LSP's targets and ratings are the pack's (the dataset publishes neither for them): marked with a dagger.
for name in ["Target", "Rating"]:
    check(name + " \u2020" in col, f"column {name} marked \u2020: {header}")
    col[name] = col.get(name + " \u2020", 0)
check("\u2020 Targets and ratings are set by the rule pack lsp2007" in (ws.oddFooter.left.text or ""),
      f"the dagger's footnote in the footer: {ws.oddFooter.left.text!r}")
for name in ["Theme", "Table", "Indicator", "Area", "2003/04", "2006/07", "Target", "Distance from target (%)",
             "Trend", "Direction of travel", "Rating", "Comments"]:
    check(name in col, f"column {name}")
check(ws.freeze_panes == "D2", f"frozen panes {ws.freeze_panes}")
check(ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9", "A4 landscape")
check(ws.print_title_rows == "$1:$1", f"header row repeated: {ws.print_title_rows}")
check(not ws.merged_cells.ranges, "no merged cells")

rows = {}
for r in range(2, ws.max_row + 1):
    rows.setdefault((ws.cell(r, col["Table"]).value, ws.cell(r, col["Indicator"]).value), r)
r = rows[("Progress against PSA1 Targets", "Theft of Vehicle")]
cell = ws.cell(r, col["2006/07"])
check(cell.value == 547 and cell.data_type == "n" and cell.number_format == "0", f"547 as a number: {cell.value!r} {cell.number_format}")
check(ws.cell(r, col["2002/03"]).value == "N/A", "a missing figure is N/A")
check(ws.cell(r, col["2002/03"]).comment is not None, "a missing figure has its reason as a comment")
check(abs(ws.cell(r, col["Target"]).value - 848.925) < 1e-9, "the target as a number")
check(ws.cell(r, col["Distance from target (%)"]).number_format == "0.0%", "distance % format")
check(ws.cell(r, col["Trend"]).value == 1, "improved is 1 in the icon column")
check(ws.cell(r, col["Direction of travel"]).value == "Improved", "the arrow's word")
rating = ws.cell(r, col["Rating"])
check(rating.value == "GREEN" and rating.data_type == "s", "rating as text")
check(rating.fill.fill_type == "solid" and rating.fill.fgColor.rgb.upper().endswith("C7E0D4"), f"GREEN fill {rating.fill.fgColor.rgb}")
red = ws.cell(rows[("Progress against PSA1 Targets", "Criminal Damage")], col["Rating"])
check(red.value == "RED" and red.fill.fgColor.rgb != rating.fill.fgColor.rgb, "RED has its own fill")
# Wrapped text gets its height: Criminal Damage's commentary and action (seed 004) run to
# hundreds of characters in a column 60 wide, so several 15-point lines; a row with short
# text keeps the default height.
cd_row = rows[("Progress against PSA1 Targets", "Criminal Damage")]
action = ws.cell(cd_row, col["Commentary and corrective action"]).value or ""
check(len(action) > 300, f"Criminal Damage's recorded action: {len(action)} characters")
height = ws.row_dimensions[cd_row].height
check(height is not None and height >= 15 * (len(action) // 60), f"the row is as tall as its wrapped text: {height}")
check(ws.row_dimensions[r].height is None or ws.row_dimensions[r].height <= 30, "a short row keeps its height")
pct = ws.cell(rows[("Progress against Drugs Targets", "The percentage retained in treatment for 12 weeks or more")], col["2006/07"])
check(abs(pct.value - 0.77) < 1e-12 and pct.number_format == "0%", f"77% stored as 0.77 with 0%: {pct.value} {pct.number_format}")
gap = ws.cell(rows[("Narrowing the gap – deprived neighbourhoods and Borough", "Theft of Vehicle")], col["2006/07"])
check(abs(gap.value + 2.2) < 1e-12 and gap.number_format == "+0.0;-0.0;0.0", f"-2.2 with 1 dp: {gap.value} {gap.number_format}")
icon_rules = [rule for cf in ws.conditional_formatting for rule in cf.rules if rule.type == "iconSet"]
check(icon_rules and icon_rules[0].iconSet.iconSet == "3Arrows", "an icon set of arrows")
check(ws.max_row - 1 == sum(1 for _ in rows.values()) or ws.max_row > 30, "one row per outcome")

notes = wb["Notes"]
sections = {(row[0], row[1]) for row in notes.iter_rows(min_row=2, values_only=True)}
for key in [("Key: ratings of indicators", "RED"), ("Key: directional arrows", "▲ Improved"),
            ("Source", "Theft of Vehicle"), ("Run", "As at")]:
    check(any(s == key[0] or (s or "").startswith(key[0]) for s, i in sections if i == key[1]), f"notes {key}")
check(any(s == "Missing figure" for s, _ in sections), "footnotes for missing figures")

summary = wb["Summary"]
head = [c.value for c in summary[1]]
total = [row for row in summary.iter_rows(min_row=2, values_only=True) if row[1] == "All indicators"][0]
check(total[head.index("Indicators")] == 33 and total[head.index("Rating")] == "AMBER GREEN", f"theme total {total}")

moved = openpyxl.load_workbook(sys.argv[2])
mh = [c.value for c in moved["Summary"][1]]
check("Rating at 2005/06" in mh and "GREEN: change since 2005/06" in mh, f"changes since 2005/06: {mh}")
mt = [row for row in moved["Summary"].iter_rows(min_row=2, values_only=True) if row[1] == "All indicators"][0]
check(mt[mh.index("Rating at 2005/06")] == "AMBER RED", "the 2006 theme rating")
check("Rating at 2005/06" in [c.value for c in moved["Data"][1]], "the earlier rating per indicator")
sys.exit(1 if failed else 0)
EOF
# The PCC Q2 workbook: the seed's change columns as numbers, formatted as
# the seed prints them ("-8,486", "-6.9%", "+1.5pts"), and "-" as text for a
# rate's % change.
expect_exit 0 -- "$ASSAY" run "$SRC/rules/pcc2024q2" "$SRC/datasets/pcc2024q2" --format xlsx --out "$TMP/pcc.xlsx"
checks=$((checks + 1))
"$PY" - "$TMP/pcc.xlsx" <<'EOF' || fail "openpyxl checks of the change columns failed"
import sys
import openpyxl

failed = 0
def check(ok, what):
    global failed
    if not ok:
        failed += 1
        print("FAIL:", what, file=sys.stderr)

ws = openpyxl.load_workbook(sys.argv[1])["Data"]
col = {c.value: c.column for c in ws[1]}
check("Change" in col and "% change" in col, f"change columns: {list(col)}")
rows = {ws.cell(r, col["Indicator"]).value: r for r in range(2, ws.max_row + 1)}
r = rows["Number of 999 calls received"]
v = ws.cell(r, col["Change"])
check(v.value == -8486 and v.number_format == "#,##0", f"-8,486: {v.value} {v.number_format}")
p = ws.cell(r, col["% change"])
check(abs(p.value + 0.069) < 1e-12 and p.number_format == "0.0%", f"-6.9%: {p.value} {p.number_format}")
r = rows["% 999 calls answered within 10 seconds"]
v = ws.cell(r, col["Change"])
check(abs(v.value - 1.5) < 1e-9 and v.number_format == '+0.0"pts";-0.0"pts";0.0"pts"', f"+1.5pts: {v.value} {v.number_format}")
check(ws.cell(r, col["% change"]).value == "-", "a rate's % change is the seed's -")
sys.exit(1 if failed else 0)
EOF
finish
