#!/usr/bin/env bash
# assay run --format html: the LSP 2007 report as one self-contained page,
# --compare with an earlier record, and every bundled pack in every format.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/rules/lsp2007
DATA=$SRC/datasets/lsp2007

expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format html --out "$TMP/lsp.html"
for text in '<!DOCTYPE html>' '<html lang="en-GB">' 'Progress against PSA1 Targets' 'Narrowing the gap' \
            'Theft of Vehicle' '<span class="label">AMBER GREEN</span>' 'Key to assessment of performance' \
            'Corrective action needed' 'role="img"' '@page { size: A4 landscape;' 'print-color-adjust: exact' \
            'N/A: no figure is available for this period.' 'Source: Cleveland Police.'; do
    expect_in "$TMP/lsp.html" "$text"
done
for text in '<script' 'http://' 'https://' '<link' '<img'; do expect_not_in "$TMP/lsp.html" "$text"; done
# One indicator block per outcome of the record.
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format json --out "$TMP/now.json"
checks=$((checks + 1))
outcomes=$(grep -c '"unit": ' "$TMP/now.json")  # only outcomes have a unit
blocks=$(grep -o '<tbody class="indicator"' "$TMP/lsp.html" | wc -l)
[ "$outcomes" -eq "$blocks" ] && [ "$blocks" -gt 30 ] || fail "$blocks indicator blocks for $outcomes outcomes"
# Byte-identical across runs and locales.
LC_ALL=C.UTF-8 TZ=Asia/Tokyo "$ASSAY" run "$PACK" "$DATA" --format html --out "$TMP/again.html"
checks=$((checks + 1)); cmp -s "$TMP/lsp.html" "$TMP/again.html" || fail "two HTML runs differ"

# --compare: the 2006 assessment (AMBER RED) against the 2007 one (AMBER GREEN).
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --as-at 2005/06 --format json --out "$TMP/2006.json"
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format html --compare "$TMP/2006.json" --out "$TMP/moved.html"
for text in 'Ratings that changed since 2005/06' '2005/06 assessment <span class="tag' \
            'Figures in brackets are the change since the previous report' \
            'class="delta">(+'; do
    expect_in "$TMP/moved.html" "$text"
done
expect_not_in "$TMP/lsp.html" 'Ratings that changed'
# The theme line itself: 2007's AMBER GREEN, with 2006's AMBER RED beside it
# (the key lists every level, so the labels alone would prove nothing).
checks=$((checks + 1))
grep -qE '<p class="group-rating">Assessment: <span class="tag [^"]*">(<svg[^>]*>.*</svg>)?<span class="label">AMBER GREEN</span></span> <span class="was">\(2005/06: <span class="tag [^"]*">(<svg[^>]*>.*</svg>)?<span class="label">AMBER RED</span>' "$TMP/moved.html" \
    || fail "moved.html: the theme line does not read AMBER GREEN (2005/06: AMBER RED)"
checks=$((checks + 1))
grep -qE '<p class="group-rating">Assessment: <span class="tag [^"]*">(<svg[^>]*>.*</svg>)?<span class="label">AMBER GREEN</span></span></p>' "$TMP/lsp.html" \
    || fail "lsp.html: the theme line does not read AMBER GREEN alone"
# A file that is not a record is an input error naming it.
printf '{"not": "a record"}\n' >"$TMP/bad.json"
expect_exit 2 -- "$ASSAY" run "$PACK" "$DATA" --format html --compare "$TMP/bad.json"
expect_in "$TMP/err" "bad.json"
expect_in "$TMP/err" "not an assay run record"
printf '{"assay": {\n  "format": 1,,\n' >"$TMP/broken.json"
expect_exit 2 -- "$ASSAY" run "$PACK" "$DATA" --format html --compare "$TMP/broken.json"
expect_in "$TMP/err" "broken.json:2:"
expect_exit 2 -- "$ASSAY" run "$PACK" "$DATA" --format html --compare "$TMP/missing.json"

# Every bundled pack renders in every format.
for pack in "$SRC"/rules/*/pack.lua; do
    name=$(basename "$(dirname "$pack")")
    [ -e "$SRC/datasets/$name" ] || continue
    for f in terminal json jsonl csv markdown html xlsx; do
        checks=$((checks + 1))
        "$ASSAY" run "$SRC/rules/$name" "$SRC/datasets/$name" --format "$f" --out "$TMP/$name.$f" 2>"$TMP/err"
        code=$?
        [ "$code" -le 1 ] && [ -s "$TMP/$name.$f" ] || fail "$name --format $f exited $code: $(head -c 400 "$TMP/err")"
    done
    expect_in "$TMP/$name.html" '<tbody class="indicator"'
done

expect_exit 0 -- "$ASSAY" run --help
expect_in "$TMP/out" "--compare"
finish
