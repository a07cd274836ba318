#!/usr/bin/env bash
# The HTML report of every bundled pack in headless Chromium: DOM, labels,
# charts and an axe-core accessibility check at every impact (report.cjs),
# variant packs (lsp2007-significance) on their dataset too; keeps a
# screenshot of the LSP 2007 report in $BUILD/test-artefacts/.
. "$(dirname "$0")/lib.sh"
need_node

: >"$TMP/list"
while read -r name pack data; do
    "$ASSAY" run "$pack" "$data" --format html --out "$TMP/$name.html" 2>"$TMP/$name.err"
    [ $? -le 1 ] || { echo "FAIL: assay run $name --format html: $(head -c 600 "$TMP/$name.err")"; exit 1; }
    "$ASSAY" run "$pack" "$data" --format json --out "$TMP/$name.json" 2>/dev/null
    echo "$name $TMP/$name.html $TMP/$name.json" >>"$TMP/list"
done < <(bundled_packs
          # A variant pack on the dataset it is named after (lsp2007-significance on lsp2007).
          for p in "$SRC"/rules/*-*/pack.lua; do
              n=$(basename "$(dirname "$p")")
              [ ! -e "$SRC/datasets/$n" ] && [ -e "$SRC/datasets/${n%%-*}" ] && echo "$n $SRC/rules/$n $SRC/datasets/${n%%-*}"
          done)
grep -q '^lsp2007 ' "$TMP/list" || { echo "FAIL: the LSP 2007 pack is not bundled"; exit 1; }
cp "$TMP/lsp2007.html" "$ARTEFACTS/lsp2007.html"

node "$HERE/report.cjs" "$TMP/list" "$ARTEFACTS"
