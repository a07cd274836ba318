#!/usr/bin/env bash
# The workbook's Report sheet is a committee paper: A4 landscape, one page
# wide (any height), the title and "As at" rows repeated on every page,
# margins and page numbers in the footer, each table as the seed prints it
# (seed 000: the serious violence table's three Sept columns, the NHS rows
# marked * with the June footnote); the full data on the Data sheet beside
# it. Read from the XML inside the .xlsx with /usr/bin/python3 (zipfile,
# openpyxl); then, when LibreOffice is installed, printed to PDF: every page
# landscape A4 and the PCC tables on few pages. Skipped (77) without openpyxl
# outside CI; the PDF step is skipped, visibly, without LibreOffice.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
PCC_RULES=$SRC/rules/pcc2024q2
PCC=$SRC/datasets/pcc2024q2
SEED=$SRC/tests/fidelity/pcc2024q2_seed.txt

expect_exit 0 -- "$ASSAY" run "$PCC_RULES" "$PCC" --format xlsx --out "$TMP/pcc.xlsx"
expect_exit 0 -- "$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --format xlsx --out "$TMP/lsp.xlsx"
# The title the seed prints on its first page.
flat_seed=$(tr -s ' \n' '  ' <"$SEED")
checks=$((checks + 1))
case "$flat_seed" in *"Police and Crime Plan Delivery Performance Summary 2024-2025 Quarter 2"*) ;; *) fail "the seed's title" ;; esac

# The print set-up as the XML holds it, without openpyxl.
checks=$((checks + 1))
"$PY" - "$TMP/pcc.xlsx" <<'EOF2' || fail "the Report sheet's page set-up in the XML"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
book = z.read("xl/workbook.xml").decode()
sheets = re.findall(r'<sheet name="([^"]+)"', book)
assert sheets[:2] == ["Report", "Data"], sheets
xml = z.read("xl/worksheets/sheet1.xml").decode()
setup = re.search(r"<pageSetup [^>]*/>", xml).group(0)
assert 'orientation="landscape"' in setup and 'paperSize="9"' in setup, setup
assert 'fitToHeight="0"' in setup, setup          # any height
assert 'fitToWidth' not in setup or 'fitToWidth="1"' in setup, setup  # one page wide (1 is the default)
assert '<pageSetUpPr fitToPage="1"/>' in xml
margins = re.search(r"<pageMargins [^>]*/>", xml).group(0)
assert 'left="0.4"' in margins and 'top="0.6"' in margins, margins
assert "Page &amp;P of &amp;N" in xml, "page numbers in the footer"
titles = re.search(r'<definedName name="_xlnm.Print_Titles" localSheetId="0">([^<]*)</definedName>', book)
assert titles and titles.group(1) == "Report!$1:$2", titles and titles.group(1)
EOF2

if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
    [ -n "${CI:-}" ] && { echo "FAIL: python3-openpyxl is missing in CI"; exit 1; }
    finish >/dev/null || exit 1
    echo "SKIPPED: python3-openpyxl is not installed (apt-get install python3-openpyxl)"
    exit 77
fi
checks=$((checks + 1))
"$PY" - "$TMP/pcc.xlsx" "$TMP/lsp.xlsx" <<'EOF2' || fail "the Report sheet's tables"
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Report"]
assert ws["A1"].value == "Police and Crime Plan Delivery Performance Summary 2024-2025 Quarter 2", ws["A1"].value
assert ws["A2"].value == "As at 12 months to Sept 2024", ws["A2"].value
assert ws.print_title_rows == "$1:$2", ws.print_title_rows
assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
rows = [[c.value for c in r] for r in ws.iter_rows()]
at = next(i for i, r in enumerate(rows) if r[0] == "Prevent, reduce and tackle serious violence (assessment: GREEN)"
          or (r[0] or "").startswith("Prevent, reduce and tackle serious violence"))
header = rows[at + 1]
periods = [h for h in header if isinstance(h, str) and h.startswith("12 months")]
assert periods == ["12 months to Sept 2022", "12 months to Sept 2023", "12 months to Sept 2024"], header
body = {r[0]: r for r in rows[at + 2: at + 9]}
# The seed's figures, as numbers under the three columns (seed 000).
seed = {
    "Homicides": [8, 12, 11],
    "NHS Sharps admission – all ages*": [100, 65, 90],
    "NHS sharps admissions – under 25 years*": [30, 20, 15],
    "Serious violence offences – all ages – police recorded": [1843, 1997, 1821],
    "Serious violence offences – youth related – police recorded": [626, 648, 521],
    "Knife/sharps enabled serious violence offences – all ages – police recorded": [822, 896, 820],
    "Knife/sharps enabled serious violence offences – youth related – police recorded": [313, 342, 257],
}
for title, figures in seed.items():
    assert title in body, (title, list(body))
    assert body[title][1:4] == figures, (title, body[title][1:4])
note = rows[at + 9][0]
assert note.startswith("* 12 months to June 2024 data"), note
# Every figure on the Data sheet is still under its own period.
data = wb["Data"]
head = [c.value for c in data[1]]
assert "12 months to June 2024" in head and "12 months to Sept 2024" in head, head
# LSP: the Report sheet's tables carry their own period headers.
lsp = openpyxl.load_workbook(sys.argv[2])["Report"]
lrows = [[c.value for c in r] for r in lsp.iter_rows()]
assert any(r[:6] == ["Indicator", "2002/03", "2003/04", "2004/05", "2005/06", "2006/07"] for r in lrows), lrows[:8]
EOF2

# Printed by LibreOffice, the Report sheet alone: A4 landscape pages, few of them.
if ! command -v soffice >/dev/null; then
    echo "SKIPPED (PDF step): LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"
    finish
    exit $?
fi
for name in pcc lsp; do
    "$PY" - "$TMP/$name.xlsx" "$TMP/$name-report.xlsx" <<'EOF2'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for n in wb.sheetnames[1:]:
    del wb[n]
wb.save(sys.argv[2])
EOF2
    HOME=$TMP/home soffice --headless --convert-to pdf --outdir "$TMP" "$TMP/$name-report.xlsx" >/dev/null 2>&1
    checks=$((checks + 1))
    "$PY" - "$TMP/$name-report.pdf" "$name" <<'EOF2' || fail "$name: the printed Report sheet"
import re, sys
pdf = open(sys.argv[1], "rb").read()
boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
assert boxes, "no pages"
for w, h in boxes:
    w, h = float(w), float(h)
    assert abs(w - 841.89) < 1 and abs(h - 595.3) < 1, (w, h)  # A4 landscape, in points
pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
print(f"{sys.argv[2]}: {pages} pages", file=sys.stderr)
limit = {"pcc": 2, "lsp": 4}[sys.argv[2]]  # at a legible scale, not ~40 %
assert 1 <= pages <= limit, pages
EOF2
done
finish
