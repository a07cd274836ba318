#!/usr/bin/env bash
# The LSP 2007 report printed by headless Chromium is a clean A4 landscape
# paper (print.cjs checks it); the PDF is kept in $BUILD/test-artefacts/.
. "$(dirname "$0")/lib.sh"
need_node
for tool in pdfinfo pdftotext pdftoppm; do
    command -v "$tool" >/dev/null || skip "$tool is not installed (apt-get install poppler-utils)"
done

"$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --format html --out "$TMP/lsp2007.html" || exit 1
"$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --format json --out "$TMP/lsp2007.json" || exit 1
rm -f "$ARTEFACTS/lsp2007.pdf"
timeout 120 "$CHROMIUM" "${chromium_flags[@]}" --no-pdf-header-footer --print-to-pdf="$ARTEFACTS/lsp2007.pdf" \
    "file://$TMP/lsp2007.html" >"$TMP/chromium.log" 2>&1
[ -s "$ARTEFACTS/lsp2007.pdf" ] || { echo "FAIL: Chromium printed no PDF: $(tail -c 800 "$TMP/chromium.log")"; exit 1; }

node "$HERE/print.cjs" "$ARTEFACTS/lsp2007.pdf" "$TMP/lsp2007.html" "$TMP/lsp2007.json"
