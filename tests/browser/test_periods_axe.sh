#!/usr/bin/env bash
# The report of every period in one page (`assay run --periods all --format
# html`) of every bundled pack: axe-core finds no accessibility violation of
# any impact there either, with a section per period.
. "$(dirname "$0")/lib.sh"
need_node

pages=()
while read -r name pack data; do
    "$ASSAY" run "$pack" "$data" --periods all --format html --out "$TMP/$name-periods.html" 2>"$TMP/$name.err"
    [ $? -le 1 ] || { echo "FAIL: assay run $name --periods all --format html: $(head -c 600 "$TMP/$name.err")"; exit 1; }
    pages+=("$TMP/$name-periods.html")
done < <(bundled_packs)
[ ${#pages[@]} -ge 4 ] || { echo "FAIL: expected the four bundled packs, found ${#pages[@]}"; exit 1; }
node "$HERE/axe_only.cjs" "${pages[@]}"
